"""The request id of the request being served, for log lines (a context variable)."""

from __future__ import annotations

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("weedgo_request_id", default="-")
