"""Metrics move as requests are made; Prometheus text parses; the benchmark endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import ADMIN, make_settings
from weedgo.app import create_app
from weedgo.engine.fake import FakeEngine
from weedgo.engine.llama import LlamaConfig, LlamaEngine


def _chat(client: TestClient, message: str, customer: str = "m") -> dict[str, object]:
    response = client.post("/api/v1/chat", json={"message": message, "customer_id": customer})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_json_metrics_count_requests_and_cache_hits(client: TestClient) -> None:
    before = client.get("/api/v1/metrics").json()
    assert before["requests"] == 0
    _chat(client, "show me some indica strains for sleep")
    _chat(client, "show me some indica strains for sleep", "other")
    _chat(client, "hello")
    client.post("/api/v1/chat", json={"message": "", "customer_id": "x"})
    after = client.get("/api/v1/metrics").json()
    assert after["requests"] == 3
    assert after["latency_ms_by_type"]["product"]["requests"] == 2
    assert after["latency_ms_by_type"]["greeting"]["requests"] == 1
    assert after["cache"]["response"]["hits"] == 1
    assert after["cache"]["response"]["misses"] == 2
    assert after["cache"]["response"]["hit_rate"] == round(1 / 3, 4)
    assert after["error_count"] == 1
    assert after["latency_ms"]["p50"] > 0
    assert after["memory_rss_mb"] > 10
    assert after["model"]["name"] == "fake-engine"
    assert after["queue_depth"] == 0


def test_json_metrics_report_the_engines_context_not_the_setting(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, n_ctx=512, n_ctx_complex=1024)
    with TestClient(create_app(settings, engine=FakeEngine(n_ctx=777), wait_for_engine=True)) as c:
        assert c.get("/api/v1/metrics").json()["model"]["n_ctx"] == 777
    with TestClient(create_app(settings, engine=FakeEngine(), wait_for_engine=True)) as c:
        assert c.get("/api/v1/metrics").json()["model"]["n_ctx"] is None  # the engine says not


@pytest.mark.model
def test_json_metrics_report_the_context_the_real_engine_loaded(
    model_path: Path, tmp_path: Path
) -> None:
    config = LlamaConfig(model_path=model_path, n_ctx=300, parallel=2, repack="off")
    settings = make_settings(tmp_path, engine="llama")  # its n_ctx settings: 512 and 1024
    engine = LlamaEngine(config)
    with TestClient(create_app(settings, engine=engine, wait_for_engine=True)) as client:
        model = client.get("/api/v1/metrics").json()["model"]
        health = engine.health()
    assert (model["n_ctx"], model["n_ctx_train"]) == (300, 32768)
    assert health["kv_cells_per_sequence"] == 512  # 300 positions, padded by llama.cpp


def test_prometheus_text_parses_and_counts(client: TestClient) -> None:
    _chat(client, "show me some indica strains for sleep")
    _chat(client, "show me some indica strains for sleep", "other")
    text = client.get("/metrics").text
    families = {family.name: family for family in text_string_to_metric_families(text)}
    for name in (
        "weedgo_request_latency_seconds",
        "weedgo_first_token_seconds",
        "weedgo_search_seconds",
        "weedgo_cache_hits",
        "weedgo_generated_tokens",
        "weedgo_errors",
    ):
        assert name in families, name
    hits = {
        sample.labels["level"]: sample.value
        for sample in families["weedgo_cache_hits"].samples
        if sample.name == "weedgo_cache_hits_total"
    }
    assert hits["response"] == 1
    requests = sum(
        s.value
        for s in families["weedgo_chat_requests"].samples
        if s.name == "weedgo_chat_requests_total"
    )
    assert requests == 2


def test_benchmark_endpoint_runs_cold_and_warm(client: TestClient) -> None:
    response = client.post(
        "/api/v1/benchmark", params={"iterations": 1, "limit_per_type": 2}, headers=ADMIN
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["queries"] == 6
    assert body["cold_ms"]["product"]["count"] == 2
    assert body["warm_hit_rate"] > 0.5
    assert body["warm_ms"]["greeting"]["p50"] <= body["cold_ms"]["greeting"]["p50"] + 5


@pytest.mark.parametrize("peer", ["127.0.0.1", "198.51.100.7"])
def test_benchmark_endpoint_is_off_without_a_key(tmp_path: Path, peer: str) -> None:
    settings = make_settings(tmp_path, admin_api_key=None)
    app = create_app(settings, engine=FakeEngine(), wait_for_engine=True)
    with TestClient(app, client=(peer, 4000)) as caller:
        response = caller.post("/api/v1/benchmark", headers={"X-Forwarded-For": "127.0.0.1"})
        assert response.status_code == 403
        assert "WEEDGO_ADMIN_API_KEY" in response.json()["error"]["message"]


def test_benchmark_endpoint_with_key(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, admin_api_key="k3y")
    app = create_app(settings, engine=FakeEngine(), wait_for_engine=True)
    with TestClient(app, client=("198.51.100.7", 4000)) as remote:
        assert remote.post("/api/v1/benchmark").status_code == 401
        ok = remote.post(
            "/api/v1/benchmark",
            params={"iterations": 1, "limit_per_type": 1},
            headers={"Authorization": "Bearer k3y"},
        )
        assert ok.status_code == 200


def test_server_timing_header_names_each_step(client: TestClient) -> None:
    response = client.post(
        "/api/v1/chat", json={"message": "any sativa pre-rolls?", "customer_id": "t"}
    )
    timing = response.headers["Server-Timing"]
    for step in ("session", "analysis", "search", "model"):
        assert f"{step};dur=" in timing
    cached = client.post(
        "/api/v1/chat", json={"message": "any sativa pre-rolls?", "customer_id": "u"}
    )
    assert "cache;dur=" in cached.headers["Server-Timing"]


def test_request_id_is_echoed_and_logged(client: TestClient, caplog: object) -> None:
    import logging

    assert hasattr(caplog, "set_level")
    caplog.set_level(logging.INFO)  # type: ignore[attr-defined]
    response = client.post(
        "/api/v1/chat",
        json={"message": "hello", "customer_id": "r"},
        headers={"X-Request-ID": "req-abc-123"},
    )
    assert response.headers["x-request-id"] == "req-abc-123"
    lines = [r.getMessage() for r in caplog.records]  # type: ignore[attr-defined]
    assert any("request_id=req-abc-123" in line and line.startswith("chat ") for line in lines)
    generated = client.get("/health").headers["x-request-id"]
    assert len(generated) == 16
