"""Command line: ``weedgo serve | setup | doctor | catalog import | chat | perf | quality |
tune``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from weedgo.config import Settings, describe_validation_error
from weedgo.extras import missing

logger = logging.getLogger("weedgo")


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and .env; exits with a clear message on a bad value."""
    try:
        return Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as error:
        print(describe_validation_error(error), file=sys.stderr)
        raise SystemExit(2) from error


def _logging(level: str) -> None:
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


def cmd_serve(args: argparse.Namespace) -> int:
    from weedgo.supervise import CHILD_ENV, run_supervised

    settings = load_settings(pipeline=args.pipeline, host=args.host)
    problems = missing(settings)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    if not args.no_supervise and not os.environ.get(CHILD_ENV):
        return run_supervised([sys.executable, "-m", "weedgo", *args.argv])
    return _serve(args, settings)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from weedgo.api.protocol import HTTP_PROTOCOL
    from weedgo.app import create_app

    port = args.port or settings.serve_port
    _logging(settings.log_level)
    if args.workers > 1:
        from weedgo.workers import check_workers

        check_workers(settings, args.workers)
        os.environ.setdefault("WEEDGO_PIPELINE", settings.pipeline)
        uvicorn.run(
            "weedgo.workers:app_from_env",
            factory=True,
            host=settings.host,
            port=port,
            workers=args.workers,
            log_level=settings.log_level,
            http=HTTP_PROTOCOL,
        )
        return 0
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=port,
        log_level=settings.log_level,
        http=HTTP_PROTOCOL,
    )
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    """Assemble the model and create the catalog database, printing each step."""
    from weedgo.bootstrap import run_setup

    settings = load_settings()
    _logging(settings.log_level)
    return asyncio.run(run_setup(settings, prewarm=not args.no_prewarm))


def cmd_doctor(args: argparse.Namespace) -> int:
    """Print the machine report (probing the native options when nothing is remembered)."""
    import json

    from weedgo.doctor import machine_report, render

    settings = load_settings()
    _logging("warning")
    report = machine_report(settings, reprobe=args.reprobe)
    print(json.dumps(report, indent=2) if args.json else render(report))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from weedgo.catalog.cli import import_file

    settings = load_settings()
    _logging("warning")
    return asyncio.run(import_file(settings, Path(args.file), replace=args.replace))


def cmd_chat(args: argparse.Namespace) -> int:
    from weedgo.terminal import run_terminal_chat

    settings = load_settings(pipeline=args.pipeline)
    _logging("warning")
    return asyncio.run(run_terminal_chat(settings))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="weedgo", description="WeedGo AI Engine")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_serve_parser(sub)

    setup = sub.add_parser("setup", help="assemble the model, create and seed the catalog")
    setup.add_argument("--no-prewarm", action="store_true")
    setup.set_defaults(func=cmd_setup)

    doctor = sub.add_parser("doctor", help="print a machine report for a bug report")
    doctor.add_argument("--reprobe", action="store_true", help="probe the native options again")
    doctor.add_argument("--json", action="store_true", help="the report as JSON")
    doctor.set_defaults(func=cmd_doctor)

    catalog = sub.add_parser("catalog", help="catalog tools")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", required=True)
    imp = catalog_sub.add_parser("import", help="import a CSV or JSON catalog file")
    imp.add_argument("file")
    imp.add_argument("--replace", action="store_true", help="remove products absent from FILE")
    imp.set_defaults(func=cmd_import)

    chat = sub.add_parser("chat", help="chat with the budtender in the terminal")
    chat.add_argument("--pipeline", choices=["optimized", "sequential"])
    chat.set_defaults(func=cmd_chat)
    _add_tool_parsers(sub)
    return parser


def _add_serve_parser(sub: Any) -> None:
    serve = sub.add_parser("serve", help="run the HTTP service")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int, help="default 8001 (8000 for --pipeline sequential)")
    serve.add_argument("--pipeline", choices=["optimized", "sequential"])
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--no-supervise",
        action="store_true",
        help="serve in this process (no watching parent that explains a native crash)",
    )
    serve.set_defaults(func=cmd_serve)


def _add_tool_parsers(sub: Any) -> None:
    """The operator's tools, each wired by its own package: perf, quality, tune, vocab."""
    from weedgo.perf.cli import add_perf_parser
    from weedgo.quality.cli import add_quality_parser
    from weedgo.tuning.cli import add_tune_parser
    from weedgo.vocab.cli import add_vocab_parser

    add_perf_parser(sub)
    add_quality_parser(sub)
    add_tune_parser(sub)
    add_vocab_parser(sub)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(argv) if argv is not None else sys.argv[1:]
    return int(args.func(args))
