"""The one percentile helper of the service, its metrics and its benchmarks.

Percentiles interpolate linearly between the two nearest ranks: ``statistics.quantiles``
with the inclusive method, the method ``numpy.percentile`` uses by default, so that small
samples still give sensible figures and every report gives the same P95 for the same
samples.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100, whole numbers between) of ``values``, in any order."""
    if not values:
        raise ValueError("percentile of an empty sample")
    if not 0.0 <= q <= 100.0:
        raise ValueError("q must be between 0 and 100")
    data = sorted(values)
    if q in (0, 100) or len(data) == 1:
        return data[0] if q == 0 else data[-1]
    if not float(q).is_integer():
        raise ValueError("q must be a whole number")
    return statistics.quantiles(data, n=100, method="inclusive")[int(q) - 1]


def summarize(values: Iterable[float]) -> dict[str, float | int]:
    """Count, P50, P95, P99, mean, min and max (rounded to 0.01); ``{"count": 0}`` if empty."""
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
