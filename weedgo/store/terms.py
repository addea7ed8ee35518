"""Text as both back-ends search it: safe terms, match expressions, plain words, keys.

Free text becomes a list of safe terms (letters and digits only, stop words and terms
that repeat a filter dropped), quoted and ORed; terms of four letters or more match as
prefixes ("relax" finds "relaxing").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from weedgo.domain import SearchQuery
from weedgo.text import strip_accents

MAX_TERMS = 8
PREFIX_FROM = 4  # shorter terms match whole words only ("og" must not match "organic")

# PostgreSQL's English stop words (so both back-ends drop the same terms) plus words
# that carry no product meaning in a shop request.
_STOP_TEXT = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what
which who whom this that these those am is are was were be been being have has had
having do does did doing a an the and but if or because as until while of at by for
with about against between into through during before after above below to from up
down in out on off over under again further then once here there when where why how
all any both each few more most other some such no nor not only own same so than too
very s t can will just don should now
show give get find want need looking look like please recommend suggest something
anything good best nice great product products item items got have any would could
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_TERM = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


def search_terms(text: str) -> list[str]:
    """The distinct, lower-case, safe terms of ``text`` (letters/digits), stop words out."""
    terms: list[str] = []
    for term in _TERM.findall(text.lower()):
        if term not in STOP_WORDS and len(term) > 1 and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def query_terms(query: SearchQuery) -> list[str]:
    """The text terms of a search, without those that only repeat its filters.

    "indica" with ``strain_type=indica`` would match a third of a catalog and rank
    nothing: every result is indica anyway.
    """
    repeated: set[str] = set()
    for value in (query.strain_type, query.category):
        if value is not None:
            repeated.update(_TERM.findall(value.value))
    return [term for term in search_terms(query.text) if term not in repeated]


def fts5_match(terms: Sequence[str], prefix_from: int = PREFIX_FROM) -> str:
    """An FTS5 MATCH expression: each term quoted (a prefix when long enough), ORed."""
    return " OR ".join(f'"{t}"*' if len(t) >= prefix_from else f'"{t}"' for t in terms)


def tsquery_text(terms: Sequence[str], weights: str = "", prefix_from: int = PREFIX_FROM) -> str:
    """A ``to_tsquery`` argument: each term quoted (a prefix when long enough), ORed.

    ``weights`` ("AB") limits the terms to the fields of those weights.
    """
    labels = [("*" if len(t) >= prefix_from else "") + weights for t in terms]
    return " | ".join(
        f"'{t}':{label}" if label else f"'{t}'" for t, label in zip(terms, labels, strict=True)
    )


def trigrams(text: str, most: int = 24) -> list[str]:
    """The distinct three-letter pieces of the words of ``text`` (for fuzzy candidates)."""
    grams: list[str] = []
    for word in _TERM.findall(text.lower()):
        for start in range(len(word) - 2):
            gram = word[start : start + 3]
            if gram not in grams:
                grams.append(gram)
    return grams[:most]


def plain_text(text: str) -> str:
    """Lower-case words of ``text`` without accents, separated by single spaces."""
    return " ".join(_TERM.findall(strip_accents(text).lower()))


def effects_key(effects: Sequence[str]) -> str:
    """The stored, searchable form of a product's effects: ``|sleepy|relaxed|``."""
    cleaned = [_SPACES.sub(" ", effect.strip().lower()) for effect in effects]
    return "|" + "|".join(effect for effect in cleaned if effect) + "|"


def size_key(size: str) -> str:
    """Sizes compare without case or spaces: ``"3.5 G"`` equals ``"3.5g"``."""
    return _SPACES.sub("", size.lower())
