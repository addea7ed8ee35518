"""The text toolkit: how the project reads words, names, sentences and sizes.

One place for the small pieces of text handling that the analyser, the name finder, the
guard, the catalog importer and the quality report all need, so that they agree:

- **Words and names.** :func:`normalise` is the key a product name is matched by (lower
  case, typographic apostrophes folded, words of letters and digits: "Blue Dream 3.5g"
  -> "blue dream 3 5g"). :func:`words` are a customer's words, letters first, as the
  analyser reads them ("3.5 g" has none). :func:`reading_form` is how a reader recognises
  a name in a reply: apostrophes, hyphens and case do not matter ("charlottes web").
  :func:`strip_accents` is how French is matched with its accents optional.
- **Sentences.** A sentence ends at ``.``, ``!`` or ``?`` (and any closing quote or
  bracket) followed by white space, or at a line break. ``$39.99`` and ``3.5 g`` stay
  whole because no space follows their dot. :func:`split_sentences` cuts a whole text,
  :data:`SENTENCE_END` finds the end in a text that is still arriving.
- **Sizes.** :func:`strip_sizes` removes the package size from a product name
  ("Blue Dream 3.5g (Indica)" -> "Blue Dream"); :data:`SIZES` and :data:`GRAMS` read the
  sizes a customer asks for ("an eighth" -> 3.5 g).

Claim words live with the rules they serve, in :mod:`weedgo.compliance.claims`.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "GRAMS",
    "NAME_WORD",
    "SENTENCE_END",
    "SIZES",
    "WORD",
    "fold",
    "normalise",
    "reading_form",
    "sentence_end",
    "split_sentences",
    "strip_accents",
    "strip_sizes",
    "words",
]

# --- words and names ---------------------------------------------------------------------
WORD = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]|[a-z]")  # a customer's word: letters first
NAME_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")  # a word of a name: "3", "5g", "og"
_APOSTROPHES = re.compile(r"['’‘`]")
_SEPARATORS = re.compile(r"[\s\-–—_/]+")


def fold(text: str) -> str:
    """Lower case, with the typographic apostrophe written as ``'``."""
    return text.lower().replace("’", "'")


def strip_accents(text: str) -> str:
    """``text`` without its accents: "Détente à 30 $" -> "Detente a 30 $"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """The key a name is matched by: ``"Blue Dream 3.5g"`` -> ``"blue dream 3 5g"``."""
    return " ".join(NAME_WORD.findall(fold(text)))


def words(text: str) -> list[str]:
    """A customer's words, as the analyser reads them (numbers are not words)."""
    return WORD.findall(fold(text))


def reading_form(text: str) -> str:
    """Lower case, no apostrophes, hyphens and runs of spaces as one space."""
    return _SEPARATORS.sub(" ", _APOSTROPHES.sub("", text.casefold())).strip()


# --- sentences ---------------------------------------------------------------------------
SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+|\n+")  # the end and the space after it


def split_sentences(text: str) -> list[str]:
    """``text`` cut at its sentence ends, each sentence stripped, none empty.

    A closing quote or bracket stays with the sentence it closes.
    """
    parts: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()])
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def sentence_end(text: str) -> int | None:
    """Where the first sentence of ``text`` ends (after its stop, before the space), once
    the space after it has arrived; ``None`` while it may still go on ("It is $32.")."""
    match = SENTENCE_END.search(text)
    if match is None:
        return None
    stop = match.group(0).rstrip()
    return match.start() + len(stop) if stop else match.start() + 1


# --- sizes -------------------------------------------------------------------------------
_SIZE_IN_NAME = re.compile(r"\(.*?\)|\b\d[\d.x]*\s*(?:g|mg|ml|pack|pk)?\b")


def strip_sizes(name: str) -> str:
    """A product name without its size and bracketed notes ("Blue Dream 3.5g" -> "Blue Dream ")."""
    return _SIZE_IN_NAME.sub(" ", name)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


SIZES = tuple(
    (_rx(pattern), size)
    for pattern, size in (
        (r"\bhalf\s+(?:a\s+)?gram\b|\bhalf[\s-]g\b", "0.5 g"),
        (r"\bhalf\s+(?:an?\s+)?(?:oz|ounce|o)\b|\bhalf[\s-]?(?:oz|ounce)\b|\b1/2\s*(?:oz|ounce)?\b"
         r"|\bhalf\b(?!\s+(?:a|an|the|off|price|hour|dose|gummy|gummies|of\s+(?:a|an|the|it|my"
         r"|one))\b)", "14 g"),
        (r"\beighths?\b|\b1/8\b", "3.5 g"),
        (r"\bquarter(?:\s+(?:oz|ounce))?\b|\bquads?\b|\b1/4\b", "7 g"),
        (r"\b(?:oz|ounces?|zip)\b", "28 g"),
        (r"\b(?:a|one|1)\s*(?:gram|g)\b|\bgram\b", "1 g"),
    )
)  # fmt: skip
"""The sizes a customer names in words, as the catalog writes them."""
GRAMS = _rx(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:g|grams?)\b")
"""A size in grams written as a number: "7g", "3.5 grams"."""
