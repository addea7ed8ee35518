"""A worker's sequence slots: what each holds, and which one a new request takes.

A finished sequence keeps its tokens in its KV stream. A request takes the free slot
whose cached tokens share more than the system prefix with its prompt (an earlier turn
of the same conversation), otherwise the least recently used one, so that other
conversations' cells stay for their next turns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from weedgo.engine.jobs import Request
from weedgo.engine.sampling import SamplerChain
from weedgo.engine.text import ReplyText

# A slot is kept for its conversation when a prompt shares more than the system prefix
# plus this many tokens with it (the product list's heading is shared by every prompt).
REUSE_MARGIN = 32


def common_prefix(left: list[int], right: list[int]) -> int:
    count = 0
    for old, new in zip(left, right, strict=False):
        if old != new:
            break
        count += 1
    return count


@dataclass
class Slot:
    """One sequence id of the context and the request it serves."""

    seq: int
    cached: list[int] = field(default_factory=list)  # tokens in the KV cache, in order
    request: Request | None = None
    pending: list[int] = field(default_factory=list)  # prompt tokens not yet decoded
    sampler: SamplerChain | None = None
    reply: ReplyText | None = None
    limit: int = 0
    index: int = -1  # batch index whose logits this slot samples after the step
    feed: int | None = None  # sampled token to decode in the next step
    last_used: int = 0  # when its last request was assigned (a count of assignments)

    def release(self) -> None:
        if self.sampler is not None:
            self.sampler.close()
        self.request, self.sampler, self.reply = None, None, None
        self.pending, self.index, self.feed = [], -1, None


def pick_slot(slots: list[Slot], tokens: list[int], prefix_tokens: int) -> Slot:
    """The free slot for a prompt of ``tokens`` (there must be one free slot)."""
    free = [slot for slot in slots if slot.request is None]
    best = max(free, key=lambda item: common_prefix(item.cached, tokens))
    if common_prefix(best.cached, tokens) > prefix_tokens + REUSE_MARGIN:
        return best
    return min(free, key=lambda item: item.last_used)
