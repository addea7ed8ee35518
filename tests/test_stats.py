"""The one percentile helper: its method, and the same figures from every report of them."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator

import numpy as np
import pytest

from weedgo.domain.turn import ChatEvent, DoneEvent
from weedgo.metrics import Metrics
from weedgo.perf.runner import RunData, Sample
from weedgo.perf.summary import build_results
from weedgo.pipeline.benchmark import load_queries, run_live_benchmark
from weedgo.pipeline.context import ChatInput
from weedgo.stats import percentile, summarize


def test_percentiles_interpolate_between_ranks() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == pytest.approx(50.5)
    assert percentile(values, 95) == pytest.approx(95.05)
    assert percentile(values, 99) == pytest.approx(99.01)
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 100.0


@pytest.mark.parametrize("size", [2, 3, 7, 20, 101])
def test_the_method_is_numpys_default_linear_interpolation(size: int) -> None:
    rng = random.Random(size)
    values = [rng.uniform(1.0, 2000.0) for _ in range(size)]
    for q in (1, 5, 25, 50, 75, 90, 95, 99):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_percentile_does_not_depend_on_input_order() -> None:
    values = [float(v) for v in range(1, 101)]
    shuffled = values[:]
    random.Random(3).shuffle(shuffled)
    assert percentile(shuffled, 95) == percentile(values, 95)


def test_small_samples() -> None:
    assert percentile([7.0], 99) == 7.0
    assert percentile([10.0, 20.0], 50) == 15.0
    assert percentile([10.0, 20.0, 40.0], 75) == 30.0


def test_percentile_rejects_empty_out_of_range_and_fractions() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)
    with pytest.raises(ValueError):
        percentile([1.0, 2.0], 95.5)


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


def test_the_service_metrics_and_the_perf_suite_give_the_same_percentiles() -> None:
    samples = [12.0, 48.5, 7.25, 300.0, 95.0, 61.0, 18.0]
    metrics = Metrics()
    for value in samples:
        metrics.record_chat("product", value, cached=False, ttft_ms=None)
    assert metrics.snapshot()["latency_ms"] == summarize(samples)


# The reply times of the first query of each type, one per pass; a slow outlier in each,
# where a nearest-rank P95 (the fourth of five sorted values) and the interpolated one differ.
TIMES = {
    "greeting": [4.0, 3.0, 5.0, 2.0, 90.0],
    "product": [10.0, 40.0, 20.0, 1000.0, 30.0],
    "complex": [700.0, 650.0, 900.0, 2400.0, 800.0],
}
EXPECTED_P95 = {"greeting": 73.0, "product": 808.0, "complex": 2100.0}


class ScriptedPipeline:
    """Answers each cold question with the next of its scripted reply times."""

    name = "optimized"

    def __init__(self) -> None:
        self.metrics = Metrics()
        texts = {q.type: q.text for q in load_queries(limit_per_type=1)}
        self._times = {texts[kind]: iter(times) for kind, times in TIMES.items()}

    async def handle(self, inp: ChatInput) -> AsyncIterator[ChatEvent]:
        ms = next(self._times[inp.message]) if inp.bypass_cache else 1.0
        yield DoneEvent(
            message="ok",
            grounded=True,
            cached=not inp.bypass_cache,
            response_time_ms=ms,
            ttft_ms=None,
            model="scripted",
        )


def _suite_samples() -> RunData:
    data = RunData()
    for query in load_queries(limit_per_type=1):
        for run, ms in enumerate(TIMES[query.type], start=1):
            data.samples.append(
                Sample(
                    pipeline="optimized",
                    phase="latency",
                    query_id=query.id,
                    query_type=query.type,
                    run=run,
                    ok=True,
                    latency_ms=ms,
                    cached=False,
                    first_sight=run == 1,
                )
            )
    return data


async def test_the_benchmark_endpoint_and_weedgo_perf_report_the_same_p95() -> None:
    live = await run_live_benchmark(ScriptedPipeline(), iterations=5, limit_per_type=1)
    suite = build_results(_suite_samples(), {"options": {}})["pipelines"]["optimized"]
    for kind, expected in EXPECTED_P95.items():
        assert live["cold_ms"][kind]["count"] == 5
        assert live["cold_ms"][kind]["p95"] == pytest.approx(expected)
        assert suite["latency_by_type"][kind]["p95"] == live["cold_ms"][kind]["p95"]
        assert suite["latency_by_type"][kind] == {
            **live["cold_ms"][kind],
            "cached_share": 0.0,
        }
