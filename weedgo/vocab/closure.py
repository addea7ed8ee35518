"""Keeping every piece the tokenizer passes through on its way to a kept piece.

A tokenizer builds a piece out of smaller ones. If one of those is missing, the merges
change and the same text comes out in different pieces. So the kept set is closed:

- **SentencePiece** (llama.cpp's ``llm_tokenizer_spm``): a fragment starts as single
  characters, and the adjacent pair whose joined text is a piece with the highest score
  (the leftmost pair on a tie) is merged, again and again. The merges inside the span of
  a final piece happen exactly as they do when that piece's text is tokenized alone, so
  :func:`spm_merges` replays them on the text alone, and every product is kept. Merges
  that were never made do not matter: dropping their pieces changes no choice.
- **Byte-level BPE**: each piece comes from one merge of two pieces, so both are kept,
  recursively; the trimmed merge list keeps the merges between kept pieces, in order.

With a closed set, any text whose full-vocabulary pieces are all kept comes out in the
same pieces with the trimmed vocabulary.
"""

from __future__ import annotations

import heapq

from weedgo.vocab.gguf_vocab import TokenType, Vocab


def spm_merges(text: str, scores: dict[str, float]) -> list[str]:
    """The pieces SentencePiece merges, in order, when it tokenizes ``text`` alone."""
    count = len(text)
    starts, sizes = list(range(count)), [1] * count
    before = list(range(-1, count - 1))
    after = [i + 1 if i + 1 < count else -1 for i in range(count)]
    queue: list[tuple[float, int, int, int]] = []

    def offer(left: int, right: int) -> None:
        if left < 0 or right < 0:
            return
        joined = text[starts[left] : starts[left] + sizes[left] + sizes[right]]
        score = scores.get(joined)
        if score is not None:
            heapq.heappush(queue, (-score, left, right, len(joined)))

    for index in range(1, count):
        offer(index - 1, index)
    products: list[str] = []
    while queue:
        _, left, right, size = heapq.heappop(queue)
        if sizes[left] == 0 or sizes[right] == 0 or sizes[left] + sizes[right] != size:
            continue  # one side was merged into something else meanwhile
        sizes[left], sizes[right] = size, 0
        after[left] = after[right]
        if after[right] >= 0:
            before[after[right]] = left
        products.append(text[starts[left] : starts[left] + size])
        offer(before[left], left)
        offer(left, after[left])
    return products


def close(vocab: Vocab, kept: set[int]) -> tuple[set[int], set[int]]:
    """(the closed kept set, the kept ids no text can ever produce, which it leaves out)."""
    if vocab.model == "llama":
        return _close_spm(vocab, kept)
    return _close_bpe(vocab, kept), set()


def _close_spm(vocab: Vocab, kept: set[int]) -> tuple[set[int], set[int]]:
    assert vocab.scores is not None
    ids = vocab.ids_by_text()
    scores = {text: vocab.scores[token_id] for text, token_id in ids.items()}
    closed, unreachable = set(kept), set()
    for token_id in kept:
        text = vocab.tokens[token_id]
        if vocab.types[token_id] != TokenType.NORMAL or len(text) < 2:
            continue
        products = spm_merges(text, scores)
        if not products or products[-1] != text or len(products[-1]) != len(text):
            unreachable.add(token_id)  # its own text never comes out as this one piece
            continue
        closed.update(ids[piece] for piece in products)
    return closed - unreachable, unreachable


def _close_bpe(vocab: Vocab, kept: set[int]) -> set[int]:
    assert vocab.merges is not None
    ids = vocab.ids_by_text()
    made_of: dict[str, tuple[str, str]] = {}
    for merge in vocab.merges:
        left, _, right = merge.partition(" ")
        made_of.setdefault(left + right, (left, right))
    closed: set[int] = set()
    stack = list(kept)
    while stack:
        token_id = stack.pop()
        if token_id in closed:
            continue
        closed.add(token_id)
        parts = made_of.get(vocab.tokens[token_id])
        if parts is not None:
            stack.extend(ids[part] for part in parts if part in ids)
    return closed


def kept_merges(vocab: Vocab, kept_texts: set[str]) -> list[str]:
    """The BPE merges between kept pieces whose result is kept, in their original order."""
    assert vocab.merges is not None
    result = []
    for merge in vocab.merges:
        left, _, right = merge.partition(" ")
        if left in kept_texts and right in kept_texts and left + right in kept_texts:
            result.append(merge)
    return result
