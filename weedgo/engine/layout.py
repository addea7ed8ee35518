"""How the embedded engine's configuration becomes llama.cpp contexts.

``n_ctx`` is the number of positions one sequence may use, its prompt and its reply
together: a prompt that leaves fewer than two positions is refused, and a reply stops
at the positions left. From the settings it is the larger of ``WEEDGO_N_CTX`` and
``WEEDGO_N_CTX_COMPLEX`` (the service raises it to 2048 for the sequential pipeline). It
is not checked against the context the model was trained on.

The ``parallel`` sequence slots are spread over ``contexts`` llama.cpp contexts. Each
context holds its share of the slots plus one reserved sequence for the system prefix,
every sequence in its own KV stream of ``n_ctx`` cells (or the prefix's length plus one,
when that is more) rounded up to a multiple of 256; the context's size is that times
its sequences. Threads are split evenly between the contexts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from weedgo.config import Settings
from weedgo.engine.adapter import Adapter, load_adapter
from weedgo.engine.native import ContextShape
from weedgo.engine.probe import NativeOptions, ProbeShape
from weedgo.engine.verdicts import RepackMode

KV_CELL_ROUNDING = 256  # llama.cpp pads every sequence's stream to a multiple of this


@dataclass(frozen=True)
class WorkerConfig:
    """One context's worker: its slots, the sequence size and llama.cpp's options."""

    slots: int
    max_seq: int  # positions one sequence may use (prompt plus reply)
    prefix: tuple[int, ...]  # the system prefix tokens (may be empty)
    n_batch: int = 512
    chunk: int = 128  # prompt tokens per step while others are generating
    n_threads: int = 2
    n_threads_batch: int = 2
    swa_full: bool = True
    reuse: bool = True  # keep cached prefixes between requests
    flash_attn: bool = True  # llama.cpp's automatic choice; False turns it off

    @property
    def stream_cells(self) -> int:
        """KV cells of one sequence's stream: ``max_seq`` rounded up to llama.cpp's 256."""
        cells = max(self.max_seq, len(self.prefix) + 1)
        return -(-cells // KV_CELL_ROUNDING) * KV_CELL_ROUNDING

    def shape(self) -> ContextShape:
        """A stream of ``stream_cells`` for every slot and one for the system prefix."""
        return ContextShape(
            n_ctx=self.stream_cells * (self.slots + 1),
            n_seq_max=self.slots + 1,
            n_batch=self.n_batch,
            n_threads=self.n_threads,
            n_threads_batch=self.n_threads_batch,
            swa_full=self.swa_full,
            flash_attn=self.flash_attn,
        )


@dataclass(frozen=True)
class LlamaConfig:
    model_path: Path | Callable[[], Path]
    n_ctx: int = 1024  # positions of one sequence (prompt plus reply)
    n_threads: int = 2
    n_threads_batch: int | None = None
    n_gpu_layers: int = 0
    n_batch: int = 512
    queue_size: int = 16
    prewarm_text: str | None = None
    swa_full: bool = True
    prefix_reuse: bool = True
    parallel: int = 1  # sequences generated at once, over all contexts
    contexts: int = 1  # llama.cpp contexts, one worker thread each
    chunk: int = 128  # prompt tokens per step while other sequences generate
    repack: RepackMode = "auto"  # weight repacking: probed once per machine with "auto"
    data_dir: Path | None = None  # where the verdict is remembered (default: the model's)
    probe_timeout_s: float = 120.0
    adapter: Adapter | Callable[[], Adapter | None] | None = None  # a LoRA adapter
    merge_adapter: bool = True  # into a copy of the model (engine/merge.py), else at run time

    @classmethod
    def from_settings(cls, settings: Settings, prewarm_text: str | None = None) -> LlamaConfig:
        """The configuration for ``settings``; ``prewarm_text`` is evaluated at start."""
        from weedgo.engine.model_files import ensure_model

        return cls(
            model_path=lambda: ensure_model(settings),
            n_ctx=max(settings.n_ctx, settings.n_ctx_complex),
            n_threads=settings.n_threads,
            n_threads_batch=settings.n_threads_batch or settings.n_threads,
            n_gpu_layers=settings.n_gpu_layers,
            n_batch=settings.n_batch,
            queue_size=settings.queue_size,
            prewarm_text=prewarm_text if settings.prewarm else None,
            parallel=settings.parallel,
            contexts=settings.engine_contexts,
            repack=settings.repack,
            data_dir=settings.data_dir,
            probe_timeout_s=settings.probe_timeout_s,
            adapter=lambda: load_adapter(settings),
            merge_adapter=settings.adapter_merge,
        )

    @property
    def context_count(self) -> int:
        """llama.cpp contexts made: never more than the slots."""
        return max(1, min(self.contexts, self.parallel))

    def worker(self, prefix: tuple[int, ...], native: NativeOptions | None = None) -> WorkerConfig:
        contexts = self.context_count
        threads = max(1, self.n_threads // contexts)
        batch_threads = max(1, (self.n_threads_batch or self.n_threads) // contexts)
        return WorkerConfig(
            slots=-(-self.parallel // contexts),
            max_seq=self.n_ctx,
            prefix=prefix,
            n_batch=self.n_batch,
            chunk=self.chunk,
            n_threads=threads,
            n_threads_batch=batch_threads,
            swa_full=self.swa_full,
            reuse=self.prefix_reuse,
            flash_attn=native.flash_attn if native is not None else True,
        )

    def probe_shape(self) -> ProbeShape:
        """The probe's context: one worker's slots, stream size and threads."""
        worker = self.worker(())
        return ProbeShape(
            slots=worker.slots + 1, stream_cells=worker.stream_cells, n_threads=worker.n_threads
        )
