"""Targets: the loopback rule, and reading JSON and Server-Sent Events replies."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from weedgo.perf.cli import main
from weedgo.perf.client import PerfError, RemoteNotAllowed, Target, check_target_url


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8001", "http://localhost:8000/", "http://[::1]:8001", "http://127.9.0.1"],
)
def test_loopback_urls_are_accepted(url: str) -> None:
    assert check_target_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url", ["http://example.com:8001", "https://10.0.0.5", "http://192.168.1.20:8001"]
)
def test_other_hosts_are_refused_unless_allowed(url: str) -> None:
    with pytest.raises(RemoteNotAllowed, match="--allow-remote"):
        check_target_url(url)
    assert check_target_url(url, allow_remote=True) == url


def test_non_http_urls_are_refused() -> None:
    with pytest.raises(PerfError):
        check_target_url("ftp://127.0.0.1/")


def test_the_command_refuses_a_remote_target(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--url", "http://example.com:8001", "--runs", "1", "--timeout", "1"])
    assert code == 2
    err = capsys.readouterr().err
    assert "refusing to load-test example.com" in err
    assert "--allow-remote" in err


EVENT_STREAM = {"content-type": "text/event-stream; charset=utf-8"}


def _sse(*events: tuple[str, dict[str, object]]) -> bytes:
    blocks = [": ping\r\n\r\n"]
    blocks += [f"event: {name}\r\ndata: {json.dumps(data)}\r\n\r\n" for name, data in events]
    return "".join(blocks).encode()


def _streamed(body: bytes) -> httpx.MockTransport:
    return httpx.MockTransport(lambda _r: httpx.Response(200, content=body, headers=EVENT_STREAM))


def _target(handler: httpx.MockTransport, *, client_ttft: bool) -> tuple[Target, httpx.AsyncClient]:
    client = httpx.AsyncClient(transport=handler, base_url="http://127.0.0.1")

    async def memory() -> float | None:
        return 1.0

    return Target(
        "optimized", client, timeout_s=5, client_ttft=client_ttft, read_memory_mb=memory
    ), client


async def test_stream_reply_counts_tokens_and_reads_done() -> None:
    body = _sse(
        ("meta", {"session_id": "s", "intent": "greeting", "products": [], "quick_replies": []}),
        ("token", {"text": "Hi "}),
        ("token", {"text": "there"}),
        ("done", {"message": "Hi there", "cached": True, "response_time_ms": 3.5, "ttft_ms": 1.25}),
    )
    seen: list[dict[str, object]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, content=body, headers=EVENT_STREAM)

    target, client = _target(httpx.MockTransport(handle), client_ttft=False)
    async with client:
        reply = await target.chat_stream("hello", "c1")
    assert seen == [{"message": "hello", "customer_id": "c1"}]
    assert reply.ok and reply.cached is True
    assert reply.tokens == 2
    assert reply.server_ms == 3.5
    assert (reply.ttft_ms, reply.ttft_source) == (1.25, "server")


async def test_stream_measures_ttft_client_side_over_a_url() -> None:
    body = _sse(("token", {"text": "Hi"}), ("done", {"cached": False, "ttft_ms": 999.0}))
    target, client = _target(_streamed(body), client_ttft=True)
    async with client:
        reply = await target.chat_stream("hello", "c1")
    assert reply.ok and reply.ttft_source == "client"
    assert reply.ttft_ms is not None and reply.ttft_ms < 999.0


async def test_stream_error_event_is_a_failed_reply() -> None:
    body = _sse(("error", {"code": "overloaded", "message": "busy"}))
    target, client = _target(_streamed(body), client_ttft=True)
    async with client:
        reply = await target.chat_stream("hello", "c1")
    assert not reply.ok and reply.error == "overloaded"


async def test_stream_events_split_across_chunks_and_lines_of_data() -> None:
    """Events arrive in pieces of any size; a multi-line ``data`` field is one value."""
    done = json.dumps({"cached": False, "response_time_ms": 7.0}, indent=1)
    raw = "event: token\ndata: {}\n\nevent: done\n" + "".join(
        f"data: {line}\n" for line in done.splitlines()
    )
    payload = (raw + "\n").encode()

    async def pieces() -> AsyncIterator[bytes]:
        for start in range(0, len(payload), 5):
            yield payload[start : start + 5]

    transport = httpx.MockTransport(
        lambda _r: httpx.Response(200, content=pieces(), headers=EVENT_STREAM)
    )
    target, client = _target(transport, client_ttft=True)
    async with client:
        reply = await target.chat_stream("hello", "c1")
    assert reply.ok and reply.tokens == 1 and reply.server_ms == 7.0


async def test_a_reply_that_is_not_an_event_stream_is_a_failure() -> None:
    body = _sse(("done", {"cached": False}))
    transport = httpx.MockTransport(
        lambda _r: httpx.Response(200, content=body, headers={"content-type": "text/html"})
    )
    target, client = _target(transport, client_ttft=True)
    async with client:
        reply = await target.chat_stream("hello", "c1")
    assert not reply.ok and reply.error == "SSEError"


async def test_a_stream_cut_before_done_is_a_failure() -> None:
    body = _sse(("token", {"text": "Hi"}))
    target, client = _target(_streamed(body), client_ttft=True)
    async with client:
        reply = await target.chat_stream("hello", "c1")
    assert not reply.ok and reply.tokens == 1


async def test_json_reply_and_http_errors() -> None:
    answers = iter(
        [
            httpx.Response(
                200,
                json={
                    "cached": False,
                    "response_time_ms": 40.0,
                    "ttft_ms": 12.0,
                    "fallback": False,
                    "products": [{"name": "a"}, {"name": "b"}],
                    "message": "Two for you.",
                },
            ),
            httpx.Response(503, json={"error": {"code": "unavailable"}}),
        ]
    )
    target, client = _target(httpx.MockTransport(lambda _r: next(answers)), client_ttft=True)
    async with client:
        good = await target.chat("hi", "c1")
        bad = await target.chat("hi", "c2")
    assert good.ok and good.cached is False and good.server_ms == 40.0 and good.ttft_ms == 12.0
    assert (good.fallback, good.products, good.message) == (False, 2, "Two for you.")
    assert not bad.ok and bad.error == "HTTP 503"
