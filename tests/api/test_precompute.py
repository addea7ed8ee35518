"""Common first questions are answered at start-up, in the background."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import make_settings
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine


def test_common_questions_are_cached_after_start(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, precompute=True)
    engine = FakeEngine()
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        assert client.get("/health").status_code == 200  # ready before pre-computation ends
        services = client.app.state.services  # type: ignore[attr-defined]
        deadline = time.monotonic() + 10
        while services.precompute_task is None or not services.precompute_task.done():
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert services.precompute_task.result() >= 10
        prompts_before = len(engine.prompts)
        body = client.post("/api/v1/chat", json={"message": "Hello!", "customer_id": "c"}).json()
        assert body["cached"] is True
        assert len(engine.prompts) == prompts_before
        # the hit's turn is stored; the pre-computation stored none
        turns = client.portal.call(services.store.recent_turns, body["session_id"], 10)  # type: ignore[attr-defined]
        assert [t.role for t in turns] == ["user", "assistant"]
