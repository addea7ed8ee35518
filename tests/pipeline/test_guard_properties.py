"""Properties of the guard, for any reply and any way the model's stream cuts it:

- the stream's verdict (ok and reasons) is :func:`check_reply`'s; an accepted reply is
  released whole, a rejected one only up to its failing sentence;
- the stream never releases a price, a THC / CBD figure or a product name that the shown
  cards do not have, not even in the harmless words of a failing sentence.
"""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from weedgo.domain import Category, Product, StrainType
from weedgo.pipeline.guard import Facts, StreamGuard, check_reply
from weedgo.pipeline.guard.sentence import bad_potency, bad_prices, other_names
from weedgo.text import split_sentences

POOL = [
    Product(
        id="bd", name="Blue Dream", brand="Tweed", category=Category.FLOWER,
        strain_type=StrainType.SATIVA, thc_min=20, thc_max=24, cbd_max=1, size="3.5 g",
        price=39.99, effects=["Happy", "Uplifted"], flavors=["Berry"],
    ),
    Product(
        id="pk", name="Pink Kush", brand="Redecan", category=Category.FLOWER,
        strain_type=StrainType.INDICA, thc_min=18, thc_max=22, size="3.5 g", price=34.5,
    ),
    Product(
        id="jh", name="Jack Herer", brand="Good Supply", category=Category.FLOWER,
        strain_type=StrainType.SATIVA, thc_min=17, thc_max=21, size="7 g", price=59.99,
    ),
    Product(
        id="bp", name="Blue Dream Pre-Rolls", brand="Tweed", category=Category.PRE_ROLL,
        strain_type=StrainType.SATIVA, thc_min=19, thc_max=23, size="3 x 0.5 g", price=19.99,
    ),
    Product(
        id="gm", name="Grape Indica Soft Chews", brand="Sugar Shack Sweets",
        category=Category.EDIBLE, strain_type=StrainType.INDICA, thc_min=10, thc_max=10,
        potency_unit="mg", size="2 pieces", price=11.99,
    ),
]  # fmt: skip
NAMES = {p.name.lower() for p in POOL} | {p.brand.lower() for p in POOL}
NUMBERS = sorted(
    {n for p in POOL for n in (p.price, p.thc_min, p.thc_max, p.cbd_max)} | {5, 12.5, 99.99, 3.5}
)

_names = [form for p in POOL for form in (p.name, p.name.lower(), p.brand)]
_figures = [
    form
    for n in NUMBERS
    for form in (f"${n:g}", f"${n:.2f}", f"{n:g} dollars", f"{n:g}%", f"{n:g} % de THC",
                 f"{n:g}% CBD", f"{n:g} mg", f"{n:g}")
]  # fmt: skip
_words = [
    "Try", "it", "is", "a", "great", "pick", "for", "you", "and", "with", "the", "indica",
    "sativa", "hybrid", "customers", "describe", "as", "relaxed", "Here", "are", "some",
    "options", "tonight", "THC", "CBD", "g", "grams", "Enjoy",
]  # fmt: skip
_risky = [
    "cures insomnia", "it eases anxiety", "changed my life", "helps you sleep",
    "Purple Haze", "Moonbeam", '"Sunset Sherbet"', "drive home", "customer:",
]  # fmt: skip
_stops = [".", ",", "!", "?", ";", "\n", ".)", '."']
_ANY_CHARACTER = "aAbBzZ019 .,!?;:$%'\"“”()-\n\t"

FRAGMENT = st.one_of(
    st.sampled_from(_words),
    st.sampled_from(_names),
    st.sampled_from(_figures),
    st.sampled_from(_risky),
    st.sampled_from(_stops),
)


@st.composite
def replies(draw: st.DrawFn) -> str:
    fragments = draw(st.lists(FRAGMENT, max_size=24))
    text = ""
    for fragment in fragments:
        glue = "" if fragment in _stops or not text else draw(st.sampled_from([" ", " ", "  "]))
        text += glue + fragment
    return text + draw(st.sampled_from(["", " ", "\n"]))


@st.composite
def chunked(draw: st.DrawFn, text: str) -> list[str]:
    """``text`` cut at any places, as a model's stream may cut it."""
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=12)))
    edges = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(edges)]


shown_cards = st.lists(st.sampled_from(POOL), min_size=1, max_size=3, unique_by=lambda p: p.id)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _stream(shown: list[Product], pieces: list[str], **kwargs: bool) -> tuple[StreamGuard, str]:
    guard = StreamGuard(shown, catalog_names=NAMES, **kwargs)
    released = "".join(guard.feed(piece) for piece in pieces)
    return guard, released


def _squash(text: str) -> str:
    return " ".join(text.split())


@FAST
@given(shown=shown_cards, education_only=st.booleans(), data=st.data())
def test_the_stream_releases_exactly_what_check_reply_accepts(
    shown: list[Product], education_only: bool, data: st.DataObject
) -> None:
    text = data.draw(st.one_of(replies(), st.text(alphabet=_ANY_CHARACTER, max_size=80)))
    pieces = data.draw(chunked(text))
    expected = check_reply(text, shown, catalog_names=NAMES, education_only=education_only)
    guard, released = _stream(shown, pieces, education_only=education_only)
    result = guard.finish()
    assert (result.ok, result.reasons) == (expected.ok, expected.reasons)
    if expected.ok:
        assert released + guard.tail == result.text == text
        assert expected.text == " ".join(split_sentences(text))
    else:
        assert guard.tail == ""
        assert _squash(released).startswith(_squash(expected.text))


@FAST
@given(shown=shown_cards, data=st.data())
def test_the_stream_never_releases_a_fact_the_shown_cards_do_not_have(
    shown: list[Product], data: st.DataObject
) -> None:
    text = data.draw(replies())
    guard, released = _stream(shown, data.draw(chunked(text)))
    if guard.finish().ok:
        released += guard.tail
    facts = Facts(shown, NAMES, education_only=False)
    for sentence in split_sentences(released):
        masked = facts.masked(sentence)
        assert other_names(facts, sentence) == [], (sentence, text)
        assert bad_prices(facts, masked) == [], (sentence, text)
        assert bad_potency(facts, masked) == [], (sentence, text)
