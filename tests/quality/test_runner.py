"""The quality runner end to end, in this process, with the fake engine (a smoke test)."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from tests.conftest import make_settings
from weedgo.engine.fake import FakeEngine
from weedgo.quality.cli import add_quality_parser
from weedgo.quality.questions import Question
from weedgo.quality.runner import run_questions
from weedgo.quality.summary import build_summary

QUESTIONS = [
    Question("p", "any indica flower under $40?", "product_search", category="flower"),
    Question("g", "hey there", "greeting"),
    Question("o", "whats the weather tomorrow", "out_of_scope", in_scope=False),
]
_FACTS = re.compile(r"^Facts: (.+?), an? ", re.MULTILINE)


def names_first_product(prompt: str) -> str:
    """A grounded sentence after the catalog's: this request's product, named again."""
    name = _FACTS.findall(prompt.split("###")[-1])[0]
    return f"{name} is a calm pick for your evening."


async def test_the_model_share_counts_replies_the_model_wrote(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, enable_caching=False)
    engine = FakeEngine(responder=names_first_product)
    answers = await run_questions(settings, QUESTIONS, engine=engine, warmup=0)
    product, greeting, weather = answers
    assert product.authors == ["catalog", "model"] and product.product_reply
    assert product.passed, product.failures
    assert greeting.authors == ["knowledge"] and not greeting.product_reply
    assert weather.authors == ["refusal"] and weather.passed
    summary = build_summary(answers)
    assert summary["model_share"] == {"product_replies": 1, "model": 1, "share": 1.0}
    assert summary["pass_rate"] == 1.0
    assert len(engine.prompts) == 1  # greeting and refusal need no model


async def test_a_fallback_is_not_the_models_reply(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, enable_caching=False)
    engine = FakeEngine("I'm not sure, maybe Moonbeam Haze Supreme at $4.99")
    (product,) = await run_questions(settings, QUESTIONS[:1], engine=engine, warmup=0)
    assert product.authors == ["catalog", "fallback"] and product.fallback
    assert product.cards and product.cards[0]["name"] in product.text
    assert build_summary([product])["model_share"]["share"] == 0.0


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env from the working directory
    monkeypatch.setenv("WEEDGO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WEEDGO_REDIS_URL", raising=False)
    return tmp_path


def weedgo_quality(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="weedgo")
    add_quality_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["quality", *argv])
    return int(args.func(args))


def test_command_writes_the_report_and_the_json(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, results = isolated / "quality.md", isolated / "quality.json"
    code = weedgo_quality(
        "--engine", "fake", "--limit", "3", "--out", str(report), "--json", str(results)
    )
    assert code == 0
    text = report.read_text(encoding="utf-8")
    for heading in ("## Figures", "## Per check", "## Per intent", "## Per category",
                    "## Per first author", "## Examples", "## The rubric"):  # fmt: skip
        assert heading in text
    assert "| model | fake-engine |" in text and "| pass rate (every check) |" in text
    assert "| load average |" in text
    data = json.loads(results.read_text(encoding="utf-8"))
    assert data["summary"]["questions"] == 3 and data["summary"]["errors"] == 0
    assert [a["id"] for a in data["answers"]] == ["search-001", "search-002", "search-003"]
    assert all(a["authors"] for a in data["answers"])
    assert "pass rate" in capsys.readouterr().out


def test_a_pass_rate_gate_fails_the_command(isolated: Path) -> None:
    questions = isolated / "q.jsonl"
    questions.write_text(
        json.dumps({"id": "x", "text": "whats the weather tomorrow", "intent": "product_search"})
        + "\n"
    )
    out = isolated / "q.md"
    assert weedgo_quality("--engine", "fake", "--questions", str(questions), "--out", str(out),
                          "--min-pass-rate", "1.0") == 1  # fmt: skip
    assert "`no_needless_refusal`" in out.read_text(encoding="utf-8")


def test_saved_replies_are_scored_again_without_the_service(isolated: Path) -> None:
    results, again = isolated / "first.json", isolated / "again.json"
    assert weedgo_quality("--engine", "fake", "--limit", "3", "--out", "a.md", "--json",
                          str(results)) == 0  # fmt: skip
    first = json.loads(results.read_text(encoding="utf-8"))
    record = first["answers"][0]
    assert set(record["cards"][0]) == {"name", "category", "strain_type"}
    assert record["authors"] == ["catalog", "model"] and record["failures"] == {}
    code = weedgo_quality(
        "--rescore", str(results), "--out", "b.md", "--json", str(again), "--note", "same replies"
    )
    assert code == 0
    second = json.loads(again.read_text(encoding="utf-8"))
    assert second["answers"] == first["answers"]
    assert second["summary"] == first["summary"]
    assert "scored again" in second["meta"]
    assert second["meta"]["note"] == "same replies"
    assert "| scored again |" in (isolated / "b.md").read_text(encoding="utf-8")


def test_rescoring_a_file_that_is_not_a_results_file_fails(isolated: Path) -> None:
    bad = isolated / "bad.json"
    bad.write_text('{"answers": []}', encoding="utf-8")
    assert weedgo_quality("--rescore", str(bad), "--out", "c.md") == 2
