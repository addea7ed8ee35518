"""French for the customer-facing texts: one look-up from an English vetted text.

``in_language(text, "fr")`` gives the French of any fixed English text the budtender
sends (compliance replies, guidance, catalog lines, vetted answers, quick replies, the
"nothing matches" notes); the English text is returned for English, and for a text that
has no French (a test keeps that set empty). Texts built from catalog facts have their
own French builders in :mod:`weedgo.i18n.fr_catalog`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from weedgo.i18n import fr_answers as A
from weedgo.i18n import fr_compliance as C
from weedgo.i18n import fr_texts as T

_NOTE = re.compile(r"^(.*); here are (the \w+) we have\.$")


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """English vetted text -> its French (joined once, at first use)."""
    pairs: dict[str, str] = {}
    for part in (C.RESPONSIBLE, T.FALLBACK, A.KNOWLEDGE, T.GREETINGS, T.SEARCH, T.CHIPS):
        pairs.update(part)
    return pairs


def in_language(text: str, language: str) -> str:
    """``text`` in ``language``: the French of a vetted English text, or ``text`` itself."""
    if language != "fr" or not text:
        return text
    french = table().get(text)
    if french is not None:
        return french
    note = _NOTE.match(text)
    if note and note.group(1) in T.SEARCH:
        kind = T.NEAREST.get(note.group(2), T.NEAREST["the nearest"])
        return f"{T.SEARCH[note.group(1)]}; voici {kind} que nous avons."
    return text


def all_in_language(texts: list[str], language: str) -> list[str]:
    return [in_language(text, language) for text in texts]
