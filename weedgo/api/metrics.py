"""Operator figures: JSON at /api/v1/metrics, Prometheus text at /metrics."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST

from weedgo.api.deps import ServicesDep
from weedgo.api.health import public_engine

router = APIRouter(tags=["metrics"])


@router.get("/api/v1/metrics")
async def metrics_json(services: ServicesDep) -> dict[str, Any]:
    s = services.settings
    engine = services.engine_health()
    return {
        **services.metrics.snapshot(),
        "cache": services.caches.figures(),
        "queue_depth": services.engine.queue_depth(),
        "pipeline": services.pipeline.name,
        "model": {
            "name": services.engine.model_name,
            "engine": s.engine,
            # the context the engine runs with (positions of one sequence, prompt and
            # reply), not the setting; null when the engine does not say (a remote one)
            "n_ctx": engine.get("n_ctx"),
            "n_ctx_train": engine.get("n_ctx_train"),
            "n_ctx_complex": s.n_ctx_complex,
            "max_tokens": s.max_tokens,
            "n_threads": s.n_threads,
            "temperature": s.temperature,
            "parallel": s.parallel,
            "native": public_engine(engine).get("native"),
        },
    }


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics_prometheus(services: ServicesDep) -> Response:
    native = services.engine_health().get("native")
    body = services.metrics.prometheus_text(services.engine.queue_depth(), native)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
