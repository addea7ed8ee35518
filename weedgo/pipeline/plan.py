"""The plan of a chat turn: what the customer is shown, and who writes the reply.

:func:`plan_turn` makes it from the analysis, the compliance policy's decision, the
session and, once the catalog has been searched, what the search found. It is the one
place where the writer of a reply is chosen, in this order:

1. ``refusal``: the policy's fixed reply (out of scope, minors, medical, injection);
2. ``knowledge``: a vetted answer (greeting, store facts, education), where the
   pipeline answers from vetted texts;
3. ``fallback``: a product question while the catalog cannot be read says so;
4. ``catalog``: the policy keeps the model out of the turn (a question of fact, dose or
   health), the turn's language is not one the model writes, or a product question
   found nothing (where the pipeline answers that from the catalog);
5. ``model``: the model writes, after the catalog's own sentence on the first product
   (``lead``) where the pipeline opens product replies so.

Before the search (``found=None``) the plan says what to search for and whether the
turn may be cached; the writer it names may still change once the products are known.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from weedgo.compliance.policy import PolicyDecision
from weedgo.config import Settings
from weedgo.domain import Product, SessionInfo
from weedgo.domain.turn import PRODUCT_INTENTS, Analysis, Author
from weedgo.i18n import french
from weedgo.pipeline.fallback import CATALOG_UNAVAILABLE, catalog_reply
from weedgo.pipeline.knowledge import templated_reply
from weedgo.pipeline.lead import uses_lead

Writer = Author  # one of "model", "knowledge", "refusal", "catalog", "fallback"


@dataclass(frozen=True)
class Found:
    """What the catalog search gave a turn."""

    products: tuple[Product, ...] = ()
    note: str = ""  # "nothing matches all of that; here are the nearest", in the turn's language
    catalog_failed: bool = False  # the catalog could not be read (not "nothing found")


@dataclass(frozen=True)
class Rules:
    """How a pipeline answers: the optimized pipeline uses every rule; the sequential
    one, like the engine it descends from, lets the model answer what it can."""

    vetted_knowledge: bool = True  # greetings, store facts, education from vetted texts
    catalog_when_empty: bool = True  # a product question that found nothing: the catalog
    lead: bool = True  # product replies open with the catalog's sentence (WEEDGO_LEAD_REPLY)
    caching: bool = True  # WEEDGO_ENABLE_CACHING
    model_languages: tuple[str, ...] = ("en", "fr")  # WEEDGO_MODEL_LANGUAGES

    @classmethod
    def optimized(cls, settings: Settings) -> Rules:
        return cls(
            lead=settings.lead_reply,
            caching=settings.enable_caching,
            model_languages=tuple(settings.model_languages),
        )

    @classmethod
    def sequential(cls, settings: Settings) -> Rules:
        return cls(
            vetted_knowledge=False,
            catalog_when_empty=False,
            lead=False,
            caching=False,
            model_languages=tuple(settings.model_languages),
        )


@dataclass(frozen=True)
class TurnPlan:
    """What a turn shows and who writes its text."""

    show_products: bool  # the catalog is searched and its products shown
    show_prices: bool  # cards, prices and the products' facts may be shown
    writer: Writer
    text: str = ""  # the fixed reply, when the writer is not the model
    outcome: str = "canned"  # how a fixed reply is reported: "canned" or "fallback:<why>"
    lead: bool = False  # the catalog's sentence first, then the model's own
    note: str = ""  # the note that labels the products as the nearest, if they are
    guidance: tuple[str, ...] = ()  # responsible-use sentences appended to the reply
    cacheable: bool = True  # not personal: the reply may serve the next customer
    model_writes: bool = True  # the policy lets the model write in this turn

    @property
    def fixed(self) -> bool:
        """The reply is complete without the model."""
        return self.writer != "model"

    def with_note(self, text: str, products: object) -> str:
        """``text`` after the nearest-products note, when products are shown."""
        return f"{self.note} {text}".strip() if self.note and products else text

    def with_guidance(self, text: str) -> tuple[str, str]:
        """``text`` with the guidance it does not already hold, and the appended part."""
        extra = " ".join(line for line in self.guidance if line not in text)
        if not extra:
            return text, ""
        joined = f" {extra}" if text else extra
        return text + joined, joined

    def authors(self, outcome: str, *, guided: bool, shown: bool) -> list[Author]:
        """Who wrote the reply's parts, in order, from how the turn ended.

        ``outcome`` is ``"canned"`` (the planned writer's fixed reply), ``"model"``,
        ``"shed"`` (a lead reply whose model sentence load skipped) or
        ``"fallback:<reason>"``; ``guided`` when guidance was appended; ``shown`` when
        products were shown.
        """
        first: Author = "model"
        if outcome == "canned":
            first = self.writer
        elif outcome.startswith("fallback"):
            first = "fallback"
        parts: list[Author] = [first, "guidance"] if guided else [first]
        if self.lead:  # the catalog sentence, then the model's (or none: shed)
            opening: list[Author] = ["catalog"]
            return opening + (parts[1:] if outcome == "shed" else parts)
        if outcome != "canned" and self.note and shown:
            parts.insert(0, "catalog")  # "nothing matches all of that; here are the nearest"
        return parts


def personal(analysis: Analysis, session: SessionInfo) -> bool:
    """The reply depends on this customer (history, age, the session's flags)."""
    return bool(
        session.education_only
        or analysis.follow_up
        or analysis.refers_to_index is not None
        or analysis.stated_age is not None
        or analysis.minor_signal
        or analysis.buying_for_minor
    )


def plan_turn(
    analysis: Analysis,
    decision: PolicyDecision,
    session: SessionInfo,
    found: Found | None,
    *,
    rules: Rules,
    settings: Settings,
    message: str,
) -> TurnPlan:
    """The plan of a turn (see the module's docstring for the writer's order)."""
    education_only = session.education_only
    plan = TurnPlan(
        show_products=decision.show_products and not education_only,
        show_prices=decision.show_prices and not education_only,
        writer="model",
        guidance=tuple(decision.guidance),
        cacheable=rules.caching and not personal(analysis, session),
        model_writes=decision.model_writes,
        note=found.note if found else "",
    )
    writer, text, outcome = _writer(
        analysis, decision, session, plan, found, rules, settings, message
    )
    if writer != "model":
        return replace(plan, writer=writer, text=text, outcome=outcome)
    products = found.products if found else ()
    lead = rules.lead and analysis.language == "en" and found is not None
    lead = lead and uses_lead(
        analysis.intent, products, education_only=education_only, show_prices=plan.show_prices
    )
    return replace(plan, lead=lead)


def _writer(
    analysis: Analysis,
    decision: PolicyDecision,
    session: SessionInfo,
    plan: TurnPlan,
    found: Found | None,
    rules: Rules,
    settings: Settings,
    message: str,
) -> tuple[Writer, str, str]:
    """Who writes (the module's order), the fixed text and how it is reported."""
    if decision.canned_reply:
        return "refusal", decision.canned_reply, "canned"
    vetted = templated_reply(analysis, message, settings) if rules.vetted_knowledge else None
    if vetted:
        return "knowledge", vetted, "canned"
    model_may = plan.model_writes and analysis.language in rules.model_languages
    if found is None:  # the catalog's text is written once its products are known
        return ("model" if model_may else "catalog"), "", "canned"
    asks = analysis.intent in PRODUCT_INTENTS and plan.show_products
    if found.catalog_failed and asks:
        unavailable = french.in_language(CATALOG_UNAVAILABLE, analysis.language)
        return "fallback", unavailable, "fallback:catalog_unavailable"
    if not model_may:
        text = catalog_reply(
            analysis,
            list(found.products),
            education_only=session.education_only,
            show_prices=plan.show_prices,
        )
        return "catalog", text, "canned"
    if rules.catalog_when_empty and asks and not found.products:
        return "catalog", catalog_reply(analysis, []), "canned"
    return "model", "", "canned"
