"""The operator's performance suite: ``weedgo perf`` and ``python test_performance.py``.

Latency percentiles per query type, time to first token, cache hits and misses, memory,
throughput under concurrency, and the sequential pipeline against the optimized one;
the subcommands ``throughput`` and ``seed-example`` take single measurements.
"""

from weedgo.perf.queries import Query, load_queries, zipf_sequence
from weedgo.perf.stats import percentile, summarize

__all__ = ["Query", "load_queries", "percentile", "summarize", "zipf_sequence"]
