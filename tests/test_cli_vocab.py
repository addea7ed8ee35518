"""``weedgo vocab derive``: where a derived kept set is written."""

from __future__ import annotations

import argparse
from pathlib import Path

from weedgo.vocab.cli import _kept_set_path
from weedgo.vocab.files import KEPT_RESOURCE, LOCAL_KEPT_FILE, load_kept_set

PACKAGED_SHA = str(load_kept_set()["source_sha256"])


def _args(out: Path | None = None, model: Path | None = None) -> argparse.Namespace:
    return argparse.Namespace(out=out, model=model)


def test_out_wins(tmp_path: Path) -> None:
    chosen = tmp_path / "mine.json.gz"
    assert _kept_set_path(_args(out=chosen), "any", tmp_path / "data") == chosen


def test_the_packaged_model_replaces_the_packaged_set(tmp_path: Path) -> None:
    path = _kept_set_path(_args(), "a hash not yet shipped", tmp_path)
    assert path.as_posix().endswith(KEPT_RESOURCE)


def test_another_file_of_the_packaged_model_replaces_the_packaged_set(tmp_path: Path) -> None:
    path = _kept_set_path(_args(model=tmp_path / "copy.gguf"), PACKAGED_SHA, tmp_path)
    assert path.as_posix().endswith(KEPT_RESOURCE)


def test_another_model_writes_into_the_data_folder(tmp_path: Path) -> None:
    path = _kept_set_path(_args(model=tmp_path / "other.gguf"), "0" * 64, tmp_path)
    assert path == tmp_path / LOCAL_KEPT_FILE
