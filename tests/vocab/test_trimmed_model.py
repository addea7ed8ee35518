"""The trimmed model against the full one: the same pieces, the same words, the same rules."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from tests.conftest import unavailable_in_ci
from tests.vocab import corpus
from weedgo.config import Settings
from weedgo.engine.model_files import ensure_model, source_model
from weedgo.engine.native import NativeModel
from weedgo.vocab.files import load_kept_set

pytestmark = pytest.mark.model
REPO_DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def models() -> Iterator[tuple[NativeModel, NativeModel, list[int]]]:
    """(full, trimmed, each trimmed id's full id), tokenizers only."""
    settings = Settings(data_dir=REPO_DATA, _env_file=None)  # type: ignore[call-arg]
    full = NativeModel(source_model(settings), vocab_only=True)
    trimmed = NativeModel(ensure_model(settings), vocab_only=True)
    yield full, trimmed, sorted(load_kept_set()["ids"])
    full.close()
    trimmed.close()


def compare(models: tuple[NativeModel, NativeModel, list[int]], texts: list[str]) -> dict[str, int]:
    full, trimmed, old_id = models
    kept = set(old_id)
    same = covered = covered_differ = 0
    for text in texts:
        expected = full.tokenize(text)
        got = [old_id[token] for token in trimmed.tokenize(text)]
        same += got == expected
        if all(token in kept for token in expected):
            covered += 1
            covered_differ += got != expected
    return {"texts": len(texts), "same": same, "covered": covered, "covered_differ": covered_differ}


def product_names() -> list[str]:
    data = resources.files("weedgo").joinpath("data/demo_catalog.json").read_text("utf-8")
    return sorted({product["name"] for product in json.loads(data)})


def test_every_product_name_tokenizes_the_same(
    models: tuple[NativeModel, NativeModel, list[int]],
) -> None:
    names = product_names()
    assert compare(models, names) == {
        "texts": len(names), "same": len(names), "covered": len(names), "covered_differ": 0
    }  # fmt: skip


def test_held_out_sentences(models: tuple[NativeModel, NativeModel, list[int]]) -> None:
    if not corpus.available():
        unavailable_in_ci("Debian's fortunes and debian-reference-en/-fr")
    report = {label: compare(models, texts) for label, texts in corpus.held_out().items()}
    total = sum(figures["texts"] for figures in report.values())
    print(json.dumps(report, indent=2))
    assert total >= 5000
    for figures in report.values():
        # the closure's promise: a text whose full-vocabulary pieces are all kept comes out
        # in exactly the same pieces
        assert figures["covered_differ"] == 0
        assert figures["same"] == figures["covered"]
