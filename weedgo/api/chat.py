"""Chat over JSON, Server-Sent Events and WebSocket."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request, Response, WebSocket, WebSocketDisconnect
from pydantic import ValidationError
from sse_starlette.sse import EventSourceResponse

from weedgo.api.deps import ServicesDep
from weedgo.api.schemas import ChatRequest, ChatResponse
from weedgo.errors import (
    EngineError,
    InvalidRequest,
    PayloadTooLarge,
    StoreError,
    Unavailable,
    WeedGoError,
)
from weedgo.pipeline.context import ChatInput
from weedgo.pipeline.types import ChatEvent, DoneEvent, ErrorEvent, MetaEvent
from weedgo.services import Services

logger = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])


def to_input(body: ChatRequest, services: Services) -> ChatInput:
    limit = services.settings.max_message_chars
    if len(body.message) > limit:
        raise PayloadTooLarge(
            f"The message is {len(body.message)} characters long; the limit is {limit}."
        )
    return ChatInput(
        message=body.message.strip(),
        customer_id=body.customer_id,
        session_id=body.session_id,
        language=body.language,
        age_verified=body.age_verified,
    )


def require_ready(services: Services) -> None:
    status = services.engine_health().get("status")
    if status == "loading":
        raise Unavailable("The budtender is still starting up; please retry in a few seconds.")
    if not services.store_open:
        raise StoreError(services.store_problem or "The catalog database is not open yet.")


def event_payload(event: ChatEvent) -> dict[str, Any]:
    data = asdict(event)
    if isinstance(event, MetaEvent):
        data["products"] = [card.model_dump(mode="json") for card in event.products]
    return data


def server_timing(done: DoneEvent) -> str:
    return ", ".join(f"{name};dur={ms:.2f}" for name, ms in done.timings.items())


@router.post("/api/v1/chat", response_model=ChatResponse)
async def chat(body: ChatRequest, services: ServicesDep, response: Response) -> ChatResponse:
    """Answer one message with a grounded reply, product cards and quick replies."""
    inp = to_input(body, services)
    require_ready(services)
    meta: MetaEvent | None = None
    done: DoneEvent | None = None
    async for event in services.pipeline.handle(inp):
        if isinstance(event, MetaEvent):
            meta = event
        elif isinstance(event, DoneEvent):
            done = event
    if meta is None or done is None:
        raise EngineError("The reply could not be completed; please try again.")
    response.headers["Server-Timing"] = server_timing(done)
    return ChatResponse(
        message=done.message,
        products=meta.products,
        quick_replies=meta.quick_replies,
        intent=meta.intent,
        session_id=meta.session_id,
        cached=done.cached,
        grounded=done.grounded,
        fallback=done.fallback,
        authors=done.authors,
        response_time_ms=done.response_time_ms,
        ttft_ms=done.ttft_ms,
        model=done.model,
        degraded=done.degraded,
        stored=done.stored,
    )


async def _events(services: Services, inp: ChatInput) -> AsyncIterator[ChatEvent]:
    """The pipeline's events; an error becomes an ``error`` event."""
    try:
        async for event in services.pipeline.handle(inp):
            yield event
    except WeedGoError as error:
        yield ErrorEvent(code=error.code, message=error.message)
    except Exception:
        logger.exception("stream failed")
        yield ErrorEvent(code="internal_error", message="Something went wrong on our side.")


@router.post("/api/v1/chat/stream")
async def chat_stream(body: ChatRequest, services: ServicesDep, request: Request) -> Response:
    """Stream the reply as Server-Sent Events: meta, token..., done (or error)."""
    inp = to_input(body, services)
    require_ready(services)
    stream = services.pipeline.handle(inp)
    first = await anext(stream)  # errors before the first event become a plain 4xx/5xx

    async def publish() -> AsyncIterator[dict[str, str]]:
        yield {"event": first.type, "data": json.dumps(event_payload(first))}
        try:
            async for event in stream:
                if await request.is_disconnected():
                    break
                yield {"event": event.type, "data": json.dumps(event_payload(event))}
        except WeedGoError as error:
            payload = asdict(ErrorEvent(code=error.code, message=error.message))
            yield {"event": "error", "data": json.dumps(payload)}
        finally:
            await stream.aclose()

    return EventSourceResponse(publish(), ping=15)


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
    try:
        while True:
            raw = await socket.receive_text()
            reply = await _socket_turn(services, raw)
            if reply is not None:
                await socket.send_json(reply)
                continue
            body = ChatRequest.model_validate_json(raw)
            inp = to_input(body, services)
            async for event in _events(services, inp):
                await socket.send_json(event_payload(event))
    except WebSocketDisconnect:
        return


def origin_allowed(origin: str | None, host: str | None, allowed: list[str]) -> bool:
    """The HTTP rule for browsers: the page's own origin, or one in ``WEEDGO_CORS_ORIGINS``.

    A client that sends no ``Origin`` is not a browser page, and is let in as over HTTP.
    """
    if not origin or "*" in allowed or origin in allowed:
        return True
    return urlsplit(origin).netloc == (host or "")


async def _socket_turn(services: Services, raw: str) -> dict[str, Any] | None:
    """Pings and bad frames answered directly; None for a chat message."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        return asdict(ErrorEvent(code="invalid_json", message="The frame is not valid JSON."))
    if isinstance(data, dict) and data.get("type") == "ping":
        return {"type": "pong", "id": data.get("id", str(uuid.uuid4()))}
    try:
        body = ChatRequest.model_validate(data)
        to_input(body, services)
        require_ready(services)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "message"
        return asdict(ErrorEvent(code="invalid_request", message=f"{where}: {first['msg']}"))
    except (InvalidRequest, PayloadTooLarge, Unavailable) as error:
        return asdict(ErrorEvent(code=error.code, message=error.message))
    return None
