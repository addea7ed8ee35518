from __future__ import annotations

from collections import Counter

from weedgo.catalog.seed import demo_products
from weedgo.domain import Category
from weedgo.quality.questions import load_questions
from weedgo.tuning.questions import generate, normalise_question, training_questions


def test_training_questions_never_hold_a_held_out_question() -> None:
    held_out = [q.text for q in load_questions()]
    # the held-out texts themselves, offered as "generated" ones, are dropped
    questions = training_questions(demo_products(), held_out, count=1500)
    banned = {normalise_question(text) for text in held_out}
    assert len(questions) == 1500
    assert not [q.text for q in questions if normalise_question(q.text) in banned]


def test_a_held_out_text_that_the_tables_make_is_dropped() -> None:
    made = generate(demo_products(), count=200)
    held_out = [made[3].text.upper() + "  ", made[10].text]
    kept = {q.text for q in training_questions(demo_products(), held_out, count=200)}
    assert made[3].text not in kept and made[10].text not in kept
    assert made[4].text in kept


def test_the_same_seed_gives_the_same_questions_and_another_seed_others() -> None:
    products = demo_products()
    first = [q.text for q in generate(products, count=300, seed=7)]
    assert first == [q.text for q in generate(products, count=300, seed=7)]
    assert first != [q.text for q in generate(products, count=300, seed=8)]
    assert len(set(map(normalise_question, first))) == 300


def test_the_questions_span_the_kinds_and_the_categories() -> None:
    questions = generate(demo_products(), count=1500)
    kinds = Counter(q.kind for q in questions)
    assert set(kinds) == {"search", "recommend", "named"}
    assert min(kinds.values()) > 200
    text = " ".join(q.text for q in questions)
    for word in ("flower", "pre-roll", "vape", "edible", "oil", "capsule", "topical", "drink"):
        assert word in text, word
    assert len(Category) == 10
