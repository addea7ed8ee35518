"""Request ids: taken from ``X-Request-ID`` or made up, echoed back, put in the logs."""

from __future__ import annotations

import logging
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
