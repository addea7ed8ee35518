from __future__ import annotations

import pytest

from weedgo.text import (
    GRAMS,
    SENTENCE_END,
    SIZES,
    fold,
    normalise,
    reading_form,
    sentence_end,
    split_sentences,
    strip_accents,
    strip_sizes,
    words,
)


# --- words and names ---------------------------------------------------------------------
def test_normalise_is_the_key_names_are_matched_by() -> None:
    assert normalise("Blue Dream 3.5g") == "blue dream 3 5g"
    assert normalise("  Charlotte’s   WEB! ") == "charlotte's web"
    assert normalise("Pre-Roll (Indica)") == "pre-roll indica"
    assert normalise("") == ""


def test_words_are_a_customers_words_without_numbers() -> None:
    assert words("Any eighths under $30, like O’Pen's 3.5 g?") == [
        "any", "eighths", "under", "like", "o'pen's", "g",
    ]  # fmt: skip


def test_fold_lowers_and_folds_the_apostrophe() -> None:
    assert fold("It’s OK") == "it's ok"


def test_reading_form_ignores_apostrophes_hyphens_and_case() -> None:
    assert reading_form("Charlotte’s Web") == "charlottes web"
    assert reading_form("Pre-Roll  —  Kush_Mints") == "pre roll kush mints"


# --- sentences ---------------------------------------------------------------------------
def test_split_sentences_keeps_prices_and_sizes_whole() -> None:
    text = "Blue Dream is $39.99 for 3.5 g. It is a sativa!  Want more?\nSure"
    assert split_sentences(text) == [
        "Blue Dream is $39.99 for 3.5 g.",
        "It is a sativa!",
        "Want more?",
        "Sure",
    ]


def test_a_closing_quote_stays_with_its_sentence() -> None:
    assert split_sentences('Ask for "Pink Kush." It is calm. (Really!) Yes') == [
        'Ask for "Pink Kush."', "It is calm.", "(Really!)", "Yes",
    ]  # fmt: skip


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_no_sentences_in_blank_text(text: str) -> None:
    assert split_sentences(text) == []


def test_split_sentences_agrees_with_the_end_pattern() -> None:
    text = "One. Two!\n\nThree? Four"
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    pieces = [text[a:b].strip() for a, b in zip([0, *ends], [*ends, len(text)], strict=True)]
    assert split_sentences(text) == [p for p in pieces if p]


def test_a_price_is_not_the_end_of_a_sentence() -> None:
    assert sentence_end("It is $32.") is None  # the next piece may be "99"
    assert sentence_end("It is $32.99 now. Next") == len("It is $32.99 now.")
    assert sentence_end('He said "wow." Then') == len('He said "wow."')
    assert sentence_end("A line\nand more") == len("A line\n")


# --- sizes -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("Blue Dream 3.5g", "blue dream"),
        ("Pink Kush (Indica) 7 g", "pink kush"),
        ("Grape Soft Chews 2x5mg", "grape soft chews"),
        ("Sour Gummies 10 pack", "sour gummies"),
    ],
)
def test_strip_sizes(name: str, base: str) -> None:
    assert normalise(strip_sizes(name)) == base


@pytest.mark.parametrize(
    ("message", "size"),
    [
        ("an eighth of something calm", "3.5 g"),
        ("a quarter please", "7 g"),
        ("half an ounce", "14 g"),
        ("a half gram pre-roll", "0.5 g"),
        ("an oz", "28 g"),
        ("just a gram", "1 g"),
    ],
)
def test_sizes_in_words(message: str, size: str) -> None:
    assert next(s for pattern, s in SIZES if pattern.search(message)) == size


def test_grams_as_a_number() -> None:
    match = GRAMS.search("do you have 3.5 grams")
    assert match is not None and match.group(1) == "3.5"
    assert GRAMS.search("$3.5g") is not None and GRAMS.search("13.5g") is not None


def test_accents_are_stripped_the_same_way_for_search_and_language() -> None:
    from weedgo.i18n.detect import fold as detect_fold
    from weedgo.store.terms import plain_text

    assert strip_accents("Détente à 30 $, préroulé") == "Detente a 30 $, preroule"
    assert strip_accents("plain") == "plain"
    assert plain_text("Préroulé CRÈME") == "preroule creme"
    assert detect_fold("Détente’s") == "detente's"
