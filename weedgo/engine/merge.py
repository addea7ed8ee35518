"""The LoRA adapter merged into a copy of the model, so that decoding costs what the model
alone costs.

Applied at run time, llama.cpp adds two small matrix products and an add to every adapted
projection of every layer (7 x 18 for Gemma 3 270M): on two cores that is about a fifth
of the decode speed. Merged, each adapted weight becomes ``W + alpha / rank * B @ A`` once,
at start-up, in numpy with ``gguf``: the quantized ``W`` is dequantized, the low-rank
update added, and the sum stored as Q8_0 (F16 where a row is not a whole number of Q8_0
blocks). Q8_0 keeps the update: put back into the model's own 4- and 5-bit types, most
of the small update is lost in the rounding and the model answers as the base model did.
Every other tensor and every metadata value is copied byte for byte.

The merged file lives in the data folder next to the model, named after the model and the
adapter's hash; it records both files' hashes and is made again when either changes.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import numpy as np

from weedgo.engine.adapter import FORMAT_KEY, Adapter
from weedgo.engine.machine import file_sha256
from weedgo.errors import EngineError

logger = logging.getLogger(__name__)

MODEL_KEY = "weedgo.merge.model_sha256"
ADAPTER_KEY = "weedgo.merge.adapter_sha256"
NEW_KEYS = (MODEL_KEY, ADAPTER_KEY, FORMAT_KEY)
Q8_BLOCK = 32


def merged_path(model: Path, adapter: Adapter, data_dir: Path) -> Path:
    """Where the model with ``adapter`` merged is kept."""
    return (
        data_dir / f"{model.name.removesuffix('.gguf')}.{adapter.name}-{adapter.sha256[:12]}.gguf"
    )


def ensure_merged(model: Path, adapter: Adapter, data_dir: Path) -> Path:
    """The model with ``adapter`` merged: the kept file when it was made from these two
    files, otherwise written now (about 2 s for the packaged model on two cores)."""
    target = merged_path(model, adapter, data_dir)
    model_sha = file_sha256(model)
    if target.is_file() and _made_from(target) == (model_sha, adapter.sha256):
        return target
    began = time.perf_counter()
    data_dir.mkdir(parents=True, exist_ok=True)
    write_merged(model, adapter.path, target, model_sha=model_sha, adapter_sha=adapter.sha256)
    seconds = time.perf_counter() - began
    logger.info("merged the adapter %s into %s in %.1f s", adapter.name, target.name, seconds)
    for stale in data_dir.glob(f"{model.name.removesuffix('.gguf')}.{adapter.name}-*.gguf"):
        if stale != target:
            stale.unlink(missing_ok=True)
    return target


def _made_from(path: Path) -> tuple[str, str] | None:
    from gguf import GGUFReader

    try:
        fields = GGUFReader(path).fields
        return str(fields[MODEL_KEY].contents()), str(fields[ADAPTER_KEY].contents())
    except (KeyError, OSError, ValueError):
        return None


def write_merged(
    model: Path, adapter: Path, target: Path, *, model_sha: str, adapter_sha: str
) -> int:
    """Write ``target``: ``model`` with the LoRA of ``adapter`` merged; returns how many
    weights changed. Raises EngineError when the adapter does not fit the model."""
    from gguf import GGUFReader, GGUFWriter

    reader = GGUFReader(model)
    lora = GGUFReader(adapter)
    updates = _lora_updates(lora, reader, adapter)
    arch = str(reader.fields["general.architecture"].contents())
    tensors = [_merged_tensor(t, updates.get(t.name)) for t in reader.tensors]
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    writer = GGUFWriter(partial, arch=arch, endianess=reader.endianess)
    try:
        _copy_metadata(reader, writer)
        writer.add_string(MODEL_KEY, model_sha)
        writer.add_string(ADAPTER_KEY, adapter_sha)
        if FORMAT_KEY in lora.fields:
            writer.add_string(FORMAT_KEY, str(lora.fields[FORMAT_KEY].contents()))
        for name, data, kind in tensors:
            writer.add_tensor_info(name, data.shape, data.dtype, data.nbytes, kind)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for _, data, _ in tensors:
            writer.write_tensor_data(np.ascontiguousarray(data), tensor_endianess=reader.endianess)
        writer.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return len(updates)


def _lora_updates(lora: Any, reader: Any, source: Path) -> dict[str, tuple[Any, Any, float]]:
    """Each adapted weight's (A, B, scale), checked against the model's shapes."""
    fields = lora.fields
    if "adapter.type" not in fields or str(fields["adapter.type"].contents()) != "lora":
        raise EngineError(f"{source} is not a LoRA adapter GGUF.")
    alpha = float(fields["adapter.lora.alpha"].contents()) if "adapter.lora.alpha" in fields else 0
    parts = {t.name: t for t in lora.tensors}
    weights = {t.name: t for t in reader.tensors}
    updates: dict[str, tuple[Any, Any, float]] = {}
    for name in parts:
        if not name.endswith(".lora_a"):
            continue
        base = name.removesuffix(".lora_a")
        a = np.asarray(parts[name].data, dtype=np.float32)  # rank x in
        b_part = parts.get(f"{base}.lora_b")
        weight = weights.get(base)
        if b_part is None or weight is None:
            raise EngineError(f"{source}: {base} has no lora_b or is no weight of the model.")
        b = np.asarray(b_part.data, dtype=np.float32)  # out x rank
        rows, cols = (int(n) for n in reversed(weight.shape.tolist()))
        if a.shape[1] != cols or b.shape != (rows, a.shape[0]):
            raise EngineError(f"{source}: the LoRA of {base} does not fit the model's shape.")
        rank = a.shape[0]
        updates[base] = (a, b, (alpha / rank) if alpha else 1.0)
    if not updates:
        raise EngineError(f"{source} adapts no weight.")
    return updates


def _merged_tensor(tensor: Any, update: tuple[Any, Any, float] | None) -> tuple[str, Any, Any]:
    from gguf import GGMLQuantizationType
    from gguf.quants import dequantize, quantize

    if update is None:
        return tensor.name, tensor.data, tensor.tensor_type
    a, b, scale = update
    merged = dequantize(tensor.data, tensor.tensor_type).astype(np.float32)
    merged += scale * (b @ a)
    if merged.shape[-1] % Q8_BLOCK == 0:
        kind = GGMLQuantizationType.Q8_0
        return tensor.name, quantize(merged, kind), kind
    return tensor.name, merged.astype(np.float16), GGMLQuantizationType.F16


def _copy_metadata(reader: Any, writer: Any) -> None:
    from gguf import GGUFValueType

    for name, field in reader.fields.items():
        if name.startswith("GGUF.") or name in ("general.architecture", *NEW_KEYS):
            continue  # the writer writes the first ones itself; the merge's keys are new
        vtype = field.types[0]
        sub_type = field.types[-1] if vtype == GGUFValueType.ARRAY else None
        writer.add_key_value(name, field.contents(), vtype, sub_type=sub_type)
