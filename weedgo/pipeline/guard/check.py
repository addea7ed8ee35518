"""The guard on a whole reply: :func:`check_reply`."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

from weedgo.domain import Product
from weedgo.domain.turn import GuardResult
from weedgo.pipeline.guard.facts import Facts
from weedgo.pipeline.guard.sentence import check_sentence
from weedgo.text import split_sentences

logger = logging.getLogger(__name__)


def check_reply(
    text: str,
    products: Sequence[Product],
    *,
    catalog_names: Collection[str] = (),
    education_only: bool = False,
) -> GuardResult:
    """Check a whole reply, sentence by sentence, up to the first that fails.

    The reply is ok when every sentence passes; its text is then the sentences joined by
    one space. A claim or an ungrounded sentence anywhere makes the whole reply not ok,
    with that sentence's reasons and, as text, the sentences before it: the same verdict
    as :class:`~weedgo.pipeline.guard.stream.StreamGuard` gives, however it was fed.
    """
    facts = Facts(products, catalog_names, education_only)
    kept: list[str] = []
    for sentence in split_sentences(text):
        verdict = check_sentence(facts, sentence)
        if not verdict.ok:
            logger.debug("guard: %s", "; ".join(verdict.reasons))
            return GuardResult(ok=False, text=" ".join(kept), reasons=verdict.reasons)
        kept.append(sentence)
    if not kept:
        return GuardResult(ok=False, text="", reasons=["empty reply"])
    return GuardResult(ok=True, text=" ".join(kept), reasons=[])
