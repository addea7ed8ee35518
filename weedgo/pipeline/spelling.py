"""Misspelled shop words ("indca", "edibels", "strongist", "mircene") put right before the
analyser's patterns run (rapidfuzz). Only words of the shop's own vocabulary are
targets; words of five letters or more are corrected by likeness, a few short ones by
a table. Product names are looked up on the message as written."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


VOCABULARY = _words(
    """
    indica indicas sativa sativas hybrid hybrids flower flowers edible edibles gummies gummy
    chocolate chocolates vape vapes cartridge cartridges concentrate concentrates shatter
    rosin resin tincture tinctures capsules capsule softgels softgel topical topicals lotion
    beverage beverages drinks preroll prerolls joints strongest cheapest mildest weakest
    priciest expensive potent myrcene limonene pinene linalool caryophyllene humulene
    terpinolene ocimene citrus earthy skunky diesel fruity sweet piney ounce quarter eighth
    grams dollars percent sleepy relaxing energetic creative uplifting focused battery
    batteries grinder grinders papers lighter
    """
)
# Ordinary words that look like shop words and must stay as they are.
KEEP = _words(
    """
    lower slower power tower shower mower lover order under saliva sweat water slowest
    strange strong stronger fruit sweets quarters dollar cheaper indian energy create focus
    relax sleep potency potential eight eighty eights wildest motion grass dummy bounce
    pounce risen patent earth strangest audible sweaty carries creates prices priced pines
    cartridges location followers created reading robin topic topics tropical typical
    miles games concentration reusing joins
    """
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'%-]{2,}")
_CUTOFF = 82.0
# Short slang and misspellings, too short to correct by likeness.
SHORT = {"undr": "under", "bux": "bucks", "buks": "bucks", "indi": "indica",
         "prerol": "preroll", "thc%": "% thc", "gumy": "gummy", "vap": "vape"}  # fmt: skip


@lru_cache(maxsize=4096)
def _correct(word: str) -> str:
    lower = word.lower()
    if lower in SHORT:
        return SHORT[lower]
    if len(lower) < 5 or lower in VOCABULARY or lower in KEEP:
        return word
    best = process.extractOne(lower, VOCABULARY, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
    if not best or best[0][0] != lower[0] or abs(len(best[0]) - len(lower)) > 2:
        return word  # a typo keeps the first letter and about the length
    return str(best[0])


def fix_spelling(text: str, keep: frozenset[str] = frozenset()) -> str:
    """``text`` with misspelled shop words replaced by the words they stand for; the words
    of ``keep`` (those of the catalog's names) stay as written."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word.lower() in keep else _correct(word)

    return _WORD.sub(fix, text)
