"""Training the budtender LoRA adapter on the CPU, and writing it as a llama.cpp GGUF.

The student is the packaged Gemma 3 270M itself: transformers reads its GGUF (the full
vocabulary file, dequantized), once, into an HF folder under ``work_dir``. peft adds LoRA
matrices to the attention and feed-forward projections of every layer; the token
embeddings (tied to the output layer) are left untouched, so the adapter applies to the
trimmed vocabulary's model file too. The loss counts the target tokens only, and logits
are computed for those positions only (``logits_to_keep``), since the 262k-entry output
layer is most of the cost; bf16 autocast where the CPU has it.

The adapter is written with ``gguf`` as llama.cpp's LoRA format: ``general.type`` =
``adapter``, ``adapter.type`` = ``lora``, ``adapter.lora.alpha``, and for each adapted
weight ``<tensor>.lora_a`` (rank x in) and ``<tensor>.lora_b`` (out x rank) in F16, under
llama.cpp's tensor names (``blk.N.attn_q.weight`` ...). ``weedgo.prompt_format`` records
the prompt layout it was trained on.
"""

from __future__ import annotations

import json
import logging
import math
import random
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from weedgo.engine.adapter import FORMAT_KEY
from weedgo.pipeline.tuned import TUNED_VERSION
from weedgo.tuning.build import EXEMPLARS, exemplar_examples, load_exemplars, read_examples

logger = logging.getLogger(__name__)

STUDENT_GGUF = "gemma-3-270m-q4_k_m.gguf"
TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
# peft's module names and llama.cpp's tensor names for one layer's weights
GGUF_NAMES = {
    "self_attn.q_proj": "attn_q",
    "self_attn.k_proj": "attn_k",
    "self_attn.v_proj": "attn_v",
    "self_attn.o_proj": "attn_output",
    "mlp.gate_proj": "ffn_gate",
    "mlp.up_proj": "ffn_up",
    "mlp.down_proj": "ffn_down",
}
_LORA_KEY = re.compile(r"layers\.(\d+)\.(.+)\.lora_([AB])(?:\.default)?\.weight$")


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 2
    rank: int = 16
    alpha: int = 32
    dropout: float = 0.05
    learning_rate: float = 3e-4
    batch: int = 8
    max_tokens: int = 160
    seed: int = 3
    exemplar_repeats: int = 3  # the hand-written examples count this many times


def student_folder(data_dir: Path, work_dir: Path) -> Path:
    """The packaged model as an HF folder (made from its GGUF once: about 100 s)."""
    folder = work_dir / "student"
    if (folder / "config.json").is_file():
        return folder
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = data_dir / STUDENT_GGUF
    if not source.is_file():
        raise FileNotFoundError(f"{source} is missing: run `weedgo setup` first")
    logger.info("reading %s into torch (once)", source)
    tokenizer = AutoTokenizer.from_pretrained(str(source.parent), gguf_file=source.name)
    model = AutoModelForCausalLM.from_pretrained(str(source.parent), gguf_file=source.name)
    from safetensors.torch import save_model

    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(folder)
    # save_pretrained refuses a model read from a GGUF: the weights, now plain floats, and
    # the configuration without the GGUF's quantization entry make an ordinary HF folder
    config = model.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.save_pretrained(folder)
    save_model(model, str(folder / "model.safetensors"))
    return folder


def _examples(data: Path, config: TrainConfig) -> list[tuple[str, str]]:
    from weedgo.catalog.seed import demo_products

    taught = [(e.prompt, e.target) for e in read_examples(data)]
    handwritten = exemplar_examples(load_exemplars(EXEMPLARS), demo_products())
    return taught + [(e.prompt, e.target) for e in handwritten] * config.exemplar_repeats


def _encode(tokenizer: Any, prompt: str, target: str, limit: int) -> tuple[list[int], int]:
    """Token ids of prompt + target (with BOS), and where the target starts."""
    head = tokenizer(prompt, add_special_tokens=True)["input_ids"]
    tail = tokenizer(" " + target.strip() + "\n", add_special_tokens=False)["input_ids"]
    ids = (head + tail)[-limit:]
    return ids, max(1, len(ids) - len(tail))


def _batch(torch: Any, encoded: list[tuple[list[int], int]], pad: int) -> dict[str, Any]:
    """Left-padded ids: every target ends at the last position, so the logits of the last
    ``keep`` positions cover every target token of the batch."""
    width = max(len(ids) for ids, _ in encoded)
    keep = max(len(ids) - start for ids, start in encoded) + 1
    input_ids, mask, labels = [], [], []
    for ids, start in encoded:
        gap = width - len(ids)
        input_ids.append([pad] * gap + ids)
        mask.append([0] * gap + [1] * len(ids))
        row = [-100] * (gap + start) + ids[start:]
        labels.append(row)
    tensor = torch.tensor
    return {
        "input_ids": tensor(input_ids),
        "attention_mask": tensor(mask),
        "labels": tensor(labels)[:, -keep:],
        "keep": keep,
    }


def _loss(torch: Any, model: Any, batch: dict[str, Any]) -> Any:
    out = model(
        input_ids=batch["input_ids"],
        attention_mask=batch["attention_mask"],
        logits_to_keep=batch["keep"],
    )
    logits = out.logits[:, :-1, :].float()
    labels = batch["labels"][:, 1:]
    return torch.nn.functional.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100
    )


def train(data: Path, out: Path, config: TrainConfig, *, work_dir: Path) -> dict[str, Any]:
    """Train on ``data`` (plus the exemplars), write the adapter GGUF to ``out``."""
    import torch

    random.seed(config.seed)
    torch.manual_seed(config.seed)
    tokenizer, model = _student_with_lora(torch, config, work_dir)
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    examples = _examples(data, config)
    encoded = [_encode(tokenizer, p, t, config.max_tokens) for p, t in examples]
    bf16 = torch.backends.mkldnn.is_available() and _has_bf16()
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    began = time.perf_counter()
    losses = _fit(torch, model, encoded, config, pad=pad, bf16=bf16)
    seconds = time.perf_counter() - began
    write_gguf(model, out, alpha=config.alpha)
    handwritten = len(load_exemplars(EXEMPLARS)) * config.exemplar_repeats
    return {
        "config": asdict(config),
        "examples": len(examples),
        "teacher_examples": len(examples) - handwritten,
        "steps": len(losses),
        "trainable_parameters": trainable,
        "seconds": round(seconds, 1),
        "bf16": bf16,
        "loss_first_10_steps": round(_mean(losses[:10]), 4),
        "loss_last_10_steps": round(_mean(losses[-10:]), 4),
        "adapter": out.name,
    }


def _student_with_lora(torch: Any, config: TrainConfig, work_dir: Path) -> tuple[Any, Any]:
    """The student's tokenizer, and the student with LoRA matrices on :data:`TARGETS`."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = student_folder(Path("data"), work_dir)
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
    lora = LoraConfig(
        r=config.rank,
        lora_alpha=config.alpha,
        lora_dropout=config.dropout,
        target_modules=list(TARGETS),
        task_type="CAUSAL_LM",
    )
    return tokenizer, get_peft_model(model, lora)


def _fit(
    torch: Any,
    model: Any,
    encoded: list[tuple[list[int], int]],
    config: TrainConfig,
    *,
    pad: int,
    bf16: bool,
) -> list[float]:
    """``config.epochs`` shuffled passes in batches (warm-up, then a linear decay of the
    learning rate); the loss of each step."""
    total = math.ceil(len(encoded) / config.batch) * config.epochs
    optimiser = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad], lr=config.learning_rate
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / 20) * max(0.05, 1 - step / total)
    )
    losses: list[float] = []
    model.train()
    for epoch in range(config.epochs):
        order = list(range(len(encoded)))
        random.shuffle(order)
        for first in range(0, len(order), config.batch):
            batch = _batch(torch, [encoded[i] for i in order[first : first + config.batch]], pad)
            losses.append(_step(torch, model, batch, optimiser, schedule, bf16=bf16))
            if len(losses) % 10 == 0 or len(losses) == total:
                recent = _mean(losses[-10:])
                logger.info("epoch %d step %d/%d loss %.3f", epoch + 1, len(losses), total, recent)
    return losses


def _step(
    torch: Any, model: Any, batch: dict[str, Any], optimiser: Any, schedule: Any, *, bf16: bool
) -> float:
    """One optimiser step on ``batch``; its loss."""
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        loss = _loss(torch, model, batch)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimiser.step()
    schedule.step()
    optimiser.zero_grad()
    return float(loss.detach())


def _mean(values: list[float]) -> float:
    return sum(values) / max(1, len(values))


def _has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def write_gguf(model: Any, out: Path, *, alpha: int) -> None:
    """The peft model's LoRA matrices as a llama.cpp adapter GGUF (F16)."""
    import gguf
    import numpy as np

    writer = gguf.GGUFWriter(str(out), "gemma3")
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", float(alpha))
    writer.add_string(FORMAT_KEY, TUNED_VERSION)
    count = 0
    for key, tensor in sorted(model.state_dict().items()):
        match = _LORA_KEY.search(key)
        if match is None:
            continue
        layer, module, side = match.groups()
        name = f"blk.{layer}.{GGUF_NAMES[module]}.weight.lora_{side.lower()}"
        writer.add_tensor(name, tensor.detach().float().numpy().astype(np.float16))
        count += 1
    if count == 0:
        raise RuntimeError("the model holds no LoRA weights to write")
    out.parent.mkdir(parents=True, exist_ok=True)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    logger.info("wrote %d LoRA tensors to %s", count, out)


def main() -> None:  # pragma: no cover - ``weedgo tune train`` is the command
    logging.basicConfig(level=logging.INFO)
    print(json.dumps(train(Path("data/teacher.jsonl"), Path("adapter.gguf"), TrainConfig(),
                           work_dir=Path("data/tune"))))  # fmt: skip
