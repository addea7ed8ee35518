"""The model's own sentences in saved quality runs: how varied, and how true to the flavours.

    python benchmarks/model_sentences.py docs/quality/base-model.json docs/quality/tuned.json

The rubric scores whole replies, and in a product reply the catalog writes the first
sentence; this looks at the sentence only the model writes (the last one of a reply whose
``authors`` are catalog then model, or the whole text of a reply the model wrote alone).
For each file it prints how many such sentences there are, how many distinct, the most
repeated, and how many name a flavour that none of the shown products has (the flavour
words of :mod:`weedgo.tuning.notes`, looked up in the demo catalog's products).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

from weedgo.catalog.seed import demo_products
from weedgo.text import split_sentences
from weedgo.tuning.notes import GROUNDS

_WORDS = re.compile(r"[a-z]+")


def model_sentence(answer: dict) -> str | None:
    authors = answer["authors"]
    if "model" not in authors or not answer["cards"]:
        return None
    text = answer["reply"].strip()
    return split_sentences(text)[-1] if "catalog" in authors else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="files written by weedgo quality --json")
    args = parser.parse_args()
    products = {p.name: p for p in demo_products()}
    for path in args.runs:
        answers = json.loads(path.read_text("utf-8"))["answers"]
        sentences: collections.Counter[str] = collections.Counter()
        untrue = 0
        for answer in answers:
            sentence = model_sentence(answer)
            if sentence is None:
                continue
            sentences[sentence] += 1
            facts: set[str] = set()
            for card in answer["cards"]:
                product = products.get(card["name"])
                if product is not None:
                    facts |= set(_WORDS.findall(" ".join([product.name, *product.flavors]).lower()))
            words = _WORDS.findall(sentence.lower())
            if any(w in GROUNDS and not facts.intersection(GROUNDS[w]) for w in words):
                untrue += 1
        total = sum(sentences.values())
        top, times = sentences.most_common(1)[0] if sentences else ("", 0)
        print(
            f"{path}: {total} model sentences, {len(sentences)} distinct; "
            f"naming a flavour no shown card has: {untrue} ({untrue / max(1, total):.1%}); "
            f"most repeated ({times} times): {top!r}"
        )


if __name__ == "__main__":
    main()
