from __future__ import annotations

from pathlib import Path

import pytest

from weedgo.catalog.seed import demo_products
from weedgo.errors import EngineError
from weedgo.pipeline import tuned
from weedgo.tuning import teacher
from weedgo.tuning.teacher import clean_target, teacher_path, teacher_prompt


def test_a_lead_prompt_becomes_a_chat_with_the_question_and_the_shown_product() -> None:
    product = next(p for p in demo_products() if p.name == "Blue Dream")
    chat = teacher_prompt(tuned.lead_prompt("any hybrid bud?", product))
    assert chat is not None
    assert chat.startswith(teacher.PREFIX)
    last = chat.rsplit("<|im_start|>user\n", 1)[1]
    assert last.startswith('Customer: "any hybrid bud?"\nShown: Blue Dream, a hybrid flower')
    assert chat.endswith("<|im_start|>assistant\n")


def test_a_whole_reply_is_not_for_the_teacher() -> None:
    assert teacher_prompt(tuned.reply_prompt("what is a terpene", [])) is None


def test_another_layout_is_not_for_the_teacher() -> None:
    assert teacher_prompt("# Budtender chats (p3)\nCustomer: hi\nAssistant:") is None


@pytest.mark.parametrize(
    ("raw", "lead", "clean"),
    [
        ('"A cozy pick for tonight." Enjoy!', True, "A cozy pick for tonight."),
        ("Leaf: A bright one. And more.", True, "A bright one."),
        ("no sentence end", True, ""),
        ("Two sentences here. Both stay.<|im_end|>", False, "Two sentences here. Both stay."),
    ],
)
def test_clean_target(raw: str, lead: bool, clean: str) -> None:
    assert clean_target(raw, lead=lead) == clean


def test_the_teacher_is_joined_from_its_installed_parts_or_named_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(teacher.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(EngineError, match=r"\[train\]"):
        teacher_path(tmp_path)
    joined = tmp_path / teacher.TEACHER_FILE
    joined.write_bytes(b"GGUF....")
    assert teacher_path(tmp_path) == joined  # joined once, then reused
