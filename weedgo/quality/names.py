"""Finding a product's name in a reply, the way a reader would recognise it.

A reply names "Wet Dream Vape Cartridge" when it says the full name, or the leading words
before the first word that only describes the kind ("Wet Dream"), when those are at least
four characters long. Case, apostrophes and hyphens do not matter ("charlottes web").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from weedgo.quality.lexicon import GENERIC_NAME_WORDS
from weedgo.text import reading_form

_MIN_SHORT_NAME = 4


normalise = reading_form  # how a reader recognises a name


def name_forms(name: str) -> list[str]:
    """The full name, and its leading words before the first generic word."""
    full = normalise(name)
    lead: list[str] = []
    for word in full.split():
        if word in GENERIC_NAME_WORDS:
            break
        lead.append(word)
    short = " ".join(lead)
    if short != full and len(short) >= _MIN_SHORT_NAME:
        return [full, short]
    return [full]


def find_name(text: str, name: str) -> int:
    """Where ``name`` (in one of its forms) starts in ``normalise(text)``; -1 when absent."""
    haystack = normalise(text)
    found = [
        match.start()
        for form in name_forms(name)
        if form
        for match in [re.search(rf"(?<!\w){re.escape(form)}(?!\w)", haystack)]
        if match is not None
    ]
    return min(found) if found else -1


def mentions(text: str, name: str) -> bool:
    return find_name(text, name) >= 0


def locate_names(text: str, names: Iterable[str]) -> list[tuple[int, str]]:
    """``(position, name)`` of each name in ``normalise(text)``, in order of position.

    Longer forms claim their words first, so "Wana Sour Gummies Sour Apple Indica" is one
    product, not also "Sour Apple Sativa Gummies" by its short form "sour apple"."""
    haystack = normalise(text)
    forms = sorted(((form, name) for name in names for form in name_forms(name) if form),
                   key=lambda item: -len(item[0]))  # fmt: skip
    taken: list[tuple[int, int, str]] = []
    for form, name in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", haystack):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, name))
    return [(start, name) for start, _end, name in sorted(taken)]


def without_names(text: str, names: Iterable[str], filler: str = " ") -> str:
    """``normalise(text)`` with every form of ``names`` replaced by ``filler``, longest first."""
    result = normalise(text)
    forms = sorted({form for name in names for form in name_forms(name) if form}, key=len)
    for form in reversed(forms):
        result = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", filler, result)
    return result
