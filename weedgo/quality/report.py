"""The quality report in Markdown (``docs/quality.md``): figures, tables and examples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from weedgo.quality.rubric import CHECKS, MAX_SENTENCES, MAX_WORDS
from weedgo.quality.runner import Answer

EXAMPLES_PER_CHECK = 2
PASSING_EXAMPLES = 6
_REPLY_CHARS = 320

INTRO = """# Reply quality

What a customer reads is judged here. `weedgo quality` (or `make quality`) asks each
held-out question of `weedgo/quality/questions.jsonl` through the real service in one
process: the app with its configured engine, on a temporary SQLite database seeded with
the demo catalog, the caches and pre-computation off, one question at a time and each
from a new customer. Every reply is scored by the rubric below; the model's share of
product replies is counted from the `authors` of each reply's `done` event, not guessed
from its text. This page is written by the command; its figures are those of the last
run recorded here.
"""

RUBRIC = f"""## The rubric

A reply passes when it passes every check (`weedgo/quality/rubric.py`, one small function
each, with unit tests in `tests/quality/`):

{{checks}}

- **Length**: at most {MAX_SENTENCES} sentences and {MAX_WORDS} words, leaving out the
  fixed responsible-use sentences the policy appends (start low, edibles' timing,
  driving, alcohol, medical). The prompt asks for 1-3 short sentences and the cards
  carry the details; {MAX_WORDS} words is what a phone's chat bubble shows without
  scrolling, and about the 80 tokens the model may write.
- **Product reply**: a reply whose intent is a product search, a recommendation or a
  question about a product, and that shows cards. The *model share* is the part of these
  whose `authors` include `model`; catalog sentences, a fallback, a vetted text or a
  refusal do not count.
- **In scope**: every question but the out-of-scope and medical ones, for which
  declining (or sending the customer to a health-care professional) is right.
- The labels of each question (intent, category, a product asked for by name) are the
  customer's meaning; *intent agreement* is how often the service read the same intent.
"""


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f} %"


def _ms(value: Any) -> str:
    return "n/a" if value is None else f"{float(value):,.0f}"


def _cell(text: str, limit: int = _REPLY_CHARS) -> str:
    flat = text.replace("\r", "").replace("\n", " ⏎ ").replace("|", "\\|")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def run_section(meta: dict[str, Any]) -> str:
    rows = [[name, _cell(str(value), 800)] for name, value in meta.items() if value is not None]
    return "## The run\n\n" + _table(["", ""], rows)


def figures_section(s: dict[str, Any]) -> str:
    share, latency, server = s["model_share"], s["latency_ms"], s["server_ms"]
    rows = [
        ["pass rate (every check)", f"{_pct(s['pass_rate'])} ({s['passed']} / {s['questions']})",
         _pct(s["goals"]["pass_rate"])],
        ["model share of product replies",
         f"{_pct(share['share'])} ({share['model']} / {share['product_replies']})",
         _pct(s["goals"]["model_share"])],
        ["replies that fell back (model asked, none of its text kept)",
         _pct(s["fallback_share"]), ""],
        ["reply latency P50 / P95, ms (client)",
         f"{_ms(latency.get('p50'))} / {_ms(latency.get('p95'))}", ""],
        ["server time P50 / P95, ms", f"{_ms(server.get('p50'))} / {_ms(server.get('p95'))}", ""],
        ["intent agreement (service versus label)", _pct(s["intent_agreement"]), ""],
        ["failed requests", str(s["errors"]), "0"],
    ]  # fmt: skip
    return "## Figures\n\n" + _table(["figure", "this run", "goal"], rows)


def checks_section(s: dict[str, Any]) -> str:
    rows = [
        [f"`{name}`", fig["rule"], str(fig["failed"]), _pct(fig["pass_rate"])]
        for name, fig in s["checks"].items()
    ]
    return "## Per check\n\n" + _table(["check", "rule", "failed", "pass rate"], rows)


def group_section(title: str, groups: dict[str, dict[str, Any]]) -> str:
    rows = [
        [name, str(g["questions"]), _pct(g["pass_rate"]), _pct(g["model_share"]),
         _ms(g["latency_p50_ms"])]
        for name, g in groups.items()
    ]  # fmt: skip
    header = [title.removeprefix("Per "), "questions", "pass rate", "model share", "P50 ms"]
    return f"## {title}\n\n" + _table(header, rows)


def authors_section(s: dict[str, Any]) -> str:
    rows = [[f"`{combo}`", str(count)] for combo, count in s["authors"].items()]
    return "## Who wrote the replies\n\n" + _table(["authors", "replies"], rows)


def _cards(answer: Answer) -> str:
    shown = [
        f"{c.get('name', '')} ({c.get('strain_type', '')} {c.get('category', '')})"
        for c in answer.cards[:3]
    ]
    more = len(answer.cards) - len(shown)
    return _cell("; ".join(shown) + (f"; +{more}" if more > 0 else ""), 200) or "none"


def _example_row(answer: Answer, verdict: str) -> list[str]:
    return [
        _cell(answer.question.text, 120),
        _cards(answer),
        _cell(answer.text or f"({answer.error})"),
        " + ".join(answer.authors),
        _cell(verdict, 160),
    ]


def pick_examples(answers: Sequence[Answer]) -> list[list[str]]:
    """Failing replies for each check (the first few), then passing product replies."""
    rows: list[list[str]] = []
    for check in CHECKS:
        failing = [a for a in answers if a.ok and a.verdicts.get(check.name)]
        for answer in failing[:EXAMPLES_PER_CHECK]:
            rows.append(_example_row(answer, f"{check.name}: {answer.verdicts[check.name]}"))
    good = [a for a in answers if a.passed and a.product_reply]
    good.sort(key=lambda a: not a.model_wrote)  # the model's own first
    rows += [_example_row(answer, "pass") for answer in good[:PASSING_EXAMPLES]]
    return rows


def examples_section(answers: Sequence[Answer]) -> str:
    header = ["question", "cards shown", "reply", "authors", "verdict"]
    return "## Examples\n\n" + _table(header, pick_examples(answers))


def render(summary: dict[str, Any], answers: Sequence[Answer], meta: dict[str, Any]) -> str:
    checks = "\n".join(f"- `{check.name}`: {check.rule}." for check in CHECKS)
    parts = [
        INTRO,
        run_section(meta),
        figures_section(summary),
        checks_section(summary),
        group_section("Per intent", summary["by_intent"]),
        group_section("Per category", summary["by_category"]),
        group_section("Per first author", summary["by_author"]),
        authors_section(summary),
        examples_section(answers),
        RUBRIC.format(checks=checks),
    ]
    return "\n\n".join(part.strip() for part in parts) + "\n"
