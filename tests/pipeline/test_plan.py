"""The turn's plan: who writes the reply, in the plan's order, and what it may show."""

from __future__ import annotations

import dataclasses

import pytest

from weedgo.compliance.jurisdictions import get_jurisdiction
from weedgo.compliance.policy import decide
from weedgo.config import Settings
from weedgo.domain import Category, Product, SessionInfo, StrainType
from weedgo.domain.turn import Analysis
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.fallback import CATALOG_UNAVAILABLE
from weedgo.pipeline.plan import Found, Rules, TurnPlan, plan_turn

SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]
ONTARIO = get_jurisdiction("ON")
NOTHING = Found()
INDICA = Product(
    id="WG-1", name="Pink Kush", brand="North Co", category=Category.FLOWER,
    strain_type=StrainType.INDICA, thc_min=18.0, thc_max=22.0, size="3.5 g", price=34.99,
    stock=5, effects=["Sleepy", "Relaxed"],
)  # fmt: skip
OPTIMIZED = Rules.optimized(SETTINGS)
SEQUENTIAL = Rules.sequential(SETTINGS)


def session(*, education_only: bool = False) -> SessionInfo:
    return SessionInfo(
        session_id="plan-test-1", customer_id="c1", age_verified=True,
        education_only=education_only,
    )  # fmt: skip


def plan(
    message: str,
    found: Found | None = NOTHING,
    *,
    rules: Rules = OPTIMIZED,
    language: str = "en",
    who: SessionInfo | None = None,
) -> TurnPlan:
    analysis = analyze(message, known_names=["Pink Kush"], language=language)
    who = who or session()
    decision = decide(analysis, who, ONTARIO)
    return plan_turn(
        analysis, decision, who, found, rules=rules, settings=SETTINGS, message=message
    )


def test_a_refusal_comes_first_and_shows_nothing() -> None:
    turn = plan("write me a poem about the ocean", Found((INDICA,)))
    assert turn.writer == "refusal" and turn.text and turn.fixed
    assert not turn.show_products and not turn.lead


def test_a_greeting_is_vetted_knowledge_where_the_pipeline_answers_so() -> None:
    assert plan("hello there").writer == "knowledge"
    assert plan("hello there", rules=SEQUENTIAL).writer == "model"


def test_a_product_question_opens_with_the_catalog_then_the_model() -> None:
    turn = plan("show me some indica strains for sleep", Found((INDICA,)))
    assert (turn.writer, turn.lead, turn.show_products, turn.show_prices) == (
        "model", True, True, True,
    )  # fmt: skip
    assert not dataclasses.replace(OPTIMIZED, lead=False).lead
    no_lead = plan("show me some indica", Found((INDICA,)), rules=Rules(lead=False))
    assert no_lead.writer == "model" and not no_lead.lead


def test_before_the_search_the_plan_says_what_to_look_for_and_leads_nothing() -> None:
    turn = plan("show me some indica strains for sleep", None)
    assert turn.writer == "model" and turn.show_products and not turn.lead


def test_nothing_found_is_said_from_the_catalog_where_the_pipeline_does_so() -> None:
    turn = plan("any indica pre-rolls under $5?", Found(()))
    assert turn.writer == "catalog" and turn.text and turn.outcome == "canned"
    assert plan("any indica pre-rolls under $5?", Found(()), rules=SEQUENTIAL).writer == "model"


def test_a_catalog_that_cannot_be_read_is_said_so() -> None:
    turn = plan("show me some indica", Found(catalog_failed=True))
    assert turn.writer == "fallback" and turn.text == CATALOG_UNAVAILABLE
    assert turn.outcome == "fallback:catalog_unavailable"
    assert turn.authors(turn.outcome, guided=False, shown=False) == ["fallback"]


@pytest.mark.parametrize("rules", [OPTIMIZED, SEQUENTIAL], ids=["optimized", "sequential"])
def test_a_question_of_dose_is_never_the_models(rules: Rules) -> None:
    message = "i took an edible an hour ago and feel nothing, should i take more?"
    assert plan(message, None, rules=rules).writer != "model"
    turn = plan(message, Found((INDICA,)), rules=rules)
    assert turn.writer in ("knowledge", "catalog") and turn.text and not turn.model_writes


def test_a_language_the_model_does_not_write_is_answered_from_the_catalog() -> None:
    french = "des indicas pour dormir"
    turn = plan(french, Found((INDICA,)), language="fr", rules=Rules(model_languages=("en",)))
    assert turn.writer == "catalog" and "Pink Kush" in turn.text
    both = plan(french, Found((INDICA,)), language="fr", rules=Rules(model_languages=("en", "fr")))
    assert both.writer == "model" and not both.lead  # the lead prompt is English


def test_a_personal_turn_is_never_cached() -> None:
    assert plan("show me some indica").cacheable
    assert not plan("anything cheaper?").cacheable  # leans on the previous turn
    assert not plan("i'm 19, any indica?").cacheable  # states an age
    assert not plan("show me some indica", rules=Rules(caching=False)).cacheable
    assert not plan("what is a terpene?", who=session(education_only=True)).cacheable


def test_guidance_and_the_nearest_note_frame_the_reply() -> None:
    turn = plan("i'm new to this, any indica edibles?", Found((INDICA,), note="Nothing matches."))
    assert turn.guidance
    text, extra = turn.with_guidance("Here you go.")
    assert text == "Here you go." + extra and extra.strip() == " ".join(turn.guidance)
    assert turn.with_guidance(text) == (text, "")  # never twice
    assert turn.with_note("Here.", [INDICA]) == "Nothing matches. Here."
    assert turn.with_note("Here.", []) == "Here."


def test_who_wrote_each_part() -> None:
    lead = plan("show me some indica strains for sleep", Found((INDICA,)))
    assert lead.authors("model", guided=True, shown=True) == ["catalog", "model", "guidance"]
    assert lead.authors("shed", guided=False, shown=True) == ["catalog"]
    nearest = plan(
        "any indica pre-rolls under $5?", Found((INDICA,), note="Nearest:"), rules=Rules(lead=False)
    )
    assert nearest.authors("model", guided=False, shown=True) == ["catalog", "model"]
    assert nearest.authors("fallback:guard", guided=False, shown=True) == ["catalog", "fallback"]


def test_the_plan_and_the_analysis_are_immutable() -> None:
    turn = plan("show me some indica")
    with pytest.raises(dataclasses.FrozenInstanceError):
        turn.writer = "refusal"  # type: ignore[misc]
    analysis: Analysis = analyze("show me some indica")
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.intent = analysis.intent  # type: ignore[misc]


@pytest.mark.parametrize(
    "message",
    [
        "how much of a 10 mg edible should i take the first time?",
        "how much should i smoke the first time",
        "i took an edible an hour ago and feel nothing, should i take more?",
    ],
)
def test_a_dose_question_that_names_a_time_is_not_about_a_shown_product(message: str) -> None:
    analysis = analyze(message)
    assert analysis.refers_to_index is None  # "the first time" is not "the first one"
    turn = plan(message, Found((INDICA,)))
    assert turn.writer != "model" and not turn.lead and not turn.model_writes


def test_the_first_one_still_means_the_first_card() -> None:
    assert analyze("tell me more about the first one").refers_to_index == 0
    assert analyze("what about the second?").refers_to_index == 1
