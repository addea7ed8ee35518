"""``weedgo serve`` watches its serving child: a native crash is explained in words."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.integration.remote import free_port, wait_http
from weedgo.engine.probe import CANDIDATES
from weedgo.engine.verdicts import ProbeKey, Verdict, VerdictStore
from weedgo.supervise import run_supervised

REPO = Path(__file__).resolve().parents[1]
KEY = ProbeKey("Test CPU", "flags", "build", "a" * 64)


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_clean_exit_passes_through(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_supervised(python("import sys; sys.exit(0)")) == 0
    assert run_supervised(python("import sys; sys.exit(3)")) == 3
    assert capsys.readouterr().err == ""


def test_a_native_crash_is_explained_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    code = run_supervised(python("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"))
    assert code == 128 + signal.SIGSEGV
    err = capsys.readouterr().err
    assert "died from SIGSEGV (Segmentation fault)" in err
    assert "native code (llama.cpp)" in err
    assert "WEEDGO_REPACK=off" in err and "weedgo doctor" in err


def test_a_crash_with_probed_repacking_makes_the_next_start_safe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The child says what it runs with (as the engine does), then dies from SIGSEGV."""
    verdict = Verdict(CANDIDATES[0], "probe", "probed")
    VerdictStore(tmp_path).put(KEY, verdict)
    state = {"verdict": verdict.as_dict(), "key": KEY.__dict__, "store": str(tmp_path)}
    child = (
        "import json, os, signal\n"
        f"open(os.environ['WEEDGO_SUPERVISOR_STATE'], 'w').write({json.dumps(json.dumps(state))})\n"
        "os.kill(os.getpid(), signal.SIGSEGV)\n"
    )
    assert run_supervised(python(child)) == 128 + signal.SIGSEGV
    assert "The next start runs with repack off" in capsys.readouterr().err
    remembered = VerdictStore(tmp_path).get(KEY)
    assert remembered is not None and not remembered.options.repack


def test_sigterm_reaches_the_child_through_the_parent() -> None:
    child = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGTERM, lambda *a: sys.exit(7))\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = (
        "import sys\n"
        "from weedgo.supervise import run_supervised\n"
        f"sys.exit(run_supervised({[sys.executable, '-c', child]!r}))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", parent], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 7


def _serve(env: dict[str, str], tmp_path: Path) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    full = {
        **os.environ,
        "WEEDGO_DATA_DIR": str(tmp_path),
        "WEEDGO_DATABASE_URL": f"sqlite:///{tmp_path / 'weedgo.db'}",
        "WEEDGO_PRECOMPUTE": "false",
        "WEEDGO_CREATE_DATABASE": "true",
        **env,
    }
    cmd = [sys.executable, "-m", "weedgo", "serve", "--port", str(port)]
    proc = subprocess.Popen(
        cmd, env=full, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    return proc, f"http://127.0.0.1:{port}"


def _crash_the_child(proc: subprocess.Popen[str]) -> str:
    children = psutil.Process(proc.pid).children()
    assert len(children) == 1, "weedgo serve runs the service in one child process"
    os.kill(children[0].pid, signal.SIGSEGV)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGSEGV
    return err


@pytest.mark.slow
def test_weedgo_serve_explains_a_crash_of_the_serving_process(tmp_path: Path) -> None:
    proc, url = _serve({"WEEDGO_ENGINE": "fake"}, tmp_path)
    try:
        wait_http(f"{url}/health", proc)  # type: ignore[arg-type]
        err = _crash_the_child(proc)
    finally:
        proc.kill()
    assert "The WeedGo service died from SIGSEGV (Segmentation fault)." in err
    assert "WEEDGO_REPACK=off" in err


@pytest.mark.model
@pytest.mark.slow
def test_a_crash_of_the_real_engine_turns_probed_repacking_off(
    tmp_path: Path, model_path: Path
) -> None:
    env = {"WEEDGO_MODEL_PATH": str(model_path), "WEEDGO_PARALLEL": "2"}
    proc, url = _serve(env, tmp_path)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            wait_http(f"{url}/health", proc)  # type: ignore[arg-type]
            health = httpx.get(f"{url}/health").json()
            if health["model"].get("status") == "ok":
                break
            time.sleep(0.5)
        native = health["model"]["native"]
        err = _crash_the_child(proc)
    finally:
        proc.kill()
    entries = json.loads((tmp_path / "native-options.json").read_text())["verdicts"]
    (entry,) = entries.values()
    if native["repack"]:  # probed on: the crash made the next start run without it
        assert entry["options"]["repack"] is False
        assert "died from SIGSEGV" in entry["reason"]
        assert "The next start runs with repack off" in err
    else:
        assert entry["options"]["flash_attn"] is False
