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
