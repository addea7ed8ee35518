"""The guard on a whole reply: :func:`check_reply`."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

from weedgo.domain import Product
from weedgo.pipeline.guard.facts import Facts
from weedgo.pipeline.guard.sentence import check_sentence
from weedgo.pipeline.types import GuardResult
from weedgo.text import split_sentences

logger = logging.getLogger(__name__)


def check_reply(
    text: str,
    products: Sequence[Product],
    *,
    catalog_names: Collection[str] = (),
    education_only: bool = False,
) -> GuardResult:
    """Check a whole reply; claim sentences are dropped, ungrounded ones make it not ok."""
    facts = Facts(products, catalog_names, education_only)
    kept: list[str] = []
    reasons: list[str] = []
    ok = True
    for sentence in split_sentences(text):
        verdict = check_sentence(facts, sentence)
        if verdict.claim:
            reasons.append(verdict.claim)
        elif verdict.problems:
            ok = False
            reasons.extend(verdict.problems)
        else:
            kept.append(sentence)
    if not kept:
        ok = False
        reasons.append("nothing left to send" if text.strip() else "empty reply")
    if reasons:
        logger.debug("guard: %s", "; ".join(reasons))
    return GuardResult(ok=ok, text=" ".join(kept), reasons=reasons)
