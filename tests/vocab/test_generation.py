"""Greedy generation with the trimmed model is the full model's, token for token.

A kept token's embedding row and output row are the same bytes in both files, so its
logit is the same; greedy decoding therefore picks the same token whenever the full
model's pick is kept. Over 240 of the service's own prompts (the real prompt builder,
the demo catalog, ordinary customer messages) both models generate 24 tokens at
temperature 0, one prompt at a time after the shared system prefix.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import llama_cpp as lc
import numpy as np
import pytest

from weedgo.catalog.seed import demo_products
from weedgo.config import Settings
from weedgo.engine.model_files import ensure_model, source_model
from weedgo.engine.native import ContextShape, NativeContext, NativeModel
from weedgo.pipeline.prompt import SYSTEM_PREFIX, build_prompt
from weedgo.vocab.files import load_kept_set

pytestmark = [pytest.mark.model, pytest.mark.slow]
REPO_DATA = Path(__file__).resolve().parents[2] / "data"
STEPS = 24
MESSAGES = [
    "show me some indica strains for sleep",
    "any sativa pre-rolls under $20?",
    "what's your strongest flower?",
    "do you have Blue Dream?",
    "something for a movie night at home",
    "I'm new, what should I try?",
    "high CBD oil with little THC",
    "anything fruity?",
    "is there anything with myrcene?",
    "a vape for a hike",
    "cheapest gummies you have",
    "tell me about the second one",
    "je cherche quelque chose pour dormir",
    "avez-vous des jujubes?",
    "what's good for creativity",
    "an ounce of indica please",
    "do you sell rolling papers",
    "which one is the best value",
    "a drink that is not too strong",
    "what would you recommend for a party",
]


def prompts() -> list[str]:
    products = [p for p in demo_products() if p.in_stock]
    pairs = [products[i : i + 2] for i in range(0, 24, 2)]
    return [build_prompt(m, pair) for m, pair in itertools.product(MESSAGES, pairs)]


class Greedy:
    """Greedy decoding of one prompt at a time after an evaluated system prefix."""

    def __init__(self, path: Path) -> None:
        self.model = NativeModel(path)
        self.ctx = NativeContext(self.model, ContextShape(n_ctx=2048, n_seq_max=2, n_threads=2))
        self.prefix = self.model.tokenize(SYSTEM_PREFIX)
        self._feed(self.prefix, 0, seq=1)

    def _feed(self, tokens: list[int], start: int, seq: int) -> None:
        self.ctx.clear_batch()
        for offset, token in enumerate(tokens):
            self.ctx.add(token, start + offset, seq, offset == len(tokens) - 1)
        assert self.ctx.decode() == 0

    def run(self, prompt: str) -> list[int]:
        tokens = self.model.tokenize(prompt)
        assert tokens[: len(self.prefix)] == self.prefix
        self.ctx.seq_copy(1, 0)
        self.ctx.seq_remove(0, len(self.prefix))
        self._feed(tokens[len(self.prefix) :], len(self.prefix), seq=0)
        out: list[int] = []
        for step in range(STEPS):
            logits = lc.llama_get_logits_ith(self.ctx.ctx, self.ctx.batch_size - 1)
            token = int(np.argmax(np.ctypeslib.as_array(logits, shape=(self.model.n_vocab,))))
            out.append(token)
            self._feed([token], len(tokens) + step, seq=0)
        return out

    def close(self) -> None:
        self.ctx.close()
        self.model.close()


def generate(path: Path, texts: list[str]) -> Iterator[list[int]]:
    greedy = Greedy(path)
    try:
        for text in texts:
            yield greedy.run(text)
    finally:
        greedy.close()


@pytest.mark.timeout(1200)  # two models x 240 prompts: about 2 minutes on 2 idle cores
def test_greedy_generation_is_the_same_while_the_full_model_picks_kept_tokens() -> None:
    settings = Settings(data_dir=REPO_DATA, _env_file=None)  # type: ignore[call-arg]
    texts = prompts()
    assert len(texts) >= 200
    old_id = sorted(load_kept_set()["ids"])
    kept = set(old_id)
    full_model = NativeModel(source_model(settings), vocab_only=True)
    prompt_kept = [all(t in kept for t in full_model.tokenize(text)) for text in texts]
    full_model.close()
    full = list(generate(source_model(settings), texts))
    trimmed = [[old_id[t] for t in out] for out in generate(ensure_model(settings), texts)]
    all_kept = 0
    for text, in_kept, expected, got in zip(texts, prompt_kept, full, trimmed, strict=True):
        dropped = [i for i, token in enumerate(expected) if token not in kept]
        upto = dropped[0] if dropped else STEPS
        if in_kept:  # the same input: the same tokens until the full model picks a dropped one
            assert got[:upto] == expected[:upto], text[-120:]
        all_kept += in_kept and not dropped
    print(f"of {len(texts)}: {sum(prompt_kept)} prompts, {all_kept} prompts and replies kept")
    assert sum(prompt_kept) >= 0.95 * len(texts)
    assert all_kept >= 0.9 * len(texts)
