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

from weedgo.i18n import fr_texts as T

_NOTE = re.compile(r"^(.*); here are (the \w+) we have\.$")


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """English vetted text -> its French (built once, at first use)."""
    from weedgo.compliance import responsible
    from weedgo.pipeline import fallback, knowledge, search

    pairs: dict[str, str] = {}
    for name, french in T.RESPONSIBLE.items():
        pairs[getattr(responsible, name)] = french
    for name, french in T.FALLBACK.items():
        if not name.startswith("FACT_"):
            pairs[getattr(fallback, name)] = french
    facts = ("FACT_STRAINS", "FACT_CANNABINOIDS", "FACT_TERPENES")
    for (_pattern, english), name in zip(fallback._FACTS, facts, strict=True):
        pairs[english] = T.FALLBACK[name]
    for topic in knowledge.TOPICS:
        pairs[topic.answer] = T.KNOWLEDGE[topic.name]
    pairs.update(zip(knowledge._GREETINGS, T.GREETINGS, strict=True))
    pairs[knowledge.THANKS] = T.THANKS
    pairs[search.NOT_CARRIED] = T.SEARCH["NOT_CARRIED"]
    pairs.update(T.CHIPS)
    return pairs


def in_language(text: str, language: str) -> str:
    """``text`` in ``language``: the French of a vetted English text, or ``text`` itself."""
    if language != "fr" or not text:
        return text
    french = table().get(text)
    if french is not None:
        return french
    note = _NOTE.match(text)
    if note and note.group(1) == "Nothing in stock matches all of that":
        kind = T.NEAREST.get(note.group(2), T.NEAREST["the nearest"])
        return f"{T.SEARCH['NOTHING_MATCHES']}; voici {kind} que nous avons."
    return text


def all_in_language(texts: list[str], language: str) -> list[str]:
    return [in_language(text, language) for text in texts]
