"""The checks of one sentence against the :class:`~.facts.Facts` of the shown cards.

:func:`check_sentence` returns the sentence's claim, if it makes one, or its grounding
problems: another catalog product's name, an invented name (a capitalised multi-word
phrase or a quoted name that is no found product or brand), a price that is no found
product's price (within 0.01), a THC / CBD figure outside every found product's range,
a strain type that does not match the product named, the prompt's own words, or the
road; in education-only mode any price or product name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from weedgo.compliance.claims import claim_reason
from weedgo.compliance.responsible import mentions_driving
from weedgo.domain import Product, StrainType
from weedgo.pipeline.guard.facts import SAFE_MG, STARTERS, Facts, ranges, value
from weedgo.text import normalise

_PRICE = re.compile(
    r"(?:\$|\bC\$|\bCAD\s*\$?)\s?(\d{1,5}(?:,\d{3})*(?:\.\d{1,2})?)"
    r"|\b(\d{1,5}(?:\.\d{1,2})?)\s*(?:dollars?\b|bucks\b|CAD\b)"
    r"|\b(\d{1,5}(?:[.,]\d{1,2})?)\s?(?:\$(?!\s?\d)|piasses\b)",  # French: "32,99 $"
    re.IGNORECASE,
)
_POTENCY = re.compile(  # "14.8%", "20-24 % de THC", "20 à 24 %" (French decimal commas too)
    r"(\d+(?:[.,]\d+)?)(?:\s*(?:-|–|to|à)\s*(\d+(?:[.,]\d+)?))?\s*(%|percent\b|pour\s*cent\b|mg\b)",
    re.IGNORECASE,
)
_CANNABINOID = re.compile(r"\b(thc|cbd)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“]([^\"”]{2,60})[\"”]")
_CLAUSE = re.compile(
    r"[,;:()]|\s[-–—]\s|\b(?:and|while|but|whereas|or|et|mais|ou|tandis\s+que|alors\s+que)\b",
    re.IGNORECASE,
)
_STRAIN_CLAIM = re.compile(
    r"\b(indica|sativa)[\s-]*(?:dominant|leaning|heavy)\b|\b(indica|sativa|hybrid)e?s?\b"
    r"|\b(cbd)[\s-]*(?:dominant|strain)\b",
    re.IGNORECASE,
)
# Words of the prompt's own layout: a reply that repeats them leaks the prompt.
_SCAFFOLD = (
    "none match this question",
    "offer help with something else",
    "budtender chats",
    "products:",
    "customer:",
    "assistant:",
    "aucun produit ne correspond à cette question",
    "offrir de l'aide pour autre chose",
    "éducation seulement",
    "facts:",
    "leaf:",
)


@dataclass
class Verdict:
    """What is wrong with one sentence: a claim, or grounding problems, or nothing."""

    claim: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.claim is None and not self.problems

    @property
    def reasons(self) -> list[str]:
        return [self.claim] if self.claim else self.problems


def check_sentence(facts: Facts, sentence: str) -> Verdict:
    """The verdict on one sentence (stripped) of a reply."""
    masked = facts.masked(sentence)
    claim = claim_reason(masked)
    if claim:
        return Verdict(claim=claim)
    problems = [f"prompt text: {t!r}" for t in _SCAFFOLD if t in sentence.lower()]
    if mentions_driving(sentence):  # a budtender never pairs cannabis with the road
        problems.append("speaks of driving")
    problems += [f"not a found product: {n!r}" for n in other_names(facts, sentence)]
    problems += [f"unknown name: {n!r}" for n in invented_names(facts, sentence)]
    problems += [f"price not in the catalog: {p}" for p in bad_prices(facts, masked)]
    if facts.education_only:
        if facts.mentions_found(sentence):
            problems.append("product named in education-only mode")
    else:
        problems += [f"potency not in the catalog: {p}" for p in bad_potency(facts, masked)]
        problems += [f"strain type does not match: {s}" for s in bad_strains(facts, sentence)]
    return Verdict(problems=problems)


# --- names -------------------------------------------------------------------------------
def other_names(facts: Facts, sentence: str) -> list[str]:
    """Names of catalog products that are not shown (one word only when capitalised)."""
    words = normalise(sentence).split()
    found: list[str] = []
    for size in range(min(facts.longest, 8), 0, -1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in facts.others and (size > 1 or _capitalised(sentence, phrase)):
                found.append(phrase)
    return found


def _capitalised(sentence: str, word: str) -> bool:
    pattern = rf"(?<=\s)(?:{re.escape(word.capitalize())}|{re.escape(word.upper())})\b"
    return re.search(pattern, sentence) is not None


def invented_names(facts: Facts, sentence: str) -> list[str]:
    invented = [" ".join(run) for run in capital_runs(sentence) if not facts.known_words(run)]
    for quoted in _QUOTED.findall(sentence):
        if quoted[:1].isupper() and not facts.known_words(quoted.split()):
            invented.append(quoted)
    return invented


def capital_runs(sentence: str) -> list[list[str]]:
    """Runs of two or more capitalised words, without ordinary sentence openers."""
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in sentence.split():
        word = raw.strip("\"'“”‘’()[]*")
        core = word.rstrip(".,;:!?")
        if core[:1].isupper() and not (not current and core.lower() in STARTERS):
            current.append(core)
        else:
            current = _close_run(runs, current)
        if core != word:
            current = _close_run(runs, current)
    _close_run(runs, current)
    return runs


def _close_run(runs: list[list[str]], current: list[str]) -> list[str]:
    if len(current) >= 2:
        runs.append(current)
    return []


# --- figures -----------------------------------------------------------------------------
def bad_prices(facts: Facts, sentence: str) -> list[str]:
    bad: list[str] = []
    for match in _PRICE.finditer(sentence):
        french = match.group(3)
        price = (
            value(french) if french else float((match.group(1) or match.group(2)).replace(",", ""))
        )
        if facts.education_only or not any(abs(p.price - price) <= 0.01 for p in facts.products):
            bad.append(match.group(0).strip())
    return bad


def bad_potency(facts: Facts, sentence: str) -> list[str]:
    bad: list[str] = []
    for match in _POTENCY.finditer(sentence):
        unit = "mg" if match.group(3).lower() == "mg" else "%"
        which = _cannabinoid(sentence, match)
        for number in filter(None, match.group(1, 2)):
            if not _potency_ok(facts, value(number), unit, which):
                bad.append(match.group(0).strip())
    return bad


def _potency_ok(facts: Facts, figure: float, unit: str, which: str | None) -> bool:
    if unit == "mg" and figure in SAFE_MG:
        return True
    for product in facts.products:
        if product.potency_unit != unit:
            continue
        for name, low, high in ranges(product):
            if which in (None, name) and low - 0.05 <= figure <= high + 0.05:
                return True
    return False


def _cannabinoid(sentence: str, match: re.Match[str]) -> str | None:
    after = _CANNABINOID.search(sentence[match.end() : match.end() + 14])
    if after:
        return after.group(1).lower()
    before = list(_CANNABINOID.finditer(sentence[max(0, match.start() - 16) : match.start()]))
    return before[-1].group(1).lower() if before else None


# --- strain types ------------------------------------------------------------------------
def bad_strains(facts: Facts, sentence: str) -> list[str]:
    bad: list[str] = []
    current: list[Product] = []
    for clause in _CLAUSE.split(sentence):
        current = facts.named_products(clause) or current
        for match in _STRAIN_CLAIM.finditer(clause):
            accepted = _accepted_strains(match)
            if current and not any(p.strain_type in accepted for p in current):
                bad.append(f"{match.group(0)} ({current[0].name})")
    return bad


def _accepted_strains(match: re.Match[str]) -> set[StrainType]:
    dominant, plain, cbd = match.groups()
    if dominant:
        return {StrainType(dominant.lower()), StrainType.HYBRID}
    if cbd:
        return {StrainType.CBD}
    return {StrainType(plain.lower())}
