"""The shared helpers: safe terms, match expressions, keys, import plans, name scores."""

from __future__ import annotations

from weedgo.domain import Category, SearchQuery, StrainType
from weedgo.store import scoring


def test_search_terms_are_safe_distinct_and_without_stop_words() -> None:
    text = 'Show me "Blue" DREAM, blue* for the sleep!! NEAR(x) it\'s'
    assert scoring.search_terms(text) == ["blue", "dream", "sleep", "near"]
    assert scoring.search_terms("the a of") == []
    assert scoring.search_terms("crème brûlée") == ["crème", "brûlée"]


def test_query_terms_drop_what_the_filters_already_say() -> None:
    query = SearchQuery(text="indica pre roll for sleep", strain_type=StrainType.INDICA,
                        category=Category.PRE_ROLL)  # fmt: skip
    assert scoring.query_terms(query) == ["sleep"]


def test_match_expressions_quote_every_term() -> None:
    assert scoring.fts5_match(["og", "kush"]) == '"og" OR "kush"*'
    assert scoring.tsquery_text(["og", "kush"]) == "'og' | 'kush':*"
    assert scoring.tsquery_text(["og", "kush"], "AB", 1) == "'og':*AB | 'kush':*AB"


def test_keys() -> None:
    assert scoring.effects_key(["Sleepy", " Relaxed ", ""]) == "|sleepy|relaxed|"
    assert scoring.size_key("3.5 G") == "3.5g"
    assert scoring.trigrams("Blu dream") == ["blu", "dre", "rea", "eam"]


def test_plan_upsert_counts_changes_only() -> None:
    stored = {"a": ("a", 1), "b": ("b", 2), "c": ("c", 3)}
    plan = scoring.plan_upsert(stored, [("a", 1), ("b", 9), ("d", 4), ("d", 5)], replace=True)
    assert plan.write == [("b", 9), ("d", 5)]
    assert (plan.inserted, plan.updated, plan.removed) == (1, 1, ["c"])
    assert scoring.plan_upsert(stored, [("a", 1)], replace=False).changes == 0


def test_name_score_prefers_the_named_kind() -> None:
    pre_roll = scoring.name_match_score("pink kush pre roll", "Pink Kush", "Tweed", "pre roll")
    flower = scoring.name_match_score("pink kush pre roll", "Pink Kush", "Tweed", "flower")
    assert pre_roll > flower
    assert scoring.name_match_score("blu dream", "Blue Dream", "", "flower") > 75
    assert scoring.name_match_score("zzz", "Blue Dream", "", "flower") < 40


def test_sql_parts_render_both_dialects() -> None:
    query = SearchQuery(strain_type=StrainType.INDICA, max_price=40, size="3.5 g")
    sqlite, postgres = scoring.SqlParts(scoring.SQLITE), scoring.SqlParts(scoring.POSTGRES)
    assert sqlite.filters(query) == [
        "p.strain_type = :p1", "p.price <= :p2", "p.size_key = :p3", "p.stock > 0",
    ]  # fmt: skip
    assert postgres.filters(query)[0] == "p.strain_type = $1"
    assert sqlite.named() == {"p1": "indica", "p2": 40.0, "p3": "3.5g"}
