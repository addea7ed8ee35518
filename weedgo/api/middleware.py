"""Request ids (taken from ``X-Request-ID`` or made up, echoed back, put in the logs), the
request body limit, and CORS whose refusals answer in the API's error shape."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from weedgo.api.errors import error_body
from weedgo.logging_context import request_id

logger = logging.getLogger("weedgo.access")
_VALID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Pure ASGI, so streaming responses pass through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _VALID.match(given) else uuid.uuid4().hex[:16]
        token = request_id.set(rid)
        began = time.perf_counter()
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            logger.info(
                "request_id=%s method=%s path=%s status=%s ms=%.1f",
                rid,
                scope.get("method", "WS"),
                scope.get("path"),
                status,
                (time.perf_counter() - began) * 1000,
            )
            request_id.reset(token)


class BodyLimitMiddleware:
    """Refuses a request body over ``limit`` bytes with 413, before anything parses it.

    A declared ``Content-Length`` over the limit is refused at once; a body sent without
    one (chunked) is read first, and refused as soon as it passes the limit. Catalog
    uploads (``/api/v1/admin/``) have their own, larger limit.
    """

    def __init__(self, app: ASGIApp, limit: int, admin_limit: int = 51 * 2**20) -> None:
        self.app = app
        self.limit = limit
        self.admin_limit = admin_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        admin = str(scope.get("path", "")).startswith("/api/v1/admin/")
        limit = self.admin_limit if admin else self.limit
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit)
            return
        if declared is None:  # chunked: read it all (up to the limit) before the app parses
            body = await _read_body(receive, limit)
            if body is None:
                await self._refuse(send, limit)
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        body = json.dumps(
            {
                "error": {
                    "code": "payload_too_large",
                    "message": f"The request body is over the limit of {limit:,} bytes.",
                    "type": "PayloadTooLarge",
                }
            }
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(parts)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the read body once, then waits on the real one."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


class JSONCORSMiddleware(CORSMiddleware):
    """Starlette's CORS rule; a refused preflight gets ``{"error": ...}`` instead of text."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        refused = bytes(response.body).decode().removeprefix("Disallowed CORS ")
        headers = {
            name: value
            for name, value in response.headers.items()
            if name not in ("content-type", "content-length")
        }
        message = (
            f"This cross-origin request is not allowed (its {refused}); the service accepts "
            "the origins in WEEDGO_CORS_ORIGINS."
        )
        return JSONResponse(
            error_body("cors_refused", message, "InvalidRequest"), response.status_code, headers
        )
