"""The package's optional parts, and the message that names the one to install.

A plain ``pip install weedgo`` serves with a remote engine, SQLite and the in-process
cache. The embedded model (``[local]``: llama-cpp-python and the packaged GGUF),
PostgreSQL (``[postgres]``), Redis (``[redis]``) and the benchmark charts (``[perf]``) are
extras; a setting that needs one that is not installed stops with this message instead
of an import error.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class MissingExtra(RuntimeError):
    """A setting asks for an optional part that is not installed."""


def require(module: str, extra: str, why: str) -> ModuleType:
    """``module`` imported, or :class:`MissingExtra` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtra(
            f"{why} needs the {extra!r} extra, which is not installed: "
            f"pip install 'weedgo[{extra}]' ({error})"
        ) from error
