"""One deadline per request, shared by every step that may wait.

A chat turn or a catalog request starts its deadline (``WEEDGO_REQUEST_DEADLINE_S``)
with :func:`start`; the deadline lives in a context variable, so the store reads it
without being handed it. Every wait counts against it: the session and catalog reads
(:func:`db_timeout` caps each database call by what is left), the wait for the model's
queue and the model itself (:func:`model_budget` keeps a little back to finish the turn:
the fallback reply and storing the turn).

Outside a request (start-up, imports, tests of the store alone) there is no deadline
and each database call has only its own cap.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

# A database call that starts at or after the deadline still gets this long, so that
# a turn whose model used the whole budget can be stored.
DB_FLOOR_S = 0.1
_RESERVE_SHARE = 0.125  # of the request deadline, kept back from the model...
_RESERVE_MAX_S = 0.3  # ...but never more than this

_deadline: ContextVar[float | None] = ContextVar("weedgo_request_deadline", default=None)


def start(seconds: float) -> float:
    """Start the current request's deadline, ``seconds`` from now; the monotonic time."""
    at = time.monotonic() + seconds
    _deadline.set(at)
    return at


def clear() -> None:
    _deadline.set(None)


def remaining() -> float | None:
    """Seconds left before the current request's deadline (negative when past), or None."""
    at = _deadline.get()
    return None if at is None else at - time.monotonic()


def db_timeout(cap: float) -> float:
    """How long one database call may take: its own cap, within the request's deadline."""
    left = remaining()
    return cap if left is None else min(cap, max(left, DB_FLOOR_S))


def reserve(deadline_s: float) -> float:
    """The time kept back from the model to finish a turn."""
    return min(_RESERVE_MAX_S, deadline_s * _RESERVE_SHARE)


def model_budget(deadline_s: float) -> float:
    """Seconds the model (queue wait included) may still take in the current request."""
    left = remaining()
    if left is None:
        left = deadline_s
    return max(0.0, left - reserve(deadline_s))
