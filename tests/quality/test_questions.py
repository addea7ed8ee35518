"""The held-out question set: its file, its coverage, and the loader's checks."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from weedgo.catalog.seed import demo_products
from weedgo.domain import Category
from weedgo.domain.turn import Intent
from weedgo.quality.questions import load_questions


def test_the_set_covers_every_category_and_intent() -> None:
    questions = load_questions()
    assert len(questions) >= 300
    assert {q.intent for q in questions} == {intent.value for intent in Intent}
    assert {q.category for q in questions} - {None} == {c.value for c in Category}
    assert all(q.language == "en" for q in questions)
    per_intent = Counter(q.intent for q in questions)
    assert min(per_intent.values()) >= 10


def test_every_product_asked_by_name_is_in_the_demo_catalog() -> None:
    names = {product.name for product in demo_products()}
    asked = {q.product for q in load_questions() if q.product}
    assert asked and asked <= names


def test_out_of_scope_and_medical_questions_may_be_declined() -> None:
    for question in load_questions():
        declinable = question.intent in ("out_of_scope", "medical")
        assert question.in_scope is not declinable, question


def write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_limit_and_language_filter(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"id": "a", "text": "any vapes?", "intent": "product_search"},
        {"id": "b", "text": "des vapoteuses?", "intent": "product_search", "language": "fr"},
        {"id": "c", "text": "hi", "intent": "greeting"},
    )
    assert [q.id for q in load_questions(path, language="en")] == ["a", "c"]
    assert [q.id for q in load_questions(path, limit=1)] == ["a"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "a", "text": "x"}, "needs 'id', 'text' and 'intent'"),
        ({"id": "a", "text": "x", "intent": "shopping"}, "unknown intent"),
        ({"id": "a", "text": "x", "intent": "greeting", "category": "weed"}, "unknown category"),
        ({"id": "a", "text": " ", "intent": "greeting"}, "empty text"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, row: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_questions(write(tmp_path, row))


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    row = {"id": "a", "text": "hi", "intent": "greeting"}
    with pytest.raises(ValueError, match="duplicate id"):
        load_questions(write(tmp_path, row, row))
