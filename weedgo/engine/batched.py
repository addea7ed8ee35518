"""Continuous batching over one llama.cpp context, run by one worker thread.

The context holds ``slots`` sequences plus one reserved sequence (the last id) with the
fixed system prefix, evaluated once at start-up; each sequence has its own KV stream. A
request takes the free slot whose previous sequence shares the longest prefix with it
(a conversation's next turn finds its earlier turn there; :mod:`weedgo.engine.slots`);
when the system prefix shares more, the slot's stream is replaced by a copy of the
prefix stream (``llama_memory_seq_cp``) and only the tail is evaluated.

Every step decodes one batch: the next token of each generating sequence plus at most
``chunk`` prompt tokens of joining ones, so a long prompt never stalls the others for
long. Sequences join and leave between steps; a cancelled one is dropped from the KV
cache at the next step. Each sequence samples from its own logits row with its own
sampler chain, stop strings and token limit.
"""

from __future__ import annotations

import logging
import queue
import threading
import time

from weedgo.engine.jobs import Request
from weedgo.engine.layout import WorkerConfig
from weedgo.engine.native import NativeContext, NativeModel
from weedgo.engine.sampling import SamplerChain
from weedgo.engine.slots import Slot, common_prefix, pick_slot
from weedgo.engine.text import ReplyText
from weedgo.errors import EngineError

logger = logging.getLogger(__name__)


class BatchWorker:
    """Serves requests from a shared queue with up to ``slots`` sequences at a time."""

    def __init__(
        self, model: NativeModel, config: WorkerConfig, jobs: queue.Queue[Request | None]
    ) -> None:
        self.model, self.config, self.jobs = model, config, jobs
        self.slots = [Slot(seq) for seq in range(config.slots)]
        self.prefix_seq = config.slots
        self.ctx: NativeContext | None = None
        self._stopping = False
        self.ready = threading.Event()  # set once ``load`` has finished, well or not
        self.load_error: BaseException | None = None
        self.thread_id: int | None = None  # the thread that created the context
        self._assigned = 0

    @property
    def active(self) -> int:
        return sum(slot.request is not None for slot in self.slots)

    def load(self) -> None:
        """Create the context and evaluate the system prefix on the reserved sequence."""
        self.thread_id = threading.get_ident()
        self.ctx = NativeContext(self.model, self.config.shape())
        self._warm_prefix()

    def _warm_prefix(self) -> None:
        assert self.ctx is not None
        prefix = list(self.config.prefix)
        for start in range(0, len(prefix), self.config.n_batch):
            self.ctx.clear_batch()
            for pos in range(start, min(start + self.config.n_batch, len(prefix))):
                self.ctx.add(prefix[pos], pos, self.prefix_seq, False)
            if self.ctx.decode() != 0:
                raise EngineError("The context has no room for the system prefix.")

    def run(self) -> None:
        """The worker thread: create the context, then loop until it takes ``None``.

        The context is created and its prefix evaluated here, on the thread that will
        decode with it. llama.cpp's OpenMP runtime keeps a pool of helper threads for each
        thread that calls into it; a pool left idle by another thread would count
        against the machine's cores and make every pool block at each barrier instead
        of spinning (measured: 21 against 14-17 ms per token).
        """
        try:
            self.load()
        except BaseException as error:
            self.load_error = error
            if self.ctx is not None:
                self.ctx.close()
                self.ctx = None
            return
        finally:
            self.ready.set()
        try:
            while not (self._stopping and not self.active):
                self._take_jobs()
                if self.active:
                    self._step()
        finally:
            for slot in self.slots:
                if slot.request is not None:
                    slot.request.send(EngineError("The model runtime is shutting down."))
                slot.release()
            if self.ctx is not None:
                self.ctx.close()

    def _take_jobs(self) -> None:
        while not self._stopping and self.active < len(self.slots):
            try:
                job = self.jobs.get() if not self.active else self.jobs.get_nowait()
            except queue.Empty:
                return
            if job is None:
                self._stopping = True
                return
            if job.cancelled.is_set():
                job.finish("cancelled")
                continue
            try:
                self._assign(job)
            except EngineError as error:
                job.send(error)
            except Exception as error:  # never let one request stop the worker
                logger.exception("Could not start a generation")
                job.send(EngineError(str(error)))

    # --- joining -----------------------------------------------------------------------
    def _assign(self, request: Request) -> None:
        assert self.ctx is not None
        tokens = self.model.tokenize(request.prompt)
        room = self.config.max_seq - len(tokens)
        if room < 2:
            raise EngineError(
                f"The prompt has {len(tokens)} tokens; the context holds {self.config.max_seq}."
            )
        slot = pick_slot(self.slots, tokens, len(self.config.prefix))
        self._assigned += 1
        slot.last_used = self._assigned
        reused = self._reuse(slot, tokens)
        stats = request.stats
        stats.queue_ms = (time.perf_counter() - request.created) * 1000
        stats.prompt_tokens, stats.cached_prompt_tokens = len(tokens), reused
        slot.request, slot.pending = request, tokens[reused:]
        slot.sampler = SamplerChain(request.params, self.model.n_vocab)
        slot.reply = ReplyText(request.params.stop)
        slot.limit = min(request.params.max_tokens, room)

    def _reuse(self, slot: Slot, tokens: list[int]) -> int:
        """Keep the longest usable cached prefix of ``tokens`` in the slot's sequence."""
        assert self.ctx is not None
        limit = len(tokens) - 1 if self.config.reuse else 0
        own = min(common_prefix(slot.cached, tokens), limit)
        shared = min(common_prefix(list(self.config.prefix), tokens), limit)
        if own >= shared and own > 0 and self.ctx.seq_remove(slot.seq, own):
            del slot.cached[own:]
            return own
        if shared > 0:
            self.ctx.seq_copy(self.prefix_seq, slot.seq)
            if shared < len(self.config.prefix):
                self.ctx.seq_remove(slot.seq, shared)
        else:
            self.ctx.seq_remove(slot.seq)
        slot.cached = list(tokens[:shared])
        return shared

    # --- one step ----------------------------------------------------------------------
    def _step(self) -> None:
        assert self.ctx is not None
        self._drop_cancelled()
        if not self.active:
            return
        self._fill_batch()
        try:
            self._decode()
        except EngineError as error:
            self._fail_all(error)
            return
        for slot in self.slots:
            if slot.request is not None and slot.index >= 0:
                self._sample(slot)

    def _decode(self) -> None:
        assert self.ctx is not None
        if self.ctx.decode() != 0:  # cannot happen: ``_assign`` keeps a sequence in its stream
            raise EngineError("The model's context is full; please try again in a moment.")

    def _drop_cancelled(self) -> None:
        assert self.ctx is not None
        for slot in self.slots:
            if slot.request is not None and slot.request.cancelled.is_set():
                slot.request.finish("cancelled")
                slot.release()
                self.ctx.seq_remove(slot.seq)
                slot.cached = []

    def _fill_batch(self) -> None:
        assert self.ctx is not None
        ctx = self.ctx
        ctx.clear_batch()
        for slot in self.slots:
            slot.index = -1
            if slot.request is not None and slot.feed is not None:
                slot.index = ctx.add(slot.feed, len(slot.cached), slot.seq, True)
                slot.cached.append(slot.feed)
                slot.feed = None
        budget = ctx.batch_room if ctx.batch_size == 0 else min(self.config.chunk, ctx.batch_room)
        joining = [slot for slot in self.slots if slot.request is not None and slot.pending]
        joining.sort(key=lambda slot: slot.request.created if slot.request else 0.0)
        for slot in joining:
            take = min(len(slot.pending), budget)
            if take <= 0:
                break
            part, slot.pending = slot.pending[:take], slot.pending[take:]
            for offset, token in enumerate(part):
                last = not slot.pending and offset == take - 1
                index = ctx.add(token, len(slot.cached), slot.seq, last)
                slot.cached.append(token)
                slot.index = index if last else slot.index
            budget -= take

    def _sample(self, slot: Slot) -> None:
        assert self.ctx is not None and slot.request is not None
        assert slot.sampler is not None and slot.reply is not None
        request, reply = slot.request, slot.reply
        token = slot.sampler.sample(self.ctx.ctx, slot.index)
        if self.model.is_eog(token):
            self._finish(slot, "stop")
            return
        request.stats.completion_tokens += 1
        if piece := reply.push(self.model.piece(token)):
            request.emit(piece)
        if reply.stopped or request.stats.completion_tokens >= slot.limit:
            self._finish(slot, "stop" if reply.stopped else "length")
            return
        slot.feed = token

    def _finish(self, slot: Slot, reason: str) -> None:
        assert slot.request is not None and slot.reply is not None
        if tail := slot.reply.finish():
            slot.request.emit(tail)
        slot.request.finish(reason)
        slot.release()  # the stream keeps the reply's cells for the conversation's next turn

    def _fail_all(self, error: EngineError) -> None:
        """A failed decode leaves the cache uncertain: drop every sequence, warm again."""
        assert self.ctx is not None
        logger.error("Batch decode failed: %s", error)
        for slot in self.slots:
            if slot.request is not None:
                slot.request.send(error)
            slot.release()
            slot.cached = []
        self.ctx.clear()
        self._warm_prefix()
