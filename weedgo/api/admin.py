"""Admin endpoints: catalog import and the live benchmark (bearer ``WEEDGO_ADMIN_API_KEY``;
off without a key)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile

from weedgo.api.deps import AdminDep, ServicesDep
from weedgo.api.responses import errors
from weedgo.catalog.importer import parse_catalog_bytes
from weedgo.errors import InvalidRequest, PayloadTooLarge
from weedgo.pipeline.benchmark import run_live_benchmark

router = APIRouter(tags=["admin"])

MAX_IMPORT_BYTES = 50 * 2**20


@router.post("/api/v1/admin/catalog/import", responses=errors(400, 401, 403, 413, 422, 503))
async def import_catalog(
    _admin: AdminDep,
    services: ServicesDep,
    file: Annotated[UploadFile, File(description="CSV or JSON: the project's format or OCS")],
    replace: Annotated[bool, Query(description="Remove products absent from the file")] = False,
) -> dict[str, Any]:
    """Upsert products by SKU from a point-of-sale or OCS export."""
    data = await file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise PayloadTooLarge("The file is over 50 MB; split it or use 'weedgo catalog import'.")
    filename = file.filename or "upload.csv"
    try:
        parsed = parse_catalog_bytes(data, filename)
    except ValueError as error:
        raise InvalidRequest(str(error)) from error
    if not parsed.products:
        raise InvalidRequest(
            "No valid product rows in the file.",
        )
    result = await services.store.upsert_products(parsed.products, replace=replace)
    await services.pipeline.refresh_catalog(force=True)
    return {
        "format": parsed.format,
        "inserted": result.inserted,
        "updated": result.updated,
        "removed": result.removed,
        "catalog_version": result.catalog_version,
        "errors": [{"line": line, "reason": reason} for line, reason in parsed.errors],
    }


@router.post("/api/v1/benchmark", responses=errors(401, 403, 413, 422, 503))
async def benchmark(
    _admin: AdminDep,
    services: ServicesDep,
    iterations: Annotated[int, Query(ge=1, le=20)] = 1,
    limit_per_type: Annotated[int | None, Query(ge=1, le=100)] = None,
) -> dict[str, Any]:
    """Run the built-in query set through the live pipeline, cold and warm."""
    return await run_live_benchmark(services.pipeline, iterations, limit_per_type)
