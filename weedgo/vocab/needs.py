"""What any text needs of a vocabulary, whatever its words: the specials, the user-defined
pieces, the bytes, and the single characters and punctuation pairs of English and French.

Apart from :mod:`weedgo.vocab.derive` (which also reads the project's own texts), so that
trimming another model file at set-up needs nothing of the pipeline.
"""

from __future__ import annotations

import re
import unicodedata

from weedgo.vocab.gguf_vocab import TokenType, Vocab

PUNCTUATION_PIECE = 2  # longest run of punctuation marks kept whole
_UNUSED = re.compile(r"<unused\d+>|<(start|end)_of_image>|\[multimodal\]")


def text_needs(vocab: Vocab) -> set[int]:
    """Specials, user-defined pieces, bytes, and English and French single characters."""
    needed = set(vocab.special.values())
    whole = (TokenType.BYTE, TokenType.USER_DEFINED, TokenType.CONTROL)
    for token_id, (text, kind) in enumerate(zip(vocab.tokens, vocab.types, strict=True)):
        if kind in whole:
            keep = not _UNUSED.fullmatch(text)
        else:
            keep = kind == TokenType.NORMAL and (
                (len(text) == 1 and latin_or_common(text)) or punctuation_piece(text)
            )
        if keep:
            needed.add(token_id)
    return needed


def latin_or_common(char: str) -> bool:
    """A character English or French text may hold: not a letter of another script."""
    if not char.isalpha():
        return True
    return unicodedata.name(char, "").startswith("LATIN")


def punctuation_piece(text: str) -> bool:
    """Two marks of Latin punctuation, symbols or spaces (``."``, ``▁«``)."""
    return 1 < len(text) <= PUNCTUATION_PIECE and all(
        not char.isalnum() and (ord(char) < 0x2100 or char == "▁") for char in text
    )
