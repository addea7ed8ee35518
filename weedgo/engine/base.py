"""The Engine protocol: what the pipeline needs from a language model runtime.

An engine turns a prompt into a stream of text pieces. It owns its own concurrency
(the embedded llama.cpp engine serialises on one thread; a remote engine may run many
requests at once), its admission queue (raising :class:`weedgo.errors.Overloaded` when
full) and cancellation: when the consumer stops iterating the stream (``aclose`` on the
async generator, or the task being cancelled), generation stops within a few tokens.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class GenerationParams:
    max_tokens: int = 50
    temperature: float = 0.2
    top_p: float = 0.9
    top_k: int = 40
    repeat_penalty: float = 1.1
    stop: tuple[str, ...] = ()
    seed: int = 42

    def cache_tag(self) -> str:
        """The part of a response-cache key that these settings contribute."""
        return (
            f"mt={self.max_tokens};t={self.temperature};p={self.top_p};k={self.top_k};"
            f"rp={self.repeat_penalty};stop={'|'.join(self.stop)};seed={self.seed}"
        )


@dataclass
class GenerationStats:
    """Figures of one generation, filled in by the engine as it runs."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = 0
    queue_ms: float = 0.0
    ttft_ms: float = 0.0
    total_ms: float = 0.0
    finish_reason: str = ""


@runtime_checkable
class Engine(Protocol):
    """A language model runtime."""

    @property
    def model_name(self) -> str: ...

    async def start(self) -> None:
        """Load the model and warm it up; ready to serve when this returns."""

    async def aclose(self) -> None:
        """Stop workers and free the model."""

    def health(self) -> dict[str, Any]:
        """``{"status": "ok" | "loading" | "down", ...}`` without blocking."""

    def queue_depth(self) -> int:
        """Requests waiting for the model, not counting the running ones."""

    def stream(
        self, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
    ) -> AsyncIterator[str]:
        """Yield the generated text piece by piece; fills ``stats`` as it goes."""

    def count_tokens(self, text: str) -> int:
        """Number of tokens of ``text`` in this model's vocabulary (an estimate is fine)."""


async def complete(
    engine: Engine, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
) -> str:
    """Run ``engine.stream`` to the end and return the whole text."""
    parts = [piece async for piece in engine.stream(prompt, params, stats)]
    return "".join(parts)
