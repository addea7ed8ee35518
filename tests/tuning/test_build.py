"""The filter of the training data: which of the teacher's texts are kept, and why not."""

from __future__ import annotations

from weedgo.catalog.seed import demo_products
from weedgo.pipeline import tuned
from weedgo.quality.questions import Question
from weedgo.quality.runner import Answer
from weedgo.tuning.build import Example, keep_examples, why_not_kept, without_habits

QUESTION = Question(id="train-00000", text="any indica for sleep?", intent="product_search")
GOOD = "A mellow pick that many keep for a slow evening at home."


def _answer(*, authors: tuple[str, ...] = ("catalog", "model"), **verdicts: str | None) -> Answer:
    return Answer(QUESTION, True, 10.0, authors=list(authors), verdicts=dict(verdicts))


def _lead_prompt() -> str:
    return tuned.lead_prompt(QUESTION.text, demo_products()[0])


def test_a_plain_text_in_a_passing_reply_the_model_wrote_is_kept() -> None:
    assert why_not_kept(_lead_prompt(), GOOD, _answer(length=None)) is None


def test_each_reason_not_to_keep() -> None:
    prompt = _lead_prompt()
    assert why_not_kept(prompt, "Our budtender loves this one for nights in.", _answer()) == [
        "banned word"
    ]
    assert why_not_kept(prompt, GOOD, _answer(authors=("catalog",))) == ["guard or unfinished"]
    failed = _answer(length="too long", parroting=None, hedging="maybe")
    assert why_not_kept(prompt, GOOD, failed) == ["length", "hedging"]
    refused = Answer(QUESTION, False, 10.0, authors=["model"])  # failed, no check to blame
    assert why_not_kept(prompt, GOOD, refused) == []


def test_keep_examples_counts_the_rejections_and_skips_prompts_without_a_text() -> None:
    prompt = _lead_prompt()
    other = tuned.lead_prompt("something for a quiet night?", demo_products()[1])
    checked = [
        (_answer(), [prompt, "a prompt the teacher did not answer"]),
        (_answer(authors=("catalog",)), [other]),
    ]
    texts = {prompt: GOOD, other: GOOD}
    kept, reasons = keep_examples(checked, [QUESTION, QUESTION], texts)
    assert kept == [Example(prompt, GOOD, "teacher", QUESTION.text)]
    assert reasons == {"guard or unfinished": 1}


def test_without_habits_keeps_one_example_per_prompt_and_few_habits() -> None:
    habit = [Example(f"p{i}", f"The perfect pick number {i}.", "teacher", "q") for i in range(5)]
    twice = [Example("p0", "A calm pick.", "teacher", "q"), Example("p9", GOOD, "teacher", "q")]
    unique, cut = without_habits([*habit, *twice])
    # p0's later text has no habit; of the four left with "perfect", one in four stays
    assert [e.prompt for e in unique] == ["p0", "p1", "p9"]
    assert cut == 3
    assert unique[0].target == "A calm pick."
