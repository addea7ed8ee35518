"""The keyword analyser: what a customer's message asks for, with no model call.

``analyze(message, known_names=...)`` runs precompiled patterns over the message and
returns an :class:`~weedgo.domain.turn.Analysis`: the intent, filters for the catalog
search (category, strain type, effects, price / THC / CBD bounds, a canonical size such
as ``"3.5 g"`` for "an eighth"; orderings, formats, terpenes and aromas from
:mod:`weedgo.pipeline.constraints`), catalog product names (exact or fuzzy, via rapidfuzz),
the words left for full-text search, follow-up hints ("anything cheaper?", "the second
one") and compliance signals (age, minors, driving, beginner, prompt injection; their
patterns live in :mod:`weedgo.compliance`).

Intent precedence: a request for the system prompt, a bare greeting, a question about a
named or numbered product, medical, store info, dosage, education, then shopping; a
message with no cannabis or shopping word at all is out of scope.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from weedgo.compliance.age import (
    LOWEST_MINIMUM_AGE,
    has_minor_signal,
    is_buying_for_minor,
    stated_age,
    third_party_age,
)
from weedgo.compliance.policy import detect_injection
from weedgo.compliance.responsible import is_beginner, mentions_driving
from weedgo.domain import Category, StrainType
from weedgo.domain.turn import Analysis, Intent
from weedgo.i18n.gloss import gloss
from weedgo.pipeline import constraints as C
from weedgo.pipeline import vocabulary as V
from weedgo.pipeline.names import find_names, name_words
from weedgo.pipeline.spelling import fix_spelling
from weedgo.text import words as message_words


def _category(text: str, size: str | None) -> Category | None:
    for category, pattern in V.CATEGORIES:
        if pattern.search(text):
            return category
    return Category.FLOWER if size in V.FLOWER_SIZES else None


def _strain(text: str) -> StrainType | None:
    dominant = V.DOMINANT.search(text)
    if dominant:
        return StrainType(dominant.group(1).lower())
    found = {strain for strain, pattern in V.STRAINS if pattern.search(text)}
    plants = found - {StrainType.CBD}
    if len(plants) == 1:
        return plants.pop()
    return StrainType.CBD if found == {StrainType.CBD} else None


def _effects(text: str) -> list[str]:
    text = V.NEGATED_EFFECT.sub(" ", text)
    effects: list[str] = []
    for pattern, names in V.EFFECTS:
        if pattern.search(text):
            effects.extend(name for name in names if name not in effects)
    return effects


def _size(text: str) -> str | None:
    grams = V.GRAMS.search(text)
    if grams:
        return f"{float(grams.group(1)):g} g"
    for pattern, size in V.SIZES:
        if pattern.search(text):
            return size
    return None


def _first_number(match: re.Match[str]) -> float:
    return float(next(group for group in match.groups() if group and group[0].isdigit()))


def _prices(text: str, size: str | None) -> tuple[float | None, float | None]:
    ranged = V.PRICE_RANGE.search(text)
    if ranged:
        bounds = sorted(float(g) for g in ranged.groups() if g)
        return bounds[0], bounds[-1]
    low_match, high_match = V.PRICE_MIN.search(text), V.PRICE_MAX.search(text)
    low = _first_number(low_match) if low_match else None
    high = _first_number(high_match) if high_match else None
    if high is None and V.BUDGET.search(text):
        high = V.BUDGET_MAX.get(size or "", V.DEFAULT_BUDGET_MAX)
    return low, high


def _potency(analysis: Analysis, text: str) -> dict[str, Any]:
    """THC / CBD bounds from figures ("over 25% thc") and words ("high thc", "mild")."""
    bounds: dict[str, Any] = {}
    for pattern, attr in ((V.POT_MIN, "min"), (V.POT_MAX, "max")):
        for match in pattern.finditer(text):
            cannabinoid = next((g for g in match.groups() if g and g.isalpha()), "thc").lower()
            bounds[f"{attr}_{cannabinoid}"] = _first_number(match)
    in_mg = analysis.potency_unit == "mg"
    if "max_thc" not in bounds and V.LOW_THC.search(text):
        bounds["max_thc"] = 5.0 if in_mg else 15.0
    elif "min_thc" not in bounds and V.HIGH_THC.search(text):  # "mild" wins over "strong"
        bounds["min_thc"] = 10.0 if in_mg else 20.0
    if "min_cbd" not in bounds and V.HIGH_CBD.search(text):
        bounds["min_cbd"] = 10.0
    return bounds


def _follow_up(text: str) -> dict[str, Any]:
    cheaper = V.CHEAPER.search(text) is not None
    stronger = V.STRONGER.search(text) is not None
    index = V.INDEX.search(text)
    refers: int | None = None
    if index:
        word = next(g for g in index.groups() if g)
        refers = int(word) - 1 if word.isdigit() else V.ORDINALS[word.lower()]
    follow = bool(cheaper or stronger or refers is not None or V.FOLLOW.search(text))
    return {
        "wants_cheaper": cheaper,
        "wants_stronger": stronger,
        "refers_to_index": refers,
        "follow_up": follow,
    }


def _signals(text: str) -> dict[str, Any]:
    """The compliance signals of ``text`` (patterns of :mod:`weedgo.compliance`)."""
    return {
        "injection": detect_injection(text)[1],
        "stated_age": stated_age(text),
        "minor_signal": has_minor_signal(text),
        "buying_for_minor": is_buying_for_minor(text, minimum_age=LOWEST_MINIMUM_AGE),
        "third_party_age": third_party_age(text),
        "mentions_driving": mentions_driving(text),
        "beginner": is_beginner(text),
    }


def _is_greeting(text: str, analysis: Analysis) -> bool:
    """A greeting, thanks or goodbye, with at most a few words of small talk after it."""
    match = V.GREETING.search(text)
    if not match:
        return False
    rest = text[match.end() :]
    words = [word for word in message_words(rest) if word not in V.GREETING_FILLER]
    if not words:
        return True
    asks = any(p.search(rest) for p in V.NOT_SMALL_TALK)
    return len(words) <= 3 and not asks and not analysis.injection and not _shopping(analysis)


def _shopping(analysis: Analysis) -> bool:
    return bool(
        analysis.category or analysis.strain_type or analysis.effects or analysis.product_names
        or analysis.size or analysis.min_price or analysis.max_price or analysis.follow_up
        or analysis.min_thc or analysis.max_thc or analysis.min_cbd or analysis.subcategory
        or analysis.terpenes or analysis.flavors or analysis.sort != "relevance"
        or analysis.best_value
    )  # fmt: skip


def _intent(analysis: Analysis, text: str, leak: bool) -> Intent:
    named = analysis.product_names or analysis.refers_to_index is not None
    shopping = _shopping(analysis)
    if leak or V.OFF_TOPIC_HARD.search(text):
        return Intent.OUT_OF_SCOPE
    if _is_greeting(text, analysis):
        return Intent.GREETING
    if named and (analysis.refers_to_index is not None or V.INFO.search(text)):
        return Intent.PRODUCT_INFO
    for pattern, intent in ((V.MEDICAL, Intent.MEDICAL), (V.STORE, Intent.STORE_INFO),
                            (V.DOSAGE, Intent.DOSAGE)):  # fmt: skip
        if pattern.search(text):
            return intent
    asks = analysis.beginner or any(p.search(text) for p in (C.CARRY, C.COUNTER))
    on_topic = shopping or asks or V.CANNABIS.search(text) is not None
    if not on_topic or (not shopping and (analysis.injection or V.OFF_TOPIC.search(text))):
        return Intent.OUT_OF_SCOPE
    if V.EDUCATION.search(text):
        return Intent.EDUCATION
    if V.RECOMMEND.search(text) or (analysis.effects and not V.SEARCH.search(text)):
        return Intent.RECOMMENDATION
    return Intent.PRODUCT_SEARCH


def _keywords(text: str, used: set[str]) -> list[str]:
    keywords: list[str] = []
    used = used | C.used_words(text)
    for word in message_words(text):
        fresh = word not in V.STOPWORDS and word not in used and word not in keywords
        if fresh and len(word) > 2 and not word[0].isdigit() and not V.STRUCTURAL.search(word):
            keywords.append(word)
    return keywords


def _complexity(analysis: Analysis, text: str) -> dict[str, Any]:
    complex_ = (
        len(text.split()) > 25
        or text.count("?") >= 2
        or V.COMPARISON.search(text) is not None
        or V.MULTI_PART.search(text) is not None
        or analysis.intent in (Intent.EDUCATION, Intent.DOSAGE)
    )
    query_type = analysis.query_type
    if analysis.intent is Intent.GREETING:
        query_type = "greeting"
    elif complex_:
        query_type = "complex"
    return {"is_complex": complex_, "query_type": query_type}


def _names(
    message: str, text: str, known_names: Sequence[str], language: str
) -> tuple[list[str], set[str]]:
    """The catalog names the message gives, and the words they took."""
    names, used = find_names(text, known_names)
    if language == "fr":  # a name is sold as written, not glossed
        as_written, _ = find_names(message, known_names)
        names += [n for n in as_written if n not in names]
    return names, used


def analyze(message: str, *, known_names: Sequence[str] = (), language: str = "en") -> Analysis:
    """What ``message`` asks for; ``known_names`` are the catalog's product names and brands.

    A French message (``language="fr"``) is first put in the analyser's words
    (:func:`weedgo.i18n.gloss.gloss`); the analysis then reads as for English. Each pass
    reads what the earlier ones found and returns a new analysis.
    """
    written = message.replace("’", "'").strip()
    if language == "fr":
        written = gloss(written)
    text = fix_spelling(written, keep=name_words(known_names))
    size = _size(text)
    low, high = _prices(text, size)
    analysis = Analysis(
        intent=Intent.PRODUCT_SEARCH,
        language=language,
        size=size,
        category=_category(text, size),
        strain_type=_strain(text),
        effects=_effects(text),
        min_price=low,
        max_price=high,
    )
    analysis = replace(analysis, **C.read_constraints(analysis, text))
    names, used = _names(message, text, known_names, language)
    analysis = replace(
        analysis,
        **_potency(analysis, text),
        product_names=names,
        **_follow_up(text),
        **_signals(text),
    )
    analysis = replace(analysis, intent=_intent(analysis, text, detect_injection(text)[0]))
    keywords = [] if analysis.intent is Intent.GREETING else _keywords(text, used)
    analysis = replace(
        analysis,
        keywords=keywords,
        asks_for_missing=C.asks_for_missing(analysis, text, keywords),
    )
    return replace(analysis, **_complexity(analysis, text))
