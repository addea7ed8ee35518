"""Percentiles and summary figures of latency samples.

Percentiles interpolate linearly between the two nearest ranks (the method that
``numpy.percentile`` uses by default), so that small samples still give sensible figures.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``values``; ``values`` need not be sorted."""
    if not values:
        raise ValueError("percentile of an empty sample")
    if not 0.0 <= q <= 100.0:
        raise ValueError("q must be between 0 and 100")
    data = sorted(values)
    position = (len(data) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(data) - 1)
    fraction = position - low
    return data[low] + (data[high] - data[low]) * fraction


def summarize(values: Iterable[float]) -> dict[str, float | int]:
    """Count, P50, P95, P99, mean, min and max in milliseconds (rounded to 0.01)."""
    data = [float(v) for v in values]
    if not data:
        return {"count": 0}
    return {
        "count": len(data),
        "p50": round(percentile(data, 50), 2),
        "p95": round(percentile(data, 95), 2),
        "p99": round(percentile(data, 99), 2),
        "mean": round(statistics.fmean(data), 2),
        "min": round(min(data), 2),
        "max": round(max(data), 2),
    }


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
