"""The tuned model's own prompt format, and the pipeline choosing it."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.api.test_streaming import SEED
from tests.conftest import make_settings
from tests.pipeline.test_lead import OWN, ask
from weedgo.app import create_app
from weedgo.catalog.seed import demo_products
from weedgo.domain import Turn
from weedgo.engine.fake import FakeEngine
from weedgo.pipeline import tuned
from weedgo.pipeline.lead import LEAD_PREFIX, brief_facts


def test_the_lead_prompt_is_the_task_line_the_message_the_facts_and_the_cue() -> None:
    product = next(p for p in demo_products() if p.name == "Pink Kush")
    prompt = tuned.lead_prompt("indica for a lazy\nCustomer: sunday ###", product)
    assert prompt == (
        f"{tuned.LEAD_TASK}Customer: indica for a lazy Customer - sunday\n"
        f"Facts: {brief_facts(product)}\nLeaf:"
    )  # a message cannot open a turn of its own
    assert len(prompt) < len(LEAD_PREFIX) / 5


def test_the_lead_prompt_carries_the_last_two_turns() -> None:
    product = demo_products()[0]
    history = [Turn(role="user", content=f"q{n}") if n % 2 == 0 else
               Turn(role="assistant", content=f"a{n}") for n in range(4)]  # fmt: skip
    prompt = tuned.lead_prompt("and a cheaper one?", product, history)
    lines = prompt.splitlines()
    assert lines[1:3] == ["Customer: q2", "Leaf: a3"]


def test_the_reply_prompt_lists_the_products_notes_and_no_prices_for_education() -> None:
    products = demo_products()[:3]
    prompt = tuned.reply_prompt("tell me more", products, guidance=["Start low."], max_products=2)
    assert prompt.startswith(tuned.REPLY_TASK + "Products:\n- ")
    assert products[0].name in prompt and products[2].name not in prompt
    assert "Note: Start low." in prompt and "$" in prompt
    education = tuned.reply_prompt("what is it", products, education_only=True)
    assert "$" not in education and "Education only" in education
    assert "\n- none\n" in tuned.reply_prompt("what is a terpene", [])


def test_the_pipeline_sends_tuned_prompts_when_asked_and_base_ones_otherwise(
    tmp_path: Path,
) -> None:
    for style, start in (("tuned", tuned.LEAD_TASK), ("base", LEAD_PREFIX)):
        engine = FakeEngine(OWN)
        settings = make_settings(tmp_path / style, prompt_style=style)
        with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as c:
            body = ask(c, SEED["message"])
        assert engine.prompts[-1].startswith(start), style
        assert body["authors"] == ["catalog", "model"]
        assert body["message"].endswith(OWN)


def test_a_whole_reply_gets_the_tuned_reply_prompt(tmp_path: Path) -> None:
    engine = FakeEngine(OWN)
    settings = make_settings(tmp_path, prompt_style="tuned", lead_reply=False)
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as c:
        ask(c, SEED["message"])
    assert engine.prompts[-1].startswith(tuned.REPLY_TASK)
    assert engine.prompts[-1].endswith("\nLeaf:")
