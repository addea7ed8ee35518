"""The options of ``weedgo perf``: the target (shared by every measurement), and the suite's
own load and output options.

A subcommand (``weedgo perf throughput``, ``weedgo perf seed-example``) takes the target
options too, before or after its name: there they default to nothing
(``argparse.SUPPRESS``), so that a value given before the name is kept and the suite's
defaults hold otherwise. The suite's own options mean nothing to a subcommand, which
refuses them (:func:`suite_options_in`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

Defaults = Callable[[Any], dict[str, Any]]  # an option's default value -> add_argument's


def bounded(low: float, high: float, kind: type = int) -> Any:
    """An argparse type: ``kind(text)``, refused outside ``low..high``."""

    def parse(text: str) -> Any:
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low:g} and {high:g}")
        return value

    return parse


def levels(text: str) -> tuple[int, ...]:
    """Concurrency levels such as ``1,4,8,16``."""
    try:
        found = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError("expected numbers such as 1,4,8,16") from error
    if not found or any(not 1 <= level <= 256 for level in found) or len(found) > 16:
        raise argparse.ArgumentTypeError("1 to 16 levels, each between 1 and 256 clients")
    return found


def add_target_arguments(parser: argparse.ArgumentParser, *, suite: bool) -> None:
    """The service to measure and the limits of each request; ``suite``: the suite's own
    copy, with the defaults (a subcommand's copy has none)."""

    def default(value: Any) -> dict[str, Any]:
        return {"default": value if suite else argparse.SUPPRESS}

    _add_target_group(parser, default)
    _add_request_group(parser, default)


def _add_target_group(parser: argparse.ArgumentParser, default: Defaults) -> None:
    target = parser.add_argument_group("target")
    where = target.add_mutually_exclusive_group()
    where.add_argument(
        "--url", help="a running service, e.g. http://127.0.0.1:8001", **default(None)
    )
    where.add_argument(
        "--in-process",
        action="store_true",
        help="build the app in this process (the default)",
        **default(False),
    )
    target.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a target that is not on this machine",
        **default(False),
    )
    target.add_argument(
        "--pipeline",
        choices=["optimized", "sequential"],
        help="in-process: the pipeline to measure (default from settings)",
        **default(None),
    )
    target.add_argument(
        "--engine",
        choices=["llama", "openai", "fake"],
        help="in-process: the model engine (fake: no model, for a quick run)",
        **default(None),
    )
    target.add_argument(
        "--no-cache",
        action="store_true",
        help="in-process: turn the response cache off",
        **default(False),
    )


def _add_request_group(parser: argparse.ArgumentParser, default: Defaults) -> None:
    common = parser.add_argument_group("requests and output")
    common.add_argument(
        "--timeout",
        type=bounded(0.1, 600.0, float),
        help="seconds per request (default 60)",
        **default(60.0),
    )
    common.add_argument(
        "--ready-timeout",
        type=bounded(1.0, 1800.0, float),
        help="seconds to wait for a target to be ready (default 180)",
        **default(180.0),
    )
    common.add_argument(
        "--json", action="store_true", help="print the figures as JSON", **default(False)
    )


def add_suite_arguments(parser: argparse.ArgumentParser) -> None:
    """The suite's own options: the comparison, the load and the written report."""
    compare = parser.add_argument_group("comparison")
    compare.add_argument(
        "--compare",
        action="store_true",
        help="run the sequential and the optimized pipeline, query by query",
    )
    compare.add_argument("--baseline-url", help="with --compare --url: the sequential service")
    load = parser.add_argument_group("load")
    load.add_argument("--queries", type=Path, help="query file (default benchmarks/queries.json)")
    load.add_argument("--limit-per-type", type=bounded(1, 10_000), help="queries of each type")
    load.add_argument("--runs", type=bounded(1, 100), default=3, help="passes over the set")
    load.add_argument("--warmup", type=bounded(0, 100), default=2, help="warm-up requests")
    load.add_argument("--stream", action="store_true", help="measure through the SSE endpoint")
    load.add_argument(
        "--zipf",
        type=bounded(0, 10_000),
        help="requests in the repeat pattern (default 2 x queries; 0: skip)",
    )
    load.add_argument("--zipf-exponent", type=bounded(0.0, 5.0, float), default=1.1)
    load.add_argument("--seed", type=int, default=42, help="of the repeat pattern's draws")
    load.add_argument("--concurrency", type=levels, default=(), help="levels, e.g. 1,4,8,16")
    load.add_argument("--requests-per-client", type=bounded(1, 1000), default=4)
    output = parser.add_argument_group("output")
    output.add_argument("--out", type=Path, help="write results.json, report.md and PNG plots")


def suite_options_in(args: argparse.Namespace) -> list[str]:
    """The suite's own options given with a subcommand (which would ignore them)."""
    parser = argparse.ArgumentParser(add_help=False)
    add_suite_arguments(parser)
    defaults = vars(parser.parse_args([]))
    return [
        "--" + name.replace("_", "-")
        for name, value in defaults.items()
        if getattr(args, name, value) != value
    ]
