"""The query set, its limits, and the seeded Zipf-like repeat pattern."""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from weedgo.perf.queries import (
    QUERY_TYPES,
    Query,
    interleave,
    load_queries,
    load_warmup,
    zipf_sequence,
    zipf_weights,
)


def test_the_shipped_set_has_the_three_types_and_sixty_queries() -> None:
    queries = load_queries()
    assert len(queries) >= 60
    counts = Counter(q.type for q in queries)
    assert set(counts) == set(QUERY_TYPES)
    assert min(counts.values()) >= 15
    assert any("indica" in q.text and "sativa" in q.text for q in queries if q.type == "complex")
    assert set(load_warmup()).isdisjoint(q.text for q in queries)


def test_limit_per_type_keeps_file_order() -> None:
    every = load_queries()
    limited = load_queries(limit_per_type=3)
    assert Counter(q.type for q in limited) == {kind: 3 for kind in QUERY_TYPES}
    for kind in QUERY_TYPES:
        assert [q for q in limited if q.type == kind] == [q for q in every if q.type == kind][:3]


def test_bad_files_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "q.json"
    bad.write_text(json.dumps({"queries": [{"id": "x", "type": "weather", "text": "hi"}]}))
    with pytest.raises(ValueError, match="unknown type"):
        load_queries(bad)
    with pytest.raises(ValueError, match="not found"):
        load_queries(tmp_path / "missing.json")
    with pytest.raises(ValueError):
        load_queries(limit_per_type=0)


def test_interleave_spreads_the_types() -> None:
    queries = load_queries(limit_per_type=2)
    assert [q.type for q in interleave(queries)] == list(QUERY_TYPES) * 2


def test_zipf_weights_fall_with_rank_and_sum_to_one() -> None:
    weights = zipf_weights(10)
    assert sum(weights) == pytest.approx(1.0)
    assert all(a > b for a, b in pairwise(weights))
    assert weights[0] / weights[1] == pytest.approx(2**1.1)


def test_zipf_sequence_is_seeded_and_repeatable() -> None:
    queries = load_queries()
    first = zipf_sequence(queries, 200, seed=7)
    again = zipf_sequence(queries, 200, seed=7)
    other = zipf_sequence(queries, 200, seed=8)
    assert [q.id for q in first] == [q.id for q in again]
    assert [q.id for q in first] != [q.id for q in other]
    assert len(first) == 200


def test_zipf_sequence_repeats_popular_queries() -> None:
    queries = [Query(f"q{i}", "product", f"text {i}") for i in range(50)]
    sequence = zipf_sequence(queries, 2000, seed=1)
    counts = Counter(q.id for q in sequence).most_common()
    assert len(counts) < 50 or counts[-1][1] < counts[0][1] / 10
    top_share = counts[0][1] / 2000
    assert top_share == pytest.approx(zipf_weights(50)[0], abs=0.04)
    assert zipf_sequence([], 10) == []
    assert zipf_sequence(queries, 0) == []
