"""The paired English / French set through the service (fake engine, demo catalog).

For every pair: the same top product or the same constraints; each reply in its
question's language; and, for the compliance set, the same verdicts in French as in
English (intent, refused or not, products shown or not, the responsible-use texts).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from tests.i18n.pairs import (
    answer_in_prompt_language,
    ask,
    load_pairs,
    reply_language,
    turns,
    verdict,
)
from weedgo.app import create_app
from weedgo.catalog.seed import demo_products
from weedgo.engine.fake import FakeEngine
from weedgo.i18n.detect import detect_language

PAIRS = load_pairs()
SHOPPING = [p for p in PAIRS if p["kind"] in ("product", "follow_up")]
COMPLIANCE = [p for p in PAIRS if p["kind"] == "compliance"]


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    """Every pair asked in both languages, once for the module."""
    tmp: Path = tmp_path_factory.mktemp("pairs")
    engine = FakeEngine(responder=answer_in_prompt_language)
    app = create_app(make_settings(tmp), engine=engine, wait_for_engine=True)
    products = demo_products()
    names = sorted({p.name for p in products} | {p.brand for p in products if p.brand})
    with TestClient(app) as client:
        yield {
            pair["id"]: {language: ask(client, pair, language, names) for language in ("en", "fr")}
            for pair in PAIRS
        }


def test_the_set_has_at_least_100_pairs_each_written_in_both_languages() -> None:
    assert len(PAIRS) >= 100
    assert len({p["id"] for p in PAIRS}) == len(PAIRS)
    assert len(COMPLIANCE) >= 25
    for pair in PAIRS:
        assert len(turns(pair, "en")) == len(turns(pair, "fr")), pair["id"]
        assert detect_language(" ".join(turns(pair, "en"))) != "fr", pair["id"]
        assert detect_language(" ".join(turns(pair, "fr"))) == "fr", pair["id"]


@pytest.mark.parametrize("pair", SHOPPING, ids=lambda p: p["id"])
def test_same_top_product_or_same_constraints(
    pair: dict[str, Any], answers: dict[str, dict[str, Any]]
) -> None:
    en, fr = answers[pair["id"]]["en"], answers[pair["id"]]["fr"]
    same_top = bool(en.product_ids) and en.product_ids[:1] == fr.product_ids[:1]
    assert same_top or en.constraints == fr.constraints, (en.constraints, fr.constraints)
    assert bool(en.product_ids) == bool(fr.product_ids)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: p["id"])
def test_each_reply_is_in_its_question_language(
    pair: dict[str, Any], answers: dict[str, dict[str, Any]]
) -> None:
    en, fr = answers[pair["id"]]["en"], answers[pair["id"]]["fr"]
    assert reply_language(en) == "en", en.message
    assert reply_language(fr) == "fr", fr.message
    assert all(detect_language(chip) != "en" for chip in fr.quick_replies), fr.quick_replies


@pytest.mark.parametrize("pair", COMPLIANCE, ids=lambda p: p["id"])
def test_the_compliance_set_gives_the_same_verdicts_in_french(
    pair: dict[str, Any], answers: dict[str, dict[str, Any]]
) -> None:
    en, fr = answers[pair["id"]]["en"], answers[pair["id"]]["fr"]
    assert verdict(fr) == verdict(en), (en.message, fr.message)
