"""The API keeps its OpenAPI document: schemathesis against the live app.

The service runs with uvicorn in a thread (fake engine, temporary SQLite, the demo
catalog); schemathesis's command line generates requests from ``/openapi.json`` in all
its phases (coverage, fuzzing, stateful), at most ``MAX_EXAMPLES`` per operation, with
every check on. The two statuses a schema cannot state are in ``schemathesis.toml``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN, make_settings
from tests.live import LiveServer
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine

CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 40
SEED = 20261201


@pytest.mark.slow
def test_the_api_keeps_its_openapi_document(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path), engine=FakeEngine(), wait_for_engine=True)
    live = LiveServer(app)
    url = live.start()
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(CONFIG),
        "--no-color",
        "run",
        f"{url}/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--workers",
        "1",
        "--header",
        f"Authorization: {ADMIN['Authorization']}",
    ]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    finally:
        live.stop()
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/api/v1/chat", "POST"),
        ("GET", "/api/v1/chat/stream", "POST"),
        ("DELETE", "/api/v1/products", "GET"),
        ("POST", "/health", "GET"),
    ],
)
def test_a_wrong_method_gets_405_with_the_routes_allow(
    client: TestClient, method: str, path: str, allow: str
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_the_chat_page_is_still_served_beside_the_api(client: TestClient) -> None:
    assert "text/html" in client.get("/").headers["content-type"]
    assert client.get("/app.js").status_code == 200
    missing = client.get("/no-such-file.js")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_every_error_status_is_documented_with_the_error_body(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    chat = paths["/api/v1/chat"]["post"]["responses"]
    assert {"200", "400", "403", "413", "422", "503"} <= set(chat)
    assert chat["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorResponse")
    assert "Retry-After" in chat["503"]["headers"]
    stream = paths["/api/v1/chat/stream"]["post"]["responses"]["200"]["content"]
    assert list(stream) == ["text/event-stream"]
    assert "404" in paths["/api/v1/products/{product_id}"]["get"]["responses"]
