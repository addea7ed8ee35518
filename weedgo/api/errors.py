"""One place that renders every error as ``{"error": {"code", "message", "type"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from weedgo.errors import Unavailable, WeedGoError

logger = logging.getLogger(__name__)


def error_body(code: str, message: str, type_: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "type": type_}}


def _describe(errors: list[Any]) -> tuple[str, str]:
    first = errors[0] if errors else {}
    if first.get("type") == "json_invalid":
        return "invalid_json", "The request body is not valid JSON."
    parts = []
    for item in errors[:5]:
        loc = [str(p) for p in item.get("loc", ()) if p not in ("body", "query", "path")]
        where = ".".join(loc) or "body"
        parts.append(f"{where}: {item.get('msg', 'invalid value')}")
    return "invalid_request", "; ".join(parts)


def _unreadable_body(error: StarletteHTTPException) -> str | None:
    """FastAPI's answer to a JSON body that ``json.loads`` refused other than by syntax.

    Bytes that are not UTF-8 and JSON nested deeper than the parser's recursion limit
    reach us as a bare 400 "There was an error parsing the body"; the cause says which.
    """
    if error.status_code != 400 or error.detail != "There was an error parsing the body":
        return None
    if isinstance(error.__cause__, UnicodeDecodeError):
        return "The request body is not valid JSON: it is not UTF-8 text."
    if isinstance(error.__cause__, RecursionError):
        return "The request body is JSON nested too deep to read."
    return "The request body is not valid JSON."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WeedGoError)
    async def _weedgo(request: Request, error: WeedGoError) -> JSONResponse:
        _count(request, error.code)
        headers = (
            {"Retry-After": str(error.retry_after)} if isinstance(error, Unavailable) else None
        )
        return JSONResponse(
            error_body(error.code, error.message, error.type), error.status_code, headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, error: RequestValidationError) -> JSONResponse:
        code, message = _describe(list(error.errors()))
        _count(request, code)
        status = 400 if code == "invalid_json" else 422
        return JSONResponse(error_body(code, message, "InvalidRequest"), status)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        message = str(error.detail)
        unreadable = _unreadable_body(error)
        if unreadable is not None:
            code, message = "invalid_json", unreadable
        _count(request, code)
        return JSONResponse(
            error_body(code, message, "HTTPError"),
            error.status_code,
            headers=getattr(error, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unexpected error on %s", request.url.path)
        _count(request, "internal_error")
        return JSONResponse(
            error_body("internal_error", "Something went wrong on our side.", "InternalError"),
            500,
        )


def _count(request: Request, code: str) -> None:
    services = getattr(request.app.state, "services", None)
    if services is not None:
        services.metrics.record_error(code)
