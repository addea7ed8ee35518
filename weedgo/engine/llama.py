"""The embedded model runtime: llama-cpp-python in the server process.

One dedicated thread owns the llama.cpp model and context and is the only thread that
touches them. Requests reach it through a bounded queue (``Overloaded`` when full);
generated text goes back to the event loop through ``loop.call_soon_threadsafe`` into a
per-request ``asyncio.Queue``.

Prefix reuse: every prompt starts with the same system part, so the worker keeps the KV
cache of the longest common token prefix with the previous request and evaluates only
the new tail. Gemma 3 uses sliding-window attention, and llama.cpp can only drop the
end of a sequence from its KV cache when the SWA cache is full size, so the context is
created with ``swa_full=True``. ``start()`` pre-evaluates the system prefix so the first
request gets the reuse too.

Today the worker serves one request at a time (``_serve``); a batched scheduler would
replace the ``_run`` loop, keeping one ``_ReplyText`` and request per sequence id.
"""

from __future__ import annotations

import asyncio
import codecs
import concurrent.futures
import logging
import queue
import threading
import time
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from weedgo.config import Settings
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.errors import EngineError, Overloaded

logger = logging.getLogger(__name__)

MIN_P = 0.05  # llama-cpp-python's default; kept so replies match create_completion


class _Done:
    """Marks the end of one request's output."""


_DONE = _Done()
_Message = str | _Done | BaseException


@dataclass(frozen=True)
class LlamaConfig:
    model_path: Path | Callable[[], Path]
    n_ctx: int = 1024
    n_threads: int = 2
    n_threads_batch: int | None = None
    n_gpu_layers: int = 0
    n_batch: int = 512
    seed: int = 42
    queue_size: int = 16
    prewarm_text: str | None = None
    swa_full: bool = True
    prefix_reuse: bool = True


@dataclass
class _Request:
    prompt: str
    params: GenerationParams
    stats: GenerationStats
    loop: asyncio.AbstractEventLoop
    output: asyncio.Queue[_Message]
    created: float = field(default_factory=time.perf_counter)
    cancelled: threading.Event = field(default_factory=threading.Event)

    def send(self, item: _Message) -> None:
        try:
            self.loop.call_soon_threadsafe(self.output.put_nowait, item)
        except RuntimeError:  # the consumer's loop is closed: nobody is listening
            self.cancelled.set()

    def emit(self, piece: str) -> None:
        if not self.stats.ttft_ms:
            self.stats.ttft_ms = (time.perf_counter() - self.created) * 1000
        self.send(piece)


class _ReplyText:
    """Token bytes -> reply text: UTF-8 split across tokens, stop strings held back."""

    def __init__(self, stops: tuple[str, ...]) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stops = tuple(stop for stop in stops if stop)
        self._held = ""
        self._started = False
        self.stopped = False

    def push(self, data: bytes) -> str:
        text = self._held + self._decoder.decode(data)
        if not self._started:  # whitespace before the reply is neither shown nor a stop
            text = text.lstrip()
            self._started = bool(text)
        cut = min((text.find(s) for s in self._stops if s in text), default=-1)
        if cut >= 0:
            self.stopped, self._held = True, ""
            return text[:cut]
        keep = self._partial_stop(text)
        self._held = text[len(text) - keep :] if keep else ""
        return text[: len(text) - keep]

    def finish(self) -> str:
        text = self._held + self._decoder.decode(b"", final=True)
        self._held = ""
        return text.rstrip() if self._started else ""

    def _partial_stop(self, text: str) -> int:
        """Length of the longest tail of ``text`` that could begin a stop string."""
        best = 0
        for stop in self._stops:
            for size in range(min(len(stop) - 1, len(text)), best, -1):
                if text.endswith(stop[:size]):
                    best = size
                    break
        return best


class LlamaEngine:
    """The Engine protocol over llama-cpp-python, served by one worker thread."""

    def __init__(self, config: LlamaConfig) -> None:
        self.config = config
        self._jobs: queue.Queue[_Request | None] = queue.Queue(maxsize=config.queue_size)
        self._thread: threading.Thread | None = None
        self._llm: Any = None
        self._vocab: Any = None
        self._status = "loading"
        self._error = ""
        self._model_name = "llama"
        self._active: _Request | None = None
        self._prefix_tokens = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaEngine:
        from weedgo.engine.model_files import ensure_model
        from weedgo.pipeline.prompt import SYSTEM_PREFIX

        config = LlamaConfig(
            model_path=lambda: ensure_model(settings),
            n_ctx=max(settings.n_ctx, settings.n_ctx_complex),
            n_threads=settings.n_threads,
            n_threads_batch=getattr(settings, "n_threads_batch", None) or settings.n_threads,
            n_gpu_layers=settings.n_gpu_layers,
            n_batch=settings.n_batch,
            seed=settings.seed,
            queue_size=settings.queue_size,
            prewarm_text=SYSTEM_PREFIX if settings.prewarm else None,
        )
        return cls(config)

    # --- Engine protocol (event-loop side) ---------------------------------------------
    @property
    def model_name(self) -> str:
        return self._model_name

    @property
    def chat_template(self) -> str | None:
        """The GGUF's chat template, when it carries one (known after ``start``)."""
        if self._llm is None:
            return None
        template = self._llm.metadata.get("tokenizer.chat_template")
        return template if isinstance(template, str) else None

    async def start(self) -> None:
        if self._thread is not None:
            return
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._status = "loading"
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="llama-engine", daemon=True
        )
        self._thread.start()
        await asyncio.wrap_future(ready)

    async def aclose(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._status = "down"
        self._fail_waiting(EngineError("The model runtime is shutting down."))
        if self._active is not None:
            self._active.cancelled.set()
        await asyncio.to_thread(self._jobs.put, None)
        await asyncio.to_thread(thread.join)

    def health(self) -> dict[str, Any]:
        report: dict[str, Any] = {
            "status": self._status,
            "model": self._model_name,
            "n_ctx": self.config.n_ctx,
            "n_threads": self.config.n_threads,
            "n_threads_batch": self.config.n_threads_batch or self.config.n_threads,
            "queue_depth": self.queue_depth(),
            "prefix_tokens": self._prefix_tokens,
        }
        if self._error:
            report["error"] = self._error
        return report

    def queue_depth(self) -> int:
        return self._jobs.qsize()

    def count_tokens(self, text: str) -> int:
        # Tokenizing reads only the model's vocabulary, never the context: thread-safe.
        if self._llm is None:
            return max(1, len(text) // 4)
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    async def stream(
        self, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
    ) -> AsyncGenerator[str, None]:
        stats = stats if stats is not None else GenerationStats()
        request = self._admit(prompt, params, stats)
        try:
            while True:
                item = await request.output.get()
                if isinstance(item, _Done):
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            request.cancelled.set()
            if not stats.finish_reason:
                stats.finish_reason = "cancelled"
                stats.total_ms = (time.perf_counter() - request.created) * 1000

    def _admit(self, prompt: str, params: GenerationParams, stats: GenerationStats) -> _Request:
        if self._status != "ok":
            raise EngineError(f"The model runtime is not ready (status {self._status}).")
        loop = asyncio.get_running_loop()
        request = _Request(prompt, params, stats, loop, asyncio.Queue())
        try:
            self._jobs.put_nowait(request)
        except queue.Full:
            raise Overloaded("The assistant is busy; please try again in a moment.") from None
        return request

    def _fail_waiting(self, error: EngineError) -> None:
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is not None:
                job.send(error)

    # --- worker thread -----------------------------------------------------------------
    def _run(self, ready: concurrent.futures.Future[None]) -> None:
        try:
            self._load()
        except Exception as error:
            self._status, self._error = "down", str(error)
            logger.exception("Could not load the model")
            ready.set_exception(
                error if isinstance(error, EngineError) else EngineError(str(error))
            )
            return
        self._status = "ok"
        ready.set_result(None)
        try:
            while (job := self._jobs.get()) is not None:
                self._active = job
                self._serve(job)
                self._active = None
        finally:
            self._llm.close()
            self._llm = None

    def _load(self) -> None:
        from llama_cpp import Llama, llama_model_get_vocab

        source = self.config.model_path
        path = source() if callable(source) else source
        started = time.perf_counter()
        self._llm = Llama(
            model_path=str(path),
            n_ctx=self.config.n_ctx,
            n_threads=self.config.n_threads,
            n_threads_batch=self.config.n_threads_batch or self.config.n_threads,
            n_gpu_layers=self.config.n_gpu_layers,
            n_batch=self.config.n_batch,
            n_ubatch=self.config.n_batch,
            seed=self.config.seed,
            swa_full=self.config.swa_full,
            verbose=False,
        )
        self._vocab = llama_model_get_vocab(self._llm.model)
        self._model_name = path.name.removesuffix(".gguf")
        if self.config.prewarm_text:
            tokens = self._tokenize(self.config.prewarm_text)
            self._llm.reset()
            self._llm.eval(tokens)
            self._prefix_tokens = len(tokens)
        elapsed = (time.perf_counter() - started) * 1000
        logger.info("Model %s loaded and warmed in %.0f ms", self._model_name, elapsed)

    def _tokenize(self, text: str) -> list[int]:
        tokens: list[int] = self._llm.tokenize(text.encode("utf-8"), add_bos=True, special=True)
        bos = self._llm.token_bos()
        if len(tokens) > 1 and tokens[0] == bos and tokens[1] == bos:
            tokens = tokens[1:]
        return tokens

    def _reuse_prefix(self, tokens: list[int]) -> int:
        """Keep the KV cache of the common prefix with the last request; its length."""
        from llama_cpp import llama_get_memory, llama_memory_clear, llama_memory_seq_rm

        llm = self._llm
        cached = llm.input_ids[: llm.n_tokens].tolist()
        common = 0
        for old, new in zip(cached, tokens, strict=False):
            if old != new:
                break
            common += 1
        reuse = min(common, len(tokens) - 1) if self.config.prefix_reuse else 0
        memory = llama_get_memory(llm.ctx)
        if reuse > 0 and llama_memory_seq_rm(memory, 0, reuse, -1):
            llm.n_tokens = reuse
            return reuse
        if reuse > 0:
            logger.warning("The KV cache cannot drop a suffix; evaluating the whole prompt")
        llama_memory_clear(memory, True)
        llm.reset()
        return 0

    def _serve(self, request: _Request) -> None:
        started = time.perf_counter()
        stats = request.stats
        stats.queue_ms = (started - request.created) * 1000
        try:
            if not request.cancelled.is_set():
                self._generate(request)
        except Exception as error:
            logger.exception("Generation failed")
            self._llm.reset()
            request.send(error if isinstance(error, EngineError) else EngineError(str(error)))
            return
        if request.cancelled.is_set():
            stats.finish_reason = "cancelled"
        stats.total_ms = (time.perf_counter() - request.created) * 1000
        request.send(_DONE)

    def _generate(self, request: _Request) -> None:
        from llama_cpp import llama_vocab_is_eog

        params, stats, llm = request.params, request.stats, self._llm
        tokens = self._tokenize(request.prompt)
        room = self.config.n_ctx - len(tokens)
        if room < 2:
            raise EngineError(
                f"The prompt has {len(tokens)} tokens; the context holds {self.config.n_ctx}."
            )
        limit = min(params.max_tokens, room)
        stats.prompt_tokens = len(tokens)
        stats.cached_prompt_tokens = self._reuse_prefix(tokens)
        reply = _ReplyText(params.stop)
        llm.set_seed(params.seed)
        generator = llm.generate(
            tokens,
            top_k=params.top_k,
            top_p=params.top_p,
            min_p=MIN_P,
            temp=params.temperature,
            repeat_penalty=params.repeat_penalty,
        )
        finish = "length"
        try:
            for token in generator:
                if request.cancelled.is_set() or llama_vocab_is_eog(self._vocab, token):
                    finish = "cancelled" if request.cancelled.is_set() else "stop"
                    break
                stats.completion_tokens += 1
                if piece := reply.push(llm.detokenize([token])):
                    request.emit(piece)
                if reply.stopped or stats.completion_tokens >= limit:
                    finish = "stop" if reply.stopped else "length"
                    break
        finally:
            generator.close()
        if finish != "cancelled" and (tail := reply.finish()):
            request.emit(tail)
        stats.finish_reason = finish
