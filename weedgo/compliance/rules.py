"""What the English and French claim checks share: labelled patterns and word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable

Rules = tuple[tuple[str, re.Pattern[str]], ...]


def compile_rules(groups: Iterable[tuple[str, Iterable[str]]], flags: int = 0) -> Rules:
    """``(label, pattern)`` pairs from ``(label, patterns)`` groups, in order."""
    return tuple(
        (label, re.compile(pattern, flags)) for label, patterns in groups for pattern in patterns
    )


def first_claim(rules: Rules, text: str) -> str | None:
    """``"<label>: '<words>'"`` for the first rule that matches ``text``, or ``None``."""
    for label, pattern in rules:
        match = pattern.search(text)
        if match:
            return f"{label}: {match.group(0).strip()!r}"
    return None


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())
