"""Common first questions answered at start-up, in the background, to fill the cache."""

from __future__ import annotations

import asyncio
import logging

from weedgo.errors import WeedGoError
from weedgo.pipeline.context import ChatInput
from weedgo.pipeline.core import PipelineCore

logger = logging.getLogger(__name__)

COMMON_FIRST_QUESTIONS = (
    "hi",
    "hello",
    "hey",
    "what's good for sleep?",
    "show me some indica strains for sleep",
    "what sativa do you have?",
    "do you have edibles?",
    "show me pre-rolls",
    "what vapes do you have?",
    "what flower do you have?",
    "anything for a beginner?",
    "what's your cheapest eighth?",
)
# also answered in advance when the store's default language is French
COMMON_FIRST_QUESTIONS_FR = (
    "bonjour",
    "salut",
    "allo",
    "qu'est-ce qui est bon pour dormir?",
    "avez-vous des comestibles?",
    "montrez-moi des préroulés",
    "quelles fleurs avez-vous?",
    "quelque chose pour un débutant?",
)


def first_questions(default_language: str) -> tuple[str, ...]:
    """The common first questions a store answers in advance, by its default language."""
    if default_language == "fr":
        return COMMON_FIRST_QUESTIONS + COMMON_FIRST_QUESTIONS_FR
    return COMMON_FIRST_QUESTIONS


async def precompute(pipeline: PipelineCore, questions: tuple[str, ...] | None = None) -> int:
    """Run each question once through the pipeline; returns how many were answered.

    Runs one question at a time so that real customers, who share the model, wait
    for at most one pre-computation.
    """
    if questions is None:
        questions = first_questions(pipeline.settings.default_language)
    answered = 0
    for question in questions:
        inp = ChatInput(message=question, customer_id="precompute", ephemeral=True)
        try:
            async for _event in pipeline.handle(inp):
                pass
        except WeedGoError as error:
            logger.info("pre-computation of %r skipped: %s", question, error)
            continue
        answered += 1
        await asyncio.sleep(0)
    logger.info("pre-computed %d common first questions", answered)
    return answered
