"""Choosing the pieces English and French use (``weedgo vocab derive``, the ``[vocab]`` extra).

The kept set, in order of precedence:

1. **What text needs:** the special tokens (every metadata ``*_token_id``, and the control
   tokens other than ``<unusedN>`` and image markers), every user-defined piece (newline
   and tab runs), the 256 byte tokens, every single character that English or French
   text may hold (Latin letters, digits, punctuation, symbols and emoji; letters of other
   scripts are left to the byte tokens), and every piece of two punctuation
   marks or spaces (``."``, `` «``, ``),``), which no word list holds.
2. **The project's own words:** every piece of the demo catalog (each value, and each
   product as the prompt's facts line and its pitch write it), of every string in the
   modules that write customer-facing text (prompt, templates, knowledge, compliance),
   and of the store glossary (``data/vocab/domain-words.txt``: formats, effects, aromas
   and terpenes in English and French), tokenized with the full vocabulary.
3. **English and French:** the words of ``wordfreq``'s English and French lists, each as
   a customer writes it (after a space, capitalised after a space, capitalised at the
   start of a line, bare, and in capitals), weighted by its frequency; the heaviest
   pieces fill the set up to ``cap``.

The result is closed under the tokenizer's merges (:mod:`weedgo.vocab.closure`), and
stays within ``cap``. The same inputs give the same set.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from weedgo.vocab.closure import close
from weedgo.vocab.gguf_vocab import Vocab
from weedgo.vocab.needs import text_needs

Tokenize = Callable[[str], list[int]]
LANGUAGES = ("en", "fr")
# How often a word is written each way: after a space, capitalised after a space (names,
# "I"), capitalised at the start of a line or message, and bare (after "(", "«", "'").
VARIANTS = ((" {}", 0.79), (" {C}", 0.08), ("{C}", 0.06), ("{}", 0.06), (" {U}", 0.01))
PROJECT_MODULES = ("pipeline", "compliance", "catalog")


@dataclass
class Derivation:
    kept: set[int]
    forced: int  # ids kept for what text needs and for the project's own words
    weighted: int  # ids added by their weight in English and French
    unreachable: set[int] = field(default_factory=set)


def project_texts() -> Iterator[str]:
    """The demo catalog's text and every string literal of the customer-facing modules."""
    from weedgo.catalog.seed import demo_products
    from weedgo.pipeline.pitches import pitch_for
    from weedgo.pipeline.prompt import product_facts_line

    package = resources.files("weedgo")
    catalog = json.loads(package.joinpath("data/demo_catalog.json").read_text(encoding="utf-8"))
    for text in _json_strings(catalog):
        yield from (text, f" {text}")
    for product in demo_products():  # as the prompt and the cards write them
        yield product_facts_line(product)
        yield pitch_for(product)
    glossary = package.joinpath("data/vocab/domain-words.txt").read_text(encoding="utf-8")
    for line in glossary.splitlines():
        for word in [] if line.startswith("#") else line.split():
            capital = word[:1].upper() + word[1:]
            yield from (word, f" {word}", capital, f" {capital}")
    for folder in PROJECT_MODULES:
        for module in sorted(Path(str(package.joinpath(folder))).glob("*.py")):
            yield from _string_literals(module.read_text(encoding="utf-8"))
        for data in sorted(Path(str(package.joinpath(folder))).glob("*.json")):
            yield from _json_strings(json.loads(data.read_text(encoding="utf-8")))


def _string_literals(source: str) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
            yield node.value


def _json_strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _json_strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _json_strings(value)


def language_words(count: int) -> Iterator[tuple[str, float]]:
    """(word, frequency) for the ``count`` most frequent words of each language."""
    import wordfreq

    for language in LANGUAGES:
        for word in wordfreq.top_n_list(language, count):
            yield word, wordfreq.word_frequency(word, language)


def word_weights(tokenize: Tokenize, words: Iterable[tuple[str, float]]) -> dict[int, float]:
    weights: dict[int, float] = {}
    for word, frequency in words:
        capital = word[:1].upper() + word[1:]
        for pattern, share in VARIANTS:
            for token in tokenize(pattern.format(word, C=capital, U=word.upper())):
                weights[token] = weights.get(token, 0.0) + frequency * share
    return weights


def derive(
    vocab: Vocab, tokenize: Tokenize, cap: int, words: Iterable[tuple[str, float]]
) -> Derivation:
    """The closed kept set of at most ``cap`` ids."""
    forced = text_needs(vocab)
    for text in project_texts():
        forced.update(tokenize(text))
    forced, unreachable = close(vocab, forced)
    if len(forced) > cap:
        raise ValueError(f"the project's own words need {len(forced)} ids, over the cap {cap}")
    weights = word_weights(tokenize, words)
    ranked = sorted((t for t in weights if t not in forced), key=lambda t: (-weights[t], t))
    low, high = 0, len(ranked)
    best = forced
    while low <= high:  # the most weighted pieces whose closure still fits under the cap
        middle = (low + high) // 2
        kept, dropped = close(vocab, forced | set(ranked[:middle]))
        if len(kept) <= cap:
            best, low = kept, middle + 1
            unreachable |= dropped
        else:
            high = middle - 1
    return Derivation(best, len(forced), len(best) - len(forced), unreachable)
