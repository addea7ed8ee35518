"""The targets that the options of ``weedgo perf`` name, and the frame of a subcommand:
open its one target, measure, print the figures (text or ``--json``)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Iterable
from contextlib import AsyncExitStack
from typing import Any

from pydantic import ValidationError
from rich.console import Console

from weedgo.config import Settings, describe_validation_error
from weedgo.engine.base import Engine
from weedgo.perf.client import PerfError, Target, check_target_url, in_process_target, url_target
from weedgo.perf.options import suite_options_in
from weedgo.perf.summary import BASELINE, CANDIDATE

Measure = Callable[[Target], Awaitable[dict[str, Any]]]


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


async def _measure_one(args: argparse.Namespace, measure: Measure, console: Console) -> Any:
    async with AsyncExitStack() as stack:
        with console.status("starting the target…"):
            (target,) = await open_targets(args, stack)
        return await measure(target)


def run_subcommand(
    args: argparse.Namespace,
    measure: Measure,
    lines: Callable[[dict[str, Any]], Iterable[str]],
) -> int:
    """Measure one target; 2 when it cannot run, 1 when a request failed, else 0."""
    err = Console(stderr=True)
    name = f"weedgo perf {args.perf_command}"
    try:
        given = suite_options_in(args)
        if given:
            suite = "weedgo perf without a subcommand"
            raise PerfError(f"{', '.join(given)}: for the suite ({suite}), not for {name}")
        figures = asyncio.run(_measure_one(args, measure, err))
    except (PerfError, ValueError) as error:
        err.print(f"[red]{name}:[/red] {error}")
        return 2
    if args.json:
        sys.stdout.write(json.dumps(figures, indent=2) + "\n")
    else:
        for line in lines(figures):
            print(line)
    return 1 if figures["errors"] else 0
