from __future__ import annotations

import json
from importlib import resources

import pytest

from weedgo.compliance.jurisdictions import all_jurisdictions, get_jurisdiction


def test_canadian_minimum_ages() -> None:
    assert get_jurisdiction("AB").minimum_age == 18
    assert get_jurisdiction("QC").minimum_age == 21
    for code in ("BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "SK", "YT"):
        found = get_jurisdiction(code)
        assert found.minimum_age == 19, code
        assert found.country == "CA"


def test_us_states_are_21() -> None:
    us = [j for j in all_jurisdictions().values() if j.country == "US"]
    assert len(us) >= 20
    assert all(j.minimum_age == 21 for j in us)
    assert get_jurisdiction("WA").name == "Washington"


def test_codes_are_case_insensitive_and_may_carry_the_country() -> None:
    assert get_jurisdiction("on").name == "Ontario"
    assert get_jurisdiction(" CA-ON ").name == "Ontario"
    assert get_jurisdiction("us-ca").name == "California"
    assert get_jurisdiction("CA").name == "California"


def test_a_country_prefix_must_match() -> None:
    with pytest.raises(ValueError):
        get_jurisdiction("US-ON")


def test_unknown_code_lists_the_valid_ones() -> None:
    with pytest.raises(ValueError) as error:
        get_jurisdiction("TX")
    message = str(error.value)
    assert "'TX'" in message and "ON" in message and "QC" in message and "WA" in message


def test_table_rows_are_complete_and_unique() -> None:
    raw = resources.files("weedgo.compliance").joinpath("jurisdictions.json").read_text("utf-8")
    rows = json.loads(raw)["jurisdictions"]
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) == len(all_jurisdictions())
    for row in rows:
        assert set(row) == {"code", "name", "minimum_age", "country"}
        assert row["country"] in ("CA", "US") and row["minimum_age"] in (18, 19, 21)
