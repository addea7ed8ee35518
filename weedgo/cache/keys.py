"""Cache keys: hashes of everything that changes an answer.

A response depends on the normalised message, the language, the conversation turns put
in the prompt, the catalog version, the prompt version, the model and its sampling
settings, and the compliance context (jurisdiction, education-only). Any of these
changing gives a different key.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s$%.]|(?<!\d)\.|\.(?!\d)")
_SPACE = re.compile(r"\s+")


def normalize_message(message: str) -> str:
    """Case, spacing and punctuation folded: "Hi!!  there?" -> "hi there"."""
    text = unicodedata.normalize("NFKC", message).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def digest(*parts: object) -> str:
    """A short, stable hash of the parts (order matters)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(str(part).encode("utf-8"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()


def response_key(
    message: str,
    *,
    language: str,
    history: str,
    catalog_version: int,
    prompt_version: str,
    model: str,
    sampling: str,
    context: str = "",
) -> str:
    return "resp:" + digest(
        normalize_message(message),
        language,
        history,
        catalog_version,
        prompt_version,
        model,
        sampling,
        context,
    )
