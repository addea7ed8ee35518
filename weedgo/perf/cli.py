"""``weedgo perf`` (and ``python test_performance.py``): the operator's performance suite.

Wire it into a parser with :func:`add_perf_parser`; :func:`main` is the stand-alone entry.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from contextlib import AsyncExitStack
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from weedgo.config import Settings, describe_validation_error
from weedgo.engine.base import Engine
from weedgo.perf.client import PerfError, Target, check_target_url, in_process_target, url_target
from weedgo.perf.queries import load_queries, load_warmup
from weedgo.perf.report import describe_machine, tables, write_outputs
from weedgo.perf.runner import Runner, RunOptions
from weedgo.perf.summary import BASELINE, CANDIDATE, build_results

logger = logging.getLogger(__name__)

DESCRIPTION = (
    "Measure the budtender: latency per query type (P50/P95/P99/mean), time to first token, "
    "cache misses versus hits and the hit rate under repeated questions, peak memory, "
    "throughput under concurrent clients, and (--compare) the sequential pipeline against "
    "the optimized one on this machine."
)


def _bounded(low: float, high: float, kind: type = int) -> Any:
    def parse(text: str) -> Any:
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:g} and {high:g}")
        return value

    return parse


def _levels(text: str) -> tuple[int, ...]:
    try:
        levels = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError("expected numbers such as 1,4,8,16") from error
    if not levels or any(not 1 <= level <= 256 for level in levels) or len(levels) > 16:
        raise argparse.ArgumentTypeError("1 to 16 levels, each between 1 and 256 clients")
    return levels


def add_perf_arguments(parser: argparse.ArgumentParser) -> None:
    target = parser.add_argument_group("target")
    where = target.add_mutually_exclusive_group()
    where.add_argument("--url", help="a running service, e.g. http://127.0.0.1:8001")
    where.add_argument(
        "--in-process", action="store_true", help="build the app in this process (the default)"
    )
    target.add_argument("--baseline-url", help="with --compare --url: the sequential service")
    target.add_argument(
        "--allow-remote", action="store_true", help="allow a target that is not on this machine"
    )
    target.add_argument(
        "--pipeline",
        choices=["optimized", "sequential"],
        help="in-process: the pipeline to measure (default from settings)",
    )
    target.add_argument(
        "--engine",
        choices=["llama", "openai", "fake"],
        help="in-process: the model engine (fake: no model, for a quick run)",
    )
    target.add_argument(
        "--no-cache", action="store_true", help="in-process: turn the response cache off"
    )
    target.add_argument(
        "--compare",
        action="store_true",
        help="run the sequential and the optimized pipeline, query by query",
    )
    load = parser.add_argument_group("load")
    load.add_argument("--queries", type=Path, help="query file (default benchmarks/queries.json)")
    load.add_argument("--limit-per-type", type=_bounded(1, 10_000), help="queries of each type")
    load.add_argument("--runs", type=_bounded(1, 100), default=3, help="passes over the set")
    load.add_argument("--warmup", type=_bounded(0, 100), default=2, help="warm-up requests")
    load.add_argument("--stream", action="store_true", help="measure through the SSE endpoint")
    load.add_argument(
        "--zipf",
        type=_bounded(0, 10_000),
        dest="zipf_requests",
        help="requests in the repeat pattern (default 2 x queries; 0: skip)",
    )
    load.add_argument("--zipf-exponent", type=_bounded(0.0, 5.0, float), default=1.1)
    load.add_argument("--seed", type=int, default=42)
    load.add_argument("--concurrency", type=_levels, default=(), help="levels, e.g. 1,4,8,16")
    load.add_argument("--requests-per-client", type=_bounded(1, 1000), default=4)
    load.add_argument(
        "--timeout", type=_bounded(0.1, 600.0, float), default=60.0, help="seconds per request"
    )
    load.add_argument(
        "--ready-timeout",
        type=_bounded(1.0, 1800.0, float),
        default=180.0,
        help="seconds to wait for a target to be ready",
    )
    output = parser.add_argument_group("output")
    output.add_argument("--json", action="store_true", help="print the results as JSON")
    output.add_argument("--out", type=Path, help="write results.json, report.md and PNG plots")


def add_perf_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``perf`` to a ``parser.add_subparsers()`` object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "perf", help="run the performance suite", description=DESCRIPTION
    )
    add_perf_arguments(parser)
    parser.set_defaults(func=cmd_perf)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    # Pre-computation would load the model in the background while the suite measures.
    overrides: dict[str, Any] = {
        "pipeline": args.pipeline,
        "engine": args.engine,
        "precompute": False,
    }
    if args.no_cache:
        overrides["enable_caching"] = False
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as error:
        raise PerfError(describe_validation_error(error)) from error


def in_process_settings(args: argparse.Namespace) -> list[Settings]:
    """The settings of each app to build: one, or the baseline then the candidate."""
    base = _settings(args)
    if not args.compare:
        return [base]
    return [base.model_copy(update={"pipeline": name}) for name in (BASELINE, CANDIDATE)]


async def open_targets(args: argparse.Namespace, stack: AsyncExitStack) -> list[Target]:
    timeouts = {"timeout_s": args.timeout, "ready_timeout_s": args.ready_timeout}
    if args.url:
        urls: list[tuple[str | None, str]] = [(None, args.url)]
        if args.compare:
            if not args.baseline_url:
                raise PerfError("--compare with --url needs --baseline-url (the sequential one)")
            urls = [(BASELINE, args.baseline_url), (CANDIDATE, args.url)]
        checked = [(n, check_target_url(u, allow_remote=args.allow_remote)) for n, u in urls]
        return [
            await stack.enter_async_context(url_target(u, name=n, **timeouts)) for n, u in checked
        ]
    if args.baseline_url:
        raise PerfError("--baseline-url needs --url")
    settings = in_process_settings(args)
    engine = shared_engine(settings)
    return [
        await stack.enter_async_context(in_process_target(s, engine=engine, **timeouts))
        for s in settings
    ]


def shared_engine(settings: list[Settings]) -> Engine | None:
    """With two apps on the embedded engine, one engine for both: two engines' OpenMP
    pools on the same cores would block each other at every step and slow both.

    It is built from the baseline's settings, whose context is the larger (the original
    engine's 2,048 tokens), and serves the two pipelines' requests in turn."""
    if len(settings) < 2 or any(s.engine != "llama" for s in settings):
        return None
    from weedgo.services import build_engine

    return build_engine(settings[0])


def run_options(args: argparse.Namespace) -> RunOptions:
    return RunOptions(
        runs=args.runs,
        warmup=args.warmup,
        stream=args.stream,
        zipf_requests=args.zipf_requests,
        zipf_exponent=args.zipf_exponent,
        seed=args.seed,
        concurrency=tuple(args.concurrency),
        requests_per_client=args.requests_per_client,
    )


def _meta(args: argparse.Namespace, targets: list[Target], queries: int) -> dict[str, Any]:
    options = asdict(run_options(args))
    options.update(
        limit_per_type=args.limit_per_type,
        queries=queries,
        timeout_s=args.timeout,
        no_cache=args.no_cache,
        compare=args.compare,
    )
    return {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "target": args.url or "in-process",
        "baseline_target": args.baseline_url,
        "pipelines": [t.name for t in targets],
        "options": options,
        "machine": describe_machine(),
    }


async def run_perf(args: argparse.Namespace, console: Console) -> dict[str, Any]:
    """Open the targets, run every phase with a progress bar, return the results."""
    queries = load_queries(args.queries, args.limit_per_type)
    warmup = load_warmup(args.queries)
    async with AsyncExitStack() as stack:
        with console.status("starting the target(s)…"):
            targets = await open_targets(args, stack)
        columns = (
            TextColumn("{task.description:<28}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            runner = Runner(targets, queries, warmup, run_options(args))
            task = progress.add_task("requests", total=runner.planned_requests())
            runner.progress = lambda phase: progress.update(task, advance=1, description=phase)
            data = await runner.run()
        meta = _meta(args, targets, len(queries))
    return build_results(data, meta)


def print_tables(results: dict[str, Any], console: Console) -> None:
    for title, header, rows in tables(results):
        table = Table(title=title, title_justify="left")
        for index, name in enumerate(header):
            table.add_column(name, justify="left" if index < 2 else "right")
        for row in rows:
            table.add_row(*row)
        console.print(table)


def cmd_perf(args: argparse.Namespace) -> int:
    err = Console(stderr=True)
    logging.basicConfig(level=logging.WARNING, handlers=[RichHandler(console=err)], force=False)
    try:
        results = asyncio.run(run_perf(args, err))
    except (PerfError, ValueError) as error:
        err.print(f"[red]weedgo perf:[/red] {error}")
        return 2
    if args.out:
        for path in write_outputs(results, args.out):
            err.print(f"wrote {path}")
    if args.json:
        sys.stdout.write(json.dumps(results, indent=2) + "\n")
    else:
        wide = None if sys.stdout.isatty() else 160  # a file or a pipe: no wrapped columns
        print_tables(results, Console(width=wide))
    errors = sum(p["errors"] for p in results["pipelines"].values())
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="test_performance.py", description=DESCRIPTION)
    add_perf_arguments(parser)
    return cmd_perf(parser.parse_args(argv))
