"""One generation request as the engine's worker threads see it."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field

from weedgo.engine.base import GenerationParams, GenerationStats


class Done:
    """Marks the end of one request's output."""


DONE = Done()
Message = str | Done | BaseException


@dataclass
class Request:
    """A prompt waiting for (or being served by) a worker; text goes back to its loop."""

    prompt: str
    params: GenerationParams
    stats: GenerationStats
    loop: asyncio.AbstractEventLoop
    output: asyncio.Queue[Message]
    created: float = field(default_factory=time.perf_counter)
    cancelled: threading.Event = field(default_factory=threading.Event)

    def send(self, item: Message) -> None:
        try:
            self.loop.call_soon_threadsafe(self.output.put_nowait, item)
        except RuntimeError:  # the consumer's loop is closed: nobody is listening
            self.cancelled.set()

    def emit(self, piece: str) -> None:
        if not self.stats.ttft_ms:
            self.stats.ttft_ms = (time.perf_counter() - self.created) * 1000
        self.send(piece)

    def finish(self, reason: str) -> None:
        self.stats.finish_reason = reason
        self.stats.total_ms = (time.perf_counter() - self.created) * 1000
        self.send(DONE)
