"""Targets of a benchmark: an app in this process or a running service on loopback.

A :class:`Target` sends one chat request (JSON or Server-Sent Events) and returns a
:class:`Reply` with the client-side latency and the server's own figures. In this
process the ASGI transport delivers a streamed body only when it is complete, so the
time to first token comes from the ``done`` event; over a URL it is measured here, at
the first ``token`` event. The event stream is read with ``httpx-sse``.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import psutil
from httpx_sse import EventSource, aconnect_sse

from weedgo.config import Settings
from weedgo.engine.base import Engine

logger = logging.getLogger(__name__)

CHAT = "/api/v1/chat"
STREAM = "/api/v1/chat/stream"
METRICS = "/api/v1/metrics"


class PerfError(RuntimeError):
    """The benchmark cannot run (bad target, service not ready, refused URL)."""


class RemoteNotAllowed(PerfError):
    """A target URL that is not on this machine, without ``--allow-remote``."""


def is_loopback_host(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_target_url(url: str, *, allow_remote: bool = False) -> str:
    """The URL without a trailing slash; refuses non-HTTP and (by default) non-loopback."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PerfError(f"{url!r} is not an http:// or https:// URL")
    if not allow_remote and not is_loopback_host(parts.hostname):
        raise RemoteNotAllowed(
            f"refusing to load-test {parts.hostname}: only this machine (127.0.0.1, ::1, "
            "localhost) is allowed as a target; pass --allow-remote if you run that service"
        )
    return url.rstrip("/")


@dataclass
class Reply:
    """What one request measured."""

    ok: bool
    latency_ms: float
    server_ms: float | None = None
    ttft_ms: float | None = None
    ttft_source: str | None = None
    cached: bool | None = None
    tokens: int = 0
    error: str | None = None
    model_text: bool | None = None  # the reply carries model-written text (not a fallback)
    # the JSON reply's own figures (the seed example prints them)
    fallback: bool | None = None
    products: int | None = None  # product cards
    message: str | None = None


class Target:
    """One service under test, named after its pipeline."""

    def __init__(
        self,
        name: str,
        client: httpx.AsyncClient,
        *,
        timeout_s: float,
        client_ttft: bool,
        read_memory_mb: Callable[[], Awaitable[float | None]],
        clear_cache: Callable[[], None] | None = None,
        memory_source: str = "",
    ) -> None:
        self.name = name
        self.client = client
        self.timeout_s = timeout_s
        self.client_ttft = client_ttft
        self.read_memory_mb = read_memory_mb
        self._clear_cache = clear_cache
        self.memory_source = memory_source

    def clear_cache(self) -> bool:
        """Empty the service's caches when reachable (in this process); False otherwise."""
        if self._clear_cache is None:
            return False
        self._clear_cache()
        return True

    async def chat(self, text: str, customer: str) -> Reply:
        began = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout_s):
                response = await self.client.post(CHAT, json=_body(text, customer))
            elapsed = (time.perf_counter() - began) * 1000
            if response.status_code != 200:
                return Reply(False, elapsed, error=f"HTTP {response.status_code}")
            body = response.json()
        except (TimeoutError, httpx.HTTPError, ValueError) as error:
            return Reply(False, (time.perf_counter() - began) * 1000, error=_describe(error))
        ttft = body.get("ttft_ms")
        products = body.get("products")
        return Reply(
            True,
            elapsed,
            server_ms=body.get("response_time_ms"),
            ttft_ms=ttft,
            ttft_source="server" if ttft is not None else None,
            cached=bool(body.get("cached")),
            fallback=bool(body.get("fallback")),
            products=len(products) if isinstance(products, list) else None,
            message=body.get("message"),
        )

    async def chat_stream(self, text: str, customer: str) -> Reply:
        began = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout_s):
                return await self._stream(text, customer, began)
        except (TimeoutError, httpx.HTTPError, ValueError) as error:
            return Reply(False, (time.perf_counter() - began) * 1000, error=_describe(error))

    async def _stream(self, text: str, customer: str, began: float) -> Reply:
        reply = Reply(False, 0.0)
        body = _body(text, customer)
        async with aconnect_sse(self.client, "POST", STREAM, json=body) as source:
            if source.response.status_code != 200:
                reply.error = f"HTTP {source.response.status_code}"
            else:
                await self._read_events(source, reply, began)
        reply.latency_ms = (time.perf_counter() - began) * 1000
        return reply

    async def _read_events(self, source: EventSource, reply: Reply, began: float) -> None:
        async with aclosing(source.aiter_sse()) as events:
            async for event in events:
                if self._on_event(event.event, event.data, reply, began):
                    return

    def _on_event(self, event: str, data: str, reply: Reply, began: float) -> bool:
        """Record one event; True when the stream is over."""
        if event == "token":
            reply.tokens += 1
            if reply.tokens == 1 and self.client_ttft:
                reply.ttft_ms = round((time.perf_counter() - began) * 1000, 2)
                reply.ttft_source = "client"
        elif event == "done":
            done = json.loads(data)
            reply.ok = True
            reply.cached = bool(done.get("cached"))
            reply.server_ms = done.get("response_time_ms")
            authors = done.get("authors")
            reply.model_text = "model" in authors if isinstance(authors, list) else None
            if not self.client_ttft and done.get("ttft_ms") is not None:
                reply.ttft_ms, reply.ttft_source = done["ttft_ms"], "server"
            return True
        elif event == "error":
            reply.error = str(json.loads(data).get("code", "error"))
            return True
        return False

    async def metrics(self) -> dict[str, Any]:
        try:
            async with asyncio.timeout(self.timeout_s):
                response = await self.client.get(METRICS)
            data = response.json() if response.status_code == 200 else {}
        except (TimeoutError, httpx.HTTPError, ValueError) as error:
            logger.warning("metrics of %s unavailable: %s", self.name, error)
            return {}
        return data if isinstance(data, dict) else {}


def _body(text: str, customer: str) -> dict[str, str]:
    return {"message": text, "customer_id": customer}


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "timeout"
    return type(error).__name__


async def _wait_ready(
    client: httpx.AsyncClient, where: str, ready_timeout_s: float
) -> dict[str, Any]:
    """The /health body once it answers 200; polls once a second, a bounded number of times."""
    last = "no answer"
    for _ in range(max(1, int(ready_timeout_s))):
        try:
            response = await client.get("/health")
            if response.status_code == 200:
                body = response.json()
                return body if isinstance(body, dict) else {}
            last = f"HTTP {response.status_code}: {response.text[:200]}"
        except httpx.HTTPError as error:
            last = _describe(error)
        await asyncio.sleep(1.0)
    raise PerfError(f"{where} is not ready after {ready_timeout_s:.0f} s ({last})")


@asynccontextmanager
async def url_target(
    url: str, *, timeout_s: float, ready_timeout_s: float = 60.0, name: str | None = None
) -> AsyncIterator[Target]:
    """A running service; its memory figure comes from /api/v1/metrics."""
    async with httpx.AsyncClient(base_url=url, timeout=timeout_s, trust_env=False) as client:
        health = await _wait_ready(client, url, ready_timeout_s)
        target = Target(
            name or str(health.get("pipeline", "service")),
            client,
            timeout_s=timeout_s,
            client_ttft=True,
            read_memory_mb=lambda: _metrics_memory(target),
            memory_source=f"{METRICS} memory_rss_mb",
        )
        yield target


async def _metrics_memory(target: Target) -> float | None:
    value = (await target.metrics()).get("memory_rss_mb")
    return float(value) if isinstance(value, int | float) else None


async def _process_memory() -> float | None:
    return float(psutil.Process().memory_info().rss) / 2**20


@asynccontextmanager
async def in_process_target(
    settings: Settings,
    *,
    timeout_s: float,
    ready_timeout_s: float = 60.0,
    engine: Engine | None = None,
) -> AsyncIterator[Target]:
    """An app built from ``settings`` (with ``engine`` when given) and run through its
    lifespan in this process."""
    from weedgo.app import create_app

    app = create_app(settings, engine=engine, wait_for_engine=True)
    async with app.router.lifespan_context(app):
        problem = app.state.services.store_problem
        if problem:  # measuring a service that cannot open its database says nothing
            raise PerfError(f"the {settings.pipeline} app has no database: {problem}")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://127.0.0.1", timeout=timeout_s
        ) as client:
            await _wait_ready(client, f"the {settings.pipeline} app", ready_timeout_s)
            yield Target(
                settings.pipeline,
                client,
                timeout_s=timeout_s,
                client_ttft=False,
                read_memory_mb=_process_memory,
                clear_cache=app.state.services.caches.clear,
                memory_source="process RSS (psutil; every app of this run)",
            )
