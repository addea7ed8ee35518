"""Browser fixtures: the real service on a loopback port and headless Chromium from the OS.

The service runs under uvicorn in a background thread with the fake engine; the browser is
the distribution's Chromium driven by Playwright (no browser is ever downloaded). Without
either, the tests skip locally and fail in CI.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings, unavailable_in_ci
from tests.live import LiveServer
from weedgo.app import create_app
from weedgo.engine.base import GenerationParams, GenerationStats
from weedgo.engine.fake import FakeEngine
from weedgo.errors import Overloaded

CHROMIUM = os.environ.get("WEEDGO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
START_TIMEOUT_S = 30.0

ServerFactory = Callable[..., str]


class BusyEngine(FakeEngine):
    """An engine whose queue is always full, so every turn is refused as overloaded."""

    def queue_depth(self) -> int:
        return 1_000_000

    async def stream(
        self, prompt: str, params: GenerationParams, stats: GenerationStats | None = None
    ) -> AsyncIterator[str]:
        raise Overloaded("The assistant is busy; please try again in a moment.")
        yield ""  # pragma: no cover - makes this an async generator


def _serve(tmp_path: Path, fake: FakeEngine | None, **overrides: object) -> tuple[LiveServer, str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    settings = make_settings(tmp_path, **overrides)
    live = LiveServer(create_app(settings, engine=fake, wait_for_engine=True))
    return live, live.start()


@pytest.fixture(scope="module")
def live_engine() -> FakeEngine:
    """The engine behind ``base_url``: ``enqueue`` scripts its next replies."""
    return FakeEngine(delay_s=0.02)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, live_engine: FakeEngine) -> Iterator[str]:
    """The service with the fake engine, shared by the tests of a module."""
    live, url = _serve(tmp_path_factory.mktemp("web"), live_engine)
    yield url
    live.stop()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[ServerFactory]:
    """Start a dedicated service: ``serve(engine, **settings)`` returns its base URL."""
    servers: list[LiveServer] = []

    def start(fake: FakeEngine | None, **overrides: object) -> str:
        live, url = _serve(tmp_path / f"s{len(servers)}", fake, **overrides)
        servers.append(live)
        return url

    yield start
    for live in servers:
        live.stop()


@pytest.fixture
def busy_url(serve: ServerFactory) -> str:
    """A service whose model is always busy; the model writes whole replies
    (WEEDGO_LEAD_REPLY=false), so a turn that needs it is refused with 503."""
    return serve(BusyEngine(), enable_caching=False, lead_reply=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        unavailable_in_ci(f"Chromium ({CHROMIUM})")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable_in_ci("Playwright")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """Open pages in fresh browser contexts (empty storage); closed after the test."""
    contexts: list[Any] = []
    errors: list[str] = []

    def open_page(url: str, *, width: int = 1000, height: int = 800, block_ws: bool = False) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        if block_ws:
            page.add_init_script("window.WebSocket = function () { throw new Error('blocked'); };")
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
