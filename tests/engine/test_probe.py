"""The native-options probe: children that crash, hang, fail or succeed, and the verdict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from weedgo.engine.machine import file_sha256, read_cpu
from weedgo.engine.probe import (
    CANDIDATES,
    SAFEST,
    Attempt,
    NativeOptions,
    ProbeShape,
    run_child,
    subprocess_prober,
)
from weedgo.engine.verdicts import ProbeKey, VerdictStore, decide, record_crash, resolve

FIGURES = {"prompt_tokens_per_s": 300.0, "decode_tokens_per_s": 90.0, "sequences": 9.0}


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


SEGFAULT = python("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)")
HANG = python("import time; time.sleep(60)")
FAIL = python("import sys; sys.stderr.write('llama.cpp could not load it\\n'); sys.exit(3)")
SUCCEED = python(f"print('loading...'); print({json.dumps(json.dumps(FIGURES))})")


# --- one child ------------------------------------------------------------------------------
def test_a_child_killed_by_a_signal_is_a_crash_named_in_words() -> None:
    attempt = run_child(SEGFAULT, CANDIDATES[0], timeout_s=30)
    assert attempt.outcome == "crashed"
    assert "SIGSEGV" in attempt.detail and "Segmentation fault" in attempt.detail
    assert not attempt.ok


def test_a_hanging_child_times_out() -> None:
    attempt = run_child(HANG, CANDIDATES[0], timeout_s=0.5)
    assert attempt.outcome == "timeout"
    assert "0 s" in attempt.detail or "1 s" in attempt.detail


def test_a_failing_child_reports_its_last_error_line() -> None:
    attempt = run_child(FAIL, CANDIDATES[0], timeout_s=30)
    assert attempt.outcome == "failed"
    assert "exit status 3" in attempt.detail and "could not load it" in attempt.detail


def test_a_child_that_exits_cleanly_without_figures_failed() -> None:
    attempt = run_child(python("print('no json here')"), CANDIDATES[0], timeout_s=30)
    assert attempt.outcome == "failed"


def test_a_succeeding_child_gives_its_figures() -> None:
    attempt = run_child(SUCCEED, CANDIDATES[0], timeout_s=30)
    assert attempt.ok
    assert attempt.figures == FIGURES


def test_a_missing_program_is_a_failure_not_an_exception() -> None:
    attempt = run_child(["/nonexistent/weedgo-probe"], CANDIDATES[0], timeout_s=5)
    assert attempt.outcome == "failed" and "could not start" in attempt.detail


# --- the decision ----------------------------------------------------------------------------
class Script:
    """A prober whose children behave as told per option set; it counts the calls."""

    def __init__(self, commands: dict[NativeOptions, list[str]], timeout_s: float = 30) -> None:
        self.commands, self.timeout_s = commands, timeout_s
        self.calls: list[NativeOptions] = []

    def __call__(self, options: NativeOptions) -> Attempt:
        self.calls.append(options)
        return run_child(self.commands.get(options, SUCCEED), options, self.timeout_s)


def key(model_sha: str = "a" * 64, flags: str = "f1") -> ProbeKey:
    return ProbeKey("Test CPU", flags, "llama-cpp-python test", model_sha)


def test_repacking_that_segfaults_is_turned_off(tmp_path: Path) -> None:
    store = VerdictStore(tmp_path)
    prober = Script({CANDIDATES[0]: SEGFAULT})
    verdict, used = decide("auto", key, store, prober)
    assert verdict.options == NativeOptions(repack=False, flash_attn=True)
    assert verdict.source == "probe"
    assert "SIGSEGV" in verdict.reason and "repack on" in verdict.reason
    assert prober.calls == list(CANDIDATES[:2])
    assert used == key()
    assert verdict.decode_tokens_per_s == 90.0


def test_repacking_that_hangs_is_turned_off(tmp_path: Path) -> None:
    prober = Script({CANDIDATES[0]: HANG}, timeout_s=0.5)
    verdict, _ = decide("auto", key, VerdictStore(tmp_path), prober)
    assert not verdict.options.repack
    assert "timeout" in verdict.reason


def test_repacking_that_works_stays_on(tmp_path: Path) -> None:
    prober = Script({})
    verdict, _ = decide("auto", key, VerdictStore(tmp_path), prober)
    assert verdict.options == CANDIDATES[0] and verdict.options.repack
    assert prober.calls == [CANDIDATES[0]]


def test_flash_attention_is_probed_too(tmp_path: Path) -> None:
    prober = Script({CANDIDATES[0]: SEGFAULT, CANDIDATES[1]: FAIL})
    verdict, _ = decide("auto", key, VerdictStore(tmp_path), prober)
    assert verdict.options == SAFEST == NativeOptions(repack=False, flash_attn=False)


def test_when_every_probe_fails_the_safest_options_are_used_and_not_remembered(
    tmp_path: Path,
) -> None:
    store = VerdictStore(tmp_path)
    prober = Script(dict.fromkeys(CANDIDATES, FAIL))
    verdict, _ = decide("auto", key, store, prober)
    assert verdict.options == SAFEST
    assert verdict.reason.startswith("every probe failed")
    assert store.get(key()) is None


def test_the_verdict_is_remembered_and_reused_without_a_child(tmp_path: Path) -> None:
    decide("auto", key, VerdictStore(tmp_path), Script({CANDIDATES[0]: SEGFAULT}))
    again = Script({})
    verdict, _ = decide("auto", key, VerdictStore(tmp_path), again)
    assert again.calls == []
    assert verdict.source == "remembered"
    assert not verdict.options.repack
    assert "SIGSEGV" in verdict.reason


@pytest.mark.parametrize(
    "changed", [key(model_sha="b" * 64), key(flags="f2"), ProbeKey("Other CPU", "f1", "x", "a")]
)
def test_a_changed_key_probes_again(tmp_path: Path, changed: ProbeKey) -> None:
    decide("auto", key, VerdictStore(tmp_path), Script({CANDIDATES[0]: SEGFAULT}))
    again = Script({})
    verdict, _ = decide("auto", lambda: changed, VerdictStore(tmp_path), again)
    assert again.calls == [CANDIDATES[0]]
    assert verdict.options.repack


def test_fresh_probes_again_even_when_remembered(tmp_path: Path) -> None:
    decide("auto", key, VerdictStore(tmp_path), Script({}))
    again = Script({CANDIDATES[0]: SEGFAULT})
    verdict, _ = decide("auto", key, VerdictStore(tmp_path), again, fresh=True)
    assert again.calls == list(CANDIDATES[:2]) and not verdict.options.repack


@pytest.mark.parametrize("mode", ["on", "off"])
def test_an_explicit_setting_runs_no_probe(tmp_path: Path, mode: str) -> None:
    prober = Script({})
    keys: list[int] = []
    verdict, used = decide(mode, lambda: keys.append(1), VerdictStore(tmp_path), prober)  # type: ignore[arg-type]
    assert prober.calls == [] and keys == [] and used is None
    assert verdict.options.repack is (mode == "on")
    assert verdict.source == "setting" and verdict.reason == f"WEEDGO_REPACK={mode}"


def test_an_unreadable_verdict_file_probes_again(tmp_path: Path) -> None:
    (tmp_path / "native-options.json").write_text("{not json", encoding="utf-8")
    prober = Script({})
    decide("auto", key, VerdictStore(tmp_path), prober)
    assert prober.calls == [CANDIDATES[0]]
    assert VerdictStore(tmp_path).get(key()) is not None


# --- a crash of the service itself ----------------------------------------------------------
def _state(tmp_path: Path, verdict_source: str, options: NativeOptions) -> Path:
    store = VerdictStore(tmp_path)
    verdict, used = decide("auto", key, store, Script({}))
    state = tmp_path / "state.json"
    data = {**verdict.as_dict(), "source": verdict_source}
    data["options"] = {"repack": options.repack, "flash_attn": options.flash_attn}
    state.write_text(
        json.dumps(
            {"verdict": data, "key": used.__dict__ if used else None, "store": str(tmp_path)}
        )
    )
    return state


def test_a_crash_with_probed_repacking_remembers_repacking_off(tmp_path: Path) -> None:
    state = _state(tmp_path, "probe", CANDIDATES[0])
    safer = record_crash(state, "SIGSEGV (Segmentation fault)")
    assert safer is not None and safer.options == CANDIDATES[1]
    remembered = VerdictStore(tmp_path).get(key())
    assert remembered is not None and not remembered.options.repack
    assert "died from SIGSEGV" in remembered.reason


def test_a_crash_with_an_explicit_setting_changes_nothing(tmp_path: Path) -> None:
    state = _state(tmp_path, "setting", CANDIDATES[0])
    assert record_crash(state, "SIGSEGV") is None
    remembered = VerdictStore(tmp_path).get(key())
    assert remembered is not None and remembered.options.repack


def test_a_crash_with_the_safest_options_has_nothing_safer(tmp_path: Path) -> None:
    assert record_crash(_state(tmp_path, "probe", SAFEST), "SIGSEGV") is None


def test_a_crash_without_a_state_file_changes_nothing(tmp_path: Path) -> None:
    assert record_crash(tmp_path / "missing.json", "SIGSEGV") is None


# --- machine facts -----------------------------------------------------------------------------
def test_cpu_facts_read_model_and_flags(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text(
        "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8488C\n"
        "flags\t\t: fpu avx2 avx512f amx_tile amx_int8\n\nprocessor\t: 1\n"
        "model name\t: ignored\nflags\t\t: fpu\n"
    )
    cpu = read_cpu(info)
    assert cpu.model == "Intel(R) Xeon(R) Platinum 8488C"
    assert cpu.has_amx and cpu.features == ["avx2", "avx512f", "amx_tile", "amx_int8"]
    assert cpu.flags_digest != read_cpu(tmp_path / "missing").flags_digest


def test_the_model_hash_is_remembered_by_size_and_mtime(tmp_path: Path) -> None:
    model, memo = tmp_path / "m.gguf", tmp_path / "hashes.json"
    model.write_bytes(b"GGUF" * 1000)
    first = file_sha256(model, memo)
    memo.write_text(memo.read_text().replace(first, "c" * 64))  # the memo is what is read
    assert file_sha256(model, memo) == "c" * 64
    model.write_bytes(b"GGUF" * 1001)  # a changed file is hashed again
    assert file_sha256(model, memo) not in (first, "c" * 64)


# --- the real child on the real model --------------------------------------------------------
@pytest.mark.model
def test_the_real_probe_runs_the_service_work_on_this_machine(model_path: Path) -> None:
    shape = ProbeShape(slots=3, stream_cells=256, n_threads=2, chunk=64, steps=4)
    attempt = subprocess_prober(str(model_path), shape, 120)(NativeOptions(repack=False))
    assert attempt.ok, attempt.detail
    assert attempt.figures["decode_tokens_per_s"] > 0
    assert attempt.figures["sequences"] == 3


def test_a_verdict_vouches_only_for_the_context_it_was_proved_in(tmp_path: Path) -> None:
    """A test's small probe (2 slots) is not the service's (9 slots): each is probed."""
    model = tmp_path / "model.gguf"
    model.write_bytes(b"GGUF" * 100)
    calls: list[NativeOptions] = []

    def prober(options: NativeOptions) -> Attempt:
        calls.append(options)
        return Attempt(options, "ok", "", dict(FIGURES), 0.1)

    small, service = ProbeShape(slots=2), ProbeShape(slots=9)
    first, _ = resolve(model, "auto", tmp_path, prober, shape=small)
    other, _ = resolve(model, "auto", tmp_path, prober, shape=service)
    again, _ = resolve(model, "auto", tmp_path, prober, shape=small)
    assert (first.source, other.source, again.source) == ("probe", "probe", "remembered")
    assert len(calls) == 2


@pytest.mark.model
def test_resolve_probes_once_then_remembers(model_path: Path, tmp_path: Path) -> None:
    shape = ProbeShape(slots=2, stream_cells=256, n_threads=2, chunk=32, steps=2)
    prober = subprocess_prober(str(model_path), shape, 120)
    calls: list[NativeOptions] = []

    def counting(options: NativeOptions) -> Attempt:
        calls.append(options)
        return prober(options)

    first, _ = resolve(model_path, "auto", tmp_path, counting)
    second, _ = resolve(model_path, "auto", tmp_path, counting)
    assert first.source == "probe" and second.source == "remembered"
    assert first.options == second.options
    assert len(calls) == CANDIDATES.index(first.options) + 1


# The engine with a forced setting runs in a child: on a CPU where repacking crashes (AMX
# with this llama.cpp build), "on" kills its process, which must not be the test run.
ENGINE_CHILD = """
import asyncio, json, sys, tempfile
from pathlib import Path
from weedgo.engine.base import GenerationParams, complete
from weedgo.engine.llama import LlamaConfig, LlamaEngine

async def main():
    folder = Path(tempfile.mkdtemp())
    config = LlamaConfig(model_path=Path(sys.argv[1]), repack=sys.argv[2], data_dir=folder,
                         parallel=1)
    engine = LlamaEngine(config)
    await engine.start()
    try:
        native = engine.health()["native"]
        text = await complete(engine, "Counting: 1, 2, 3,", GenerationParams(max_tokens=4))
    finally:
        await engine.aclose()
    verdicts = (folder / "native-options.json").exists()
    print(json.dumps({"native": native, "text": text, "verdict_file": verdicts}))

asyncio.run(main())
"""


@pytest.mark.model
@pytest.mark.parametrize("mode", ["on", "off"])
def test_the_engine_runs_with_the_repack_setting(model_path: Path, mode: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", ENGINE_CHILD, str(model_path), mode],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode < 0:  # only a CPU whose probe also dies with repacking on may do this
        shape = ProbeShape(slots=2, stream_cells=256, n_threads=2, chunk=32, steps=2)
        probe = subprocess_prober(str(model_path), shape, 120)(NativeOptions(repack=True))
        assert mode == "on" and probe.outcome == "crashed", (done.returncode, probe)
        return
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    native = result["native"]
    assert native["repack"] is (mode == "on") and native["decided_by"] == "setting"
    assert result["text"].strip()
    assert not result["verdict_file"]  # a setting is not a verdict
