"""The grounding and compliance guard on the model's text.

A reply may only speak of the products that the search found. It is checked sentence by
sentence, and a sentence fails on:

- a health claim, testimonial, appeal to youth or lifestyle promise
  (:mod:`weedgo.compliance.claims`);
- a name of another catalog product, an invented name, a price, THC / CBD figure or
  strain type that no found product has; in education-only mode any price or product
  name.

One failing sentence anywhere makes the whole reply not ok, and the caller sends the
catalog-built reply instead: a reply that reached for a claim is not trusted with the
rest of its words either. The whole-text check and the stream give the same verdict.

The package has three parts:

- :mod:`.facts`: what the shown cards allow (names, brands, prices, potencies, sizes);
- :mod:`.sentence` and :mod:`.check`: the checks of one sentence, and
  :func:`check_reply` on a whole reply;
- :mod:`.stream`: :class:`StreamGuard`, which releases a streamed reply's words as soon
  as they are safe and gives the same verdict as :func:`check_reply`.
"""

from __future__ import annotations

from weedgo.pipeline.guard.check import check_reply
from weedgo.pipeline.guard.facts import Facts
from weedgo.pipeline.guard.sentence import Verdict, check_sentence
from weedgo.pipeline.guard.stream import StreamGuard

__all__ = ["Facts", "StreamGuard", "Verdict", "check_reply", "check_sentence"]
