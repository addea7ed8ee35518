"""Each rubric check on replies that must pass and replies that must fail.

Many failing replies are the base model's own, quoted in the issue that asked for the suite.
"""

from __future__ import annotations

import pytest

from weedgo.compliance import responsible
from weedgo.domain import Category, StrainType
from weedgo.quality import rubric
from weedgo.quality.questions import Question
from weedgo.quality.rubric import CHECKS, Card, Reply, score

PURE_KUSH = Card("Pure Kush", Category.FLOWER, StrainType.INDICA)
BLUE_DREAM = Card("Blue Dream", Category.FLOWER, StrainType.HYBRID)
WET_DREAM = Card("Wet Dream Vape Cartridge", Category.VAPE, StrainType.SATIVA)
SOFTGELS = Card("CBD Softgels 2.5 mg", Category.CAPSULE, StrainType.CBD)
PAPERS = Card("RAW Classic 1 1/4 Papers", Category.ACCESSORY, StrainType.NONE)
GELATO_PR = Card("Gelato Pre-Rolls", Category.PRE_ROLL, StrainType.HYBRID)


def reply(
    text: str,
    question: str = "show me some indica strains for sleep",
    *cards: Card,
    intent: str = "product_search",
    product: str | None = None,
    in_scope: bool = True,
    authors: tuple[str, ...] = ("model",),
) -> Reply:
    asked = Question("q", question, intent, product=product, in_scope=in_scope)
    return Reply(asked, text, tuple(cards), intent=intent, authors=authors)


GOOD = reply("Pure Kush is a relaxing indica flower at $34.99 for 3.5 g.", "indica?", PURE_KUSH)


def test_a_good_reply_passes_every_check() -> None:
    assert score(GOOD) == {check.name: None for check in CHECKS}


def test_every_check_has_a_unique_name_and_a_rule() -> None:
    names = [check.name for check in CHECKS]
    assert len(names) == len(set(names)) == 10
    assert all(check.rule for check in CHECKS)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not sure about this one, but it's a relaxing indica flower.",
        "I think Pure Kush would suit you.",
        "Pure Kush is probably what you want.",
        "Pure Kush, I can't wait to try it!",
        "I don't know, but Pure Kush is an indica.",
        "I can't promise health effects, but Pure Kush is an indica flower.",
    ],
)
def test_hedging_fails(text: str) -> None:
    assert rubric.hedging(reply(text, "indica?", PURE_KUSH)) is not None


@pytest.mark.parametrize(
    "text",
    ["Pure Kush is a sure bet for a calm night.", "Think of Pure Kush for a quiet evening."],
)
def test_confident_text_is_not_hedging(text: str) -> None:
    assert rubric.hedging(reply(text, "indica?", PURE_KUSH)) is None


def test_echoing_the_question_is_parroting() -> None:
    echo = reply(
        "I'm not sure if this is a sativa vapes for a hike, Wet Dream Vape Cartridge is.",
        "sativa vapes for a hike",
        WET_DREAM,
    )
    assert "sativa vapes for a hike" in (rubric.parroting(echo) or "")
    oil = reply("It has a high CBD oil with little THC.", "high CBD oil with little THC")
    assert rubric.parroting(oil) is not None


def test_answering_in_the_question_words_is_not_parroting() -> None:
    ok = reply("Wet Dream Vape Cartridge is a sativa vape, $35.99.", "sativa vapes for a hike")
    assert rubric.parroting(ok) is None
    short = reply("Capsules? Try CBD Softgels 2.5 mg.", "capsules?", SOFTGELS)
    assert rubric.parroting(short) is None


def test_a_product_name_in_question_and_reply_is_not_an_echo() -> None:
    named = reply(
        "Tell me about Blue Dream: Blue Dream is a hybrid flower.",
        "tell me about blue dream",
        BLUE_DREAM,
        product="Blue Dream",
    )
    assert rubric.parroting(named) is None


def test_naming_another_product_than_the_one_asked_for_fails() -> None:
    raw = reply(
        "Yes, RAW Classic 1 1/4 Papers by RAW is $2.99 for 50 leaves.",
        "do you have Blue Dream?",
        PAPERS,
        product="Blue Dream",
    )
    assert "Blue Dream" in (rubric.names_product(raw) or "")


def test_a_short_form_of_the_asked_name_counts() -> None:
    cart = reply(
        "Wet Dream is a sativa cart at $35.99.",
        "tell me about the wet dream cart",
        WET_DREAM,
        product="Wet Dream Vape Cartridge",
    )
    assert rubric.names_product(cart) is None
    web = reply("Charlottes web is a CBD flower.", "charlottes web?", product="Charlotte's Web")
    assert rubric.names_product(web) is None


def test_a_product_reply_must_name_a_card() -> None:
    vague = reply("Yes, 2.5 mg CBD is a relaxing and focused pick.", "capsules?", SOFTGELS)
    assert rubric.names_product(vague) == "names none of the products shown"
    education = reply("Terpenes give flavour.", "terpenes?", SOFTGELS, intent="education")
    assert rubric.names_product(education) is None


@pytest.mark.parametrize(
    ("text", "cards", "word"),
    [
        ("Pure Kush is an energising sativa flower.", (PURE_KUSH,), "sativa"),
        ("Blue Dream is a relaxing indica.", (BLUE_DREAM,), "indica"),
        ("CBD Softgels 2.5 mg is a relaxing and focused strain.", (SOFTGELS,), "strain"),
        ("Pure Kush is a smooth vape.", (PURE_KUSH,), "vape"),
        ("Pure Kush is an indica, and Wet Dream Vape Cartridge is a hybrid.",
         (PURE_KUSH, WET_DREAM), "hybrid"),
        ("Yes, 2.5 mg CBD is a relaxing and focused strain.", (SOFTGELS,), "strain"),
        ("RAW Classic 1 1/4 Papers is a low dose cannabis gummy.", (PAPERS,), "gummy"),
    ],
)  # fmt: skip
def test_wrong_kinds_fail(text: str, cards: tuple[Card, ...], word: str) -> None:
    problem = rubric.true_to_cards(reply(text, "show me something", *cards))
    assert problem is not None and repr(word) in problem


@pytest.mark.parametrize(
    ("text", "cards"),
    [
        ("Pure Kush is a relaxing indica flower.", (PURE_KUSH,)),
        ("Blue Dream is an indica-dominant hybrid bud.", (BLUE_DREAM,)),
        ("Wet Dream Vape Cartridge is a sativa cart, and Pure Kush an indica.",
         (WET_DREAM, PURE_KUSH)),
        ("Gelato Pre-Rolls are hybrid flower, rolled and ready.", (GELATO_PR,)),
        ("Pure Kush is an indica flower with notes of chocolate and tea.", (PURE_KUSH,)),
        ("RAW Classic 1 1/4 Papers roll a fine joint of any flower.", (PAPERS,)),
    ],
)  # fmt: skip
def test_true_kinds_pass(text: str, cards: tuple[Card, ...]) -> None:
    assert rubric.true_to_cards(reply(text, "show me something", *cards)) is None


@pytest.mark.parametrize(
    "text", ["Pure Kush is a relaxing indica flower and", "Pure Kush is $34.99 for...", ""]
)
def test_unfinished_replies_fail(text: str) -> None:
    assert rubric.complete(reply(text, "indica?", PURE_KUSH)) is not None


def test_finished_replies_pass() -> None:
    for text in ("Pure Kush it is!", "Want Pure Kush?", 'Try "Pure Kush."', "Enjoy Pure Kush! 🌿"):
        assert rubric.complete(reply(text, "indica?", PURE_KUSH)) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "Pure Kush is $34.99.\nCustomer: what else?",
        "Pure Kush is $34.99. ### Products:",
        "Pure Kush is $34.99.<end_of_turn>",
        "Assistant: Pure Kush is $34.99.",
        "Here you go:\n- Pure Kush by North Co",
    ],
)
def test_prompt_markup_fails(text: str) -> None:
    assert rubric.no_markup(reply(text, "indica?", PURE_KUSH)) is not None


def test_disparaging_fails_and_praise_passes() -> None:
    bad = reply("Shiva Skunk is $29.99, and the price is too high to try it out!", "hybrid?")
    assert rubric.no_disparaging(bad) is not None
    for text in ("Lavender THC Bath Bomb is $34.99, but it's a bit expensive.",
                 "It's a good product, but it's not for me."):  # fmt: skip
        assert rubric.no_disparaging(reply(text, "bath bombs")) is not None, text
    assert rubric.no_disparaging(reply("Pure Kush is not too strong.", "mild?")) is None
    assert rubric.no_disparaging(GOOD) is None


@pytest.mark.parametrize(
    "text",
    [
        "Pure Kush is our most popular indica.",
        "Pure Kush is a best seller.",
        "Pure Kush just arrived!",
        "A new arrival: Pure Kush.",
        "Pure Kush is a customer favourite.",
        "Platinum Purple Kush is the best strain I have ever tried!",
        "I have a friend who loves Pure Kush.",
    ],
)
def test_unknowable_claims_fail(text: str) -> None:
    assert rubric.no_unknowable(reply(text, "indica?", PURE_KUSH)) is not None


def test_refusing_an_in_scope_question_fails() -> None:
    model = reply("Sorry, I can't help with that.", "any vapes?")
    assert rubric.no_needless_refusal(model) is not None
    policy = reply(responsible.OUT_OF_SCOPE, "lemonade?", authors=("refusal",))
    assert rubric.no_needless_refusal(policy) == "the policy refused an in-scope question"


def test_declining_an_out_of_scope_question_passes() -> None:
    weather = reply(responsible.OUT_OF_SCOPE, "weather?", in_scope=False, authors=("refusal",))
    assert rubric.no_needless_refusal(weather) is None


def test_appended_medical_guidance_is_not_a_refusal() -> None:
    text = f"Pure Kush is a relaxing indica flower. {responsible.MEDICAL}"
    guided = reply(text, "indica?", PURE_KUSH, authors=("model", "guidance"))
    assert rubric.no_needless_refusal(guided) is None


def test_length_limits_and_guidance_aside() -> None:
    four = reply("Pure Kush. It is an indica. It is $34.99. It is 3.5 g.", "indica?", PURE_KUSH)
    assert rubric.concise(four) == "too long: 4 sentences, 13 words"
    wordy = reply("Pure Kush " + "is really " * 30 + "nice.", "indica?", PURE_KUSH)
    assert "63 words" in (rubric.concise(wordy) or "")
    text = f"{GOOD.text} {responsible.START_LOW} {responsible.EDIBLES_TIMING}"
    assert rubric.concise(reply(text, "indica?", PURE_KUSH)) is None


def test_appended_guidance_is_not_judged_as_product_talk() -> None:
    text = f"Pure Kush is a relaxing indica flower. {responsible.EDIBLES_TIMING}"
    assert rubric.true_to_cards(reply(text, "indica?", PURE_KUSH)) is None


def test_a_name_inside_a_longer_name_is_not_what_the_clause_speaks_of() -> None:
    wana = Card("Wana Sour Gummies Sour Apple Indica", Category.EDIBLE, StrainType.INDICA)
    sativa = Card("Sour Apple Sativa Gummies", Category.EDIBLE, StrainType.SATIVA)
    text = "Wana Sour Gummies Sour Apple Indica comes in 5 pieces: an indica edible."
    assert rubric.true_to_cards(reply(text, "sour gummies", wana, sativa)) is None


def test_guidance_after_a_cut_off_reply_does_not_hide_it() -> None:
    text = f"Pure Kush is a relaxing indica flower for {responsible.START_LOW}"
    assert rubric.complete(reply(text, "indica?", PURE_KUSH)) is not None
    whole = f"Pure Kush is a relaxing indica flower. {responsible.START_LOW}"
    assert rubric.complete(reply(whole, "indica?", PURE_KUSH)) is None
    alone = reply(responsible.START_LOW, "how much should i smoke?", authors=("fallback",))
    assert rubric.complete(alone) is None
