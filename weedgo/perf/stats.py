"""Summary figures of latency samples (from :mod:`weedgo.stats`) and the comparison ratio."""

from __future__ import annotations

from weedgo.stats import percentile, summarize

__all__ = ["percentile", "ratio", "summarize"]


def ratio(
    baseline: float | None, candidate: float | None, *, higher_is_better: bool
) -> float | None:
    """How many times better the candidate is (>1 = better); None when not computable."""
    if baseline is None or candidate is None:
        return None
    numerator, denominator = (candidate, baseline) if higher_is_better else (baseline, candidate)
    if denominator <= 0:
        return None
    return round(numerator / denominator, 2)
