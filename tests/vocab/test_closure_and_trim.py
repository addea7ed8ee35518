"""The merge closure and the GGUF writer on small vocabularies made here (no model)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from weedgo.errors import EngineError
from weedgo.vocab.closure import close, kept_merges, spm_merges
from weedgo.vocab.gguf_vocab import TokenType, Vocab, read_vocab
from weedgo.vocab.needs import latin_or_common, punctuation_piece, text_needs
from weedgo.vocab.trim import SOURCE_KEY, write_trimmed

N, C, U, B = TokenType.NORMAL, TokenType.CONTROL, TokenType.USER_DEFINED, TokenType.BYTE


def spm(pieces: dict[str, float], extra: list[tuple[str, int]] = ()) -> Vocab:  # type: ignore[assignment]
    tokens = [text for text, _ in extra] + list(pieces)
    types = [int(kind) for _, kind in extra] + [int(N)] * len(pieces)
    scores = [0.0] * len(extra) + list(pieces.values())
    return Vocab("llama", tokens, types, scores, None, {"tokenizer.ggml.bos_token_id": 0})


def test_spm_merges_the_best_scored_pair_first() -> None:
    scores = {"a": -9.0, "b": -9.0, "c": -9.0, "ab": -1.0, "bc": -2.0, "abc": -3.0}
    assert spm_merges("abc", scores) == ["ab", "abc"]
    scores["bc"] = -0.5  # now "bc" wins, and "abc" is made from "a" + "bc"
    assert spm_merges("abc", scores) == ["bc", "abc"]


def test_spm_ties_go_to_the_leftmost_pair() -> None:
    scores = {"aa": -1.0, "aaa": -2.0}
    assert spm_merges("aaa", scores) == ["aa", "aaa"]
    assert spm_merges("aaaa", scores)[:2] == ["aa", "aa"]


def test_closure_keeps_the_pieces_on_the_way() -> None:
    vocab = spm({"a": -9, "b": -9, "c": -9, "ab": -1, "bc": -2, "abc": -3}, [("<bos>", C)])
    ids = vocab.ids_by_text()
    closed, unreachable = close(vocab, {ids["abc"]})
    assert {vocab.tokens[i] for i in closed} == {"abc", "ab"}
    assert unreachable == set()


def test_a_piece_no_text_can_produce_is_left_out() -> None:
    vocab = spm({"a": -9, "b": -9, "c": -9, "abc": -3})  # neither "ab" nor "bc" exists
    ids = vocab.ids_by_text()
    closed, unreachable = close(vocab, {ids["abc"], ids["a"]})
    assert closed == {ids["a"]} and unreachable == {ids["abc"]}


def test_bpe_closure_and_merges() -> None:
    tokens = ["a", "b", "c", "ab", "abc", "bc"]
    merges = ["a b", "ab c", "b c"]
    vocab = Vocab("gpt2", tokens, [int(N)] * 6, None, merges, {})
    closed, _ = close(vocab, {tokens.index("abc")})
    assert {tokens[i] for i in closed} == {"abc", "ab", "a", "b", "c"}
    assert kept_merges(vocab, {tokens[i] for i in closed}) == ["a b", "ab c"]


def test_what_text_needs() -> None:
    extra = [("<pad>", C), ("<unused7>", C), ("<end_of_turn>", C), ("\n\n", U), ("<0x41>", B)]
    vocab = spm({"e": -1, "é": -1, "中": -1, "?": -1, ".»": -2, "▁«": -2, "ab": -3}, extra)
    kept = {vocab.tokens[i] for i in text_needs(vocab)}
    assert kept == {"<pad>", "<end_of_turn>", "\n\n", "<0x41>", "e", "é", "?", ".»", "▁«"}
    assert latin_or_common("🙂") and latin_or_common("€") and not latin_or_common("中")
    assert punctuation_piece('."') and not punctuation_piece("a.") and not punctuation_piece("...")


# --- the GGUF writer ---------------------------------------------------------------------------
def make_gguf(path: Path, model: str = "llama") -> np.ndarray:
    from gguf import GGUFWriter

    tokens = ["<pad>", "<eos>", "<bos>", "a", "b", "ab", "zz", "<end_of_turn>"]
    writer = GGUFWriter(path, arch="gemma3")
    writer.add_tokenizer_model(model)
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0, 0.0, 0.0, -9.0, -9.0, -1.0, -2.0, 0.0])
    writer.add_token_types([3, 3, 3, 1, 1, 1, 1, 3])
    writer.add_bos_token_id(2)
    writer.add_eos_token_id(1)
    writer.add_pad_token_id(0)
    writer.add_eot_token_id(7)
    writer.add_uint32("gemma3.vocab_size", len(tokens))
    embedding = np.arange(len(tokens) * 4, dtype=np.float32).reshape(len(tokens), 4)
    writer.add_tensor("token_embd.weight", embedding)
    writer.add_tensor("output_norm.weight", np.ones(4, dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return embedding


def test_the_trimmed_file_keeps_rows_and_renumbers_ids(tmp_path: Path) -> None:
    from gguf import GGUFReader

    source, target = tmp_path / "full.gguf", tmp_path / "trimmed.gguf"
    embedding = make_gguf(source)
    keep = [0, 1, 2, 3, 4, 5, 7]  # "zz" (id 6) is dropped
    assert write_trimmed(source, target, keep, "f" * 64) == 8
    vocab = read_vocab(target)
    assert vocab.tokens == ["<pad>", "<eos>", "<bos>", "a", "b", "ab", "<end_of_turn>"]
    assert vocab.scores == [0.0, 0.0, 0.0, -9.0, -9.0, -1.0, 0.0]
    assert vocab.special["tokenizer.ggml.eot_token_id"] == 6
    assert vocab.special["tokenizer.ggml.bos_token_id"] == 2
    reader = GGUFReader(target)
    assert reader.fields["gemma3.vocab_size"].contents() == 7
    assert reader.fields[SOURCE_KEY].contents() == "f" * 64
    tensors = {t.name: t for t in reader.tensors}
    np.testing.assert_array_equal(tensors["token_embd.weight"].data, embedding[keep])
    np.testing.assert_array_equal(tensors["output_norm.weight"].data, np.ones(4))


def test_writing_is_deterministic(tmp_path: Path) -> None:
    make_gguf(tmp_path / "full.gguf")
    write_trimmed(tmp_path / "full.gguf", tmp_path / "one.gguf", [0, 1, 2, 5], "0" * 64)
    write_trimmed(tmp_path / "full.gguf", tmp_path / "two.gguf", [0, 1, 2, 5], "0" * 64)
    assert (tmp_path / "one.gguf").read_bytes() == (tmp_path / "two.gguf").read_bytes()


def test_an_unsupported_tokenizer_is_refused_in_words(tmp_path: Path) -> None:
    make_gguf(tmp_path / "wordpiece.gguf", model="bert")
    with pytest.raises(EngineError, match="only SentencePiece"):
        read_vocab(tmp_path / "wordpiece.gguf")
