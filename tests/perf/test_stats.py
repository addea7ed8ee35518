"""The comparison ratio (the percentiles: tests/test_stats.py)."""

from __future__ import annotations

from weedgo.perf.stats import ratio


def test_ratio_is_above_one_when_the_candidate_is_better() -> None:
    assert ratio(900.0, 300.0, higher_is_better=False) == 3.0
    assert ratio(10.0, 25.0, higher_is_better=True) == 2.5
    assert ratio(100.0, 200.0, higher_is_better=False) == 0.5
    assert ratio(None, 1.0, higher_is_better=False) is None
    assert ratio(0.0, 5.0, higher_is_better=True) is None
