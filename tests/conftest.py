"""Shared fixtures: settings on a temporary SQLite file and the scriptable fake engine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from weedgo.app import create_app
from weedgo.config import Settings
from weedgo.engine.fake import FakeEngine
from weedgo.engine.model_files import ensure_model, source_model

REPO_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

POSTGRES_URL = os.environ.get(
    "WEEDGO_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("WEEDGO_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ADMIN_KEY = "test-admin-key"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": f"sqlite:///{tmp_path / 'weedgo.db'}",
        "data_dir": tmp_path,
        "engine": "fake",
        "redis_url": None,
        "precompute": False,
        "admin_api_key": ADMIN_KEY,
        "create_database": True,  # each test starts on a new SQLite file
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The real model file, assembled once into the repository's data folder."""
    return ensure_model(Settings(data_dir=REPO_DATA_DIR, _env_file=None))  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def full_model_path() -> Path:
    """The packaged model with its whole vocabulary (``model_path`` is the trimmed one)."""
    return source_model(Settings(data_dir=REPO_DATA_DIR, _env_file=None))  # type: ignore[call-arg]


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def client(settings: Settings, fake_engine: FakeEngine) -> Iterator[TestClient]:
    app = create_app(settings, engine=fake_engine, wait_for_engine=True)
    with TestClient(app) as test_client:
        yield test_client


def unavailable_in_ci(what: str) -> None:
    """Skip locally when a server is missing; fail in CI, where it must be there."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not reachable, and CI must run these tests")
    pytest.skip(f"{what} is not reachable")
