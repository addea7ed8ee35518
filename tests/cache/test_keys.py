from __future__ import annotations

from typing import Any

from weedgo.cache import keys


def _key(**changes: Any) -> str:
    base: dict[str, Any] = {
        "language": "en",
        "history": "",
        "catalog_version": 3,
        "prompt_version": "p1",
        "model": "gemma",
        "sampling": "t=0.2",
        "context": "ON",
    }
    base.update(changes)
    message = base.pop("message", "Show me indica for sleep")
    return keys.response_key(message, **base)


def test_normalisation_folds_case_space_and_punctuation() -> None:
    assert keys.normalize_message("  Show me   INDICA for sleep?!  ") == "show me indica for sleep"
    assert _key(message="show me indica for SLEEP!!") == _key()


def test_normalisation_keeps_prices_and_percentages() -> None:
    assert keys.normalize_message("Under $40.50, 20% THC.") == "under $40.50 20% thc"
    assert _key(message="under $40") != _key(message="under $30")


def test_every_input_that_changes_the_answer_changes_the_key() -> None:
    base = _key()
    assert _key(language="fr") != base
    assert _key(history="user:hi") != base
    assert _key(catalog_version=4) != base
    assert _key(prompt_version="p2") != base
    assert _key(model="other") != base
    assert _key(sampling="t=0.7") != base
    assert _key(context="QC") != base
