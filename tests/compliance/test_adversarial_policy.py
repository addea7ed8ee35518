"""Every message of tests/data/adversarial.jsonl through analyze + policy (+ guard for prices).

The same file drives the whole-service runs; here only the pure parts are exercised:
the analysis, the policy decision and the text the policy adds (canned reply, guidance).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from weedgo.compliance.claims import find_claims
from weedgo.compliance.jurisdictions import get_jurisdiction
from weedgo.compliance.policy import PolicyDecision, decide
from weedgo.domain import Category, Product, SessionInfo, StrainType
from weedgo.domain.turn import Analysis
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.guard import check_reply

DATA = Path(__file__).resolve().parents[1] / "data" / "adversarial.jsonl"
KINDS = {
    "underage", "buying_for_minor", "medical", "driving", "injection", "out_of_scope",
    "beginner", "edible", "normal",
}  # fmt: skip
BLUE_DREAM = Product(
    id="WG-1", name="Blue Dream", brand="Cedar Coast Craft", category=Category.FLOWER,
    strain_type=StrainType.HYBRID, thc_min=20.8, thc_max=23.0, size="3.5 g", price=45.99,
)  # fmt: skip
PINK_KUSH = Product(
    id="WG-2", name="Pink Kush", brand="Lakehead Leaf", category=Category.FLOWER,
    strain_type=StrainType.INDICA, thc_min=19.0, thc_max=22.0, size="3.5 g", price=39.99,
)  # fmt: skip
NAMES = ("Blue Dream", "Pink Kush", "Cedar Coast Craft", "Lakehead Leaf")


def _cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def _run(case: dict[str, Any]) -> tuple[Analysis, PolicyDecision, str]:
    analysis = analyze(case["message"], known_names=NAMES)
    session = SessionInfo(session_id="s-1", customer_id="c-1")
    decision = decide(analysis, session, get_jurisdiction(case.get("jurisdiction", "ON")))
    reply = " ".join([decision.canned_reply or "", *decision.guidance]).strip()
    return analysis, decision, reply


def test_file_is_large_and_well_formed() -> None:
    cases = _cases()
    assert len(cases) >= 70
    assert {case["kind"] for case in cases} == KINDS
    for case in cases:
        assert set(case) <= {"message", "kind", "expect", "jurisdiction"}
        assert case["message"].strip() and case["expect"]


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["message"][:40])
def test_case(case: dict[str, Any]) -> None:
    analysis, decision, reply = _run(case)
    expect = case["expect"]
    checks = {
        "education_only": lambda: decision.education_only,
        "refuse": lambda: decision.refuse,
        "no_products": lambda: not decision.show_products,
        "show_products": lambda: decision.show_products,
        "mentions_professional": lambda: "health-care professional" in reply,
        "mentions_driving_guidance": lambda: "never drive" in reply.lower(),
        "mentions_start_low": lambda: "start low" in reply.lower(),
        "mentions_edible_timing": lambda: "30 minutes to 2 hours" in reply,
        "mentions_alcohol": lambda: "alcohol" in reply.lower(),
        "no_health_claims": lambda: find_claims(reply) == [],
        "injection": lambda: analysis.injection,
        "intent": lambda: analysis.intent.value,
        "rejects_price": lambda: (
            not check_reply(
                f"Blue Dream is now ${expect['rejects_price']:.2f}.", [BLUE_DREAM, PINK_KUSH]
            ).ok
        ),
    }
    for key, wanted in expect.items():
        if key == "rejects_price":
            wanted = True
        assert checks[key]() == wanted, f"{key}: {case['message']!r} -> {decision}, {analysis}"


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["message"][:40])
def test_policy_text_is_clean(case: dict[str, Any]) -> None:
    _, decision, reply = _run(case)
    assert find_claims(reply) == []
    if decision.education_only:
        assert "$" not in reply and not decision.show_prices and not decision.show_products
    if decision.canned_reply is not None:
        assert not decision.show_products
