"""The chat socket: many turns on one WebSocket connection.

Two tasks share a connection. The reader takes every frame as soon as it arrives, so a
``ping`` is answered at once and the server's keep-alive pings are never left unread
while a reply is written. It answers bad frames itself with an ``error`` event and keeps
the socket open: a binary frame, text that is not JSON (or JSON nested too deep), a
frame over ``WEEDGO_MAX_BODY_BYTES``, half a character, a field that fails validation.
A chat frame waits in a queue of ``WEEDGO_SOCKET_QUEUE_SIZE`` behind the turn being
answered; a frame beyond that gets an ``error`` event with the code ``too_many_turns`` at
once. The writer answers the queued turns in order. A frame may carry an ``id`` (a
string of 1 to 64 characters); every event sent for that frame repeats it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import uuid
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket
from pydantic import ValidationError
from starlette.websockets import WebSocketDisconnect

from weedgo.api.chat import chat_events, event_payload, require_ready, to_input
from weedgo.api.schemas import ChatRequest
from weedgo.domain.turn import ErrorEvent
from weedgo.errors import WeedGoError
from weedgo.pipeline.context import ChatInput
from weedgo.services import Services

logger = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])

_FRAME_ID = re.compile(r"^[^\ud800-\udfff]{1,64}$")


@router.websocket("/ws/chat")
async def chat_socket(socket: WebSocket) -> None:
    """Many turns on one connection: send {"message", "customer_id", ...}; receive events."""
    services: Services = socket.app.state.services
    if not origin_allowed(
        socket.headers.get("origin"), socket.headers.get("host"), services.settings.cors_origins
    ):
        await socket.close(code=1008, reason="This page's origin may not use the chat socket.")
        return
    await socket.accept()
    await ChatSocket(socket, services).run()


def origin_allowed(origin: str | None, host: str | None, allowed: list[str]) -> bool:
    """The HTTP rule for browsers: the page's own origin, or one in ``WEEDGO_CORS_ORIGINS``.

    A client that sends no ``Origin`` is not a browser page, and is let in as over HTTP.
    """
    if not origin or "*" in allowed or origin in allowed:
        return True
    return urlsplit(origin).netloc == (host or "")


def _error(code: str, message: str, frame_id: str | None = None) -> dict[str, Any]:
    return _tagged(asdict(ErrorEvent(code=code, message=message)), frame_id)


def _tagged(payload: dict[str, Any], frame_id: str | None) -> dict[str, Any]:
    if frame_id is not None:
        payload["id"] = frame_id
    return payload


class ChatSocket:
    """One accepted connection: a reader that admits frames, a writer that answers turns."""

    def __init__(self, socket: WebSocket, services: Services) -> None:
        self.socket = socket
        self.services = services
        self.limit = services.settings.socket_queue_size
        self.turns: asyncio.Queue[tuple[ChatInput, str | None]] = asyncio.Queue(self.limit)
        self._send_lock = asyncio.Lock()

    async def run(self) -> None:
        reader = asyncio.create_task(self._read())
        writer = asyncio.create_task(self._write())
        done, pending = await asyncio.wait({reader, writer}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
                await task
        for task in done:
            error = task.exception()
            if error is not None and not isinstance(error, WebSocketDisconnect):
                logger.error("the chat socket failed", exc_info=error)

    async def send(self, payload: dict[str, Any]) -> None:
        async with self._send_lock:
            await self.socket.send_text(json.dumps(payload, ensure_ascii=False))

    async def _read(self) -> None:
        while True:
            message = await self.socket.receive()
            if message["type"] == "websocket.disconnect":
                return
            try:
                answer = self.admit(message)
            except Exception:
                logger.exception("a chat socket frame could not be read")
                answer = _error("internal_error", "Something went wrong on our side.")
            if answer is not None:
                await self.send(answer)

    async def _write(self) -> None:
        while True:
            inp, frame_id = await self.turns.get()
            async for event in chat_events(self.services, inp):
                await self.send(_tagged(event_payload(event), frame_id))

    def admit(self, message: Mapping[str, Any]) -> dict[str, Any] | None:
        """The answer to send at once for this frame, or None when its turn is queued."""
        text = message.get("text")
        if text is None:
            return _error(
                "invalid_frame", "Binary frames are not read; send each message as JSON text."
            )
        limit = self.services.settings.max_body_bytes
        if len(text) > limit:
            return _error("payload_too_large", f"The frame is over the limit of {limit:,} bytes.")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return _error("invalid_json", "The frame is not valid JSON (or is nested too deep).")
        frame_id = _frame_id(data)
        if isinstance(data, dict) and data.get("type") == "ping":
            return {"type": "pong", "id": frame_id or str(uuid.uuid4())}
        return self._queue(data, frame_id)

    def _queue(self, data: Any, frame_id: str | None) -> dict[str, Any] | None:
        try:
            body = ChatRequest.model_validate(data)
            inp = to_input(body, self.services)
            require_ready(self.services)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "message"
            return _error("invalid_request", f"{where}: {first['msg']}", frame_id)
        except WeedGoError as error:
            return _error(error.code, error.message, frame_id)
        try:
            self.turns.put_nowait((inp, frame_id))
        except asyncio.QueueFull:
            return _error(
                "too_many_turns",
                f"{self.limit} messages already wait on this connection behind the reply "
                "being written; wait for a reply's done event before sending more.",
                frame_id,
            )
        return None


def _frame_id(data: Any) -> str | None:
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and _FRAME_ID.match(value) else None
