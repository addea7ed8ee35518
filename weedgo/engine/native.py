"""Thin wrappers over llama.cpp's C API (through llama-cpp-python's ctypes bindings).

``NativeModel`` loads the GGUF weights once and tokenizes/detokenizes; it may be shared
by several ``NativeContext`` objects (llama.cpp's model is read-only once loaded). A
``NativeContext`` owns one llama.cpp context with ``n_seq_max`` sequences, each in its own
KV stream of ``n_ctx / n_seq_max`` cells, one reusable ``llama_batch`` and the memory
operations the scheduler needs. A
context is used by one thread only; logits never leave C (samplers read them in place).
"""

from __future__ import annotations

import ctypes
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import llama_cpp as lc
import llama_cpp._logger

from weedgo.errors import EngineError

logger = logging.getLogger(__name__)


class NativeModel:
    """The model weights and vocabulary; tokenizing is thread-safe."""

    def __init__(
        self,
        path: Path,
        n_gpu_layers: int = 0,
        repack: bool = False,
        vocab_only: bool = False,
        adapter: Path | None = None,
    ) -> None:
        if not path.is_file():
            raise EngineError(f"The model file {path} does not exist.")
        # llama-cpp-python prints llama.cpp's log unless its logger is above INFO
        logging.getLogger("llama-cpp-python").setLevel(logging.ERROR)
        lc.llama_backend_init()
        params = lc.llama_model_default_params()
        params.n_gpu_layers = n_gpu_layers
        params.use_extra_bufts = repack
        params.vocab_only = vocab_only
        self.model: Any = lc.llama_model_load_from_file(str(path).encode("utf-8"), params)
        if not self.model:
            raise EngineError(f"llama.cpp could not load the model {path}.")
        self.vocab: Any = lc.llama_model_get_vocab(self.model)
        self.n_vocab: int = lc.llama_vocab_n_tokens(self.vocab)
        self.bos: int = lc.llama_vocab_bos(self.vocab)
        self.name = path.name.removesuffix(".gguf")
        # the context the model was trained on (0 when only the vocabulary is loaded)
        self.n_ctx_train: int = lc.llama_model_n_ctx_train(self.model)
        self.adapter: Any = None  # a LoRA adapter, applied by every context made from here
        if adapter is not None:
            self.adapter = lc.llama_adapter_lora_init(self.model, str(adapter).encode("utf-8"))
            if not self.adapter:
                lc.llama_model_free(self.model)
                self.model = None
                raise EngineError(
                    f"llama.cpp could not load the adapter {adapter} on the model {path} "
                    "(made for another model?)."
                )

    def tokenize(self, text: str, add_bos: bool = True) -> list[int]:
        data = text.encode("utf-8")
        room = len(data) + 8
        buffer = (lc.llama_token * room)()
        count = lc.llama_tokenize(self.vocab, data, len(data), buffer, room, add_bos, True)
        if count < 0:  # pragma: no cover - room is always enough (at most a token per byte)
            raise EngineError("The prompt could not be tokenized.")
        tokens = list(buffer[:count])
        if len(tokens) > 1 and tokens[0] == self.bos and tokens[1] == self.bos:
            tokens = tokens[1:]  # the text itself began with <bos>
        return tokens

    def piece(self, token: int) -> bytes:
        buffer = ctypes.create_string_buffer(64)
        size = lc.llama_token_to_piece(self.vocab, token, buffer, 64, 0, False)
        if size < 0:
            buffer = ctypes.create_string_buffer(-size)
            size = lc.llama_token_to_piece(self.vocab, token, buffer, -size, 0, False)
        return buffer.raw[:size]

    def is_eog(self, token: int) -> bool:
        return bool(lc.llama_vocab_is_eog(self.vocab, token))

    def close(self) -> None:
        if self.model:
            lc.llama_model_free(self.model)
            self.model = None


@dataclass(frozen=True)
class ContextShape:
    n_ctx: int
    n_seq_max: int
    n_batch: int = 512
    n_threads: int = 2
    n_threads_batch: int = 2
    swa_full: bool = True
    flash_attn: bool = True  # llama.cpp's automatic choice; False turns it off


class NativeContext:
    """One llama.cpp context (one KV stream per sequence) with a reusable batch.

    With a unified cache every token would attend over the cells of all sequences (masked
    but still walked), which made a 128-token prompt chunk beside seven generating
    sequences cost 409 ms instead of 272 ms. Separate streams cost memory instead: a
    sequence's cells are reserved whether it uses them or not.
    """

    def __init__(self, model: NativeModel, shape: ContextShape) -> None:
        params = lc.llama_context_default_params()
        params.n_ctx = shape.n_ctx
        params.n_batch = shape.n_batch
        params.n_ubatch = shape.n_batch
        params.n_seq_max = shape.n_seq_max
        params.n_threads = shape.n_threads
        params.n_threads_batch = shape.n_threads_batch
        params.swa_full = shape.swa_full
        params.kv_unified = False
        if not shape.flash_attn:
            params.flash_attn_type = lc.LLAMA_FLASH_ATTN_TYPE_DISABLED
        params.no_perf = True
        self.ctx: Any = lc.llama_init_from_model(model.model, params)
        if not self.ctx:
            raise EngineError(f"llama.cpp could not create a context of {shape.n_ctx} tokens.")
        if model.adapter:
            adapters = (lc.llama_adapter_lora_p_ctypes * 1)(model.adapter)
            scales = (ctypes.c_float * 1)(1.0)
            if lc.llama_set_adapters_lora(self.ctx, adapters, 1, scales) != 0:
                lc.llama_free(self.ctx)
                raise EngineError("llama.cpp could not apply the adapter to a context.")
        self.shape = shape
        # the KV cells llama.cpp gave each sequence's stream (padded to a multiple of 256)
        self.n_ctx_seq: int = lc.llama_n_ctx_seq(self.ctx)
        self.memory: Any = lc.llama_get_memory(self.ctx)
        self.batch: Any = lc.llama_batch_init(shape.n_batch, 0, 1)
        self._size = 0

    # --- batch -------------------------------------------------------------------------
    def clear_batch(self) -> None:
        self._size = 0

    @property
    def batch_size(self) -> int:
        return self._size

    @property
    def batch_room(self) -> int:
        return self.shape.n_batch - self._size

    def add(self, token: int, pos: int, seq: int, logits: bool) -> int:
        """Append a token to the batch; its index in the batch (for sampling)."""
        index, batch = self._size, self.batch
        batch.token[index] = token
        batch.pos[index] = pos
        batch.n_seq_id[index] = 1
        batch.seq_id[index][0] = seq
        batch.logits[index] = logits
        self._size += 1
        return index

    def decode(self) -> int:
        """Evaluate the batch: 0 on success, 1 when the KV cache has no room (unchanged)."""
        self.batch.n_tokens = self._size
        result = int(lc.llama_decode(self.ctx, self.batch))
        if result not in (0, 1):
            raise EngineError(f"llama_decode failed with code {result} ({self._size} tokens).")
        return result

    # --- memory ------------------------------------------------------------------------
    def seq_remove(self, seq: int, start: int = -1) -> bool:
        return bool(lc.llama_memory_seq_rm(self.memory, seq, start, -1))

    def seq_copy(self, source: int, target: int) -> None:
        """Replace ``target``'s stream by a copy of ``source``'s (done at the next decode;
        llama.cpp copies whole streams only)."""
        lc.llama_memory_seq_cp(self.memory, source, target, 0, -1)

    def clear(self) -> None:
        lc.llama_memory_clear(self.memory, True)

    def close(self) -> None:
        if self.ctx:
            lc.llama_batch_free(self.batch)
            lc.llama_free(self.ctx)
            self.ctx = None
