"""The grounding and compliance guard on the model's text.

A reply may only speak of the products that the search found. Sentence by sentence:

- a health claim, testimonial, appeal to youth or lifestyle promise
  (:mod:`weedgo.compliance.claims`) drops that sentence and the rest of the reply stays;
- a name of another catalog product, an invented name (a capitalised multi-word phrase
  or a quoted name that is no found product or brand), a price that is no found
  product's price (within 0.01), a THC / CBD figure outside every found product's range,
  or a strain type that does not match the product named, makes the reply not ok:
  the caller then sends the catalog-built reply instead;
- in education-only mode, any price or product name makes it not ok.

Streaming (:class:`StreamGuard`): words are released as they arrive while the sentence
so far is harmless. A word that looks risky (a digit, ``$``, ``%``, a capitalised word
that is not an ordinary sentence opener) is still released at once when it is a fact
of the found products: a name or brand so far ("Blue", then "Dream"), or a number among
their prices, sizes and potency bounds. From the first risky word that is not such a
fact, or a claim trigger such as "cure" or "anxiety", the rest of the sentence is held
until it ends; then the whole sentence is checked (always, released words included) and
released, or, if it fails, nothing more is released and ``finish()`` reports
``ok=False`` so the caller replaces the streamed text. A failing sentence may thus leave
its harmless words on screen until the replacement arrives in the ``done`` event.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from weedgo.compliance.claims import claim_reason, is_trigger_word
from weedgo.compliance.responsible import mentions_driving
from weedgo.domain import Product, StrainType
from weedgo.pipeline.types import GuardResult
from weedgo.text import SENTENCE_END, normalise, split_sentences, strip_sizes

logger = logging.getLogger(__name__)

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
_PIECES = re.compile(r"\s*(\d+)\s*(?:x\s*)?(?!g\b|mg\b|ml\b)[a-z]", re.IGNORECASE)
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
_NEXT_WORD = re.compile(r"\s*\S+\s+")
_SAFE_MG = (2.5,)  # the "start low" figure of the responsible-use guidance


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STARTERS = _words(
    """
    try our the this that these those here there if for you your we i it its it's a an and
    or but with at in on as both each also check consider grab pick go get enjoy looking how
    what which yes no sure great good nice awesome perfect absolutely definitely hi hello
    hey welcome thanks thank please my since because when while then so customers many some
    most all either another other one two three tap just if you're we've i'd i'm sorry
    unfortunately edibles start wait remember keep note
    essayez voici voilà le la les un une des nous vous je j'ai c'est pour avec et mais ou si
    bonjour salut merci désolé malheureusement oui non bien super parfait excellent plusieurs
    quelques chaque aussi commencez attendez gardez notez ce cette ces ça il elle on en dans
    de du côté pas selon
    """
)
_ORDINARY = _words(
    """
    i i'm i'd i've i'll thc cbd cbn cad usd mg ok indica sativa hybrid dominant relaxed
    sleepy happy euphoric uplifted creative energetic focused hungry talkative giggly tingly
    aroused flower pre-roll pre-rolls vape vapes edible edibles concentrate oil capsule
    topical beverage accessory canada health ontario quebec alberta british columbia monday
    tuesday wednesday thursday friday saturday sunday hybride fleur fleurs préroulé
    préroulés vapoteuse vapoteuses comestible comestibles huile boisson concentré québec
    santé lundi mardi mercredi jeudi vendredi samedi dimanche
    """
)


@lru_cache(maxsize=4)
def _normalised(names: frozenset[str]) -> tuple[str, ...]:
    """The catalog's names, normalised once per catalog (the set is the cache key)."""
    return tuple({normalise(name) for name in names})


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def _name_keys(name: str) -> set[str]:
    """The name as written and without sizes ("Blue Dream 3.5g" -> "blue dream")."""
    base = normalise(strip_sizes(name))
    keys = {normalise(name), base}
    return {key for key in keys if key and not all(w in _ORDINARY for w in key.split())}


@dataclass
class _Verdict:
    claim: str | None = None
    problems: list[str] = field(default_factory=list)


class _Context:
    """What one reply is checked against: the found products and the rest of the catalog."""

    def __init__(
        self, products: Sequence[Product], catalog_names: Collection[str], education_only: bool
    ) -> None:
        self.products = list(products)
        self.education_only = education_only
        self.names: dict[str, list[Product]] = {}
        for product in self.products:
            for key in _name_keys(product.name):
                self.names.setdefault(key, []).append(product)
        self.brands = {normalise(p.brand) for p in self.products if p.brand}
        allowed = " | ".join([*self.names, *self.brands])
        facts = [w for p in self.products for w in (*p.flavors, *p.effects, *p.terpenes)]
        self.vocab = set(f"{allowed} {normalise(' '.join(facts))}".split()) - {"|"}
        self.others = {
            name
            for name in _normalised(frozenset(catalog_names))
            if name and not _contains(allowed, name)
        }
        self.longest = max((len(n.split()) for n in self.others), default=0)
        labels = sorted(
            {p.name for p in self.products} | {p.brand for p in self.products if p.brand},
            key=len,
            reverse=True,
        )
        self.mask = (
            re.compile("|".join(re.escape(label) for label in labels), re.IGNORECASE)
            if labels
            else None
        )

    # --- names -------------------------------------------------------------------------
    def other_names(self, sentence: str) -> list[str]:
        words = normalise(sentence).split()
        found: list[str] = []
        for size in range(min(self.longest, 8), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if phrase in self.others and (size > 1 or self._capitalised(sentence, phrase)):
                    found.append(phrase)
        return found

    @staticmethod
    def _capitalised(sentence: str, word: str) -> bool:
        pattern = rf"(?<=\s)(?:{re.escape(word.capitalize())}|{re.escape(word.upper())})\b"
        return re.search(pattern, sentence) is not None

    def invented_names(self, sentence: str) -> list[str]:
        invented = [" ".join(run) for run in _capital_runs(sentence) if not self._known(run)]
        for quoted in _QUOTED.findall(sentence):
            if quoted[:1].isupper() and not self._known(quoted.split()):
                invented.append(quoted)
        return invented

    def _known(self, words: list[str]) -> bool:
        normal = normalise(" ".join(words)).split()
        return all(w in self.vocab or w in _ORDINARY for w in normal)

    def named_products(self, text: str) -> list[Product]:
        normal = normalise(text)
        return [p for key, items in self.names.items() if _contains(normal, key) for p in items]

    def mentions_found(self, sentence: str) -> bool:
        normal = normalise(sentence)
        return any(_contains(normal, key) for key in (*self.names, *self.brands))

    # --- figures -----------------------------------------------------------------------
    def bad_prices(self, sentence: str) -> list[str]:
        bad: list[str] = []
        for match in _PRICE.finditer(sentence):
            french = match.group(3)
            value = (
                _value(french)
                if french
                else float((match.group(1) or match.group(2)).replace(",", ""))
            )
            if self.education_only or not any(abs(p.price - value) <= 0.01 for p in self.products):
                bad.append(match.group(0).strip())
        return bad

    def bad_potency(self, sentence: str) -> list[str]:
        bad: list[str] = []
        for match in _POTENCY.finditer(sentence):
            unit = "mg" if match.group(3).lower() == "mg" else "%"
            which = _cannabinoid(sentence, match)
            for number in filter(None, match.group(1, 2)):
                if not self._potency_ok(_value(number), unit, which):
                    bad.append(match.group(0).strip())
        return bad

    def _potency_ok(self, value: float, unit: str, which: str | None) -> bool:
        if unit == "mg" and value in _SAFE_MG:
            return True
        for product in self.products:
            if product.potency_unit != unit:
                continue
            for name, low, high in _ranges(product):
                if which in (None, name) and low - 0.05 <= value <= high + 0.05:
                    return True
        return False

    def bad_strains(self, sentence: str) -> list[str]:
        bad: list[str] = []
        current: list[Product] = []
        for clause in _CLAUSE.split(sentence):
            current = self.named_products(clause) or current
            for match in _STRAIN_CLAIM.finditer(clause):
                accepted = _accepted_strains(match)
                if current and not any(p.strain_type in accepted for p in current):
                    bad.append(f"{match.group(0)} ({current[0].name})")
        return bad

    # --- one sentence ------------------------------------------------------------------
    def check(self, sentence: str) -> _Verdict:
        masked = self.mask.sub("the product", sentence) if self.mask else sentence
        claim = claim_reason(masked)
        if claim:
            return _Verdict(claim=claim)
        problems = [f"prompt text: {t!r}" for t in _SCAFFOLD if t in sentence.lower()]
        if mentions_driving(sentence):  # a budtender never pairs cannabis with the road
            problems.append("speaks of driving")
        problems += [f"not a found product: {n!r}" for n in self.other_names(sentence)]
        problems += [f"unknown name: {n!r}" for n in self.invented_names(sentence)]
        problems += [f"price not in the catalog: {p}" for p in self.bad_prices(masked)]
        if self.education_only:
            if self.mentions_found(sentence):
                problems.append("product named in education-only mode")
        else:
            problems += [f"potency not in the catalog: {p}" for p in self.bad_potency(masked)]
            problems += [f"strain type does not match: {s}" for s in self.bad_strains(sentence)]
        return _Verdict(problems=problems)


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


def _value(number: str) -> float:
    """ "14,8" or "14.8" -> 14.8."""
    return float(number.replace(",", "."))


def _ranges(product: Product) -> list[tuple[str, float, float]]:
    """THC and CBD ranges, per package and, for "N pieces" in mg, per piece."""
    ranges = [("thc", product.thc_min, product.thc_max), ("cbd", product.cbd_min, product.cbd_max)]
    ranges = [(name, min(low, high), max(low, high)) for name, low, high in ranges]
    pieces = _PIECES.match(product.size) if product.potency_unit == "mg" else None
    count = int(pieces.group(1)) if pieces else 1
    if count > 1:
        ranges += [(name, low / count, high / count) for name, low, high in ranges]
    return ranges


def _cannabinoid(sentence: str, match: re.Match[str]) -> str | None:
    after = _CANNABINOID.search(sentence[match.end() : match.end() + 14])
    if after:
        return after.group(1).lower()
    before = list(_CANNABINOID.finditer(sentence[max(0, match.start() - 16) : match.start()]))
    return before[-1].group(1).lower() if before else None


def _accepted_strains(match: re.Match[str]) -> set[StrainType]:
    dominant, plain, cbd = match.groups()
    if dominant:
        return {StrainType(dominant.lower()), StrainType.HYBRID}
    if cbd:
        return {StrainType.CBD}
    return {StrainType(plain.lower())}


def _capital_runs(sentence: str) -> list[list[str]]:
    """Runs of two or more capitalised words, without ordinary sentence openers."""
    runs: list[list[str]] = []
    current: list[str] = []
    for raw in sentence.split():
        word = raw.strip("\"'“”‘’()[]*")
        core = word.rstrip(".,;:!?")
        if core[:1].isupper() and not (not current and core.lower() in _STARTERS):
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


def check_reply(
    text: str,
    products: Sequence[Product],
    *,
    catalog_names: Collection[str] = (),
    education_only: bool = False,
) -> GuardResult:
    """Check a whole reply; claim sentences are dropped, ungrounded ones make it not ok."""
    context = _Context(products, catalog_names, education_only)
    kept: list[str] = []
    reasons: list[str] = []
    ok = True
    for sentence in split_sentences(text):
        verdict = context.check(sentence)
        if verdict.claim:
            reasons.append(verdict.claim)
        elif verdict.problems:
            ok = False
            reasons.extend(verdict.problems)
        else:
            kept.append(sentence)
    if not kept:
        ok = False
        reasons.append("nothing left to send" if text.strip() else "empty reply")
    if reasons:
        logger.debug("guard: %s", "; ".join(reasons))
    return GuardResult(ok=ok, text=" ".join(kept), reasons=reasons)


class StreamGuard:
    """The guard for a streamed reply: ``feed`` pieces, send what it returns, then ``finish``.

    After ``finish()``, :attr:`tail` holds the last sentence, released by ``finish`` (the
    caller sends it too when the result is ok); the result's text is ``released + tail``
    (when not ok: what was already sent, which the caller replaces).
    """

    def __init__(
        self,
        products: Sequence[Product],
        *,
        catalog_names: Collection[str] = (),
        education_only: bool = False,
    ) -> None:
        self._context = _Context(products, catalog_names, education_only)
        self._labels = sorted(self._context.names) + sorted(self._context.brands)
        self._numbers = set() if education_only else _fact_numbers(products)
        self._pending = ""  # received, not released
        self._sentence = ""  # released part of the current sentence
        self._holding = False
        self._stopped = False
        self._released: list[str] = []
        self._reasons: list[str] = []
        self.tail = ""

    @property
    def released(self) -> str:
        return "".join(self._released)

    def feed(self, piece: str) -> str:
        """Take the next piece of the reply; return the text that is safe to send now."""
        if self._stopped:
            return ""
        self._pending += piece
        out: list[str] = []
        while (end := SENTENCE_END.search(self._pending)) is not None:
            rest, self._pending = self._pending[: end.end()], self._pending[end.end() :]
            if not self._passes(self._sentence + rest):
                self._stopped = True
                break
            out.append(rest)
            self._sentence, self._holding = "", False
        if not self._stopped and not self._holding:
            out.append(self._release_words())
        text = "".join(out)
        self._released.append(text)
        return text

    def finish(self) -> GuardResult:
        """Check the last sentence and give the verdict on the whole streamed reply."""
        last = self._sentence + self._pending
        if not self._stopped and last.strip():
            if self._passes(last):
                self.tail = self._pending
            else:
                self._stopped = True
        text = self.released + self.tail  # unstripped: text[len(released):] is the tail
        if not text.strip() and not self._reasons:
            self._reasons.append("empty reply")
        ok = not self._stopped and bool(text.strip())
        return GuardResult(ok=ok, text=text, reasons=self._reasons)

    def _passes(self, sentence: str) -> bool:
        if not sentence.strip():
            return True
        verdict = self._context.check(sentence.strip())
        if verdict.claim:
            self._reasons.append(verdict.claim)
        self._reasons.extend(verdict.problems)
        return not (verdict.claim or verdict.problems)

    def _release_words(self) -> str:
        """Release whole words of the current sentence up to the first risky one."""
        position = 0
        while (match := _NEXT_WORD.match(self._pending, position)) is not None:
            before = self._sentence + self._pending[:position]
            word = match.group(0).strip()
            if _risky(word, not before.strip()) and not self._known(before, word):
                self._holding = True
                break
            position = match.end()
        text = self._pending[:position]
        self._pending = self._pending[len(text) :]
        self._sentence += text
        return text

    def _known(self, before: str, word: str) -> bool:
        """A risky-looking word that is a fact of the found products: a name or brand
        (so far), or a number among their prices, sizes and potencies."""
        core = word.strip("\"'“”‘’()[]*,;:!?")
        if self._context.education_only or '"' in word or is_trigger_word(core.strip(".")):
            return False
        if any(ch.isdigit() for ch in core):
            parts = re.findall(r"\d+(?:[.,]\d+)?", core)
            return bool(parts) and all(_canonical(part) in self._numbers for part in parts)
        run = [core.strip(".")]
        for previous in reversed(before.split()):
            if not previous[:1].isupper() or previous[-1:] in ".!?,;:":
                break
            run.insert(0, previous)
        phrase = normalise(" ".join(run))
        return bool(phrase) and any(
            label == phrase or label.startswith(phrase + " ") for label in self._labels
        )


def _canonical(number: str) -> str:
    return f"{_value(number):.2f}".rstrip("0").rstrip(".")


def _fact_numbers(products: Sequence[Product]) -> set[str]:
    """Every number a grounded reply may state: prices, sizes and potency bounds."""
    numbers: set[str] = set()
    for product in products:
        values = [product.price, product.thc_min, product.thc_max, product.cbd_min, product.cbd_max]
        numbers.update(_canonical(str(value)) for value in values)
        numbers.update(_canonical(n) for n in re.findall(r"\d+(?:\.\d+)?", product.size))
    return numbers


def _risky(word: str, first: bool) -> bool:
    core = word.strip("\"'“”‘’()[]*.,;:!?")
    if any(ch.isdigit() for ch in word) or any(ch in word for ch in '$%"“”'):
        return True
    if is_trigger_word(core):
        return True
    if core[:1].isupper() and core.lower() not in _ORDINARY:
        return not (first and core.lower() in _STARTERS)
    return False
