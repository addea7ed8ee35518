"""Readiness and health: 200 when ready, 503 while loading or when a required part is down."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from weedgo.api.deps import ServicesDep

router = APIRouter(tags=["health"])


@router.get("/health")
async def health(services: ServicesDep) -> JSONResponse:
    engine = services.engine_health()
    # a ping has its own short deadline: a stuck database is reported, not waited on
    database_ok = services.store_open and await services.store.ping()
    database: dict[str, Any] = {
        "status": "ok" if database_ok else "down",
        "backend": services.store.backend,
        "catalog_version": services.pipeline.catalog_version,
    }
    if not services.store_open:
        database["reason"] = services.store_problem
    cache = await services.caches.check_health()
    if engine.get("status") == "loading":
        status = "loading"
    elif engine.get("status") != "ok" or not database_ok:
        status = "down"
    elif cache["status"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    body = {
        "status": status,
        "pipeline": services.pipeline.name,
        "model": engine,
        "database": database,
        "cache": cache,
        "jurisdiction": services.jurisdiction.code,
    }
    return JSONResponse(body, status_code=200 if status in ("ok", "degraded") else 503)


@router.get("/api/v1/store")
async def store_info(services: ServicesDep) -> dict[str, Any]:
    """What a storefront needs to know: the jurisdiction and its minimum age."""
    j = services.jurisdiction
    return {
        "jurisdiction": {"code": j.code, "name": j.name, "minimum_age": j.minimum_age},
        "max_message_chars": services.settings.max_message_chars,
        "pipeline": services.pipeline.name,
    }
