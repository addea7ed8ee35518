"""A scriptable engine for tests: no model, deterministic, instant.

``FakeEngine.enqueue("text")`` queues the next replies; when the queue is empty the
engine answers with ``default`` (or the result of ``responder(prompt)`` when given).
Replies are streamed word by word, with an optional delay per piece so that
cancellation, queueing and streaming can be tested.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any

from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.errors import EngineError, Overloaded

_PIECES = re.compile(r"\S+\s*|\s+")


class FakeEngine:
    """In-memory stand-in for a model runtime."""

    def __init__(
        self,
        default: str = "Here are a few options from our menu that fit what you asked for.",
        *,
        responder: Callable[[str], str] | None = None,
        delay_s: float = 0.0,
        max_queue: int = 16,
        model_name: str = "fake-engine",
        n_ctx: int | None = None,
    ) -> None:
        self.default = default
        self.responder = responder
        self.delay_s = delay_s
        self.max_queue = max_queue
        self._model_name = model_name
        self.n_ctx = n_ctx  # the context it reports, as a model runtime does (never enforced)
        self._replies: deque[str] = deque()
        self._lock = asyncio.Lock()
        self._waiting = 0
        self.prompts: list[str] = []
        self.pieces_sent = 0
        self.started = False
        self.fail_next: Exception | None = None

    @property
    def model_name(self) -> str:
        return self._model_name

    def enqueue(self, *replies: str) -> None:
        self._replies.extend(replies)

    async def start(self) -> None:
        self.started = True

    async def aclose(self) -> None:
        self.started = False

    def health(self) -> dict[str, Any]:
        status = "ok" if self.started else "loading"
        report: dict[str, Any] = {"status": status, "model": self.model_name}
        if self.n_ctx is not None:
            report["n_ctx"] = self.n_ctx
        return report

    def queue_depth(self) -> int:
        return self._waiting

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 4)

    def _reply_for(self, prompt: str) -> str:
        if self._replies:
            return self._replies.popleft()
        if self.responder is not None:
            return self.responder(prompt)
        return self.default

    async def stream(
        self, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
    ) -> AsyncIterator[str]:
        stats = stats if stats is not None else GenerationStats()
        if self._waiting >= self.max_queue:
            raise Overloaded("The assistant is busy; please try again in a moment.")
        started = time.perf_counter()
        self._waiting += 1
        try:
            await self._lock.acquire()
        finally:
            self._waiting -= 1
        try:
            stats.queue_ms = (time.perf_counter() - started) * 1000
            if self.fail_next is not None:
                error, self.fail_next = self.fail_next, None
                raise error if isinstance(error, EngineError) else EngineError(str(error))
            self.prompts.append(prompt)
            stats.prompt_tokens = self.count_tokens(prompt)
            text = self._reply_for(prompt)
            for stop in params.stop:
                if stop and stop in text:
                    text = text[: text.index(stop)]
            for index, piece in enumerate(_PIECES.findall(text)[: params.max_tokens]):
                if self.delay_s:
                    await asyncio.sleep(self.delay_s)
                if index == 0:
                    stats.ttft_ms = (time.perf_counter() - started) * 1000
                stats.completion_tokens += 1
                self.pieces_sent += 1
                yield piece
            stats.finish_reason = "stop"
        finally:
            stats.total_ms = (time.perf_counter() - started) * 1000
            self._lock.release()
