"""Held-out English and French sentences from Debian's packages, never used to derive.

- English: the ``fortunes`` collection (everyday quips, proverbs and quotations) and the
  Debian Reference in English (``debian-reference-en``);
- French: the Debian Reference in French (``debian-reference-fr``).

``.ci/run`` installs the three packages; elsewhere the tests that need them skip.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

FORTUNES = Path("/usr/share/games/fortunes")
REFERENCE = Path("/usr/share/debian-reference")
# Everyday-language collections (the others are mostly about computers or are ASCII art).
EVERYDAY = (
    "food", "drugs", "education", "kids", "love", "men-women", "people", "pets",
    "platitudes", "politics", "riddles", "sports", "wisdom", "work", "miscellaneous",
    "literature", "humorists", "fortunes", "goedel", "law", "medicine", "news", "science",
    "songs-poems",
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«\"'])")


def available() -> bool:
    return (FORTUNES / "food").is_file() and (REFERENCE / "debian-reference.fr.txt.gz").is_file()


def sentences(paragraphs: list[str]) -> list[str]:
    """Prose sentences: 20+ characters, mostly letters, ending as a sentence ends."""
    found = []
    for paragraph in paragraphs:
        for sentence in _SENTENCE_END.split(" ".join(paragraph.split())):
            letters = sum(c.isalpha() or c.isspace() for c in sentence)
            if len(sentence) >= 20 and letters >= 0.85 * len(sentence) and sentence[-1] in ".!?":
                found.append(sentence)
    return found


def fortunes() -> list[str]:
    paragraphs = []
    for name in EVERYDAY:
        path = FORTUNES / name
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            paragraphs += [part for part in text.split("\n%\n") if "--" not in part[:3]]
    return sentences([p.split("\n\t\t--")[0].split("\n    --")[0] for p in paragraphs])


def reference(language: str) -> list[str]:
    """The book's indented prose paragraphs (not its tables, lists or commands)."""
    path = REFERENCE / f"debian-reference.{language}.txt.gz"
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    paragraphs, current = [], []
    for line in text.splitlines():
        prose = line.startswith("    ") and not line.lstrip().startswith(
            ("|", "+", "$", "#", "•", "*")
        )
        if prose:
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return sentences(paragraphs)


def held_out() -> dict[str, list[str]]:
    return {
        "English everyday (fortunes)": fortunes(),
        "English technical (Debian Reference)": reference("en"),
        "French technical (Debian Reference)": reference("fr"),
    }
