"""The remote engine reads the OpenAI completions stream through httpx-sse."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.engine.openai import OpenAIEngine
from weedgo.errors import EngineError

EVENT_STREAM = {"content-type": "text/event-stream; charset=utf-8"}


def _engine(body: bytes, headers: dict[str, str] = EVENT_STREAM) -> OpenAIEngine:
    engine = OpenAIEngine("http://engine.test", retries=0)
    transport = httpx.MockTransport(lambda _r: httpx.Response(200, content=body, headers=headers))
    engine._client = httpx.AsyncClient(base_url="http://engine.test", transport=transport)
    return engine


def _pieces(engine: OpenAIEngine, stats: GenerationStats) -> list[str]:
    async def run() -> list[str]:
        try:
            params = GenerationParams(max_tokens=8)
            return [piece async for piece in engine.stream("Hi", params, stats)]
        finally:
            await engine.aclose()

    return asyncio.run(run())


def test_pieces_usage_and_the_end_of_the_stream() -> None:
    body = (
        b": keep-alive\n\n"
        b'data: {"choices": [{"text": "Pink "}]}\n\n'
        b'data: {"choices": [{"text": "Kush."}]}\n\n'
        b'data: {"choices": [{"text": "", "finish_reason": "stop"}],'
        b' "usage": {"prompt_tokens": 12}}\n\n'
        b"data: [DONE]\n\n"
    )
    stats = GenerationStats()
    assert _pieces(_engine(body), stats) == ["Pink ", "Kush."]
    assert (stats.completion_tokens, stats.prompt_tokens, stats.finish_reason) == (2, 12, "stop")


def test_a_malformed_chunk_is_an_engine_error_not_a_crash() -> None:
    with pytest.raises(EngineError, match="unreadable chunk"):
        _pieces(_engine(b"data: {not json\n\n"), GenerationStats())


def test_an_answer_that_is_not_an_event_stream_fails_the_engine() -> None:
    with pytest.raises(EngineError):
        _pieces(
            _engine(b'{"error": "no"}', {"content-type": "application/json"}), GenerationStats()
        )
