"""``weedgo perf`` end to end, in this process, with the fake engine."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from weedgo.perf.cli import add_perf_parser


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env from the working directory
    monkeypatch.setenv("WEEDGO_DATABASE_URL", f"sqlite:///{tmp_path / 'perf.db'}")
    monkeypatch.setenv("WEEDGO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("WEEDGO_PRECOMPUTE", "false")
    monkeypatch.setenv("WEEDGO_CREATE_DATABASE", "true")  # each run on a new file
    monkeypatch.delenv("WEEDGO_REDIS_URL", raising=False)
    return tmp_path


def weedgo_perf(command: str, *extra: str) -> int:
    """Run ``weedgo <command>`` through a parser wired as weedgo.cli wires it."""
    parser = argparse.ArgumentParser(prog="weedgo")
    add_perf_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([*command.split(), *extra])
    return int(args.func(args))


def test_compare_in_process_writes_results_report_and_plots(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = isolated / "out"
    code = weedgo_perf(
        "perf --in-process --engine fake --limit-per-type 3 --runs 1 --compare"
        " --warmup 1 --concurrency 1,2 --json --out",
        str(out),
    )
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    results = json.loads((out / "results.json").read_text())
    assert printed["comparison"] == results["comparison"]
    assert set(results["pipelines"]) == {"sequential", "optimized"}
    for name, figures in results["pipelines"].items():
        assert figures["reported_pipeline"] == name
        assert figures["errors"] == 0
        assert figures["latency_by_type"]["all"]["count"] == 9
        assert [row["level"] for row in figures["concurrency"]] == [1, 2]
        assert figures["memory_peak_mb"] > 0
    optimized = results["pipelines"]["optimized"]
    assert optimized["cache"]["repeat_hit_share"] == 1.0
    assert optimized["zipf"]["hit_rate"] > 0
    figures = results["comparison"]["figures"]
    for name in ("p50_ms", "p95_ms", "mean_ms", "ttft_p50_ms"):
        assert figures[name]["ratio"] is not None and figures[name]["ratio"] > 0
    report = (out / "report.md").read_text()
    assert "optimized versus sequential" in report and "cpu_model" in report
    for png in ("latency_by_type.png", "compare.png", "concurrency.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_stream_run_reports_ttft_and_tables(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = weedgo_perf(
        "perf --engine fake --limit-per-type 1 --runs 2 --stream --zipf 0 --warmup 0"
        " --pipeline optimized"
    )
    assert code == 0
    shown = capsys.readouterr().out
    assert "Latency by query type" in shown and "TTFT P50" in shown
    assert "optimized versus sequential" not in shown


def test_baseline_url_without_url_is_an_error(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert weedgo_perf("perf --baseline-url http://127.0.0.1:8000 --engine fake") == 2
    assert "--baseline-url needs --url" in capsys.readouterr().err


def test_compare_on_the_embedded_engine_shares_one_engine(isolated: Path) -> None:
    """Two embedded engines in one process would slow each other (OpenMP pools)."""
    from weedgo.config import Settings
    from weedgo.engine.llama import LlamaEngine
    from weedgo.perf.targets import shared_engine

    base = Settings(precompute=False)
    pair = [base.model_copy(update={"pipeline": p}) for p in ("sequential", "optimized")]
    engine = shared_engine(pair)
    assert isinstance(engine, LlamaEngine)
    assert engine.config.n_ctx >= 2048  # the sequential pipeline's context fits
    assert shared_engine(pair[:1]) is None
    fake = [s.model_copy(update={"engine": "fake"}) for s in pair]
    assert shared_engine(fake) is None


def test_seed_example_times_the_seed_request(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert weedgo_perf("perf seed-example --engine fake -n 3 --json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["requests"], figures["errors"]) == (3, 0)
    assert figures["cache_hits"] == 2  # the same question from the same customer
    assert figures["client_ms"]["count"] == figures["server_ms"]["count"] == 3
    first, *again = figures["replies"]
    assert first["cached"] is False and all(row["cached"] for row in again)
    assert first["products"] > 0 and "indica" in first["message"].lower()


def test_seed_example_prints_each_reply_and_the_medians(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert weedgo_perf("perf --engine fake --no-cache seed-example -n 2") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines[:2]] == ["1", "2"]
    assert "cached=False" in lines[1]  # the cache is off: the options before the name hold
    assert lines[2].startswith("median of 2: client ") and "cache hits 0/2" in lines[2]
    assert "P95" not in "\n".join(lines)  # too few requests for the tail


def test_throughput_counts_requests_and_reads_the_cache(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert weedgo_perf("perf throughput --engine fake --clients 2 --requests 32 --json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["clients"], figures["requests"], figures["errors"]) == (2, 32, 0)
    assert figures["latency_ms"]["count"] == 32
    assert figures["requests_per_s"] > 0 and figures["memory_mb"] > 0
    # each client asks each of the eight questions twice: the second time is a hit
    assert figures["response_cache_hit_rate"] >= 0.5


def test_throughput_unique_questions_miss_the_cache(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        weedgo_perf("perf throughput --engine fake --clients 2 --requests 6 --unique --json") == 0
    )
    figures = json.loads(capsys.readouterr().out)
    assert figures["requests"] == 6 and figures["response_cache_hit_rate"] == 0.0


def test_throughput_prints_one_line_of_figures(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert weedgo_perf("perf throughput --engine fake --clients 1 --requests 2") == 0
    first, source = capsys.readouterr().out.splitlines()
    assert first.startswith("2 requests, 1 clients: ") and "requests/s, P50 " in first
    assert first.endswith("response cache hit rate 0.0")  # two different questions
    assert source.startswith("memory measured as: process RSS")


def test_a_subcommand_refuses_the_suites_options(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert weedgo_perf("perf --compare --runs 2 throughput --engine fake") == 2
    err = capsys.readouterr().err
    assert "--compare, --runs" in err and "weedgo perf throughput" in err


def test_a_subcommand_refuses_a_remote_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert weedgo_perf("perf seed-example --url http://example.com:8001") == 2
    assert "--allow-remote" in capsys.readouterr().err


def test_weedgo_wires_the_subcommands() -> None:
    from weedgo.cli import build_parser

    parser = build_parser()
    seed = parser.parse_args(["perf", "--url", "http://127.0.0.1:8001", "seed-example", "-n", "5"])
    assert (seed.perf_command, seed.requests, seed.url, seed.timeout) == (
        "seed-example",
        5,
        "http://127.0.0.1:8001",
        60.0,
    )
    suite = parser.parse_args(["perf", "--runs", "1"])
    assert suite.perf_command is None and suite.func.__name__ == "cmd_perf"
    assert parser.parse_args(["perf", "throughput"]).func.__name__ == "cmd_throughput"
