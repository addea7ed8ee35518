from __future__ import annotations

import pytest

from weedgo.catalog.seed import demo_products
from weedgo.pipeline import tuned
from weedgo.pipeline.guard import check_reply
from weedgo.quality.questions import load_questions
from weedgo.tuning.build import (
    EXEMPLARS,
    TUNING_DIR,
    exemplar_examples,
    load_exemplars,
    plain_enough,
    read_examples,
)
from weedgo.tuning.notes import HABITS, fewer_habits, untrue_flavour
from weedgo.tuning.questions import normalise_question


def test_every_exemplar_builds_a_tuned_prompt_on_a_catalog_product() -> None:
    rows = load_exemplars()
    examples = exemplar_examples(rows, demo_products())
    assert len(examples) == len(rows) >= 40
    tasks = {e.task() for e in examples}
    assert tasks == {"lead", "reply"}
    for example in examples:
        assert example.prompt.startswith((tuned.LEAD_TASK, tuned.REPLY_TASK))
        assert example.prompt.endswith("\nLeaf:")


def test_no_exemplar_is_a_held_out_question() -> None:
    held_out = {normalise_question(q.text) for q in load_questions()}
    assert not [
        r["question"] for r in load_exemplars() if normalise_question(r["question"]) in held_out
    ]


def test_the_exemplars_pass_the_guard_and_the_teacher_filter() -> None:
    products = {p.name.lower(): p for p in demo_products()}
    names = set(products)
    for row in load_exemplars():
        shown = [products[row["product"].lower()]] if row["product"] else []
        verdict = check_reply(row["target"], shown, catalog_names=names)
        assert verdict.ok, (row["target"], verdict.reasons)
        assert plain_enough(row["target"], lead=row["task"] == "lead") is None, row["target"]


def test_an_exemplar_naming_a_product_the_catalog_lacks_is_refused() -> None:
    rows = [{"task": "lead", "question": "x?", "product": "Nonesuch Kush", "target": "A pick."}]
    with pytest.raises(ValueError, match="Nonesuch Kush"):
        exemplar_examples(rows, demo_products())


@pytest.mark.parametrize(
    ("text", "lead", "why"),
    [
        ("A cozy pick for a quiet night in.", True, None),
        ("The customer asked for a cozy pick.", True, "banned word"),
        ("A strong 25% pick for the night.", True, "lead: a number or the wrong length"),
        ("It is healthy and calming.", True, "banned word"),
        ("Our most popular strain right now.", True, "banned word"),
        ("Maple Haze; relaxed; sweet.", True, "facts copied"),
        ("Store it somewhere cool and dry.", False, None),
    ],
)
def test_the_teacher_filter(text: str, lead: bool, why: str | None) -> None:
    assert plain_enough(text, lead=lead) == why


def test_every_lead_exemplar_names_only_its_products_flavours() -> None:
    examples = exemplar_examples(load_exemplars(EXEMPLARS), demo_products())
    leads = [e for e in examples if e.prompt.startswith(tuned.LEAD_TASK)]
    assert len(leads) >= 20
    for example in leads:
        assert untrue_flavour(example.target, example.prompt) is None, example.target


def test_every_kept_teacher_target_names_only_its_products_flavours() -> None:
    rows = read_examples(TUNING_DIR / "data" / "teacher.jsonl")
    assert len(rows) >= 250
    for row in rows:
        assert untrue_flavour(row.target, row.prompt) is None, row.target
        assert plain_enough(row.target, lead=row.prompt.startswith(tuned.LEAD_TASK)) is None
    for habit in HABITS:  # kept rare: once in 4 of the teacher's uses, about 5 % of targets
        assert sum(bool(habit.search(row.target)) for row in rows) <= 0.07 * len(rows)


def test_the_teachers_habits_are_kept_rare() -> None:
    targets = [f"A pick that's both calm and bright, number {n}." for n in range(8)]
    targets += ["A cozy pick for a quiet night in."]
    kept = fewer_habits(targets)
    assert kept == [True, False, False, False, True, False, False, False, True]


@pytest.mark.parametrize(
    ("target", "facts", "word"),
    [
        (
            "A sweet, easy pick for the evening.",
            "Pure Kush, an indica flower; notes of earthy",
            "sweet",
        ),
        (
            "A sweet, easy pick for the evening.",
            "Wedding Cake, a hybrid flower; notes of sweet",
            None,
        ),
        (
            "A zesty pick to brighten the day.",
            "Jack Herer, a sativa flower; notes of lemon, pine",
            None,
        ),
        (
            "A creamy treat for a quiet night.",
            "Blue Dream, a hybrid flower; notes of berry",
            "creamy",
        ),
        (
            "A delicious, smooth pick for later.",
            "Pure Kush, an indica flower; notes of earthy",
            None,
        ),
    ],
)
def test_a_flavour_the_facts_lack_is_found(target: str, facts: str, word: str | None) -> None:
    prompt = f"{tuned.LEAD_TASK}Customer: something sweet and creamy?\nFacts: {facts}\nLeaf:"
    assert untrue_flavour(target, prompt) == word  # the customer's words ground nothing
