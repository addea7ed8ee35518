"""Recognising a product's name in a reply."""

from __future__ import annotations

from weedgo.quality.names import find_name, locate_names, mentions, name_forms, without_names


def test_forms_are_the_full_name_and_its_leading_words() -> None:
    assert name_forms("Wet Dream Vape Cartridge") == ["wet dream vape cartridge", "wet dream"]
    assert name_forms("Blue Dream") == ["blue dream"]
    assert name_forms("CBD Oil 20") == ["cbd oil 20"]  # no leading words before "cbd"
    assert name_forms("Gelato Pre-Rolls") == ["gelato pre rolls", "gelato"]


def test_mentions_ignores_case_apostrophes_and_hyphens() -> None:
    assert mentions("Try charlottes web tonight.", "Charlotte's Web")
    assert mentions("Do Si Dos is an indica.", "Do-Si-Dos")
    assert not mentions("Blue Dreamer is not it.", "Blue Dream")
    assert not mentions("Try some oil.", "CBD Oil 20")


def test_find_name_gives_the_first_position() -> None:
    assert find_name("Pure Kush or Blue Dream", "Blue Dream") == len("pure kush or ")
    assert find_name("nothing here", "Blue Dream") == -1


def test_without_names_blanks_the_longest_form_first() -> None:
    text = "Wet Dream Vape Cartridge is a sativa vape"
    assert without_names(text, ["Wet Dream Vape Cartridge"]).split() == [
        "is",
        "a",
        "sativa",
        "vape",
    ]
    assert "#" in without_names("Blue Dream", ["Blue Dream"], filler="#")


def test_locate_names_lets_the_longer_name_claim_its_words() -> None:
    text = "Wana Sour Gummies Sour Apple Indica, or Sour Apple Sativa Gummies"
    names = ["Sour Apple Sativa Gummies", "Wana Sour Gummies Sour Apple Indica"]
    assert [name for _, name in locate_names(text, names)] == [names[1], names[0]]
    assert locate_names("nothing", names) == []
