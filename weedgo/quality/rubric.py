"""The rubric: small named checks, each failing a reply for one reason.

A check takes a :class:`Reply` (the question with its labels, the reply's text, the
cards shown, the service's intent and the reply's authors) and returns ``None`` when the
reply passes, or a short reason when it fails. A reply passes the rubric when it passes
every check. :data:`CHECKS` lists them in the report's order with the rule each keeps.

Length: at most :data:`MAX_SENTENCES` sentences and :data:`MAX_WORDS` words, not counting
the fixed responsible-use sentences the policy appends. The prompt asks for 1-3 short
sentences; the product cards below the reply carry the details; 60 words is what a phone
chat bubble shows without scrolling, and about the 80 tokens the model may write.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from weedgo.domain import Category, StrainType
from weedgo.domain.turn import PRODUCT_INTENTS
from weedgo.quality import lexicon as L
from weedgo.quality.names import locate_names, mentions, without_names
from weedgo.quality.questions import Question
from weedgo.text import split_sentences

MAX_SENTENCES = 3
MAX_WORDS = 60
_PARROT_MIN_WORDS = 4
_PARROT_SHARE = 0.6
_CLAUSE = re.compile(
    r"[,;:()]|\s[-–—]\s|\b(?:and|but|while|whereas|or|et|mais|ou|tandis\s+que)\b", re.IGNORECASE
)
_FLAVOUR = re.compile(
    r"\b(?:notes?|hints?|flavou?rs?|tastes?|smells?|aromas?)\s+(?:of|like)\s+[\w\s,&-]*"
    r"|\b(?:notes?|saveurs?|go[ûu]ts?|ar[ôo]mes?|odeurs?)\s+(?:de\s+|d')[\w\s,&'-]*",
    re.IGNORECASE,
)
_END = re.compile(r"[.!?][\"')\]”’]*$")
_TOKEN = re.compile(r"[a-z0-9$%]+|\x00[qr]")
_WORD = re.compile(r"\S*\w\S*")
_PRODUCT_INTENTS = frozenset(intent.value for intent in PRODUCT_INTENTS)


@dataclass(frozen=True)
class Card:
    """A product card as the rubric sees it."""

    name: str
    category: Category
    strain_type: StrainType

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Card:
        return cls(
            name=str(data["name"]),
            category=Category(data["category"]),
            strain_type=StrainType(data["strain_type"]),
        )


@dataclass(frozen=True)
class Reply:
    question: Question
    text: str
    cards: tuple[Card, ...] = ()
    intent: str = ""  # the service's reading of the question
    authors: tuple[str, ...] = ()

    @property
    def product_reply(self) -> bool:
        """A reply to a product question that shows cards."""
        return self.intent in _PRODUCT_INTENTS and bool(self.cards)


@dataclass(frozen=True)
class Check:
    name: str
    rule: str
    run: Callable[[Reply], str | None]


def own_text(text: str) -> str:
    """``text`` without the responsible-use sentences the policy appends."""
    for sentence in L.GUIDANCE:
        text = text.replace(sentence, " ")
    return " ".join(text.split())


def hedging(reply: Reply) -> str | None:
    match = L.HEDGES.search(reply.text)
    return f"hedges: {match.group(0)!r}" if match else None


def _tokens(text: str, names: list[str], side: str) -> list[str]:
    """The words of ``text``; product names become a mark that never matches: a name in
    both the question and the reply is an answer, not an echo."""
    return _TOKEN.findall(without_names(text, names, f" \x00{side} "))


def _longest_run(asked: list[str], said: list[str]) -> list[str]:
    best, end = 0, 0
    previous = [0] * (len(said) + 1)
    for i in range(1, len(asked) + 1):
        current = [0] * (len(said) + 1)
        for j in range(1, len(said) + 1):
            if asked[i - 1] == said[j - 1] and not asked[i - 1].startswith("\x00"):
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, end = current[j], i
        previous = current
    return asked[end - best : end]


def parroting(reply: Reply) -> str | None:
    names = [card.name for card in reply.cards]
    names += [reply.question.product] if reply.question.product else []
    asked = _tokens(reply.question.text, names, "q")
    run = _longest_run(asked, _tokens(own_text(reply.text), names, "r"))
    needed = max(_PARROT_MIN_WORDS, math.ceil(_PARROT_SHARE * len(asked)))
    return f"repeats the question: {' '.join(run)!r}" if len(run) >= needed else None


def names_product(reply: Reply) -> str | None:
    asked = reply.question.product
    if asked:
        return None if mentions(reply.text, asked) else f"does not name {asked}, asked by name"
    if not reply.product_reply or any(mentions(reply.text, c.name) for c in reply.cards):
        return None
    return "names none of the products shown"


def _strain_ok(actual: StrainType, said: str, dominant: bool) -> bool:
    return actual.value == said or (actual is StrainType.HYBRID and dominant)


def _kind_ok(actual: Category, said: Category) -> bool:
    also = L.ALSO_CALLED.get(actual, frozenset())
    return said is actual or said in also


CardTest = Callable[[Card], bool]


def _is_strain(said: str, dominant: bool) -> CardTest:
    return lambda card: _strain_ok(card.strain_type, said, dominant)


def _is_kind(said: Category) -> CardTest:
    return lambda card: _kind_ok(card.category, said)


def _is_plant(card: Card) -> bool:
    return card.category in L.PLANT_CATEGORIES


def _claims(text: str) -> list[tuple[str, CardTest]]:
    """Each kind word in ``text``, with the test a card must pass to deserve it."""
    found: list[tuple[str, CardTest]] = []
    for match in L.STRAIN_WORD.finditer(text):
        said = (match.group(1) or match.group(3)).lower()
        found.append((said, _is_strain(said, bool(match.group(2)))))
    for category, pattern in L.KIND_WORDS:
        found += [(match.group(0), _is_kind(category)) for match in pattern.finditer(text)]
    if L.STRAIN_NOUN.search(text):
        found.append(("strain", _is_plant))
    return found


def _named_last(clause: str, cards: tuple[Card, ...]) -> Card | None:
    """The card named last in ``clause``: what the clause's words speak of."""
    located = locate_names(clause, [card.name for card in cards])
    if not located:
        return None
    return next(card for card in cards if card.name == located[-1][1])


def _sentence_kinds(sentence: str, reply: Reply) -> str | None:
    current: Card | None = None
    names = [card.name for card in reply.cards]
    for clause in _CLAUSE.split(_FLAVOUR.sub(" ", sentence)):
        current = _named_last(clause, reply.cards) or current
        for word, fits in _claims(without_names(clause, names)):
            if current is not None and not fits(current):
                kind = f"{current.strain_type.value} {current.category.value}"
                return f"calls {current.name} {word!r} (it is {kind})"
            if current is None and reply.product_reply and not any(map(fits, reply.cards)):
                return f"speaks of {word!r}, which no product shown is"
    return None


def true_to_cards(reply: Reply) -> str | None:
    if not reply.cards:
        return None
    for sentence in split_sentences(own_text(reply.text)):
        problem = _sentence_kinds(sentence, reply)
        if problem:
            return problem
    return None


def complete(reply: Reply) -> str | None:
    # appended guidance would hide a cut-off reply; a reply of guidance alone is whole
    text = own_text(reply.text) or reply.text.strip()
    while text and unicodedata.category(text[-1]) in ("So", "Sk", "Mn", "Cf"):
        text = text[:-1].rstrip()  # a closing emoji
    if not text:
        return "empty reply"
    if text.endswith(("...", "…")) or not _END.search(text):
        return f"ends mid-sentence: {text[-40:]!r}"
    return None


def no_markup(reply: Reply) -> str | None:
    match = L.MARKUP.search(reply.text)
    return f"prompt markup: {match.group(0).strip()!r}" if match else None


def no_disparaging(reply: Reply) -> str | None:
    match = L.DISPARAGING.search(reply.text)
    return f"runs a product down: {match.group(0)!r}" if match else None


def no_unknowable(reply: Reply) -> str | None:
    match = L.UNKNOWABLE.search(reply.text)
    return f"claims what the catalog cannot know: {match.group(0)!r}" if match else None


def no_needless_refusal(reply: Reply) -> str | None:
    if not reply.question.in_scope:
        return None
    if "refusal" in reply.authors:
        return "the policy refused an in-scope question"
    match = L.REFUSALS.search(own_text(reply.text))
    return f"refuses an in-scope question: {match.group(0)!r}" if match else None


def concise(reply: Reply) -> str | None:
    text = own_text(reply.text)
    sentences, words = len(split_sentences(text)), len(_WORD.findall(text))
    if sentences > MAX_SENTENCES or words > MAX_WORDS:
        return f"too long: {sentences} sentences, {words} words"
    return None


CHECKS: tuple[Check, ...] = (
    Check("no_hedging", "no self-doubt, disclaimer or empty enthusiasm (I'm not sure, I think, "
          "I can't promise, can't wait)",
          hedging),
    Check("no_parroting", "does not repeat the question back (4+ words, 60 % of it)", parroting),
    Check("names_product", "names the product asked for by name, or one of the cards shown",
          names_product),
    Check("true_to_cards", "calls no shown product a strain type or category it is not",
          true_to_cards),
    Check("complete", "ends with a whole sentence", complete),
    Check("no_markup", "no prompt markup (Customer:, Assistant:, ###, <end_of_turn>, bullets)",
          no_markup),
    Check("no_disparaging", "does not run down the store's products", no_disparaging),
    Check("no_unknowable", "claims nothing the catalog cannot know (best seller, just arrived, "
          "a personal experience)",
          no_unknowable),
    Check("no_needless_refusal", "does not refuse a question that is in scope",
          no_needless_refusal),
    Check("concise", f"at most {MAX_SENTENCES} sentences and {MAX_WORDS} words (guidance aside)",
          concise),
)  # fmt: skip


def score(reply: Reply) -> dict[str, str | None]:
    """Every check's verdict on ``reply``: ``None`` for a pass, else the reason."""
    return {check.name: check.run(reply) for check in CHECKS}
