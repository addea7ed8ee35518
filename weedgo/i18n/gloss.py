"""A French message put in the words of the keyword analyser.

The analyser (:mod:`weedgo.pipeline.analyze`) reads English patterns. Rather than a
second set of patterns that would drift from the first, a French message is *glossed*:
folded (lower case, accents optional, as customers type), then each French way of
stating a constraint is replaced by the analyser's own words for it ("moins de 30 $"
-> "under $30", "le plus fort" -> "strongest", "jujubes" -> "gummies", "j'ai 17 ans"
-> "i'm 17"), then French function words are dropped. The analyser then runs as for
English, so French states every constraint, compliance signal and intent that English
does, and a constraint added to the analyser is one phrase away in French.

The phrase table lives in :mod:`weedgo.i18n.gloss_rules` and
:mod:`weedgo.i18n.gloss_shop`, in the order it is applied.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from weedgo.i18n import gloss_rules as R
from weedgo.i18n import gloss_shop as S
from weedgo.i18n.detect import fold

_FIRST = (*R.CONTRACTIONS, *R.NUMBERS)  # their words stay French or neutral, in lower case
_TABLE = (
    *R.GREETINGS, *R.AGE, *R.INJECTION, *R.MEDICAL, *S.PRICES, *S.ORDERS, *S.FOLLOW_UPS,
    *R.ASKING, *S.PRODUCTS, *S.EFFECTS, *S.SIZES, *S.AROMAS, *R.TOPICS,
)  # fmt: skip
_FIRST_RULES = tuple((re.compile(pattern), replacement) for pattern, replacement in _FIRST)
_RULES = tuple((re.compile(pattern), replacement) for pattern, replacement in _TABLE)
_ELISION = re.compile(S.ELISIONS[0])
_TOKEN = re.compile(r"\S+")
_SPACES = re.compile(r"[ \t]+")
_PUNCT = ".,;:!?()\"'"


def _drop_stopwords(text: str) -> str:
    def keep(match: re.Match[str]) -> str:
        token = match.group(0)
        core = token.strip(_PUNCT)
        if core in S.FRENCH_STOPWORDS:
            return token[len(token.rstrip(_PUNCT)) :] if token != core else ""
        return token

    return _SPACES.sub(" ", _TOKEN.sub(keep, text)).strip()


def _in_capitals(replacement: str) -> Callable[[re.Match[str]], str]:
    def expand(match: re.Match[str]) -> str:
        return match.expand(replacement).upper()

    return expand


@lru_cache(maxsize=4096)
def gloss(message: str) -> str:
    """``message`` (French) in the analyser's words: "Avez-vous des jujubes à moins de
    20 $?" -> "do you have gummies under $20?"."""
    text = fold(message)
    for pattern, replacement in _FIRST_RULES:
        text = pattern.sub(replacement, text)
    for pattern, replacement in _RULES:
        # The analyser's words are written in capitals, which no French rule matches, so
        # that a later rule cannot take them for French ("the" is no "thé").
        text = pattern.sub(_in_capitals(replacement), text)
    text = _ELISION.sub("", text)
    return _drop_stopwords(text).lower()
