"""Sessions and conversation history."""

from __future__ import annotations

import asyncio

from weedgo.domain import SessionInfo, Turn
from weedgo.store.base import Store


async def test_session_create_and_update(store: Store) -> None:
    assert await store.get_session("s-1") is None
    session = SessionInfo(session_id="s-1", customer_id="c-9", language="fr")
    await store.save_session(session)
    assert await store.get_session("s-1") == session
    verified = session.model_copy(update={"age_verified": True, "education_only": True})
    await store.save_session(verified)
    assert await store.get_session("s-1") == verified


async def test_turns_come_back_oldest_first(store: Store) -> None:
    await store.save_session(SessionInfo(session_id="s-2", customer_id="c"))
    turns = [
        Turn(role="user" if n % 2 == 0 else "assistant", content=f"message {n}",
             product_ids=[f"P-{n}", "P-x"] if n % 2 else [], intent="search")
        for n in range(10)
    ]  # fmt: skip
    await store.add_turns("s-2", turns[:4])
    await store.add_turns("s-2", turns[4:])
    assert await store.recent_turns("s-2", limit=3) == turns[-3:]
    assert await store.recent_turns("s-2", limit=50) == turns
    assert await store.recent_turns("s-2", limit=0) == []
    assert await store.recent_turns("other") == []


async def test_turns_for_an_unknown_session_create_it(store: Store) -> None:
    await store.add_turns("s-3", [Turn(role="user", content="hi")])
    session = await store.get_session("s-3")
    assert session is not None and not session.age_verified
    assert [t.content for t in await store.recent_turns("s-3")] == ["hi"]


async def test_concurrent_writers_and_readers(store: Store) -> None:
    await store.save_session(SessionInfo(session_id="s-4", customer_id="c"))

    async def write(n: int) -> None:
        await store.add_turns("s-4", [Turn(role="user", content=f"{n}-a"),
                                      Turn(role="assistant", content=f"{n}-b")])  # fmt: skip

    await asyncio.gather(*(write(n) for n in range(20)), *(store.ping() for _ in range(20)))
    history = await store.recent_turns("s-4", limit=100)
    assert len(history) == 40
    for first, second in zip(history[::2], history[1::2], strict=True):
        assert first.content[:-2] == second.content[:-2], "each batch stays together"
