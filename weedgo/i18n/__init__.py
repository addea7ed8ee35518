"""The languages the budtender speaks (English and French), and how a turn's is chosen.

- :mod:`weedgo.i18n.detect`: the language of a message, from word lists (no model call),
  and :func:`~weedgo.i18n.detect.resolve_language`, the order in which the signals win.
- :mod:`weedgo.i18n.gloss`: a French message put in the analyser's words, so that French
  states every constraint English does.
- ``fr_*`` modules: the French customer-facing texts (catalog sentences, pitches, quick
  replies, vetted answers, compliance texts) and the French prompt.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")


def language_code(value: str | None) -> Language | None:
    """ "fr-CA" -> "fr"; None for a language the budtender does not speak."""
    if not value:
        return None
    primary = value.strip().lower().replace("_", "-").split("-")[0]
    return "fr" if primary == "fr" else "en" if primary == "en" else None
