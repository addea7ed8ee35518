"""Making, reusing and refusing the trimmed model file."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.vocab.test_closure_and_trim import make_gguf
from weedgo.engine.model_files import ensure_model
from weedgo.vocab.files import VocabUnavailable, ensure_trimmed, ids_for, load_kept_set
from weedgo.vocab.gguf_vocab import read_vocab


def kept_set(pieces: list[str], ids: list[int], sha: str = "e" * 64) -> dict[str, object]:
    return {"source_sha256": sha, "ids": ids, "pieces": pieces}


def test_another_model_with_the_same_pieces_gets_its_own_ids(tmp_path: Path) -> None:
    make_gguf(tmp_path / "other.gguf")
    kept = kept_set(["<bos>", "ab"], [2, 1234])  # ids of some other file
    ids = ids_for(tmp_path / "other.gguf", "f" * 64, kept)
    tokens = read_vocab(tmp_path / "other.gguf").tokens
    # the shared pieces, what text needs (specials), and "ab"'s way there ("a", "b")
    assert {tokens[i] for i in ids} == {"<pad>", "<eos>", "<bos>", "<end_of_turn>", "ab", "a", "b"}


def test_a_model_that_shares_too_few_pieces_is_refused_in_words(tmp_path: Path) -> None:
    make_gguf(tmp_path / "other.gguf")
    kept = kept_set(["ab", "xy", "yz", "zq"], [1, 2, 3, 4])
    with pytest.raises(VocabUnavailable, match="weedgo vocab derive"):
        ids_for(tmp_path / "other.gguf", "f" * 64, kept)


def test_the_file_is_made_once_and_remade_when_it_changes(tmp_path: Path) -> None:
    source = tmp_path / "full.gguf"
    make_gguf(source)
    kept = kept_set(["<pad>", "<eos>", "<bos>", "a", "b", "ab"], [0, 1, 2, 3, 4, 5])
    first = ensure_trimmed(source, tmp_path, kept)
    assert first.n_vocab == 7 and first.source_n_vocab == 8  # + <end_of_turn>, a special
    stamp = first.path.stat().st_mtime_ns
    again = ensure_trimmed(source, tmp_path, kept)
    assert again == first and first.path.stat().st_mtime_ns == stamp
    first.path.write_bytes(b"broken")
    remade = ensure_trimmed(source, tmp_path, kept)
    assert remade.sha256 == first.sha256  # the same inputs give the same file


def test_a_model_that_cannot_be_trimmed_serves_untrimmed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    model = tmp_path / "wordpiece.gguf"
    make_gguf(model, model="bert")
    settings = make_settings(tmp_path, engine="llama", model_path=model)
    with caplog.at_level(logging.WARNING):
        assert ensure_model(settings) == model
    assert "Using the full vocabulary of wordpiece.gguf" in caplog.text
    assert "only SentencePiece" in caplog.text


def test_vocab_full_is_the_source_model(tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    make_gguf(model)
    settings = make_settings(tmp_path, engine="llama", model_path=model, vocab="full")
    assert ensure_model(settings) == model
    assert not list(tmp_path.glob("*.vocab-*k.gguf"))


@pytest.mark.model
def test_the_packaged_model_trims_to_the_verified_file(tmp_path: Path, model_path: Path) -> None:
    """``model_path`` is the repository's trimmed default; its source sits beside it."""
    source = model_path.parent / load_kept_set()["source_model"]
    made = ensure_trimmed(source, tmp_path)
    assert made.sha256 == load_kept_set()["trimmed_sha256"]
    assert made.n_vocab == len(load_kept_set()["ids"]) <= 48_000
    assert made.path.stat().st_size < 0.5 * source.stat().st_size


def test_a_trimmed_file_given_as_the_model_is_used_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "full.gguf"
    make_gguf(source)
    kept = kept_set(["<pad>", "<eos>", "<bos>", "a", "b", "ab"], [0, 1, 2, 3, 4, 5])
    first = ensure_trimmed(source, tmp_path, kept)
    again = ensure_trimmed(first.path, tmp_path / "elsewhere", kept)
    assert again.path == first.path and again.n_vocab == first.n_vocab
    assert not list((tmp_path / "elsewhere").glob("*.gguf"))


def test_a_kept_set_derived_for_this_model_in_the_data_folder_wins(tmp_path: Path) -> None:
    from weedgo.engine.machine import file_sha256
    from weedgo.vocab.files import LOCAL_KEPT_FILE, save_kept_set

    source = tmp_path / "own.gguf"
    make_gguf(source)
    kept = kept_set(["<pad>", "<eos>", "<bos>", "a", "b"], [0, 1, 2, 3, 4], file_sha256(source))
    save_kept_set(tmp_path / LOCAL_KEPT_FILE, kept)
    made = ensure_trimmed(source, tmp_path)
    assert read_vocab(made.path).tokens == ["<pad>", "<eos>", "<bos>", "a", "b"]
