"""The held-out question set of the quality suite.

``questions.jsonl`` holds one question per line, written as customers write (typos, slang,
two-word questions), labelled by hand with what the customer asks for:

``{"id", "text", "language", "intent", "category", "product", "in_scope"}``

- ``intent``: one of the analyser's intents (:class:`~weedgo.domain.turn.Intent`);
- ``category``: the catalog category the customer asks for, or null;
- ``product``: the catalog product asked for by name, or null;
- ``in_scope``: false when declining is the right answer (out of scope, medical);
- ``language``: ``"en"`` (other languages join the set with their own questions).

The labels are the customer's meaning, not the analyser's reading: where the two differ,
the report says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from weedgo.domain import Category
from weedgo.domain.turn import Intent

_INTENTS = frozenset(intent.value for intent in Intent)
_CATEGORIES = frozenset(category.value for category in Category)


@dataclass(frozen=True)
class Question:
    """One held-out customer question and its labels."""

    id: str
    text: str
    intent: str
    category: str | None = None
    product: str | None = None
    in_scope: bool = True
    language: str = "en"


def default_questions_path() -> Path:
    return Path(__file__).resolve().parent / "questions.jsonl"


def parse_question(item: Any, where: str) -> Question:
    """A :class:`Question` from one decoded line; ``ValueError`` naming ``where`` if bad."""
    if not isinstance(item, dict) or not {"id", "text", "intent"} <= item.keys():
        raise ValueError(f"{where}: needs 'id', 'text' and 'intent'")
    if not str(item["text"]).strip():
        raise ValueError(f"{where}: empty text")
    if item["intent"] not in _INTENTS:
        raise ValueError(f"{where}: unknown intent {item['intent']!r}")
    category = item.get("category")
    if category is not None and category not in _CATEGORIES:
        raise ValueError(f"{where}: unknown category {category!r}")
    return Question(
        id=str(item["id"]),
        text=str(item["text"]),
        intent=str(item["intent"]),
        category=category,
        product=item.get("product") or None,
        in_scope=bool(item.get("in_scope", True)),
        language=str(item.get("language", "en")),
    )


def load_questions(
    path: Path | None = None, *, limit: int | None = None, language: str | None = None
) -> list[Question]:
    """The questions in file order; only ``language``'s when given; the first ``limit``."""
    source = path or default_questions_path()
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as error:
        raise ValueError(f"question file not found: {source}") from error
    questions: list[Question] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source.name} line {number}"
        try:
            question = parse_question(json.loads(line), where)
        except json.JSONDecodeError as error:
            raise ValueError(f"{where}: not valid JSON ({error.msg})") from error
        if question.id in seen:
            raise ValueError(f"{where}: duplicate id {question.id!r}")
        seen.add(question.id)
        if language is None or question.language == language:
            questions.append(question)
    return questions[:limit] if limit is not None else questions
