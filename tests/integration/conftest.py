"""One real service (packaged GGUF model, SQLite) shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings
from weedgo.app import create_app

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def real_client(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp("real")
    settings = make_settings(tmp, engine="llama", model_path=model_path, precompute=False)
    with TestClient(create_app(settings, wait_for_engine=True)) as client:
        yield client


@pytest.fixture(scope="module")
def full_vocab_client(
    full_model_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The same service on the packaged model's whole vocabulary."""
    tmp = tmp_path_factory.mktemp("full")
    settings = make_settings(
        tmp, engine="llama", model_path=full_model_path, vocab="full", precompute=False
    )
    with TestClient(create_app(settings, wait_for_engine=True)) as client:
        yield client


@pytest.fixture(params=["trimmed", "full"])
def vocab_client(request: pytest.FixtureRequest) -> TestClient:
    """The real-model service with the trimmed, then the full vocabulary."""
    name = "real_client" if request.param == "trimmed" else "full_vocab_client"
    client: TestClient = request.getfixturevalue(name)
    return client
