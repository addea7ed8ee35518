"""Catalog product names in a customer's message, exact or fuzzy (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from weedgo.pipeline import vocabulary as V
from weedgo.text import NAME_WORD, normalise, strip_sizes

_LONGEST = 8  # words in the longest name looked for


@dataclass(frozen=True)
class _NameIndex:
    exact: dict[str, str]  # normalised name -> name as given
    by_words: dict[int, list[str]]  # word count -> normalised names fuzzy-matchable
    longest: int
    words: frozenset[str]  # every word of every name, as written in the catalog


def _generic(key: str) -> bool:
    """A name made only of ordinary words ("cbd oil") does not identify a product."""
    return all(word in V.STOPWORDS or V.STRUCTURAL.fullmatch(word) for word in key.split())


@lru_cache(maxsize=8)
def _name_index(names: tuple[str, ...]) -> _NameIndex:
    exact: dict[str, str] = {}
    for name in names:
        full = normalise(name)
        base = normalise(strip_sizes(name))
        for key in (full, base):
            if key and key not in exact and not _generic(key):
                exact[key] = name
    by_words: dict[int, list[str]] = {}
    for key in exact:
        if len(key) >= 5:
            by_words.setdefault(len(key.split()), []).append(key)
    longest = max((len(k.split()) for k in exact), default=0)
    words = frozenset(word for name in names for word in NAME_WORD.findall(name.lower()))
    return _NameIndex(exact, by_words, longest, words)


def name_words(known_names: Sequence[str]) -> frozenset[str]:
    """The words of the catalog's names: never taken for misspellings."""
    return _name_index(tuple(known_names)).words if known_names else frozenset()


def find_names(text: str, known_names: Sequence[str]) -> tuple[list[str], set[str]]:
    """Catalog names in ``text`` (in order) and the words they used."""
    if not known_names:
        return [], set()
    index = _name_index(tuple(known_names))
    words = normalise(text).split()
    found: list[str] = []
    used: set[str] = set()
    for size in range(min(index.longest, _LONGEST), 0, -1):
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            phrase = " ".join(window)
            name = index.exact.get(phrase)  # "thc softgels 10 mg" may start with a stop word
            if name is None and window[0] not in V.STOPWORDS and window[-1] not in V.STOPWORDS:
                name = _fuzzy(phrase, index.by_words.get(size, []), index)
            if name and name not in found and not used.issuperset(window):
                found.append(name)
                used.update(window)
    order = normalise(text)
    found.sort(key=lambda n: order.find(normalise(n).split()[0]))
    return found, used


def _distinct(phrase: str) -> str:
    """The words of a phrase that can tell products apart ("ocd" of "1 g ocd vape")."""
    return " ".join(
        w for w in phrase.split() if len(w) > 1 and not w[0].isdigit() and not _generic(w)
    )


def _fuzzy(phrase: str, choices: list[str], index: _NameIndex) -> str | None:
    distinct = _distinct(phrase)
    if len(distinct) < 4 or not choices:
        return None
    cutoff = 86 if " " in phrase else 90
    for key, _, _ in process.extract(phrase, choices, scorer=fuzz.ratio, score_cutoff=cutoff):
        if fuzz.ratio(distinct, _distinct(key)) >= cutoff:
            return index.exact[key]
    return None
