"""Asking the held-out questions through the real service, and scoring the replies.

The app is built in this process from the settings (the real engine unless told
otherwise) on a temporary SQLite database seeded with the demo catalog, with the caches
and pre-computation off. Each question goes to the JSON chat endpoint on its own, from a
new customer, so no reply comes from a cache or leans on another question's history.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from weedgo.config import Settings
from weedgo.engine.base import Engine
from weedgo.perf.client import CHAT, in_process_target
from weedgo.quality.questions import Question
from weedgo.quality.rubric import Card, Reply, score

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int], None]
WARMUP_TEXT = "any hybrid vapes around $40?"  # not in the set: the cache is off either way


@dataclass
class Answer:
    """One question, the service's reply to it, and the rubric's verdicts."""

    question: Question
    ok: bool
    latency_ms: float
    text: str = ""
    cards: list[dict[str, Any]] = field(default_factory=list)
    intent: str = ""
    authors: list[str] = field(default_factory=list)
    fallback: bool = False
    server_ms: float | None = None
    model: str = ""
    error: str | None = None
    verdicts: dict[str, str | None] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.ok and all(reason is None for reason in self.verdicts.values())

    @property
    def failures(self) -> list[str]:
        return [name for name, reason in self.verdicts.items() if reason is not None]

    def reply(self) -> Reply:
        return Reply(
            question=self.question,
            text=self.text,
            cards=tuple(Card.from_json(card) for card in self.cards),
            intent=self.intent,
            authors=tuple(self.authors),
        )

    @property
    def product_reply(self) -> bool:
        return self.ok and self.reply().product_reply

    @property
    def model_wrote(self) -> bool:
        return "model" in self.authors


def quality_settings(database: Path, **overrides: Any) -> Settings:
    """The service's settings (environment, ``.env``) on ``database``, with no caches."""
    values: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    values.update(
        database_url=f"sqlite:///{database}",
        create_database=True,  # the run's own file, made for it
        seed_demo_catalog=True,
        enable_caching=False,
        precompute=False,
    )
    return Settings(**values)


def _answer(question: Question, body: dict[str, Any], latency_ms: float) -> Answer:
    answer = Answer(
        question=question,
        ok=True,
        latency_ms=round(latency_ms, 2),
        text=str(body.get("message", "")),
        cards=list(body.get("products", [])),
        intent=str(body.get("intent", "")),
        authors=list(body.get("authors", [])),
        fallback=bool(body.get("fallback")),
        server_ms=body.get("response_time_ms"),
        model=str(body.get("model", "")),
    )
    answer.verdicts = score(answer.reply())
    return answer


async def ask(client: httpx.AsyncClient, question: Question) -> Answer:
    """One question from a new customer; a failed request is an answer with ``ok=False``."""
    body = {
        "message": question.text,
        "customer_id": f"quality-{uuid.uuid4().hex[:12]}",
        "language": question.language,
    }
    began = time.perf_counter()
    try:
        response = await client.post(CHAT, json=body)
    except httpx.HTTPError as error:
        elapsed = (time.perf_counter() - began) * 1000
        return Answer(question, False, round(elapsed, 2), error=type(error).__name__)
    elapsed = (time.perf_counter() - began) * 1000
    if response.status_code != 200:
        return Answer(question, False, round(elapsed, 2), error=f"HTTP {response.status_code}")
    return _answer(question, response.json(), elapsed)


async def ask_all(
    client: httpx.AsyncClient,
    questions: Sequence[Question],
    *,
    warmup: int = 1,
    progress: ProgressFn | None = None,
) -> list[Answer]:
    """Every question in order, one at a time, after ``warmup`` unscored requests."""
    for _ in range(warmup):
        await client.post(CHAT, json={"message": WARMUP_TEXT, "customer_id": "quality-warmup"})
    answers: list[Answer] = []
    for index, question in enumerate(questions, start=1):
        answer = await ask(client, question)
        if not answer.ok:
            logger.warning("question %s failed: %s", question.id, answer.error)
        answers.append(answer)
        if progress is not None:
            progress(index)
    return answers


async def run_questions(
    settings: Settings,
    questions: Sequence[Question],
    *,
    engine: Engine | None = None,
    timeout_s: float = 60.0,
    ready_timeout_s: float = 180.0,
    warmup: int = 1,
    progress: ProgressFn | None = None,
) -> list[Answer]:
    """Build the app from ``settings``, ask every question, close the app."""
    async with in_process_target(
        settings, timeout_s=timeout_s, ready_timeout_s=ready_timeout_s, engine=engine
    ) as target:
        return await ask_all(target.client, questions, warmup=warmup, progress=progress)
