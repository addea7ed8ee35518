"""The run's results as tables, a Markdown report and files in an output directory.

:func:`tables` gives (title, header, rows) triples that both the Markdown report and the
terminal (``weedgo.perf.cli``) render, so that both always show the same figures.
"""

from __future__ import annotations

import json
import logging
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

from weedgo.config import usable_cores
from weedgo.engine.machine import cpu_model

logger = logging.getLogger(__name__)

Table = tuple[str, list[str], list[list[str]]]
TYPES = ("greeting", "product", "complex", "all")


def fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def describe_machine() -> dict[str, Any]:
    """CPU, cores, memory and the versions that matter for the figures."""
    usable = usable_cores()
    return {
        "cpu_model": cpu_model(),
        "cores_logical": psutil.cpu_count(logical=True),
        "cores_physical": psutil.cpu_count(logical=False),
        "cores_usable": usable,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "llama_cpp_python": _version("llama_cpp_python"),
        "weedgo": _version("weedgo"),
    }


def latency_table(results: dict[str, Any]) -> Table:
    rows = []
    for name, figures in results["pipelines"].items():
        for kind in TYPES:
            s = figures["latency_by_type"].get(kind, {})
            first = figures["latency_first_sight"].get(kind, {})
            rows.append(
                [
                    name,
                    kind,
                    fmt(s.get("count"), 0),
                    fmt(s.get("p50")),
                    fmt(s.get("p95")),
                    fmt(s.get("p99")),
                    fmt(s.get("mean")),
                    pct(s.get("cached_share")),
                    fmt(first.get("p50")),
                ]
            )
    header = ["pipeline", "type", "n", "P50", "P95", "P99", "mean", "cached", "first-sight P50"]
    return "Latency by query type (ms, client side)", header, rows


def cache_table(results: dict[str, Any]) -> Table:
    rows = []
    for name, f in results["pipelines"].items():
        cache, zipf = f["cache"], f["zipf"]
        rows.append(
            [
                name,
                fmt(cache["miss"].get("p50")),
                fmt(cache["hit"].get("p50")),
                fmt(cache["p50_speedup"]),
                pct(cache["repeat_hit_share"]),
                f"{zipf['requests']} / {zipf['unique_queries']}",
                pct(zipf["hit_rate"]),
                pct(zipf["max_hit_rate"]),
                fmt(zipf["latency"].get("mean")),
            ]
        )
    header = [
        "pipeline",
        "miss P50",
        "hit P50",
        "speed-up",
        "repeats hit",
        "Zipf requests / unique",
        "hit rate",
        "max possible",
        "Zipf mean",
    ]
    return "Cache: first sight versus the same query again; Zipf-like repeats", header, rows


def speed_table(results: dict[str, Any]) -> Table:
    rows = []
    for name, f in results["pipelines"].items():
        rows.append(
            [
                name,
                fmt(f["ttft_ms"].get("p50")),
                fmt(f["ttft_ms"].get("p95")),
                f["ttft_source"] or "–",
                fmt(f["server_ms"].get("p50")),
                fmt(f["tokens_per_s"]),
                fmt(f["memory_peak_mb"]),
                f["model"] or "–",
                f"{f['errors']} / {f['requests']}",
            ]
        )
    header = [
        "pipeline",
        "TTFT P50",
        "TTFT P95",
        "TTFT from",
        "server P50",
        "tokens/s",
        "peak MB",
        "model",
        "errors",
    ]
    return "First token, generation speed and memory", header, rows


def comparison_table(results: dict[str, Any]) -> Table | None:
    comp = results.get("comparison")
    if not comp:
        return None
    base, cand = comp["baseline"], comp["candidate"]
    rows = [
        [name, fmt(v[base]), fmt(v[cand]), "–" if v["ratio"] is None else f"{v['ratio']:.2f}x"]
        for name, v in comp["figures"].items()
    ]
    return (
        f"{cand} versus {base} (ratio > 1: {cand} better)",
        ["figure", base, cand, "ratio"],
        rows,
    )


def concurrency_table(results: dict[str, Any]) -> Table | None:
    rows = []
    for name, f in results["pipelines"].items():
        for level in f["concurrency"]:
            lat = level["latency"]
            rows.append(
                [
                    name,
                    str(level["level"]),
                    f"{level['ok']} / {level['requests']}",
                    fmt(level["requests_per_s"], 2),
                    fmt(level["tokens_per_s"]),
                    fmt(lat.get("p50")),
                    fmt(lat.get("p95")),
                    fmt(lat.get("p99")),
                    pct(level["cached_share"]),
                ]
            )
    if not rows:
        return None
    header = ["pipeline", "clients", "ok", "req/s", "tokens/s", "P50", "P95", "P99", "cached"]
    return "Throughput and latency against concurrency (ms)", header, rows


def tables(results: dict[str, Any]) -> list[Table]:
    found = [
        comparison_table(results),
        latency_table(results),
        cache_table(results),
        speed_table(results),
        concurrency_table(results),
    ]
    return [t for t in found if t is not None]


def _markdown_table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return lines


def render_markdown(results: dict[str, Any], plots: list[Path] | None = None) -> str:
    meta = results["meta"]
    lines = ["# WeedGo performance report", ""]
    lines += [
        f"- started: {meta.get('started')}",
        f"- target: {meta.get('target')}",
        f"- duration: {fmt(meta.get('duration_s'))} s",
        f"- options: `{json.dumps(meta.get('options', {}), sort_keys=True)}`",
        "",
    ]
    for name, figures in results["pipelines"].items():
        lines.append(
            f"- {name}: model {figures.get('model')} (engine {figures.get('engine')}, "
            f"the service reports pipeline {figures.get('reported_pipeline')})"
        )
    lines += ["", "## Machine", ""]
    machine = meta.get("machine", {})
    lines += _markdown_table(["item", "value"], [[k, fmt(v)] for k, v in machine.items()])
    for title, header, rows in tables(results):
        lines += ["", f"## {title}", "", *_markdown_table(header, rows)]
    if results.get("comparison"):
        lines += ["", f"Ratio: {results['comparison']['ratio_meaning']}."]
    lines += [
        "",
        "Latency is measured by the client, from sending the request to the whole "
        "reply (the `done` event when streaming). First-sight figures are each query's "
        "first request, from a new customer, on an emptied cache where the target "
        "allows it.",
    ]
    if plots:
        lines += ["", "## Plots", ""] + [f"![{p.stem}]({p.name})" for p in plots]
    return "\n".join(lines) + "\n"


def write_outputs(results: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write results.json, the PNG plots and report.md into ``out_dir``; the paths written."""
    from weedgo.perf.plots import write_plots

    out_dir.mkdir(parents=True, exist_ok=True)
    results_path = out_dir / "results.json"
    results_path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    plots = write_plots(results, out_dir)
    report_path = out_dir / "report.md"
    report_path.write_text(render_markdown(results, plots), encoding="utf-8")
    logger.info("wrote %s, %s and %d plots", results_path, report_path, len(plots))
    return [results_path, report_path, *plots]
