"""``weedgo quality`` (``make quality``): score the service's replies to held-out questions.

Wire it into a parser with :func:`add_quality_parser`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shlex
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from weedgo.config import Settings, describe_validation_error, usable_cores
from weedgo.engine.adapter import adapter_path, uses_tuned_prompts
from weedgo.engine.machine import cpu_model, file_sha256
from weedgo.perf.client import PerfError
from weedgo.quality.questions import load_questions
from weedgo.quality.report import render
from weedgo.quality.runner import Answer, quality_settings, run_questions
from weedgo.quality.saved import read_results, write_results
from weedgo.quality.summary import build_summary

logger = logging.getLogger(__name__)

DESCRIPTION = (
    "Ask the held-out customer questions through the service in this process (one at a "
    "time, each from a new customer, caches off), score every reply with the rubric and "
    "write the report: pass rate overall, per check, intent and category, the model's "
    "share of product replies, latency, and examples side by side."
)


def add_quality_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``quality`` to a ``parser.add_subparsers()`` object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "quality", help="score the replies to the held-out questions", description=DESCRIPTION
    )
    parser.add_argument("--engine", choices=["llama", "openai", "fake"], help="default: settings")
    parser.add_argument("--pipeline", choices=["optimized", "sequential"])
    parser.add_argument(
        "--adapter", help="'packaged', 'none' or a LoRA GGUF (default: WEEDGO_ADAPTER)"
    )
    parser.add_argument("--questions", type=Path, help="a JSONL file (default: the packaged set)")
    parser.add_argument("--language", help="only the questions in this language, e.g. en")
    parser.add_argument("--limit", type=int, help="only the first N questions")
    parser.add_argument("--warmup", type=int, default=1, help="unscored requests first")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    parser.add_argument("--out", type=Path, default=Path("docs/quality.md"), help="the report")
    parser.add_argument("--json", type=Path, dest="json_out", help="also write every reply")
    parser.add_argument("--note", help="a line for the report's run table (also with --rescore)")
    parser.add_argument(
        "--rescore",
        type=Path,
        metavar="JSON",
        help="score the replies saved by --json again with the current rubric (no model)",
    )
    parser.add_argument(
        "--min-pass-rate", type=float, help="exit 1 when the pass rate is below this (0-1)"
    )
    parser.set_defaults(func=cmd_quality)
    return parser


async def _run(args: argparse.Namespace, console: Console) -> tuple[list[Answer], dict[str, Any]]:
    questions = load_questions(args.questions, limit=args.limit, language=args.language)
    if not questions:
        raise ValueError("no questions to ask")
    began, load_before = datetime.now(UTC), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="weedgo-quality-") as folder:
        settings = _settings(args, Path(folder) / "quality.db")
        columns = (TextColumn("questions"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("questions", total=len(questions))
            answers = await run_questions(
                settings,
                questions,
                timeout_s=args.timeout,
                ready_timeout_s=args.ready_timeout,
                warmup=args.warmup,
                progress=lambda done: progress.update(task, completed=done),
            )
    meta = _meta(args, settings, answers, len(questions), began=began, load_before=load_before)
    return answers, meta


def _settings(args: argparse.Namespace, database: Path) -> Settings:
    try:
        return quality_settings(
            database, engine=args.engine, pipeline=args.pipeline, adapter=args.adapter
        )
    except ValidationError as error:
        raise PerfError(describe_validation_error(error)) from error


def _meta(
    args: argparse.Namespace,
    settings: Settings,
    answers: list[Answer],
    asked: int,
    *,
    began: datetime,
    load_before: float,
) -> dict[str, Any]:
    """The report's run table: when, how, on what, and how long."""
    minutes = (datetime.now(UTC) - began).total_seconds() / 60
    models = sorted({a.model for a in answers if a.model})
    return {
        "date": began.strftime("%Y-%m-%d %H:%M UTC"),
        "command": "weedgo " + shlex.join(getattr(args, "argv", None) or ["quality"]),
        "CPU": f"{cpu_model()} ({usable_cores()} usable cores)",
        "engine": settings.engine,
        "model": ", ".join(models) or None,
        "vocabulary": settings.vocab if settings.engine == "llama" else None,
        "adapter": _adapter_row(settings),
        "pipeline": settings.pipeline,
        "reply deadline": f"{settings.request_deadline_s:g} s",
        "questions": f"{asked} ({args.questions or 'the packaged set'})",
        "duration": f"{minutes:.1f} min",
        "load average": f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
        f"(1 minute; above the usable cores, other work shared the CPU)",
        "note": args.note,
    }


def _adapter_row(settings: Settings) -> str:
    path = adapter_path(settings)
    style = "tuned" if uses_tuned_prompts(settings) else "base"
    if path is None:
        return f"none ({style} prompts)"
    return f"{path.name} (sha256 {file_sha256(path)[:12]}; {style} prompts)"


def print_summary(summary: dict[str, Any], console: Console) -> None:
    table = Table(title="Reply quality", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    share = summary["model_share"]
    table.add_row("pass rate", f"{(summary['pass_rate'] or 0) * 100:.1f} %")
    table.add_row("model share", f"{share['model']} / {share['product_replies']}")
    table.add_row("latency P50 ms", str(summary["latency_ms"].get("p50", "n/a")))
    table.add_row("latency P95 ms", str(summary["latency_ms"].get("p95", "n/a")))
    for name, figures in summary["checks"].items():
        table.add_row(f"failed {name}", str(figures["failed"]))
    table.add_row("failed requests", str(summary["errors"]))
    console.print(table)


def cmd_quality(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    logging.basicConfig(level=logging.WARNING, handlers=[RichHandler(console=err)], force=False)
    try:
        if args.rescore:
            meta, answers = read_results(args.rescore)
            when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
            command = "weedgo " + shlex.join(getattr(args, "argv", None) or ["quality"])
            meta["scored again"] = f"{when} by the current rubric: {command}"
            meta["note"] = args.note or meta.get("note")
        else:
            answers, meta = asyncio.run(_run(args, err))
    except (PerfError, ValueError) as error:
        err.print(f"[red]weedgo quality:[/red] {error}")
        return 2
    summary = build_summary(answers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(summary, answers, meta), encoding="utf-8")
    err.print(f"wrote {args.out}")
    if args.json_out:
        write_results(args.json_out, meta, summary, answers)
        err.print(f"wrote {args.json_out}")
    print_summary(summary, Console())
    if summary["errors"]:
        return 1
    below = args.min_pass_rate is not None and (summary["pass_rate"] or 0) < args.min_pass_rate
    return 1 if below else 0
