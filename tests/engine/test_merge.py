"""Merging the LoRA adapter into a copy of the model: the arithmetic, what is copied, and
when the copy is made again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import gguf
import numpy as np
import pytest
from gguf.quants import dequantize

from tests.engine.test_adapter import wrong_adapter
from weedgo.engine.adapter import FORMAT_KEY, PACKAGED_ADAPTER, Adapter, file_sha256
from weedgo.engine.merge import ADAPTER_KEY, MODEL_KEY, ensure_merged, merged_path, write_merged
from weedgo.errors import EngineError

pytestmark = pytest.mark.model


def _tensors(path: Path) -> dict[str, gguf.ReaderTensor]:
    return {t.name: t for t in gguf.GGUFReader(path).tensors}


def test_each_adapted_weight_is_the_weight_plus_the_scaled_low_rank_update(
    model_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "merged.gguf"
    changed = write_merged(model_path, PACKAGED_ADAPTER, target, model_sha="m", adapter_sha="a")
    lora_reader = gguf.GGUFReader(PACKAGED_ADAPTER)
    alpha = float(lora_reader.fields["adapter.lora.alpha"].contents())
    lora = {t.name: np.asarray(t.data, dtype=np.float32) for t in lora_reader.tensors}
    adapted = {name.removesuffix(".lora_a") for name in lora if name.endswith(".lora_a")}
    assert changed == len(adapted) == 126  # 7 projections in each of 18 layers
    source, merged = _tensors(model_path), _tensors(target)
    assert set(source) == set(merged)
    for name in ("blk.0.attn_q.weight", "blk.9.ffn_down.weight", "blk.17.attn_v.weight"):
        a, b = lora[f"{name}.lora_a"], lora[f"{name}.lora_b"]
        expected = dequantize(source[name].data, source[name].tensor_type) + (
            alpha / a.shape[0]
        ) * (b @ a)
        assert merged[name].tensor_type == gguf.GGMLQuantizationType.Q8_0
        got = dequantize(merged[name].data, merged[name].tensor_type)
        # Q8_0: half a step of 1/127 of the 32-value block's largest magnitude (f16 step)
        blocks = np.abs(expected).reshape(-1, 32).max(axis=1, keepdims=True)
        error = np.abs(got - expected).reshape(-1, 32)
        assert (error <= blocks / 127 * 0.6 + 1e-7).all(), name
        # the update survives the rounding: the weight moved along it (in the model's own
        # 4- and 5-bit types the rounding noise is as large as the update or larger)
        update = (alpha / a.shape[0]) * (b @ a)
        moved = got - dequantize(source[name].data, source[name].tensor_type)
        cosine = (moved * update).sum() / np.linalg.norm(moved) / np.linalg.norm(update)
        assert cosine > 0.75, name
    for name, tensor in source.items():
        if name not in adapted:
            assert merged[name].tensor_type == tensor.tensor_type
            assert np.array_equal(np.asarray(merged[name].data), np.asarray(tensor.data)), name


def test_metadata_is_copied_and_the_merge_is_recorded(model_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "merged.gguf"
    write_merged(model_path, PACKAGED_ADAPTER, target, model_sha="m1", adapter_sha="a1")
    before = gguf.GGUFReader(model_path).fields
    after = gguf.GGUFReader(target).fields
    for name in ("general.architecture", "tokenizer.ggml.tokens", "gemma3.block_count"):
        assert after[name].contents() == before[name].contents()
    assert after[MODEL_KEY].contents() == "m1" and after[ADAPTER_KEY].contents() == "a1"
    assert after[FORMAT_KEY].contents() == "t1"


def test_the_merged_copy_is_kept_and_made_again_when_a_file_changes(
    model_path: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    own = tmp_path / "own.gguf"
    shutil.copyfile(PACKAGED_ADAPTER, own)
    adapter = Adapter(own, file_sha256(own))
    first = ensure_merged(model_path, adapter, data)
    assert first == merged_path(model_path, adapter, data) and first.is_file()
    os.utime(first, (1, 1))
    assert ensure_merged(model_path, adapter, data) == first
    assert first.stat().st_mtime == 1  # kept: made from these same two files
    with own.open("r+b") as handle:  # another adapter file (its padding changes)
        handle.seek(0, os.SEEK_END)
        handle.write(b"\0" * 32)
    changed = Adapter(own, file_sha256(own))
    second = ensure_merged(model_path, changed, data)
    assert second != first and second.is_file()
    assert not first.exists()  # the stale copy is gone
    assert gguf.GGUFReader(second).fields[ADAPTER_KEY].contents() == changed.sha256


def test_an_adapter_that_does_not_fit_is_refused(model_path: Path, tmp_path: Path) -> None:
    wrong = wrong_adapter(tmp_path / "wrong.gguf")
    with pytest.raises(EngineError, match="does not fit"):
        write_merged(model_path, wrong, tmp_path / "out.gguf", model_sha="m", adapter_sha="a")
    assert not list(tmp_path.glob("*out.gguf*"))  # no partial file is left behind
    with pytest.raises(EngineError, match="not a LoRA"):
        write_merged(model_path, model_path, tmp_path / "out.gguf", model_sha="m", adapter_sha="a")
