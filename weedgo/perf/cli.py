"""``weedgo perf`` (and ``python test_performance.py``): the operator's performance suite,
and two single measurements as subcommands: ``throughput`` (requests per second of one
worker under concurrent clients) and ``seed-example`` (the seed's example request, timed).

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
from typing import Any

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from weedgo.perf.client import PerfError, Target
from weedgo.perf.example import add_example_parser
from weedgo.perf.options import add_suite_arguments, add_target_arguments
from weedgo.perf.queries import load_queries, load_warmup
from weedgo.perf.report import describe_machine, tables, write_outputs
from weedgo.perf.runner import Runner, RunOptions
from weedgo.perf.summary import build_results
from weedgo.perf.targets import open_targets
from weedgo.perf.throughput import add_throughput_parser

logger = logging.getLogger(__name__)

DESCRIPTION = (
    "Measure the budtender: latency per query type (P50/P95/P99/mean), time to first token, "
    "cache misses versus hits and the hit rate under repeated questions, peak memory, "
    "throughput under concurrent clients, and (--compare) the sequential pipeline against "
    "the optimized one on this machine. The subcommands take single measurements instead."
)


def add_perf_arguments(parser: argparse.ArgumentParser) -> None:
    """The suite's options, its subcommands, and the commands that run them."""
    add_target_arguments(parser, suite=True)
    add_suite_arguments(parser)
    parser.set_defaults(func=cmd_perf)
    more = parser.add_subparsers(
        dest="perf_command",
        title="single measurements (without one, the suite runs)",
        metavar="{throughput,seed-example}",
    )
    add_throughput_parser(more)
    add_example_parser(more)


def add_perf_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``perf`` to a ``parser.add_subparsers()`` object."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "perf", help="run the performance suite", description=DESCRIPTION
    )
    add_perf_arguments(parser)
    return parser


def run_options(args: argparse.Namespace) -> RunOptions:
    return RunOptions(
        runs=args.runs,
        warmup=args.warmup,
        stream=args.stream,
        zipf_requests=args.zipf,
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
    args = parser.parse_args(argv)
    return int(args.func(args))
