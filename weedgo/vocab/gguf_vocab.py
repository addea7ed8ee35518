"""A GGUF file's vocabulary, read with the ``gguf`` package (no weights are loaded)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any

from weedgo.errors import EngineError

TOKENS = "tokenizer.ggml.tokens"
SCORES = "tokenizer.ggml.scores"
TYPES = "tokenizer.ggml.token_type"
MERGES = "tokenizer.ggml.merges"
MODEL = "tokenizer.ggml.model"
# SentencePiece ("llama") and byte-level BPE ("gpt2") vocabularies can be trimmed.
SUPPORTED = ("llama", "gpt2")


class TokenType(IntEnum):
    """llama.cpp's token types, as stored in ``tokenizer.ggml.token_type``."""

    NORMAL = 1
    UNKNOWN = 2
    CONTROL = 3
    USER_DEFINED = 4
    UNUSED = 5
    BYTE = 6


@dataclass
class Vocab:
    model: str  # "llama" (SentencePiece) or "gpt2" (byte-level BPE)
    tokens: list[str]
    types: list[int]
    scores: list[float] | None
    merges: list[str] | None
    special: dict[str, int]  # metadata key -> token id (bos, eos, pad, ...)

    def __len__(self) -> int:
        return len(self.tokens)

    def ids_by_text(self) -> dict[str, int]:
        """Each piece's id (the first id, should a text appear twice, as llama.cpp does)."""
        found: dict[str, int] = {}
        for token_id, text in enumerate(self.tokens):
            found.setdefault(text, token_id)
        return found


def read_vocab(path: Path) -> Vocab:
    """The vocabulary of the GGUF at ``path``; raises when it cannot be trimmed."""
    from gguf import GGUFReader

    reader = GGUFReader(path)
    return vocab_from_fields(reader.fields, path)


def vocab_from_fields(fields: Any, path: Path) -> Vocab:
    model = _scalar(fields, MODEL)
    if model not in SUPPORTED or TOKENS not in fields:
        raise EngineError(
            f"{path.name} has a {model or 'missing'} tokenizer; only SentencePiece "
            "('llama') and byte-level BPE ('gpt2') vocabularies can be trimmed."
        )
    tokens = [str(text) for text in fields[TOKENS].contents()]
    types = (
        [int(value) for value in fields[TYPES].contents()]
        if TYPES in fields
        else [int(TokenType.NORMAL)] * len(tokens)
    )
    scores = [float(v) for v in fields[SCORES].contents()] if SCORES in fields else None
    merges = [str(m) for m in fields[MERGES].contents()] if MERGES in fields else None
    if model == "llama" and scores is None:
        raise EngineError(f"{path.name} is a SentencePiece vocabulary without scores.")
    if model == "gpt2" and merges is None:
        raise EngineError(f"{path.name} is a BPE vocabulary without merges.")
    special = {
        key: int(_scalar(fields, key))
        for key in fields
        if key.startswith("tokenizer.ggml.") and key.endswith("_token_id")
    }
    return Vocab(str(model), tokens, types, scores, merges, special)


def _scalar(fields: Any, key: str) -> Any:
    field = fields.get(key)
    return field.contents() if field is not None else None
