"""PNG plots of a run, drawn with matplotlib's object API on the Agg canvas (no display)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from weedgo.perf.queries import QUERY_TYPES

logger = logging.getLogger(__name__)

TIME_FIGURES = ("p50_ms", "p95_ms", "mean_ms", "ttft_p50_ms", "repeat_pattern_mean_ms")


def _save(figure: Figure, path: Path) -> Path:
    FigureCanvasAgg(figure)
    figure.tight_layout()
    figure.savefig(path, format="png", dpi=110)
    return path


def latency_distribution(results: dict[str, Any], path: Path) -> Path | None:
    """Box plot of the latency phase per query type, one box per pipeline."""
    names = list(results["pipelines"])
    samples = [s for s in results["samples"] if s["phase"] == "latency" and s["ok"]]
    if not samples:
        return None
    figure = Figure(figsize=(8, 4.5))
    axes = figure.add_subplot()
    width = 0.8 / len(names)
    for index, name in enumerate(names):
        data = [
            [s["latency_ms"] for s in samples if s["pipeline"] == name and s["query_type"] == k]
            or [0.0]
            for k in QUERY_TYPES
        ]
        positions = [k + (index - (len(names) - 1) / 2) * width for k in range(len(QUERY_TYPES))]
        boxes = axes.boxplot(
            data,
            positions=positions,
            widths=width * 0.9,
            patch_artist=True,
            manage_ticks=False,
            medianprops={"color": "black"},
        )
        for box in boxes["boxes"]:
            box.set_facecolor(f"C{index}")
            box.set_alpha(0.6)
        axes.plot([], [], color=f"C{index}", linewidth=8, alpha=0.6, label=name)
    axes.set_xticks(range(len(QUERY_TYPES)), list(QUERY_TYPES))
    axes.set_ylabel("latency (ms)")
    axes.set_title("Latency per query type")
    axes.legend()
    return _save(figure, path)


def compare_bars(results: dict[str, Any], path: Path) -> Path | None:
    """Before/after bars: the sequential and the optimized pipeline per time figure."""
    comp = results.get("comparison")
    if not comp:
        return None
    figures = {k: comp["figures"][k] for k in TIME_FIGURES if k in comp["figures"]}
    figure = Figure(figsize=(8, 4.5))
    axes = figure.add_subplot()
    for index, name in enumerate((comp["baseline"], comp["candidate"])):
        values = [figures[k][name] or 0.0 for k in figures]
        xs = [i + (index - 0.5) * 0.4 for i in range(len(figures))]
        axes.bar(xs, values, width=0.4, label=name, color=f"C{index}")
    for i, key in enumerate(figures):
        r = figures[key]["ratio"]
        if r is not None:
            top = max(figures[key][comp["baseline"]] or 0.0, figures[key][comp["candidate"]] or 0.0)
            axes.annotate(f"{r:.1f}x", (i, top), ha="center", va="bottom")
    axes.set_xticks(range(len(figures)), [k.replace("_ms", "") for k in figures])
    axes.set_ylabel("ms")
    axes.set_title("Sequential (before) versus optimized (after)")
    axes.legend()
    return _save(figure, path)


def concurrency_lines(results: dict[str, Any], path: Path) -> Path | None:
    """Latency (P50, P95) and requests per second against the number of clients."""
    series = {n: f["concurrency"] for n, f in results["pipelines"].items() if f["concurrency"]}
    if not series:
        return None
    figure = Figure(figsize=(10, 4.5))
    left, right = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
    for index, (name, levels) in enumerate(series.items()):
        xs = [row["level"] for row in levels]
        for stat, style in (("p50", "-"), ("p95", "--")):
            ys = [row["latency"].get(stat, 0.0) for row in levels]
            left.plot(xs, ys, style, marker="o", color=f"C{index}", label=f"{name} {stat}")
        rates = [row["requests_per_s"] or 0.0 for row in levels]
        right.plot(xs, rates, marker="o", color=f"C{index}", label=name)
    left.set(xlabel="concurrent clients", ylabel="latency (ms)", title="Latency")
    right.set(xlabel="concurrent clients", ylabel="requests / s", title="Throughput")
    left.legend()
    right.legend()
    return _save(figure, path)


def write_plots(results: dict[str, Any], out_dir: Path) -> list[Path]:
    """Every plot that the run has data for; returns the files written."""
    drawn = [
        latency_distribution(results, out_dir / "latency_by_type.png"),
        compare_bars(results, out_dir / "compare.png"),
        concurrency_lines(results, out_dir / "concurrency.png"),
    ]
    return [p for p in drawn if p is not None]
