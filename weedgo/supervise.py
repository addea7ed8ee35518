"""``weedgo serve`` watches the serving process, so a native crash is never silence.

The service runs in a child process. When the child dies from a signal such as
SIGSEGV, a crash inside llama.cpp or another native library, the parent says so in words,
says how to turn weight repacking off, and, when the options in use were probed rather
than set, remembers a safer verdict (:func:`weedgo.engine.verdicts.record_crash`) so that
the restart by systemd, Docker or the operator runs without the option that crashed.

Ctrl-C and SIGTERM reach the child through the parent (the child has its own process
group, so a terminal's Ctrl-C is not delivered twice); the child is also told to stop
when the parent dies.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from weedgo.engine.probe import signal_name
from weedgo.engine.verdicts import STATE_ENV, record_crash

logger = logging.getLogger(__name__)

CHILD_ENV = "WEEDGO_SERVE_CHILD"
NATIVE_SIGNALS = (signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGABRT)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def run_supervised(command: Sequence[str]) -> int:
    """Run ``command`` as the serving child; its exit status (128 + signal when killed)."""
    with tempfile.TemporaryDirectory(prefix="weedgo-serve-") as folder:
        state = Path(folder) / "native.json"
        env = {**os.environ, CHILD_ENV: "1", STATE_ENV: str(state)}
        child = subprocess.Popen(
            list(command), env=env, start_new_session=True, preexec_fn=_die_with_parent
        )

        def forward(number: int, _frame: FrameType | None) -> None:
            if child.poll() is None:
                child.send_signal(number)

        previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            code = _wait(child)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if code >= 0:
            return code
        explain(-code, state)
        return 128 - code


def _wait(child: subprocess.Popen[bytes]) -> int:
    while True:
        try:
            return child.wait()
        except InterruptedError:  # pragma: no cover - PEP 475 retries for us
            continue


def explain(number: int, state: Path) -> None:
    """Say in words why the service stopped, and what the next start will do."""
    text = signal_name(number)
    lines = [f"The WeedGo service died from {text}."]
    if number in NATIVE_SIGNALS:
        lines.append(
            "This is a crash inside native code (llama.cpp), not a Python error. On some CPUs "
            "(for example virtualised Intel Xeons with AMX) llama.cpp's weight repacking "
            "crashes at the first decode."
        )
        safer = record_crash(state, text)
        if safer is not None:
            lines.append(
                f"The next start runs with {safer.options.describe()} (remembered in the "
                "data folder); start the service again."
            )
        lines.append(
            "To choose yourself, set WEEDGO_REPACK=off (or on) and start again; "
            "`weedgo doctor` prints a machine report for a bug report."
        )
    for line in lines:
        print(line, file=sys.stderr, flush=True)
