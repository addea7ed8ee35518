"""The paired English / French test set (``tests/data/bilingual_pairs.jsonl``) and how a
pair is run through the service and compared.

Each line is ``{"id", "kind", "en", "fr"}``: the same request written by an English and a
French customer (``en`` / ``fr`` may be a list of turns: a conversation). Kinds:
``product`` and ``follow_up`` (shopping), ``talk`` (greetings, store and education
questions) and ``compliance`` (the compliance set: minors, health, out of scope,
injection, driving, beginners).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from weedgo.compliance import responsible
from weedgo.i18n.detect import detect_language
from weedgo.i18n.french import in_language
from weedgo.pipeline.analyze import analyze
from weedgo.pipeline.prompt_fr import FR_VERSION

GUIDANCE = ("START_LOW", "EDIBLES_TIMING", "NO_ALCOHOL", "DRIVING", "MEDICAL", "MEDICAL_ONLY")
PAIRS = Path(__file__).resolve().parents[1] / "data" / "bilingual_pairs.jsonl"
CONSTRAINTS = (
    "category", "subcategory", "strain_type", "effects", "min_price", "max_price",
    "min_thc", "max_thc", "min_cbd", "max_cbd", "size", "sort", "best_value",
    "potency_unit", "terpenes", "flavors", "product_names", "follow_up", "wants_cheaper",
    "wants_stronger", "refers_to_index",
)  # fmt: skip


def load_pairs() -> list[dict[str, Any]]:
    return [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines() if line.strip()]


def turns(pair: dict[str, Any], language: str) -> list[str]:
    value = pair[language]
    return list(value) if isinstance(value, list) else [value]


def answer_in_prompt_language(prompt: str) -> str:
    """The fake engine's reply: a sentence in the language the prompt was written in."""
    if f"-{FR_VERSION})" in prompt[:80]:
        return "Voici quelques options de notre menu qui correspondent à votre demande."
    return "Here are a few options from our menu that fit what you asked for."


@dataclass
class Turned:
    """The last turn of one side of a pair, as the service answered it."""

    message: str
    intent: str
    authors: list[str]
    product_ids: list[str]
    quick_replies: list[str]
    constraints: dict[str, Any] = field(default_factory=dict)


def ask(client: TestClient, pair: dict[str, Any], language: str, names: list[str]) -> Turned:
    """Run one side of a pair as a new customer, without any language hint."""
    session_id = None
    body: dict[str, Any] = {}
    for message in turns(pair, language):
        request = {"message": message, "customer_id": f"{pair['id']}-{language}"}
        if session_id:
            request["session_id"] = session_id
        response = client.post("/api/v1/chat", json=request)
        assert response.status_code == 200, response.text
        body = response.json()
        session_id = body["session_id"]
    last = turns(pair, language)[-1]
    analysis = analyze(last, known_names=names, language=language)
    return Turned(
        message=body["message"],
        intent=body["intent"],
        authors=body["authors"],
        product_ids=[card["id"] for card in body["products"]],
        quick_replies=body["quick_replies"],
        constraints={name: getattr(analysis, name) for name in CONSTRAINTS},
    )


def verdict(turned: Turned) -> tuple[str, bool, bool, frozenset[str]]:
    """What the compliance policy decided: the intent, refused or not, products shown or
    not, and which responsible-use texts the reply carries (in either language). Who
    writes a product reply may differ by language (``WEEDGO_MODEL_LANGUAGES``)."""
    guidance = frozenset(
        name
        for name in GUIDANCE
        for language in ("en", "fr")
        if in_language(getattr(responsible, name), language) in turned.message
    )
    return turned.intent, "refusal" in turned.authors, bool(turned.product_ids), guidance


def reply_language(turned: Turned) -> str | None:
    return detect_language(turned.message)
