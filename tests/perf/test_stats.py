"""Percentile maths and the comparison ratio."""

from __future__ import annotations

import random

import pytest

from weedgo.perf.stats import percentile, ratio, summarize


def test_percentiles_interpolate_between_ranks() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile(values, 99) == pytest.approx(99.01)
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 100.0


def test_percentile_does_not_depend_on_input_order() -> None:
    values = [float(v) for v in range(1, 101)]
    shuffled = values[:]
    random.Random(3).shuffle(shuffled)
    assert percentile(shuffled, 95) == percentile(values, 95)


def test_small_samples() -> None:
    assert percentile([7.0], 99) == 7.0
    assert percentile([10.0, 20.0], 50) == 15.0
    assert percentile([10.0, 20.0, 40.0], 75) == 30.0


def test_percentile_rejects_empty_and_out_of_range() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summarize_gives_every_figure() -> None:
    summary = summarize([4.0, 1.0, 3.0, 2.0])
    assert summary == {
        "count": 4,
        "p50": 2.5,
        "p95": 3.85,
        "p99": 3.97,
        "mean": 2.5,
        "min": 1.0,
        "max": 4.0,
    }
    assert summarize([]) == {"count": 0}


def test_ratio_is_above_one_when_the_candidate_is_better() -> None:
    assert ratio(900.0, 300.0, higher_is_better=False) == 3.0
    assert ratio(10.0, 25.0, higher_is_better=True) == 2.5
    assert ratio(100.0, 200.0, higher_is_better=False) == 0.5
    assert ratio(None, 1.0, higher_is_better=False) is None
    assert ratio(0.0, 5.0, higher_is_better=True) is None


def test_the_service_metrics_and_the_perf_suite_give_the_same_percentiles() -> None:
    from weedgo.metrics import Metrics

    samples = [12.0, 48.5, 7.25, 300.0, 95.0, 61.0, 18.0]
    metrics = Metrics()
    for value in samples:
        metrics.record_chat("product", value, cached=False, ttft_ms=None)
    assert metrics.snapshot()["latency_ms"] == summarize(samples)


def test_percentile_needs_a_whole_number() -> None:
    with pytest.raises(ValueError):
        percentile([1.0, 2.0], 95.5)
