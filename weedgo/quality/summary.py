"""The figures of a quality run, computed from its answers.

The model's share counts product replies (a product intent, with cards shown) whose
``authors`` include ``model``: a reply made only of catalog sentences, a fallback, a
vetted text or a refusal does not count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from weedgo.perf.stats import summarize
from weedgo.quality.rubric import CHECKS
from weedgo.quality.runner import Answer

GOAL_PASS_RATE = 0.95
GOAL_MODEL_SHARE = 0.90


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def model_share(answers: Iterable[Answer]) -> dict[str, Any]:
    products = [a for a in answers if a.product_reply]
    written = sum(a.model_wrote for a in products)
    return {
        "product_replies": len(products),
        "model": written,
        "share": share(written, len(products)),
    }


def _group(answers: Sequence[Answer], key: Callable[[Answer], str]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Answer]] = {}
    for answer in answers:
        groups.setdefault(key(answer), []).append(answer)
    return {
        name: {
            "questions": len(members),
            "passed": sum(a.passed for a in members),
            "pass_rate": share(sum(a.passed for a in members), len(members)),
            "model_share": model_share(members)["share"],
            "latency_p50_ms": summarize(a.latency_ms for a in members if a.ok).get("p50"),
        }
        for name, members in sorted(groups.items())
    }


def per_check(answers: Sequence[Answer]) -> dict[str, dict[str, Any]]:
    scored = [a for a in answers if a.ok]
    figures: dict[str, dict[str, Any]] = {}
    for check in CHECKS:
        failed = sum(a.verdicts.get(check.name) is not None for a in scored)
        figures[check.name] = {
            "rule": check.rule,
            "failed": failed,
            "pass_rate": share(len(scored) - failed, len(scored)),
        }
    return figures


def build_summary(answers: Sequence[Answer]) -> dict[str, Any]:
    """Every figure of the report, as plain data (it is also written as JSON)."""
    ok = [a for a in answers if a.ok]
    passed = sum(a.passed for a in answers)
    authors = Counter(" + ".join(a.authors) or "(none)" for a in ok)
    return {
        "questions": len(answers),
        "errors": len(answers) - len(ok),
        "passed": passed,
        "pass_rate": share(passed, len(answers)),
        "model_share": model_share(answers),
        "fallback_share": share(sum(a.fallback for a in ok), len(ok)),
        "intent_agreement": share(sum(a.intent == a.question.intent for a in ok), len(ok)),
        "latency_ms": summarize(a.latency_ms for a in ok),
        "server_ms": summarize(a.server_ms for a in ok if a.server_ms is not None),
        "checks": per_check(answers),
        "by_intent": _group(answers, lambda a: a.question.intent),
        "by_category": _group(answers, lambda a: a.question.category or "(none)"),
        "by_author": _group(answers, lambda a: a.authors[0] if a.authors else "(no reply)"),
        "authors": dict(authors.most_common()),
        "goals": {"pass_rate": GOAL_PASS_RATE, "model_share": GOAL_MODEL_SHARE},
    }
