"""Chat over JSON and Server-Sent Events (the WebSocket is in ``socket.py``)."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request, Response
from sse_starlette.sse import EventSourceResponse

from weedgo.api.deps import ServicesDep
from weedgo.api.responses import errors
from weedgo.api.schemas import ChatRequest, ChatResponse
from weedgo.domain.turn import ChatEvent, DoneEvent, ErrorEvent, MetaEvent
from weedgo.errors import EngineError, PayloadTooLarge, StoreError, Unavailable, WeedGoError
from weedgo.pipeline.context import ChatInput
from weedgo.services import Services

logger = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])
CHAT_ERRORS = (400, 403, 413, 422, 503)
SSE_EVENT = {
    "type": "object",
    "properties": {
        "event": {"type": "string", "enum": ["meta", "token", "done", "error"]},
        "data": {"type": "string", "description": "The event as JSON, as the WebSocket sends it"},
    },
    "required": ["event", "data"],
}


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
        page_language=body.page_language,
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


@router.post("/api/v1/chat", response_model=ChatResponse, responses=errors(*CHAT_ERRORS))
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


async def chat_events(services: Services, inp: ChatInput) -> AsyncIterator[ChatEvent]:
    """The pipeline's events; an error becomes an ``error`` event."""
    try:
        async for event in services.pipeline.handle(inp):
            yield event
    except WeedGoError as error:
        yield ErrorEvent(code=error.code, message=error.message)
    except Exception:
        logger.exception("stream failed")
        yield ErrorEvent(code="internal_error", message="Something went wrong on our side.")


@router.post(
    "/api/v1/chat/stream",
    response_class=EventSourceResponse,
    responses={
        200: {
            "description": "Events: meta, token..., done (or error)",
            "content": {"text/event-stream": {"schema": SSE_EVENT}},
        },
        **errors(*CHAT_ERRORS),
    },
)
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
        except Exception:
            # as on the WebSocket: the customer gets an error event, never a cut stream
            logger.exception("stream failed")
            failed = ErrorEvent(code="internal_error", message="Something went wrong on our side.")
            yield {"event": "error", "data": json.dumps(asdict(failed))}
        finally:
            await stream.aclose()

    return EventSourceResponse(publish(), ping=15)
