"""Readiness and health: 200 when ready, 503 while loading or when a required part is down."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from weedgo.api.deps import BearerDep, ServicesDep, require_admin
from weedgo.api.responses import errors

router = APIRouter(tags=["health"])


DETAIL = "Internals too (file paths, engine URL, errors, memory): needs the admin key"
_PUBLIC_ENGINE = (
    "status",
    "model",
    "adapter",
    "vocab_size",
    "parallel",
    "contexts",
    "active",
    "queue_depth",
)


@router.get(
    "/health",
    openapi_extra={"security": [{}, {"HTTPBearer": []}]},  # the key is for the detail only
    responses={
        503: {"description": "Loading, or a required part (model, database) is down"},
        **errors(401, 403),
    },
)
async def health(
    services: ServicesDep,
    credentials: BearerDep,
    detail: Annotated[bool, Query(description=DETAIL)] = False,
) -> JSONResponse:
    """Ready or not, and why; the public view shows no internals of the machine."""
    if detail:
        require_admin(services, credentials)
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
        "model": engine if detail else public_engine(engine),
        "database": database,
        "cache": cache,
        "jurisdiction": services.jurisdiction.code,
    }
    return JSONResponse(body, status_code=200 if status in ("ok", "degraded") else 503)


def public_engine(report: dict[str, Any]) -> dict[str, Any]:
    """The model's report without internals: no file path, engine URL or error text."""
    public = {key: report[key] for key in _PUBLIC_ENGINE if key in report}
    native = report.get("native")
    if isinstance(native, dict):
        public["native"] = {key: value for key, value in native.items() if key != "reason"}
    if report.get("error"):
        public["error"] = (
            "The model runtime is down; the server log says why "
            "(or /health?detail=true with the admin key)."
        )
    return public


@router.get("/api/v1/store")
async def store_info(services: ServicesDep) -> dict[str, Any]:
    """What a storefront needs to know: the jurisdiction and its minimum age, the longest
    message, and the language the page shows first."""
    j = services.jurisdiction
    return {
        "jurisdiction": {"code": j.code, "name": j.name, "minimum_age": j.minimum_age},
        "max_message_chars": services.settings.max_message_chars,
        "default_language": services.settings.default_language,
        "pipeline": services.pipeline.name,
    }
