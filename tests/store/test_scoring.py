"""The shared helpers: safe terms, match expressions, keys, import plans, name scores."""

from __future__ import annotations

from weedgo.domain import Category, SearchQuery, StrainType
from weedgo.store import names, rows, scoring, terms
from weedgo.store.dialect import POSTGRES, SQLITE


def test_search_terms_are_safe_distinct_and_without_stop_words() -> None:
    text = 'Show me "Blue" DREAM, blue* for the sleep!! NEAR(x) it\'s'
    assert terms.search_terms(text) == ["blue", "dream", "sleep", "near"]
    assert terms.search_terms("the a of") == []
    assert terms.search_terms("crème brûlée") == ["crème", "brûlée"]


def test_query_terms_drop_what_the_filters_already_say() -> None:
    query = SearchQuery(text="indica pre roll for sleep", strain_type=StrainType.INDICA,
                        category=Category.PRE_ROLL)  # fmt: skip
    assert terms.query_terms(query) == ["sleep"]


def test_match_expressions_quote_every_term() -> None:
    assert terms.fts5_match(["og", "kush"]) == '"og" OR "kush"*'
    assert terms.tsquery_text(["og", "kush"]) == "'og' | 'kush':*"
    assert terms.tsquery_text(["og", "kush"], "AB", 1) == "'og':*AB | 'kush':*AB"


def test_keys() -> None:
    assert terms.effects_key(["Sleepy", " Relaxed ", ""]) == "|sleepy|relaxed|"
    assert terms.size_key("3.5 G") == "3.5g"
    assert terms.trigrams("Blu dream") == ["blu", "dre", "rea", "eam"]


def test_plan_upsert_counts_changes_only() -> None:
    stored = {"a": ("a", 1), "b": ("b", 2), "c": ("c", 3)}
    plan = rows.plan_upsert(stored, [("a", 1), ("b", 9), ("d", 4), ("d", 5)], replace=True)
    assert plan.write == [("b", 9), ("d", 5)]
    assert (plan.inserted, plan.updated, plan.removed) == (1, 1, ["c"])
    assert rows.plan_upsert(stored, [("a", 1)], replace=False).changes == 0


def test_name_score_prefers_the_named_kind() -> None:
    pre_roll = names.name_match_score("pink kush pre roll", "Pink Kush", "Tweed", "pre roll")
    flower = names.name_match_score("pink kush pre roll", "Pink Kush", "Tweed", "flower")
    assert pre_roll > flower
    assert names.name_match_score("blu dream", "Blue Dream", "", "flower") > 75
    assert names.name_match_score("zzz", "Blue Dream", "", "flower") < 40


def test_sql_parts_render_both_dialects() -> None:
    query = SearchQuery(strain_type=StrainType.INDICA, max_price=40, size="3.5 g")
    sqlite, postgres = scoring.SqlParts(SQLITE), scoring.SqlParts(POSTGRES)
    assert sqlite.filters(query) == [
        "p.strain_type = ?1", "p.price <= ?2", "p.size_key = ?3", "p.stock > 0",
    ]  # fmt: skip
    assert postgres.filters(query)[0] == "p.strain_type = $1"
    assert sqlite.params == ["indica", 40.0, "3.5g"]
