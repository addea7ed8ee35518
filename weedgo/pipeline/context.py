"""Per-request state of a chat turn, and the session step shared by both pipelines."""

from __future__ import annotations

import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from weedgo.compliance.policy import PolicyDecision
from weedgo.domain import Product, SessionInfo, Turn
from weedgo.domain.turn import Analysis, ProductCard
from weedgo.errors import Forbidden, InvalidSessionId, StoreError, StoreTimeout
from weedgo.pipeline.plan import TurnPlan
from weedgo.store.base import Store

logger = logging.getLogger(__name__)

SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
_SESSION_ID = re.compile(SESSION_ID_PATTERN)


def new_session_id() -> str:
    return uuid.uuid4().hex


def check_session_id(session_id: str) -> str:
    if not _SESSION_ID.match(session_id):
        raise InvalidSessionId(
            "session_id must be 8 to 64 characters of letters, digits, '-' or '_'."
        )
    return session_id


@dataclass
class ChatInput:
    """One customer message, as the API hands it to a pipeline."""

    message: str
    customer_id: str
    session_id: str | None = None
    language: str | None = None  # asked for explicitly: it wins over every other signal
    page_language: str | None = None  # the language the page was showing
    age_verified: bool | None = None
    bypass_cache: bool = False
    ephemeral: bool = False  # pre-computation: no session is stored


@dataclass
class TurnState:
    """What a pipeline learns about a turn while it answers it."""

    inp: ChatInput
    session: SessionInfo
    language: str = "en"  # the reply's language (weedgo.i18n.detect.resolve_language)
    started: float = field(default_factory=time.perf_counter)
    history: list[Turn] = field(default_factory=list)
    analysis: Analysis | None = None
    decision: PolicyDecision | None = None  # the compliance policy's (weedgo.compliance)
    plan: TurnPlan | None = None  # what is shown and who writes (weedgo.pipeline.plan)
    products: list[Product] = field(default_factory=list)
    cards: list[ProductCard] = field(default_factory=list)
    quick_replies: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    degraded: list[str] = field(default_factory=list)
    # the reply as the response cache keeps it, once the turn may be cached
    cache_value: dict[str, Any] | None = None
    # After the database failed to answer in time, the turn asks it nothing more (it
    # would wait out the same fault again). A turn whose session could not be read, or
    # whose database did not answer, is not stored: the client is told (``stored``).
    store_down: bool = False
    # the session is new or its flags changed: saved with the turn, never before admission
    session_dirty: bool = False

    def store_failed(self, part: str, error: StoreError) -> None:
        """``part`` ("sessions", "history", "catalog") failed in this turn."""
        if isinstance(error, StoreTimeout):
            self.store_down = True
        if part not in self.degraded:
            self.degraded.append(part)

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def mark(self, name: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[name] = round(self.timings.get(name, 0.0) + (now - since) * 1000, 3)
        return now


async def open_session(
    store: Store, inp: ChatInput, *, reachable: bool = True
) -> tuple[SessionInfo, StoreError | None, bool]:
    """Load or start the customer's session: the session, the store's failure if any,
    and whether the session must be saved with the turn. Nothing is written here, so a
    turn refused later (the model's queue full) leaves no trace. A store failure, or a
    store that did not answer earlier in this turn, gives a transient session."""
    session_id = check_session_id(inp.session_id) if inp.session_id else new_session_id()
    fresh = SessionInfo(
        session_id=session_id,
        customer_id=inp.customer_id,
        age_verified=bool(inp.age_verified),
        language=inp.language or inp.page_language or "en",
    )
    if inp.ephemeral:
        return fresh, None, False
    try:
        if not reachable:
            raise StoreTimeout("the database did not answer earlier in this turn")
        session = await store.get_session(session_id)
    except StoreError as error:
        logger.warning("session store unavailable: %s", error)
        return fresh, error, False
    if session is None:
        return fresh, None, True
    if session.customer_id != inp.customer_id:
        raise Forbidden("This session belongs to another customer; start a new session.")
    if inp.age_verified and not session.age_verified:
        return session.model_copy(update={"age_verified": True}), None, True
    return session, None, False


async def recent_history(store: Store, state: TurnState, limit: int = 6) -> None:
    if state.inp.ephemeral or state.store_down:
        return
    try:
        state.history = await store.recent_turns(state.session.session_id, limit)
    except StoreError as error:
        logger.warning("history unavailable: %s", error)
        state.store_failed("history", error)


async def store_turns(store: Store, state: TurnState, reply: str, intent: str) -> bool:
    """Save the session when new or changed, and append the customer's message and the
    reply to its history. False when the turn is not stored (the client is told)."""
    if state.inp.ephemeral:
        return True
    if state.store_down or "sessions" in state.degraded:  # whose session, unknown
        return False
    turns = [
        Turn(role="user", content=state.inp.message, intent=intent),
        Turn(
            role="assistant",
            content=reply,
            product_ids=[card.id for card in state.cards],
            intent=intent,
        ),
    ]
    try:
        if state.session_dirty:
            await store.save_session(state.session)
            state.session_dirty = False
        await store.add_turns(state.session.session_id, turns)
    except StoreError as error:
        logger.error("turn not stored for session %s: %s", state.session.session_id, error)
        state.store_failed("history", error)
        return False
    return True


def remember_language(state: TurnState) -> None:
    """The session keeps the language of its latest turn; saved with the turn."""
    if state.session.language == state.language:
        return
    state.session = state.session.model_copy(update={"language": state.language})
    state.session_dirty = True


def switch_to_education_only(state: TurnState) -> None:
    """The session turns education-only; saved with the turn."""
    if state.session.education_only:
        return
    state.session = state.session.model_copy(update={"education_only": True})
    state.session_dirty = True
