"""Figures from samples: cache miss versus hit, hit rate, comparison ratios, the report."""

from __future__ import annotations

from weedgo.perf.report import render_markdown
from weedgo.perf.runner import LevelRun, RunData, Sample
from weedgo.perf.summary import build_results


def _sample(pipeline: str, phase: str, ms: float, **extra: object) -> Sample:
    fields: dict[str, object] = {"query_id": "p01", "query_type": "product", "run": 1, "ok": True}
    fields.update(extra)
    return Sample(pipeline=pipeline, phase=phase, latency_ms=ms, **fields)  # type: ignore[arg-type]


def _data() -> RunData:
    data = RunData()
    for ms in (1000.0, 1200.0, 1400.0):
        data.samples.append(
            _sample("sequential", "latency", ms, first_sight=True, cached=False, ttft_ms=ms / 2)
        )
    for ms in (250.0, 300.0, 350.0):
        data.samples.append(
            _sample("optimized", "latency", ms, first_sight=True, cached=False, ttft_ms=100.0)
        )
    data.samples.append(_sample("optimized", "repeat", 5.0, cached=True))
    data.samples += [
        _sample("optimized", "zipf", 300.0, query_id="a", cached=False),
        _sample("optimized", "zipf", 4.0, query_id="a", cached=True),
        _sample("optimized", "zipf", 4.0, query_id="a", cached=True),
        _sample("optimized", "zipf", 300.0, query_id="b", cached=False),
        _sample("optimized", "concurrency", 50.0, level=2),
        _sample("optimized", "concurrency", 70.0, level=2, ok=False, error="timeout"),
    ]
    data.levels.append(LevelRun("optimized", 2, 2, 0.5, 40))
    data.metrics = {
        "optimized": {"tokens_per_s": {"p50": 30.0}, "model": {"name": "m"}},
        "sequential": {"tokens_per_s": {"p50": 20.0}},
    }
    data.memory_peak_mb = {"optimized": 300.0, "sequential": 600.0}
    return data


def test_comparison_ratios() -> None:
    results = build_results(_data(), {"options": {"seed": 1}})
    figures = results["comparison"]["figures"]
    assert figures["p50_ms"] == {"sequential": 1200.0, "optimized": 300.0, "ratio": 4.0}
    assert figures["ttft_p50_ms"]["ratio"] == 6.0
    assert figures["tokens_per_s"]["ratio"] == 1.5
    assert figures["memory_peak_mb"]["ratio"] == 2.0


def test_cache_and_repeat_pattern_figures() -> None:
    optimized = build_results(_data(), {"options": {"seed": 1}})["pipelines"]["optimized"]
    assert optimized["cache"]["miss"]["p50"] == 300.0
    assert optimized["cache"]["hit"]["p50"] == 5.0
    assert optimized["cache"]["p50_speedup"] == 60.0
    zipf = optimized["zipf"]
    assert (zipf["requests"], zipf["unique_queries"], zipf["hits"]) == (4, 2, 2)
    assert zipf["hit_rate"] == 0.5 and zipf["max_hit_rate"] == 0.5
    level = optimized["concurrency"][0]
    assert (level["ok"], level["errors"]) == (1, 1)
    assert (level["requests_per_s"], level["tokens_per_s"]) == (2.0, 80.0)
    assert optimized["errors"] == 1 and optimized["error_kinds"] == {"timeout": 1}


def test_no_comparison_with_one_pipeline() -> None:
    data = _data()
    data.samples = [s for s in data.samples if s.pipeline == "optimized"]
    results = build_results(data, {"options": {}})
    assert list(results["pipelines"]) == ["optimized"]
    assert results["comparison"] is None


def test_markdown_report_has_the_tables() -> None:
    text = render_markdown(build_results(_data(), {"options": {}, "machine": {"python": "3.11"}}))
    assert "## optimized versus sequential" in text
    assert "| p50_ms | 1,200.0 | 300.0 | 4.00x |" in text
    assert "## Machine" in text and "| python | 3.11 |" in text
    assert "## Throughput and latency against concurrency (ms)" in text
