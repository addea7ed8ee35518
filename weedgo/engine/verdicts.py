"""Which native options this machine runs with, decided once and remembered.

``WEEDGO_REPACK=on|off`` decides weight repacking outright. With ``auto`` (the default)
the first start on a machine probes the candidates of :mod:`weedgo.engine.probe` in a
child process, from the fastest to the safest, and keeps the first that survives. The
verdict is remembered in ``native-options.json`` in the data folder, keyed by what
decides it: the CPU's model and flags, the llama.cpp build, the model file's SHA-256 and
the probe's version. A later start with the same key uses it at once; a changed key
probes again. A service that dies from a native signal anyway records a safer verdict
(:func:`record_crash`), so that the restart runs without repacking.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from weedgo.engine.machine import file_sha256, llama_build, read_cpu, read_json, write_json_atomic
from weedgo.engine.probe import (
    CANDIDATES,
    PROBE_VERSION,
    SAFEST,
    Attempt,
    NativeOptions,
    Prober,
    ProbeShape,
)

logger = logging.getLogger(__name__)

VERDICTS_FILE = "native-options.json"
HASHES_FILE = ".model-hashes.json"
# Set by the supervising ``weedgo serve``: where the serving child says what it runs with.
STATE_ENV = "WEEDGO_SUPERVISOR_STATE"

RepackMode = Literal["auto", "on", "off"]


@dataclass(frozen=True)
class ProbeKey:
    cpu_model: str
    cpu_flags: str
    llama_build: str
    model_sha256: str
    probe_version: int = PROBE_VERSION
    # the context the options were proved in (slots, KV cells, threads): a verdict from a
    # smaller context, such as a test's, does not vouch for the service's
    shape: str = ""

    @property
    def digest(self) -> str:
        text = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    @classmethod
    def for_model(cls, model: Path, data_dir: Path, shape: ProbeShape | None = None) -> ProbeKey:
        cpu = read_cpu()
        sha = file_sha256(model, data_dir / HASHES_FILE)
        context = "" if shape is None else shape.describe()
        return cls(cpu.model, cpu.flags_digest, llama_build(), sha, shape=context)


@dataclass
class Verdict:
    options: NativeOptions
    source: str  # "setting", "probe", "remembered" or "crash"
    reason: str
    attempts: list[Attempt] = field(default_factory=list)
    decided_at: str = ""

    @property
    def decode_tokens_per_s(self) -> float | None:
        for attempt in self.attempts:
            if attempt.ok and attempt.options == self.options:
                return attempt.figures.get("decode_tokens_per_s")
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "options": asdict(self.options),
            "source": self.source,
            "reason": self.reason,
            "attempts": [attempt.as_dict() for attempt in self.attempts],
            "decided_at": self.decided_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "remembered") -> Verdict:
        return cls(
            NativeOptions(**data["options"]),
            source,
            str(data.get("reason", "")),
            [Attempt.from_dict(item) for item in data.get("attempts", [])],
            str(data.get("decided_at", "")),
        )

    def health(self) -> dict[str, Any]:
        return {
            "repack": self.options.repack,
            "flash_attn": "auto" if self.options.flash_attn else "off",
            "decided_by": self.source,
            "reason": self.reason,
        }


class VerdictStore:
    """Verdicts by key digest in one JSON file of the data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / VERDICTS_FILE

    def get(self, key: ProbeKey) -> Verdict | None:
        entry = self._entries().get(key.digest)
        if not isinstance(entry, dict):
            return None
        try:
            return Verdict.from_dict(entry)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: ProbeKey, verdict: Verdict) -> None:
        entries = self._entries()
        entries[key.digest] = {**verdict.as_dict(), "key": asdict(key)}
        write_json_atomic(self.path, {"verdicts": entries})

    def _entries(self) -> dict[str, Any]:
        entries = read_json(self.path).get("verdicts")
        return dict(entries) if isinstance(entries, dict) else {}


def decide(
    mode: RepackMode, key_of: Any, store: VerdictStore, prober: Prober, *, fresh: bool = False
) -> tuple[Verdict, ProbeKey | None]:
    """The options to run with, and the key they are remembered under (None: a setting).

    ``key_of`` is called only when a key is needed (it may hash the model file); ``fresh``
    probes again even when a verdict is remembered.
    """
    if mode != "auto":
        options = NativeOptions(repack=mode == "on")
        return Verdict(options, "setting", f"WEEDGO_REPACK={mode}", decided_at=_now()), None
    key: ProbeKey = key_of()
    known = None if fresh else store.get(key)
    if known is not None:
        return known, key
    attempts: list[Attempt] = []
    for options in CANDIDATES:
        logger.info("Probing llama.cpp with %s in a child process", options.describe())
        attempt = prober(options)
        attempts.append(attempt)
        if attempt.ok:
            verdict = Verdict(options, "probe", _reason(options, attempts), attempts, _now())
            store.put(key, verdict)
            return verdict, key
    reason = "every probe failed (" + "; ".join(_failure(a) for a in attempts) + ")"
    return Verdict(SAFEST, "probe", reason, attempts, _now()), key  # not remembered


def _reason(chosen: NativeOptions, attempts: list[Attempt]) -> str:
    last = attempts[-1].figures
    ran = (
        f"a prompt chunk and {last.get('sequences', 0):.0f} sequences decoding together ran "
        f"cleanly, {last.get('decode_tokens_per_s', 0):.1f} tokens/s decoding one sequence"
    )
    failed = [_failure(attempt) for attempt in attempts[:-1]]
    return "; ".join([*failed, f"{chosen.describe()}: {ran}"])


def _failure(attempt: Attempt) -> str:
    return f"{attempt.options.describe()}: {attempt.outcome}, {attempt.detail}"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def announce(verdict: Verdict, key: ProbeKey | None, store: VerdictStore) -> None:
    """Log the decision in one line; tell a supervising parent what the child runs with."""
    logger.info(
        "Native options: %s (decided by %s: %s). WEEDGO_REPACK=on|off overrides.",
        verdict.options.describe(),
        verdict.source,
        verdict.reason,
    )
    state = os.environ.get(STATE_ENV)
    if state:
        write_json_atomic(
            Path(state),
            {
                "verdict": verdict.as_dict(),
                "key": asdict(key) if key is not None else None,
                "store": str(store.path.parent),
            },
        )


def record_crash(state_file: Path, signal_text: str) -> Verdict | None:
    """After the serving child died from ``signal_text``: remember a safer verdict.

    Only a probed or remembered verdict with a candidate safer than it is replaced; an
    explicit ``WEEDGO_REPACK`` stays the operator's choice. Returns the new verdict.
    """
    state = read_json(state_file)
    verdict_data, key_data = state.get("verdict"), state.get("key")
    if not isinstance(verdict_data, dict) or not isinstance(key_data, dict):
        return None
    current = Verdict.from_dict(verdict_data, str(verdict_data.get("source", "")))
    if current.source == "setting" or current.options not in CANDIDATES:
        return None
    position = CANDIDATES.index(current.options)
    if position + 1 >= len(CANDIDATES):
        return None
    safer = CANDIDATES[position + 1]
    reason = f"the service died from {signal_text} while running with {current.options.describe()}"
    verdict = Verdict(safer, "crash", reason, current.attempts, _now())
    VerdictStore(Path(str(state["store"]))).put(ProbeKey(**key_data), verdict)
    return verdict


def resolve(
    model: Path,
    mode: RepackMode,
    data_dir: Path,
    prober: Prober,
    *,
    fresh: bool = False,
    shape: ProbeShape | None = None,
) -> tuple[Verdict, ProbeKey | None]:
    """Decide (probing when needed) and announce the options for ``model`` in a context of
    ``shape`` (the prober's)."""
    store = VerdictStore(data_dir)
    key_of = lambda: ProbeKey.for_model(model, data_dir, shape)  # noqa: E731
    verdict, key = decide(mode, key_of, store, prober, fresh=fresh)
    announce(verdict, key, store)
    return verdict, key
