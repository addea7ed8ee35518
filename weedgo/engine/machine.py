"""Facts about this machine that decide which native options are safe and fast.

The CPU's model name and instruction-set flags come from ``/proc/cpuinfo``; the llama.cpp
build from llama-cpp-python's version and ``llama_print_system_info``; a model file is
named by its SHA-256, remembered beside the file's size and modification time so that a
later start does not read the whole file again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
from dataclasses import dataclass
from functools import cache
from pathlib import Path

logger = logging.getLogger(__name__)

# Instruction-set features worth naming in a report (the key uses every flag).
FEATURES = (
    "avx",
    "avx2",
    "fma",
    "f16c",
    "avx_vnni",
    "avx512f",
    "avx512bw",
    "avx512vl",
    "avx512_vnni",
    "avx512_bf16",
    "amx_tile",
    "amx_int8",
    "amx_bf16",
)


@dataclass(frozen=True)
class CpuFacts:
    model: str
    flags: frozenset[str]

    @property
    def features(self) -> list[str]:
        """The named features this CPU has, in a fixed order."""
        return [name for name in FEATURES if name in self.flags]

    @property
    def has_amx(self) -> bool:
        return any(flag.startswith("amx") for flag in self.flags)

    @property
    def flags_digest(self) -> str:
        return hashlib.sha256(" ".join(sorted(self.flags)).encode()).hexdigest()[:16]


def read_cpu(cpuinfo: Path = Path("/proc/cpuinfo")) -> CpuFacts:
    """The first processor's model name and flags (every core of a machine is alike)."""
    model, flags = "", ""
    try:
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "model name" and not model:
                model = value.strip()
            elif name == "flags" and not flags:
                flags = value.strip()
    except OSError:
        pass
    return CpuFacts(model or platform.processor() or platform.machine(), frozenset(flags.split()))


def cpu_model() -> str:
    """The CPU's model name, as the kernel reports it."""
    return read_cpu().model


@cache
def llama_build() -> str:
    """llama-cpp-python's version and the features its llama.cpp was built with."""
    import llama_cpp

    info = llama_cpp.llama_print_system_info()
    text = info.decode("utf-8", "replace") if isinstance(info, bytes) else str(info)
    return f"llama-cpp-python {llama_cpp.__version__}; {' '.join(text.split())}"


def file_sha256(path: Path, memo: Path | None = None) -> str:
    """The file's SHA-256, read from ``memo`` when the file's size and mtime still match."""
    stat = path.stat()
    identity = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    known = read_json(memo) if memo is not None else {}
    if isinstance(known.get(identity), str):
        return str(known[identity])
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    value = digest.hexdigest()
    if memo is not None:
        known = {k: v for k, v in known.items() if not k.startswith(f"{path.resolve()}:")}
        known[identity] = value
        write_json_atomic(memo, known)
    return value


def read_json(path: Path) -> dict[str, object]:
    """A JSON object from ``path``; empty when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json_atomic(path: Path, data: object) -> None:
    """Write JSON through a temporary file, so a reader never sees half of it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:  # a read-only data folder: the verdict is not remembered
        logger.warning("Could not write %s: %s", path, error)
