"""A run's replies as JSON (``weedgo quality --json``), and read back to score them again.

Scoring the saved replies again (``--rescore``) judges them by the current rubric
without asking the service: a change to a check is measured on the same replies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from weedgo.quality.questions import Question, parse_question
from weedgo.quality.rubric import score
from weedgo.quality.runner import Answer

_CARD_FIELDS = ("name", "category", "strain_type")


def answer_record(answer: Answer) -> dict[str, Any]:
    """One answer as plain data: the question and its labels, the reply, the verdicts."""
    q = answer.question
    return {
        "id": q.id,
        "question": q.text,
        "language": q.language,
        "intent_label": q.intent,
        "category_label": q.category,
        "product_label": q.product,
        "in_scope": q.in_scope,
        "ok": answer.ok,
        "error": answer.error,
        "reply": answer.text,
        "cards": [{key: card.get(key) for key in _CARD_FIELDS} for card in answer.cards],
        "intent": answer.intent,
        "authors": answer.authors,
        "fallback": answer.fallback,
        "model": answer.model,
        "latency_ms": answer.latency_ms,
        "server_ms": answer.server_ms,
        "passed": answer.passed,
        "failures": {name: answer.verdicts[name] for name in answer.failures},
    }


def answer_from_record(record: dict[str, Any]) -> Answer:
    """The :class:`Answer` a record describes, scored by the current rubric."""
    question: Question = parse_question(
        {
            "id": record["id"],
            "text": record["question"],
            "language": record.get("language", "en"),
            "intent": record["intent_label"],
            "category": record.get("category_label"),
            "product": record.get("product_label"),
            "in_scope": record.get("in_scope", True),
        },
        f"record {record.get('id')!r}",
    )
    answer = Answer(
        question=question,
        ok=bool(record["ok"]),
        latency_ms=float(record["latency_ms"]),
        text=str(record.get("reply", "")),
        cards=list(record.get("cards", [])),
        intent=str(record.get("intent", "")),
        authors=list(record.get("authors", [])),
        fallback=bool(record.get("fallback")),
        server_ms=record.get("server_ms"),
        model=str(record.get("model", "")),
        error=record.get("error"),
    )
    if answer.ok:
        answer.verdicts = score(answer.reply())
    return answer


def write_results(path: Path, meta: dict[str, Any], summary: dict[str, Any],
                  answers: list[Answer]) -> None:  # fmt: skip
    records = [answer_record(answer) for answer in answers]
    payload = {"meta": meta, "summary": summary, "answers": records}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_results(path: Path) -> tuple[dict[str, Any], list[Answer]]:
    """The run's meta and its answers, scored again."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return dict(data["meta"]), [answer_from_record(r) for r in data["answers"]]
    except (OSError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise ValueError(f"{path} is not a results file of weedgo quality: {error}") from error
