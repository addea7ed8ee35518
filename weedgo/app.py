"""The app factory: ``create_app(settings)`` builds the service; the lifespan runs it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from weedgo import __version__
from weedgo.api import admin, chat, health, metrics, products, socket
from weedgo.api.errors import install_error_handlers
from weedgo.api.middleware import BodyLimitMiddleware, JSONCORSMiddleware, RequestIdMiddleware
from weedgo.api.responses import ANY_ROUTE
from weedgo.config import Settings
from weedgo.engine.base import Engine
from weedgo.services import Services
from weedgo.store.base import Store

logger = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    store: Store | None = None,
    wait_for_engine: bool = False,
) -> FastAPI:
    """Build the service. ``engine``/``store`` replace the configured ones (tests)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = Services(settings, engine=engine, store=store)
        app.state.services = services
        await services.start(wait_for_engine=wait_for_engine)
        try:
            yield
        finally:
            await services.stop()

    app = FastAPI(
        title="WeedGo AI Engine",
        version=__version__,
        description="A fast, grounded AI budtender for licensed cannabis stores.\n" + ANY_ROUTE,
        lifespan=lifespan,
    )
    if settings.cors_origins:
        app.add_middleware(
            JSONCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
        )
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (chat, socket, products, health, metrics, admin):
        app.include_router(module.router)
    serve_web_page(app)
    return app


def serve_web_page(app: FastAPI) -> None:
    """The chat page's files for any path no route matches.

    Not a mount at ``/``: a mount there matches every path, so a wrong method on an API
    route would get the static files' 405 (``Allow: GET, HEAD``) instead of the route's.
    """
    web = resources.files("weedgo").joinpath("web")
    if not web.joinpath("index.html").is_file():
        return
    files = StaticFiles(directory=str(web), html=True)
    not_found = app.router.default

    async def web_or_not_found(scope: Scope, receive: Receive, send: Send) -> None:
        handler = files if scope["type"] == "http" else not_found
        await handler(scope, receive, send)

    app.router.default = web_or_not_found
