"""Per-sequence sampler chains built from llama.cpp's sampler API.

The chain reads the logits row of one batch index in place (``llama_sampler_sample``),
so nothing of the 262k-entry vocabulary is copied into Python. Order, as in
llama-cpp-python: repeat penalty, top-k, top-p, min-p 0.05, temperature, then a seeded
draw (or greedy at temperature 0).

With a 262k vocabulary the penalty step over every candidate is the costly part, so the
chain first keeps the ``top_k + PENALTY_LAST_N`` best candidates. This changes nothing:
the penalty only lowers the scores of at most ``PENALTY_LAST_N`` distinct tokens, so any
token of the penalised top-k (or the penalised best token) was already among them.

The penalty window holds the tokens generated for this reply only: penalising the
prompt's tail would push the model away from the product names it must repeat.
"""

from __future__ import annotations

from typing import Any

import llama_cpp as lc

from weedgo.engine.base import GenerationParams

MIN_P = 0.05  # llama-cpp-python's default; kept so replies match create_completion
PENALTY_LAST_N = 64  # llama-cpp-python's default window (last_n_tokens_size)


class SamplerChain:
    """One sequence's sampler: sample at a batch index, then accept the token."""

    def __init__(self, params: GenerationParams, n_vocab: int) -> None:
        self._chain: Any = lc.llama_sampler_chain_init(lc.llama_sampler_chain_default_params())
        greedy = params.temperature <= 0.0
        keep = 1 if greedy else max(0, params.top_k)
        penalised = params.repeat_penalty != 1.0
        if keep and penalised:
            self._add(lc.llama_sampler_init_top_k(keep + PENALTY_LAST_N))
        if penalised:
            penalty = lc.llama_sampler_init_penalties(
                n_vocab, PENALTY_LAST_N, params.repeat_penalty, 0.0, 0.0
            )
            self._add(penalty)
        if greedy:
            self._add(lc.llama_sampler_init_greedy())
            return
        self._add(lc.llama_sampler_init_top_k(params.top_k))
        self._add(lc.llama_sampler_init_top_p(params.top_p, 1))
        self._add(lc.llama_sampler_init_min_p(MIN_P, 1))
        self._add(lc.llama_sampler_init_temp(params.temperature))
        self._add(lc.llama_sampler_init_dist(params.seed & 0xFFFFFFFF))

    def _add(self, sampler: Any) -> None:
        lc.llama_sampler_chain_add(self._chain, sampler)

    def sample(self, ctx: Any, index: int) -> int:
        """Pick a token from the logits of batch position ``index`` and remember it."""
        return int(lc.llama_sampler_sample(self._chain, ctx, index))

    def close(self) -> None:
        if self._chain:
            lc.llama_sampler_free(self._chain)
            self._chain = None
