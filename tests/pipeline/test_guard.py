from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import weedgo
from weedgo.domain import Category, Product, StrainType
from weedgo.pipeline.guard import StreamGuard, check_reply
from weedgo.text import split_sentences

BLUE_DREAM = Product(
    id="bd", name="Blue Dream", brand="Tweed", category=Category.FLOWER,
    strain_type=StrainType.SATIVA, thc_min=20, thc_max=24, cbd_max=1, size="3.5 g",
    price=39.99, effects=["Happy", "Uplifted"], flavors=["Berry"],
)  # fmt: skip
PINK_KUSH = Product(
    id="pk", name="Pink Kush", brand="Redecan", category=Category.FLOWER,
    strain_type=StrainType.INDICA, thc_min=18, thc_max=22, size="3.5 g", price=34.5,
)  # fmt: skip
GUMMIES = Product(
    id="gm", name="Grape Indica Soft Chews", brand="Sugar Shack Sweets",
    category=Category.EDIBLE, strain_type=StrainType.INDICA, thc_min=10, thc_max=10,
    potency_unit="mg", size="2 pieces", price=11.99,
)  # fmt: skip
FOUND = [BLUE_DREAM, PINK_KUSH]
CATALOG = {
    "blue dream", "pink kush", "jack herer", "wedding cake", "tweed", "redecan",
    "good supply", "blue dream pre-rolls", "grape indica soft chews", "sugar shack sweets",
}  # fmt: skip

DEMO = Path(weedgo.__file__).parent / "data" / "demo_catalog.json"
DEMO_PRODUCTS = [Product.model_validate(row) for row in json.loads(DEMO.read_text("utf-8"))]
DEMO_NAMES = {p.name.lower() for p in DEMO_PRODUCTS} | {p.brand.lower() for p in DEMO_PRODUCTS}


@pytest.mark.parametrize(
    "reply",
    [
        "Try Blue Dream, a sativa at 22% THC for $39.99.",
        "Here are a few options from our menu that fit what you asked for.",
        "Blue Dream from Tweed is a sativa with 20-24% THC, and customers describe it as happy.",
        "Pink Kush is an indica and Blue Dream is a sativa.",
        "I'd suggest Pink Kush (Redecan), an indica-dominant pick customers describe as relaxed.",
        "For sleep, many customers like Pink Kush at $34.50; Blue Dream costs 39.99 dollars.",
        "Both come in 3.5 g and are grown by Health Canada licensed producers.",
        "Our Blue Dream is a Sativa with berry notes. Enjoy!",
        "If you prefer an indica, Pink Kush is the one to try.",
        "Blue Dream has about 1% CBD and 22% THC.",
        "Check out Blue Dream for CAD 39.99.",
    ],
)
def test_grounded_replies_pass(reply: str) -> None:
    result = check_reply(reply, FOUND, catalog_names=CATALOG)
    assert result.ok, result.reasons
    assert result.text == " ".join(split_sentences(reply))
    assert result.reasons == []


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("Try Jack Herer, a classic sativa.", "not a found product"),
        ("Wedding Cake is also great.", "not a found product"),
        ("Good Supply makes a nice one.", "not a found product"),
        ("Try Purple Haze, a legend.", "unknown name"),
        ("Customers love “Sunset Sherbet” too.", "unknown name"),
        ("Blue Dream is $29.99 today.", "price not in the catalog"),
        ("Blue Dream costs 12 dollars.", "price not in the catalog"),
        ("Blue Dream is only $1.", "price not in the catalog"),
        ("Blue Dream has 30% THC.", "potency not in the catalog"),
        ("Pink Kush has 15% CBD.", "potency not in the catalog"),
        ("Blue Dream is a strong indica.", "strain type does not match"),
        ("Pink Kush, a sativa, is great.", "strain type does not match"),
    ],
)
def test_ungrounded_replies_fail(reply: str, reason: str) -> None:
    result = check_reply(reply, FOUND, catalog_names=CATALOG)
    assert not result.ok
    assert any(r.startswith(reason) for r in result.reasons), result.reasons


def test_a_claim_sentence_rejects_the_whole_reply() -> None:
    reply = (
        "Pink Kush is an indica. It relieves anxiety and pain. Customers describe it as relaxed."
    )
    result = check_reply(reply, FOUND, catalog_names=CATALOG)
    assert not result.ok
    assert result.text == "Pink Kush is an indica."  # what came before the claim
    assert len(result.reasons) == 1 and result.reasons[0].startswith("health claim")
    streamed = StreamGuard(FOUND, catalog_names=CATALOG)
    for word in reply.split(" "):
        streamed.feed(word + " ")
    assert streamed.finish().reasons == result.reasons


def test_a_reply_of_claims_only_is_not_ok() -> None:
    result = check_reply("It cures insomnia. It changed my life.", FOUND)
    assert not result.ok and result.text == ""


def test_empty_reply_is_not_ok() -> None:
    assert check_reply("  ", FOUND).reasons == ["empty reply"]


def test_a_product_name_is_not_read_as_a_claim() -> None:
    relief = Product(
        id="r1", name="Relief Balm", brand="Calm Co", category=Category.TOPICAL,
        strain_type=StrainType.CBD, cbd_min=200, cbd_max=200, potency_unit="mg", price=29.99,
    )  # fmt: skip
    assert check_reply("Relief Balm is a topical with 200 mg CBD for $29.99.", [relief]).ok


def test_per_piece_potency_of_edibles() -> None:
    reply = "Grape Indica Soft Chews have 5 mg THC each, 10 mg per package, for $11.99."
    assert check_reply(reply, [GUMMIES], catalog_names=CATALOG).ok
    assert not check_reply("Grape Indica Soft Chews have 20 mg THC.", [GUMMIES]).ok


def test_start_low_figure_is_allowed() -> None:
    assert check_reply("Start with 2.5 mg of THC or less and wait.", [GUMMIES]).ok


def test_education_only_rejects_prices_and_names() -> None:
    assert check_reply("Edibles can take up to 2 hours to act.", [], education_only=True).ok
    assert not check_reply("Pink Kush is popular.", [], catalog_names=CATALOG,
                           education_only=True).ok  # fmt: skip
    assert not check_reply("A gram is about $10.", [], education_only=True).ok
    assert not check_reply("Blue Dream is nice.", FOUND, education_only=True).ok


def test_catalog_names_need_capitals_when_one_word() -> None:
    catalog = CATALOG | {"chill"}
    assert check_reply(
        "Blue Dream helps you chill out after work.", FOUND, catalog_names=catalog
    ).ok
    assert not check_reply("Try Blue Dream or Chill.", FOUND, catalog_names=catalog).ok


@pytest.mark.parametrize("product", DEMO_PRODUCTS[::5], ids=lambda p: p.id)
def test_catalog_descriptions_pass_for_their_product(product: Product) -> None:
    result = check_reply(product.description, [product], catalog_names=DEMO_NAMES)
    assert result.ok and not result.reasons, result.reasons


def _stream(reply: str, pieces_of: int = 1, **kwargs: object) -> tuple[list[str], StreamGuard]:
    guard = StreamGuard(FOUND, catalog_names=CATALOG, **kwargs)  # type: ignore[arg-type]
    tokens = re.findall(r"\S+\s*", reply)
    out = [guard.feed("".join(tokens[i : i + pieces_of])) for i in range(0, len(tokens), pieces_of)]
    return out, guard


@pytest.mark.parametrize("size", [1, 2, 5])
def test_stream_releases_a_grounded_reply(size: int) -> None:
    reply = "Here are two picks. Try Blue Dream, a sativa at 22% THC for $39.99. Enjoy it!"
    out, guard = _stream(reply, size)
    result = guard.finish()
    assert result.ok and result.text == reply
    assert "".join(out) + guard.tail == reply
    assert result.text[len(guard.released) :] == guard.tail


def test_stream_releases_plain_words_and_found_facts_at_once() -> None:
    text = "Here are two great picks for you tonight. Blue Dream is $39.99."
    out, guard = _stream(text)
    assert out[:3] == ["Here ", "are ", "two "]
    after = out[out.index("tonight. ") + 1 :]
    assert after[:3] == ["Blue ", "Dream ", "is "]  # a found name is released at once
    assert guard.finish().ok
    assert "".join(out) + guard.tail == text


def test_stream_holds_an_unknown_capitalised_name_until_the_sentence_is_checked() -> None:
    out, guard = _stream("Try Moonbeam Haze tonight. More words.")
    assert "".join(out) == "Try "
    assert not guard.finish().ok


def test_stream_stops_at_an_ungrounded_sentence() -> None:
    out, guard = _stream("Here is one. Blue Dream is $5. More words follow here. And more.")
    released = "".join(out)
    assert released == "Here is one. Blue Dream is "  # the wrong price is never sent
    result = guard.finish()
    assert not result.ok and any(r.startswith("price") for r in result.reasons)
    assert guard.tail == ""


def test_stream_stops_at_a_claim() -> None:
    out, guard = _stream("Pink Kush is an indica. It may ease your anxiety. Enjoy.")
    released = "".join(out)
    assert released.startswith("Pink Kush is an indica. ")
    assert "anxiety" not in released and "Enjoy" not in released
    assert not guard.finish().ok


def test_stream_holds_another_products_name_in_lower_case() -> None:
    out, guard = _stream("We also have blue dream pre-rolls today. More.")
    assert "".join(out) == "We also have blue dream "
    assert not guard.finish().ok


def test_stream_holds_a_bare_number_until_its_unit_is_known() -> None:
    out, guard = _stream("Blue Dream is 22 dollars today. More.")
    assert "".join(out) == "Blue Dream is "  # 22 is a potency bound, not a price
    assert not guard.finish().ok


def test_stream_checks_the_last_sentence_on_finish() -> None:
    _, guard = _stream("Blue Dream is great. Also try Jack Herer")
    result = guard.finish()
    assert not result.ok and guard.tail == ""


def test_stream_education_only_holds_names_and_prices() -> None:
    out, guard = _stream("Edibles take time. Blue Dream is nice.", education_only=True)
    assert "".join(out) == "Edibles take time. "
    assert not guard.finish().ok


def test_stream_of_nothing_is_not_ok() -> None:
    guard = StreamGuard(FOUND)
    assert guard.feed("") == ""
    assert not guard.finish().ok


def test_stream_keeps_leading_whitespace_so_the_tail_can_be_sliced() -> None:
    guard = StreamGuard(FOUND)
    sent = guard.feed(" Here it is. Blue Dream")
    result = guard.finish()
    assert sent == " Here it is. Blue " and guard.released == sent
    assert result.ok and result.text[len(guard.released) :] == "Dream" == guard.tail


def test_figures_inside_a_found_name_are_not_checked() -> None:
    softgels = Product(
        id="sg", name="CBD Softgels 5 mg", category=Category.CAPSULE, strain_type=StrainType.CBD,
        cbd_min=5, cbd_max=5, potency_unit="mg", size="30 capsules", price=49.99,
    )  # fmt: skip
    assert check_reply("CBD Softgels 5 mg has 0 mg THC.", [softgels]).ok


def test_flavours_and_effects_may_be_capitalised() -> None:
    fruity = BLUE_DREAM.model_copy(update={"flavors": ["Tree Fruit", "Citrus"]})
    assert check_reply("Blue Dream brings Tree Fruit and Citrus notes.", [fruity]).ok
    assert not check_reply("Blue Dream brings Tree Fruit notes.", FOUND).ok


def _model_like_replies(found: list[Product]) -> list[str]:
    """Sentences a small model writes from the facts in its prompt."""
    p, q = found[0], found[1]
    unit = "%" if p.potency_unit == "%" else " mg"
    flavours = " and ".join(p.flavors[:2]) or "earthy"
    effects = ", ".join(e.lower() for e in p.effects[:2]) or "smooth"
    replies = [
        f"{p.name} by {p.brand} is a great pick at ${p.price:.2f}.",
        f"Customers often describe {p.name} as {effects}.",
        f"If you like {flavours} flavours, {p.name} is worth a look.",
        f"Try {p.name} ({p.size}) for ${p.price:.2f}, or {q.name} for ${q.price:.2f}.",
        f"{p.name} has {p.thc_max:g}{unit} THC.",
        f"With {flavours} notes, {p.name} from {p.brand} comes in {p.size}.",
        f"I'd go with {p.name}; it's one of our most popular picks.",
        f"Great choice! {q.name} and {p.name} are both in stock.",
    ]
    if p.strain_type in (StrainType.INDICA, StrainType.SATIVA, StrainType.HYBRID):
        article = "an" if p.strain_type is StrainType.INDICA else "a"
        replies.append(f"{p.name} is {article} {p.strain_type.value} that customers enjoy.")
    return replies


@pytest.mark.parametrize("start", range(0, len(DEMO_PRODUCTS), 7))
def test_model_like_replies_over_the_demo_catalog_pass(start: int) -> None:
    found = [DEMO_PRODUCTS[(start + k * 37) % len(DEMO_PRODUCTS)] for k in range(3)]
    for reply in _model_like_replies(found):
        result = check_reply(reply, found, catalog_names=DEMO_NAMES)
        assert result.ok and not result.reasons, (reply, result.reasons)
