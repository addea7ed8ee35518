"""Every status a route can answer, for the OpenAPI document (``responses=`` on routes).

Each error has the one body ``{"error": {"code", "message", "type"}}``. A 503 carries
``Retry-After``. Statuses a client meets on any route are
not repeated per route: 404 for a path that does not exist, 405 (with ``Allow``) for a
method a path does not take, 400 ``cors_refused`` for a refused CORS preflight; they are
described in the document's description (see ``ANY_ROUTE``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable, machine-readable: invalid_json, not_found, ...")
    message: str = Field(description="What went wrong, for a person")
    type: str = Field(description="The error class: InvalidRequest, Unavailable, ...")


class ErrorResponse(BaseModel):
    error: ErrorDetail


_WHY = {
    400: "Bad input: the body is not JSON (invalid_json), or a value is refused",
    401: "The admin key is missing or wrong (unauthorized)",
    403: "Admin endpoints are off without WEEDGO_ADMIN_API_KEY, or the session belongs "
    "to another customer (forbidden)",
    404: "Nothing has that id (not_found)",
    413: "The request body, file or message is over its limit (payload_too_large)",
    422: "A field is missing or invalid (invalid_request)",
    503: "The model is starting, busy (overloaded) or down, or the database is down or "
    "did not answer in time (store_error, store_timeout); always with Retry-After",
}

_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer"},
    }
}

ANY_ROUTE = """
Every error is `{"error": {"code", "message", "type"}}`. Besides the statuses each
operation lists, any path may answer `404` (no such path), `405` with `Allow` (a method
the path does not take, `OPTIONS` included unless it is a CORS preflight), and `400`
`cors_refused` for a CORS preflight from an origin not in `WEEDGO_CORS_ORIGINS`.
"""


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entries for these error statuses."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {"model": ErrorResponse, "description": _WHY[status]}
        if status == 503:
            entry["headers"] = _RETRY_AFTER
        out[status] = entry
    return out


JSON_BODY = (400, 413, 422)  # any route that reads a JSON body
