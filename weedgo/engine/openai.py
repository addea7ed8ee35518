"""A remote engine: any OpenAI-compatible server (vLLM, llama-server, Ollama, llama_cpp.server).

The prompt is the same completion prompt the embedded engine gets, sent to
``POST {url}/v1/completions`` with ``stream: true``. Connection errors, 429 and 503
answers before the first token are retried with exponential back-off; a failure after
tokens have been streamed ends the stream with :class:`weedgo.errors.EngineError`, and
the pipeline answers with the catalog-built reply. Requests in flight are bounded by
``parallel`` and waiting requests by ``queue_size`` (then :class:`Overloaded`).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
from httpx_sse import EventSource

from weedgo.config import Settings
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.errors import EngineError, Overloaded

logger = logging.getLogger(__name__)

_RETRY_STATUS = {429, 502, 503, 504}


class OpenAIEngine:
    def __init__(
        self,
        url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        timeout_s: float = 30.0,
        retries: int = 2,
        parallel: int = 4,
        queue_size: int = 16,
    ) -> None:
        self.url = url.rstrip("/")
        self.model = model
        self.retries = retries
        self.queue_size = queue_size
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.AsyncClient(
            base_url=self.url, headers=headers, timeout=httpx.Timeout(timeout_s, connect=3.0)
        )
        self._slots = asyncio.Semaphore(parallel)
        self._waiting = 0
        self._status = "loading"
        self._error = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> OpenAIEngine:
        if not settings.engine_url:
            raise EngineError(
                "WEEDGO_ENGINE=openai needs WEEDGO_ENGINE_URL (e.g. http://host:8080)"
            )
        return cls(
            settings.engine_url,
            model=settings.engine_model,
            api_key=settings.engine_api_key,
            timeout_s=settings.engine_timeout_s,
            retries=settings.engine_retries,
            parallel=settings.parallel,
            queue_size=settings.queue_size,
        )

    @property
    def model_name(self) -> str:
        return self.model or "remote"

    async def start(self) -> None:
        await self.probe()

    async def probe(self) -> bool:
        """Ask the server for its models; sets the health status."""
        try:
            response = await self._client.get("/v1/models", timeout=3.0)
            response.raise_for_status()
            models = response.json().get("data") or []
        except (httpx.HTTPError, ValueError) as error:
            self._status, self._error = "down", f"engine unreachable at {self.url}: {error}"
            logger.warning(self._error)
            return False
        if self.model is None and models:
            self.model = str(models[0].get("id"))
        self._status, self._error = "ok", ""
        return True

    async def aclose(self) -> None:
        await self._client.aclose()

    def health(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self._status, "model": self.model_name, "url": self.url}
        if self._error:
            out["error"] = self._error
        return out

    def queue_depth(self) -> int:
        return self._waiting

    def count_tokens(self, text: str) -> int:
        return max(1, len(text) // 4)

    def _body(self, prompt: str, params: GenerationParams) -> dict[str, Any]:
        return {
            "model": self.model_name,
            "prompt": prompt,
            "max_tokens": params.max_tokens,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "stop": list(params.stop)[:4],  # the OpenAI API accepts at most four
            "seed": params.seed,
            "stream": True,
        }

    async def stream(
        self, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
    ) -> AsyncIterator[str]:
        stats = stats if stats is not None else GenerationStats()
        if self._waiting >= self.queue_size:
            raise Overloaded("The assistant is busy with other customers; please retry shortly.")
        began = time.perf_counter()
        self._waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self._waiting -= 1
        try:
            stats.queue_ms = (time.perf_counter() - began) * 1000
            async for piece in self._stream_with_retries(prompt, params, stats, began):
                yield piece
        finally:
            stats.total_ms = (time.perf_counter() - began) * 1000
            self._slots.release()

    async def _stream_with_retries(
        self, prompt: str, params: GenerationParams, stats: GenerationStats, began: float
    ) -> AsyncIterator[str]:
        body = self._body(prompt, params)
        for attempt in range(self.retries + 1):
            try:
                async for piece in self._stream_once(body, stats, began):
                    yield piece
                self._status, self._error = "ok", ""
                return
            except _Retryable as error:
                if stats.completion_tokens or attempt == self.retries:
                    self._status, self._error = "down", str(error)
                    raise EngineError(f"The model server failed: {error}") from error
                await asyncio.sleep(min(2.0, 0.1 * 2**attempt))

    async def _stream_once(
        self, body: dict[str, Any], stats: GenerationStats, began: float
    ) -> AsyncIterator[str]:
        try:
            async with self._client.stream("POST", "/v1/completions", json=body) as response:
                if response.status_code in _RETRY_STATUS:
                    raise _Retryable(f"HTTP {response.status_code}")
                if response.status_code >= 400:
                    detail = (await response.aread()).decode(errors="replace")[:200]
                    raise EngineError(f"The model server refused the request: {detail}")
                async for event in EventSource(response).aiter_sse():
                    piece = _parse_data(event.data, stats)
                    if piece:
                        if stats.completion_tokens == 0:
                            stats.ttft_ms = (time.perf_counter() - began) * 1000
                        stats.completion_tokens += 1
                        yield piece
        except httpx.HTTPError as error:
            raise _Retryable(f"{type(error).__name__}: {error}") from error


class _Retryable(Exception):
    """A failure worth another try: connection errors and 429/502/503/504 answers."""


def _parse_data(data: str, stats: GenerationStats) -> str:
    """The text of one server-sent event's data; empty for the end marker."""
    data = data.strip()
    if not data or data == "[DONE]":
        return ""
    try:
        chunk = json.loads(data)
    except json.JSONDecodeError as error:
        raise EngineError(f"The model server sent an unreadable chunk: {data[:80]!r}") from error
    choice = (chunk.get("choices") or [{}])[0]
    if choice.get("finish_reason"):
        stats.finish_reason = str(choice["finish_reason"])
    usage = chunk.get("usage") or {}
    if usage.get("prompt_tokens"):
        stats.prompt_tokens = int(usage["prompt_tokens"])
    return str(choice.get("text") or "")
