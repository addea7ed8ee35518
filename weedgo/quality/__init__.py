"""The reply-quality suite: held-out customer questions, a rubric scored per reply, a report.

``weedgo quality`` (``make quality``) asks every question of ``questions.jsonl`` through
the real service in this process, one at a time and each from a new customer, scores
each reply with the checks of :mod:`weedgo.quality.rubric`, and writes the report
(``docs/quality.md``): the pass rate overall, per check, per intent and per category,
the model's share of product replies (from the ``done`` event's ``authors``), reply
latency, and examples side by side.
"""
