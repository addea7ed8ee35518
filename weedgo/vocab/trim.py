"""Writing a GGUF that keeps only some token ids, renumbered in their original order.

Every metadata value is copied, except the vocabulary arrays (tokens, scores, types and
BPE merges, cut to the kept pieces) and the special token ids (bos, eos, pad, ...),
which are rewritten to the new numbering; ``{arch}.vocab_size`` follows the new size.
The token embedding (and a separate output layer, if the model has one) keeps only the
rows of the kept ids; their bytes are copied unchanged, so a kept token's embedding and
logit are exactly the full model's. Every other tensor is copied as it is.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import numpy as np

from weedgo.vocab.closure import kept_merges
from weedgo.vocab.gguf_vocab import MERGES, SCORES, TOKENS, TYPES, vocab_from_fields

logger = logging.getLogger(__name__)

VOCAB_TENSORS = ("token_embd.weight", "output.weight")
SOURCE_KEY = "weedgo.vocab.source_sha256"


def write_trimmed(source: Path, target: Path, keep: list[int], source_sha256: str) -> int:
    """Write ``target``: ``source`` with only the token ids in ``keep`` (sorted).

    Returns the source's vocabulary size."""
    from gguf import GGUFReader, GGUFWriter

    reader = GGUFReader(source)
    vocab = vocab_from_fields(reader.fields, source)
    arch = str(reader.fields["general.architecture"].contents())
    values = _new_values(reader.fields, vocab, keep, arch)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    writer = GGUFWriter(partial, arch=arch, endianess=reader.endianess)
    try:
        for name, (value, vtype, sub_type) in values.items():
            writer.add_key_value(name, value, vtype, sub_type=sub_type)
        writer.add_string(SOURCE_KEY, source_sha256)
        rows = np.asarray(keep, dtype=np.int64)
        tensors = [(t, t.data[rows] if t.name in VOCAB_TENSORS else t.data) for t in reader.tensors]
        for tensor, data in tensors:
            writer.add_tensor_info(
                tensor.name, data.shape, data.dtype, data.nbytes, tensor.tensor_type
            )
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for _, data in tensors:
            writer.write_tensor_data(np.ascontiguousarray(data), tensor_endianess=reader.endianess)
        writer.close()
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return len(vocab.tokens)


def _new_values(fields: Any, vocab: Any, keep: list[int], arch: str) -> dict[str, Any]:
    """Each metadata key's (value, type, sub type) in the trimmed file."""
    from gguf import GGUFValueType

    new_id = {old: new for new, old in enumerate(keep)}
    kept_texts = [vocab.tokens[i] for i in keep]
    replaced: dict[str, Any] = {
        TOKENS: kept_texts,
        TYPES: [vocab.types[i] for i in keep],
        f"{arch}.vocab_size": len(keep),
    }
    if vocab.scores is not None:
        replaced[SCORES] = [vocab.scores[i] for i in keep]
    if vocab.merges is not None:
        replaced[MERGES] = kept_merges(vocab, set(kept_texts))
    values: dict[str, Any] = {}
    for name, field in fields.items():
        if name.startswith("GGUF.") or name == "general.architecture":
            continue  # the writer writes these itself
        vtype = field.types[0]
        sub_type = field.types[-1] if vtype == GGUFValueType.ARRAY else None
        value = replaced.get(name, field.contents())
        if name in vocab.special:
            if vocab.special[name] not in new_id:
                logger.warning("%s (token %d) is not kept; dropped", name, vocab.special[name])
                continue
            value = new_id[vocab.special[name]]
        values[name] = (value, vtype, sub_type)
    return values
