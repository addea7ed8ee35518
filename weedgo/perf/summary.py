"""Turns the samples of a run into the figures of ``results.json``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from weedgo.perf.queries import QUERY_TYPES
from weedgo.perf.runner import RunData, Sample
from weedgo.perf.stats import ratio
from weedgo.stats import summarize

BASELINE = "sequential"
CANDIDATE = "optimized"
RATIO_MEANING = (
    "how many times better the optimized pipeline is: baseline / optimized for times and "
    "memory, optimized / baseline for rates; above 1 means the optimized pipeline is better"
)
# figure name -> (where in a pipeline's results, higher is better)
COMPARED: dict[str, tuple[tuple[str, ...], bool]] = {
    "p50_ms": (("latency_first_sight", "all", "p50"), False),
    "p95_ms": (("latency_first_sight", "all", "p95"), False),
    "mean_ms": (("latency_first_sight", "all", "mean"), False),
    "ttft_p50_ms": (("ttft_ms", "p50"), False),
    "repeat_pattern_mean_ms": (("zipf", "latency", "mean"), False),
    "cache_hit_rate": (("zipf", "hit_rate"), True),
    "tokens_per_s": (("tokens_per_s",), True),
    "memory_peak_mb": (("memory_peak_mb",), False),
}


def _ok(samples: Iterable[Sample]) -> list[Sample]:
    return [s for s in samples if s.ok]


def _share(samples: list[Sample]) -> float | None:
    return round(sum(1 for s in samples if s.cached) / len(samples), 3) if samples else None


def by_type(samples: list[Sample]) -> dict[str, dict[str, Any]]:
    """Latency figures per query type and over all types, with the share of cache hits."""
    groups = {kind: [s for s in samples if s.query_type == kind] for kind in QUERY_TYPES}
    groups["all"] = samples
    return {
        kind: {**summarize(s.latency_ms for s in group), "cached_share": _share(group)}
        for kind, group in groups.items()
    }


def cache_figures(latency: list[Sample], repeats: list[Sample]) -> dict[str, Any]:
    miss = summarize(s.latency_ms for s in latency if s.first_sight and not s.cached)
    hit = summarize(s.latency_ms for s in repeats if s.cached)
    speedup = None
    if miss.get("count") and hit.get("count") and hit["p50"] > 0:
        speedup = round(miss["p50"] / hit["p50"], 1)
    return {
        "miss": miss,
        "hit": hit,
        "repeat": summarize(s.latency_ms for s in repeats),
        "repeat_hit_share": _share(repeats),
        "p50_speedup": speedup,
    }


def zipf_figures(samples: list[Sample], options: dict[str, Any]) -> dict[str, Any]:
    unique = len({s.query_id for s in samples})
    hits = sum(1 for s in samples if s.cached)
    count = len(samples)
    return {
        "requests": count,
        "unique_queries": unique,
        "hits": hits,
        "hit_rate": round(hits / count, 3) if count else None,
        "max_hit_rate": round(1 - unique / count, 3) if count else None,
        "latency": summarize(s.latency_ms for s in samples),
        "seed": options.get("seed"),
        "exponent": options.get("zipf_exponent"),
    }


def level_figures(data: RunData, pipeline: str, samples: list[Sample]) -> list[dict[str, Any]]:
    rows = []
    for run in (r for r in data.levels if r.pipeline == pipeline):
        group = [s for s in samples if s.level == run.level]
        done = _ok(group)
        rate = len(done) / run.duration_s if run.duration_s > 0 else None
        tokens = run.completion_tokens
        rows.append(
            {
                "level": run.level,
                "requests": run.requests,
                "ok": len(done),
                "errors": len(group) - len(done),
                "duration_s": run.duration_s,
                "requests_per_s": round(rate, 2) if rate is not None else None,
                "tokens_per_s": round(tokens / run.duration_s, 1)
                if tokens and run.duration_s
                else None,
                "latency": summarize(s.latency_ms for s in done),
                "cached_share": _share(done),
            }
        )
    return rows


def _metric(metrics: dict[str, Any], *path: str) -> Any:
    value: Any = metrics
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def pipeline_figures(data: RunData, name: str, options: dict[str, Any]) -> dict[str, Any]:
    mine = [s for s in data.samples if s.pipeline == name]
    phase = {p: _ok(s for s in mine if s.phase == p) for p in ("latency", "repeat", "zipf")}
    first = [s for s in phase["latency"] if s.first_sight]
    ttft = [s for s in first if s.ttft_ms is not None]
    metrics = data.metrics.get(name, {})
    tps = _metric(metrics, "tokens_per_s", "p50")
    errors = Counter(s.error or "error" for s in mine if not s.ok)
    return {
        "reported_pipeline": metrics.get("pipeline"),
        "model": _metric(metrics, "model", "name"),
        "engine": _metric(metrics, "model", "engine"),
        "latency_by_type": by_type(phase["latency"]),
        "latency_first_sight": by_type(first),
        "server_ms": summarize(s.server_ms for s in phase["latency"] if s.server_ms is not None),
        "ttft_ms": summarize(s.ttft_ms for s in ttft if s.ttft_ms is not None),
        "ttft_source": ttft[0].ttft_source if ttft else None,
        "cache": cache_figures(phase["latency"], phase["repeat"]),
        "cache_cleared_between_phases": data.cache_cleared.get(name, False),
        "zipf": zipf_figures(phase["zipf"], options),
        "tokens_per_s": float(tps) if isinstance(tps, int | float) else None,
        "completion_tokens": metrics.get("completion_tokens"),
        "memory_peak_mb": data.memory_peak_mb.get(name),
        "memory_source": data.memory_source.get(name),
        "concurrency": level_figures(data, name, [s for s in mine if s.phase == "concurrency"]),
        "requests": len(mine),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
    }


def _dig(figures: dict[str, Any], path: tuple[str, ...]) -> float | None:
    value: Any = figures
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return float(value) if isinstance(value, int | float) else None


def comparison(pipelines: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """Both pipelines' figures side by side with the ratio; None unless both ran."""
    if BASELINE not in pipelines or CANDIDATE not in pipelines:
        return None
    figures = {}
    for name, (path, higher) in COMPARED.items():
        base = _dig(pipelines[BASELINE], path)
        cand = _dig(pipelines[CANDIDATE], path)
        figures[name] = {
            BASELINE: base,
            CANDIDATE: cand,
            "ratio": ratio(base, cand, higher_is_better=higher),
        }
    return {
        "baseline": BASELINE,
        "candidate": CANDIDATE,
        "ratio_meaning": RATIO_MEANING,
        "figures": figures,
    }


def build_results(data: RunData, meta: dict[str, Any]) -> dict[str, Any]:
    names = list(dict.fromkeys(s.pipeline for s in data.samples)) or list(data.metrics)
    options = meta.get("options", {})
    pipelines = {name: pipeline_figures(data, name, options) for name in names}
    return {
        "meta": {**meta, "duration_s": data.duration_s},
        "pipelines": pipelines,
        "comparison": comparison(pipelines),
        "samples": [asdict(s) for s in data.samples],
    }
