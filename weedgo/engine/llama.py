"""The embedded model runtime: llama.cpp in the server process, through its C API.

The model weights are loaded once. ``contexts`` llama.cpp contexts share them, each owned
by one worker thread (threads split between them) that runs continuous batching over
its sequence slots (:mod:`weedgo.engine.batched`): ``parallel`` slots in all. With
``parallel=1`` this is a one-at-a-time engine on the same low-level path. How the
configuration sizes the contexts is in :mod:`weedgo.engine.layout`; what is decided
before the weights load (adapter, native options) in :mod:`weedgo.engine.loading`.

Requests reach the workers through one queue; a worker takes a request between two
steps as soon as it has a free slot. ``queue_depth`` counts the requests beyond the free
slots, and a request finding ``queue_size`` of them waiting gets ``Overloaded`` at once.
Generated text goes back to the event loop through ``loop.call_soon_threadsafe`` into a
per-request ``asyncio.Queue``. When the consumer stops iterating (``aclose`` or a
cancelled task), the worker drops the sequence at its next step.

Prefix reuse: each context evaluates the fixed system prefix once at ``start()`` on a
reserved sequence and copies it into a slot when a request begins. Gemma 3 uses
sliding-window attention, and llama.cpp can only drop the end of a sequence from its
KV cache when the SWA cache is full size, so contexts are created with ``swa_full``.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import AsyncGenerator
from typing import Any

from weedgo.config import Settings, usable_cores
from weedgo.engine.adapter import Adapter
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.engine.batched import BatchWorker
from weedgo.engine.jobs import Done, Request
from weedgo.engine.layout import LlamaConfig
from weedgo.engine.loading import native_verdict, rss_bytes, with_adapter
from weedgo.engine.native import NativeModel
from weedgo.engine.sampling import MIN_P
from weedgo.engine.verdicts import Verdict
from weedgo.errors import EngineError, Overloaded

__all__ = ["MIN_P", "LlamaConfig", "LlamaEngine"]

logger = logging.getLogger(__name__)


# Threads that running engines of this process compute with (llama.cpp's OpenMP teams).
_RUNNING_THREADS: dict[int, int] = {}


class LlamaEngine:
    """The Engine protocol over llama.cpp with continuous batching."""

    def __init__(self, config: LlamaConfig) -> None:
        self.config = config
        self._jobs: queue.Queue[Request | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._workers: list[BatchWorker] = []
        self._model: NativeModel | None = None
        self._status = "loading"
        self._error = ""
        self._model_name = "llama"
        self._prefix_tokens = 0
        self._memory: dict[str, float] = {}
        self._adapter: Adapter | None = None
        self._adapter_mode = ""  # "merged" into a copy of the model, or "runtime"
        self.verdict: Verdict | None = None

    @classmethod
    def from_settings(cls, settings: Settings, prewarm_text: str | None = None) -> LlamaEngine:
        """The engine for ``settings``; ``prewarm_text`` (the prompts' fixed prefix, which
        the engine knows nothing of) is evaluated in every slot at start."""
        return cls(LlamaConfig.from_settings(settings, prewarm_text))

    # --- Engine protocol (event-loop side) ---------------------------------------------
    @property
    def model_name(self) -> str:
        return self._model_name

    async def start(self) -> None:
        if self._workers:
            return
        self._status = "loading"
        try:
            await asyncio.to_thread(self._load)
            await self._start_workers()
        except Exception as error:
            self._status, self._error = "down", str(error)
            logger.exception("Could not load the model")
            await self._stop_workers()
            raise error if isinstance(error, EngineError) else EngineError(str(error)) from error
        self._status = "ok"

    async def _start_workers(self) -> None:
        """One thread per context; each creates its context and warms the prefix itself."""
        started, before = time.perf_counter(), rss_bytes()
        for number, worker in enumerate(self._workers):
            thread = threading.Thread(target=worker.run, name=f"llama-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)
        for worker in self._workers:
            await asyncio.to_thread(worker.ready.wait)
            if worker.load_error is not None:
                raise worker.load_error
        threads = sum(worker.config.n_threads for worker in self._workers)
        others = sum(_RUNNING_THREADS.values())
        _RUNNING_THREADS[id(self)] = threads
        cores = usable_cores()
        if others and others + threads > cores:
            logger.warning(
                "Another model engine runs in this process: %d compute threads on %d cores "
                "make llama.cpp's threads block at every step and slow both engines",
                others + threads,
                cores,
            )
        per_context = (rss_bytes() - before) / len(self._workers)
        slots = len(self._workers[0].slots)
        self._memory["rss_per_context_mb"] = round(per_context / 2**20, 1)
        self._memory["rss_per_slot_mb"] = round(per_context / slots / 2**20, 1)
        self._memory["slots_per_context"] = slots
        logger.info(
            "Model %s ready in %.0f ms after loading (%d contexts x %d slots)",
            self._model_name,
            (time.perf_counter() - started) * 1000,
            len(self._workers),
            slots,
        )

    async def _stop_workers(self) -> None:
        _RUNNING_THREADS.pop(id(self), None)
        threads, self._threads = self._threads, []
        for _ in threads:
            await asyncio.to_thread(self._jobs.put, None)
        for thread in threads:
            await asyncio.to_thread(thread.join)
        self._fail_waiting(EngineError("The model runtime is shutting down."))  # and stray stops
        self._workers = []
        if self._model is not None:
            self._model.close()
            self._model = None

    async def aclose(self) -> None:
        self._status = "down"
        self._fail_waiting(EngineError("The model runtime is shutting down."))
        for worker in self._workers:
            for slot in worker.slots:
                if slot.request is not None:
                    slot.request.cancelled.set()
        await self._stop_workers()

    def health(self) -> dict[str, Any]:
        report: dict[str, Any] = {
            "status": self._status,
            "model": self._model_name,
            **self._context_in_use(),
            "n_threads": self.config.n_threads,
            "n_threads_batch": self.config.n_threads_batch or self.config.n_threads,
            "parallel": self.config.parallel,
            "contexts": len(self._workers) or self.config.contexts,
            "active": sum(worker.active for worker in self._workers),
            "queue_depth": self.queue_depth(),
            "prefix_tokens": self._prefix_tokens,
            "vocab_size": self._model.n_vocab if self._model is not None else None,
            "adapter": (
                {**self._adapter.health(), "applied": self._adapter_mode}
                if self._adapter is not None
                else None
            ),
            **self._memory,
        }
        if self.verdict is not None:
            report["native"] = {
                **self.verdict.health(),
                "probe_decode_tokens_per_s": self.verdict.decode_tokens_per_s,
            }
        if self._error:
            report["error"] = self._error
        return report

    def _context_in_use(self) -> dict[str, int | None]:
        """Positions one sequence may use (prompt plus reply), the KV cells llama.cpp gave
        each sequence's stream, and the context the model was trained on (not checked
        against ``n_ctx``); the last two are known once the model is loaded."""
        loaded = next((worker.ctx for worker in self._workers if worker.ctx is not None), None)
        return {
            "n_ctx": self.config.n_ctx,
            "kv_cells_per_sequence": loaded.n_ctx_seq if loaded is not None else None,
            "n_ctx_train": self._model.n_ctx_train if self._model is not None else None,
        }

    def queue_depth(self) -> int:
        """Requests that wait for a slot (taken ones are picked up between two steps)."""
        slots = sum(len(worker.slots) - worker.active for worker in self._workers)
        return max(0, self._jobs.qsize() - slots)

    def count_tokens(self, text: str) -> int:
        if self._model is None:
            return max(1, len(text) // 4)
        return len(self._model.tokenize(text, add_bos=False))

    async def stream(
        self, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
    ) -> AsyncGenerator[str, None]:
        stats = stats if stats is not None else GenerationStats()
        request = self._admit(prompt, params, stats)
        try:
            while True:
                item = await request.output.get()
                if isinstance(item, Done):
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            request.cancelled.set()
            if not stats.finish_reason:
                stats.finish_reason = "cancelled"
                stats.total_ms = (time.perf_counter() - request.created) * 1000

    def _admit(self, prompt: str, params: GenerationParams, stats: GenerationStats) -> Request:
        if self._status != "ok":
            raise EngineError(f"The model runtime is not ready (status {self._status}).")
        if self.queue_depth() >= self.config.queue_size:
            raise Overloaded("The assistant is busy; please try again in a moment.")
        request = Request(prompt, params, stats, asyncio.get_running_loop(), asyncio.Queue())
        self._jobs.put_nowait(request)
        return request

    def _fail_waiting(self, error: EngineError) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                job.send(error)

    # --- loading (off the event loop) --------------------------------------------------
    def _load(self) -> None:
        """Load the weights and prepare the workers (their contexts come in ``start``)."""
        source = self.config.model_path
        path = source() if callable(source) else source
        adapter = self.config.adapter
        self._adapter = adapter() if callable(adapter) else adapter
        path, lora, self._adapter_mode = with_adapter(path, self._adapter, self.config)
        self.verdict = native_verdict(path, self.config)
        native = self.verdict.options
        before = rss_bytes()
        self._model = NativeModel(
            path, self.config.n_gpu_layers, repack=native.repack, adapter=lora
        )
        self._model_name = self._model.name
        self._memory = {"rss_model_mb": round((rss_bytes() - before) / 2**20, 1)}
        prefix = self.config.prewarm_text
        tokens = tuple(self._model.tokenize(prefix)) if prefix else ()
        self._prefix_tokens = len(tokens)
        settings = self.config.worker(tokens, native)
        for _ in range(self.config.context_count):
            self._workers.append(BatchWorker(self._model, settings, self._jobs))
