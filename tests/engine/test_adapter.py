"""The budtender adapter: choosing it, recording its hash, and llama.cpp applying it."""

from __future__ import annotations

import json
from pathlib import Path

import gguf
import numpy as np
import pytest

from tests.conftest import make_settings
from weedgo.engine import adapter as adapters
from weedgo.engine.adapter import (
    PACKAGED_ADAPTER,
    Adapter,
    adapter_path,
    load_adapter,
    record_adapter,
    uses_tuned_prompts,
)
from weedgo.engine.base import GenerationParams, complete
from weedgo.engine.llama import LlamaConfig, LlamaEngine
from weedgo.engine.machine import file_sha256
from weedgo.errors import EngineError
from weedgo.pipeline import tuned
from weedgo.pipeline.lead import brief_facts

GREEDY = GenerationParams(temperature=0.0, max_tokens=12, stop=("\n",))


def test_the_packaged_adapter_ships_with_the_package() -> None:
    assert PACKAGED_ADAPTER.is_file()
    with PACKAGED_ADAPTER.open("rb") as handle:
        assert handle.read(4) == b"GGUF"
    reader = gguf.GGUFReader(PACKAGED_ADAPTER)
    fields = {name: reader.fields[name] for name in reader.fields}
    kind = fields["general.type"]
    assert bytes(kind.parts[kind.data[0]]).decode() == "adapter"
    fmt = fields[adapters.FORMAT_KEY]
    assert bytes(fmt.parts[fmt.data[0]]).decode() == tuned.TUNED_VERSION
    names = [tensor.name for tensor in reader.tensors]
    assert names and all(".lora_a" in n or ".lora_b" in n for n in names)
    assert not [n for n in names if n.startswith(("token_embd", "output"))]  # embeddings untouched


def test_which_adapter_the_settings_choose(tmp_path: Path) -> None:
    llama = make_settings(tmp_path, engine="llama")
    assert adapter_path(llama) == PACKAGED_ADAPTER
    assert uses_tuned_prompts(llama)
    assert adapter_path(make_settings(tmp_path, engine="llama", adapter="none")) is None
    # trained for the packaged model: another model file gets no adapter by default
    other = make_settings(tmp_path, engine="llama", model_path=str(PACKAGED_ADAPTER))
    assert adapter_path(other) is None and not uses_tuned_prompts(other)
    assert adapter_path(make_settings(tmp_path)) is None  # the fake engine
    assert uses_tuned_prompts(make_settings(tmp_path, prompt_style="tuned"))
    assert not uses_tuned_prompts(make_settings(tmp_path, engine="llama", prompt_style="base"))
    own = tmp_path / "own.gguf"
    own.write_bytes(b"GGUF")
    assert adapter_path(make_settings(tmp_path, engine="llama", adapter=str(own))) == own


def test_a_missing_adapter_file_is_a_clear_error(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, engine="llama", adapter=str(tmp_path / "gone.gguf"))
    with pytest.raises(EngineError, match="WEEDGO_ADAPTER"):
        adapter_path(settings)
    assert uses_tuned_prompts(settings)  # the prompts follow the setting; the engine reports


def test_setup_records_the_hash_and_a_changed_file_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    own = tmp_path / "own.gguf"
    own.write_bytes(b"GGUF one")
    settings = make_settings(tmp_path, engine="llama", adapter=str(own))
    recorded = record_adapter(settings)
    assert recorded == Adapter(own, file_sha256(own))
    saved = json.loads((tmp_path / adapters.RECORD_FILE).read_text())
    assert saved == {"path": str(own), "sha256": file_sha256(own)}
    own.write_bytes(b"GGUF two")
    assert load_adapter(settings) == Adapter(own, file_sha256(own))
    assert "changed since setup recorded it" in caplog.text
    assert record_adapter(make_settings(tmp_path, engine="llama", adapter="none")) is None
    assert not (tmp_path / adapters.RECORD_FILE).exists()


# --- llama.cpp applying it ------------------------------------------------------------------
def _zero_adapter(model: Path, out: Path) -> Path:
    """An adapter whose B matrices are zero: it must change nothing."""
    shapes = {t.name: [int(n) for n in t.shape] for t in gguf.GGUFReader(model).tensors}
    writer = gguf.GGUFWriter(str(out), "gemma3")
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", 8.0)
    for name in ("blk.0.attn_q.weight", "blk.3.ffn_down.weight"):
        n_in, n_out = shapes[name][0], shapes[name][1]
        writer.add_tensor(f"{name}.lora_a", np.ones((4, n_in), dtype=np.float16))
        writer.add_tensor(f"{name}.lora_b", np.zeros((n_out, 4), dtype=np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return out


def wrong_adapter(out: Path) -> Path:
    """An adapter whose LoRA shapes fit no weight of the model."""
    writer = gguf.GGUFWriter(str(out), "gemma3")
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_tensor("blk.0.attn_q.weight.lora_a", np.ones((4, 7), dtype=np.float16))
    writer.add_tensor("blk.0.attn_q.weight.lora_b", np.zeros((9, 4), dtype=np.float16))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return out


async def _greedy(
    model: Path, lora: Adapter | None, prompt: str, data_dir: Path, *, merge: bool = False
) -> tuple[str, dict]:
    config = LlamaConfig(
        model_path=model,
        n_ctx=256,
        n_threads=2,
        adapter=lora,
        merge_adapter=merge,
        data_dir=data_dir,
    )
    engine = LlamaEngine(config)
    await engine.start()
    try:
        return await complete(engine, prompt, GREEDY), engine.health()
    finally:
        await engine.aclose()


def _lead_prompt() -> str:
    from weedgo.catalog.seed import demo_products

    product = next(p for p in demo_products() if p.name == "Northern Lights")
    prompt = tuned.lead_prompt("something mellow for a movie night", product)
    assert brief_facts(product) in prompt
    return prompt


@pytest.mark.model
async def test_llama_cpp_applies_the_packaged_adapter(model_path: Path, tmp_path: Path) -> None:
    prompt = _lead_prompt()
    base, base_health = await _greedy(model_path, None, prompt, tmp_path)
    packaged = Adapter(PACKAGED_ADAPTER, file_sha256(PACKAGED_ADAPTER))
    tuned_text, health = await _greedy(model_path, packaged, prompt, tmp_path)
    zero = _zero_adapter(model_path, tmp_path / "zero.gguf")
    same, _ = await _greedy(model_path, Adapter(zero, file_sha256(zero)), prompt, tmp_path)
    assert base_health["adapter"] is None
    assert health["adapter"] == {"name": "leaf-t1", "sha256": packaged.sha256, "applied": "runtime"}
    assert same == base  # a zero adapter changes nothing: the LoRA path is the only change
    assert tuned_text != base
    assert tuned_text.strip() and not tuned_text.lstrip().startswith(("Customer", "Leaf"))
    assert not list(tmp_path.glob("*.leaf-t1-*.gguf"))  # nothing merged at run time


@pytest.mark.model
async def test_the_merged_model_answers_as_the_adapter_does(
    model_path: Path, tmp_path: Path
) -> None:
    """Merged into a copy of the model (the default), the adapter still changes the
    replies; the merged copy is made once in the data folder and named by /health."""
    prompt = _lead_prompt()
    base, _ = await _greedy(model_path, None, prompt, tmp_path)
    packaged = Adapter(PACKAGED_ADAPTER, file_sha256(PACKAGED_ADAPTER))
    merged_text, health = await _greedy(model_path, packaged, prompt, tmp_path, merge=True)
    assert health["adapter"] == {"name": "leaf-t1", "sha256": packaged.sha256, "applied": "merged"}
    made = list(tmp_path.glob("*.leaf-t1-*.gguf"))
    assert len(made) == 1 and health["model"] == made[0].name.removesuffix(".gguf")
    assert merged_text != base
    assert merged_text.strip() and not merged_text.lstrip().startswith(("Customer", "Leaf"))


@pytest.mark.model
async def test_an_adapter_for_another_model_fails_to_load_clearly(
    model_path: Path, tmp_path: Path
) -> None:
    wrong = wrong_adapter(tmp_path / "wrong.gguf")
    engine = LlamaEngine(
        LlamaConfig(model_path=model_path, n_ctx=256, adapter=Adapter(wrong, file_sha256(wrong)))
    )
    with pytest.raises(EngineError, match="adapter"):
        await engine.start()
    assert engine.health()["status"] == "down"
    await engine.aclose()
