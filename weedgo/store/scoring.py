"""Relevance scoring and filters, rendered in SQL for both back-ends.

Both back-ends score a product in SQL with one formula::

    score = TEXT * rank / (best rank among the rows that pass the filters)
          + STRAIN   when the strain type is the one asked for
          + EFFECT   for each asked-for effect the product lists
          + CATEGORY when the category is the one asked for
          + IN_STOCK when the product is in stock

``rank`` is the full-text rank (FTS5 ``-bm25`` on SQLite, ``ts_rank`` with length
normalisation on PostgreSQL, the same field weights A 1.0 / B 0.4 / C 0.2 on both), so
the text part has the range 0..1 on both. With no query text the score is the boosts
alone. Category and strain type are also filters, so their boosts only lift the absolute
score; effects, text and stock order the results. Ties go to the lower price, then id.

:class:`SqlParts` renders the filters and the boosts for one :class:`Dialect`, so that
the two back-ends cannot drift apart; each back-end supplies its :class:`TextMatch`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from weedgo.domain import Category, SearchQuery, StrainType
from weedgo.store.dialect import Dialect
from weedgo.store.rows import SELECTED
from weedgo.store.terms import effects_key, size_key

TEXT_WEIGHT = 1.0
STRAIN_BOOST = 0.3
EFFECT_BOOST = 0.25
CATEGORY_BOOST = 0.3
IN_STOCK_BOOST = 0.1
MAX_EFFECTS = 8


@dataclass
class SqlParts:
    """Parameters and clauses of one query, rendered for one dialect."""

    dialect: Dialect
    params: list[object] = field(default_factory=list)

    def param(self, value: object) -> str:
        self.params.append(value)
        return self.dialect.placeholder(len(self.params))

    def one_of(self, column: str, values: Sequence[str]) -> str:
        """A condition: ``column`` equals one of ``values`` (text)."""
        if self.dialect.arrays:
            return f"{column} = ANY({self.param(list(values))}::text[])"
        return f"{column} IN ({', '.join(self.param(value) for value in values)})"

    def filters(self, query: SearchQuery) -> list[str]:
        """WHERE conditions (ANDed) for the structured filters of ``query``."""
        thc, cbd = (f"{self.dialect.greatest}(p.{n}_min, p.{n}_max)" for n in ("thc", "cbd"))
        compared = (
            ("p.category =", _value(query.category)),
            ("p.strain_type =", _value(query.strain_type)),
            ("p.price >=", query.min_price),
            ("p.price <=", query.max_price),
            ("p.potency_unit =", query.potency_unit if _bounds_potency(query) else None),
            (f"{thc} >=", query.min_thc),
            (f"{thc} <=", query.max_thc),
            (f"{cbd} >=", query.min_cbd),
            (f"{cbd} <=", query.max_cbd),
            ("p.size_key =", size_key(query.size) if query.size else None),
        )
        where = [f"{left} {self.param(value)}" for left, value in compared if value is not None]
        if query.in_stock_only:
            where.append("p.stock > 0")
        return where + self._format_filters(query)

    def _format_filters(self, query: SearchQuery) -> list[str]:
        """Subcategory, terpenes and flavours, as pieces of the stored text."""
        d, where = self.dialect, []
        if query.subcategory:
            piece = self.param(query.subcategory.lower())
            where.append(f"{d.strpos}(lower(p.subcategory), {piece}) > 0")
        for terpene in query.terpenes:
            piece = self.param(f"|{terpene.lower()}|")
            where.append(f"{d.strpos}({d.list_key('terpenes')}, {piece}) > 0")
        if query.flavors:
            found = [
                f"{d.strpos}({d.list_key('flavors')}, {self.param(piece.lower())}) > 0"
                for piece in query.flavors
            ]
            where.append(f"({' OR '.join(found)})")
        if query.exclude_accessories:
            where.append("p.category <> 'accessory'")
        return where

    def boosts(self, query: SearchQuery) -> str:
        """The boost part of the score, a SQL expression."""
        terms = [f"(CASE WHEN p.stock > 0 THEN {IN_STOCK_BOOST} ELSE 0 END)"]
        if query.strain_type is not None:
            value = self.param(query.strain_type.value)
            terms.append(f"(CASE WHEN p.strain_type = {value} THEN {STRAIN_BOOST} ELSE 0 END)")
        if query.category is not None:
            value = self.param(query.category.value)
            terms.append(f"(CASE WHEN p.category = {value} THEN {CATEGORY_BOOST} ELSE 0 END)")
        for key in _query_effect_keys(query.effects):
            found = f"{self.dialect.strpos}(p.effects_key, {self.param(key)}) > 0"
            terms.append(f"(CASE WHEN {found} THEN {EFFECT_BOOST} ELSE 0 END)")
        return " + ".join(terms)

    def where_sql(self, conditions: Sequence[str]) -> str:
        return f"WHERE {' AND '.join(conditions)}" if conditions else ""

    def page(self, query: SearchQuery) -> str:
        return f"LIMIT {self.param(query.limit)} OFFSET {self.param(query.offset)}"

    def order_by(self, query: SearchQuery) -> str:
        ids = self.dialect.id_order
        if query.sort == "price_asc":
            return f"ORDER BY p.price ASC, score DESC, {ids}"
        if query.sort == "price_desc":
            return f"ORDER BY p.price DESC, score DESC, {ids}"
        if query.sort in ("thc_desc", "thc_asc"):
            way = "DESC" if query.sort == "thc_desc" else "ASC"
            thc = f"{self.dialect.greatest}(p.thc_min, p.thc_max)"
            return f"ORDER BY {thc} {way}, score DESC, p.price ASC, {ids}"
        return f"ORDER BY score DESC, p.price ASC, {ids}"


@dataclass(frozen=True)
class TextMatch:
    """How a back-end matches and ranks the query text (rank: higher is better, >= 0)."""

    source: str  # FROM clause that names the products table ``p``
    condition: str  # WHERE condition of a match
    rank: str  # SQL expression of the text rank


def search_sql(query: SearchQuery, parts: SqlParts, *, key: str, text: TextMatch | None) -> str:
    """The search statement: the best page is chosen on narrow rows, then read whole.

    With text, the matching rows (filters applied) are ranked once, in ``m``; the text
    score is the rank over the best rank among them. Without text, the boosts alone.
    """
    boosts, order = parts.boosts(query), parts.order_by(query)
    names = (key, "id", "price", "thc_min", "thc_max")
    narrow = ", ".join(f"p.{name}" for name in dict.fromkeys(names))
    if text is None:
        where = parts.where_sql(parts.filters(query))
        ctes = f"top AS (SELECT {narrow}, {boosts} AS score FROM products p {where} "
    else:
        where = parts.where_sql([text.condition, *parts.filters(query)])
        best = "nullif((SELECT max(rank) FROM m), 0)"
        ctes = (
            f"m AS MATERIALIZED (SELECT {narrow}, {text.rank} AS rank, {boosts} AS boost "
            f"FROM {text.source} {where}), "
            f"top AS (SELECT {narrow}, coalesce(p.rank / {best}, 0) * {TEXT_WEIGHT} + p.boost "
            "AS score FROM m p "
        )
    return (
        f"WITH {ctes}{order} {parts.page(query)}) SELECT {SELECTED}, top.score AS score "
        f"FROM top JOIN products p ON p.{key} = top.{key} {order}"
    )


def count_sql(query: SearchQuery, parts: SqlParts, *, text: TextMatch | None) -> str:
    if text is None:
        return f"SELECT count(*) FROM products p {parts.where_sql(parts.filters(query))}"
    where = parts.where_sql([text.condition, *parts.filters(query)])
    return f"SELECT count(*) FROM {text.source} {where}"


def _value(choice: Category | StrainType | None) -> str | None:
    """The stored value of an optional enumerated filter (None when not asked)."""
    return None if choice is None else choice.value


def _bounds_potency(query: SearchQuery) -> bool:
    bounds = (query.min_thc, query.max_thc, query.min_cbd, query.max_cbd)
    return any(b is not None for b in bounds) or query.sort in ("thc_desc", "thc_asc")


def _query_effect_keys(effects: Sequence[str]) -> list[str]:
    keys: list[str] = []
    for effect in effects:
        key = effects_key([effect])
        if key != "||" and key not in keys:
            keys.append(key)
    return keys[:MAX_EFFECTS]
