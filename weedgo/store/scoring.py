"""Relevance scoring, filters, name matching and import planning shared by the back-ends.

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

:class:`SqlParts` renders the filters and the boosts for one SQL dialect, so that the
two back-ends cannot drift apart. Free text becomes a list of safe terms (letters and
digits only, stop words and terms that repeat a filter dropped), quoted and ORed; terms
of four letters or more match as prefixes ("relax" finds "relaxing").

Names (:func:`resolve_name`) are matched on candidates from the database, re-scored in
Python with rapidfuzz, so that both back-ends name the same product.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from weedgo.domain import Product, ScoredProduct, SearchQuery

TEXT_WEIGHT = 1.0
STRAIN_BOOST = 0.3
EFFECT_BOOST = 0.25
CATEGORY_BOOST = 0.3
IN_STOCK_BOOST = 0.1
MAX_TERMS = 8
MAX_EFFECTS = 8
PREFIX_FROM = 4  # shorter terms match whole words only ("og" must not match "organic")
NAME_MATCH_CUTOFF = 55.0
NAME_MATCH_SURE = 75.0  # a word match this good needs no fuzzy (trigram) candidates

# PostgreSQL's English stop words (so both back-ends drop the same terms) plus words
# that carry no product meaning in a shop request.
_STOP_TEXT = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves what
which who whom this that these those am is are was were be been being have has had
having do does did doing a an the and but if or because as until while of at by for
with about against between into through during before after above below to from up
down in out on off over under again further then once here there when where why how
all any both each few more most other some such no nor not only own same so than too
very s t can will just don should now
show give get find want need looking look like please recommend suggest something
anything good best nice great product products item items got have any would could
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_TERM = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


def search_terms(text: str) -> list[str]:
    """The distinct, lower-case, safe terms of ``text`` (letters/digits), stop words out."""
    terms: list[str] = []
    for term in _TERM.findall(text.lower()):
        if term not in STOP_WORDS and len(term) > 1 and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def query_terms(query: SearchQuery) -> list[str]:
    """The text terms of a search, without those that only repeat its filters.

    "indica" with ``strain_type=indica`` would match a third of a catalog and rank
    nothing: every result is indica anyway.
    """
    repeated: set[str] = set()
    for value in (query.strain_type, query.category):
        if value is not None:
            repeated.update(_TERM.findall(value.value))
    return [term for term in search_terms(query.text) if term not in repeated]


def fts5_match(terms: Sequence[str], prefix_from: int = PREFIX_FROM) -> str:
    """An FTS5 MATCH expression: each term quoted (a prefix when long enough), ORed."""
    return " OR ".join(f'"{t}"*' if len(t) >= prefix_from else f'"{t}"' for t in terms)


def tsquery_text(terms: Sequence[str], weights: str = "", prefix_from: int = PREFIX_FROM) -> str:
    """A ``to_tsquery`` argument: each term quoted (a prefix when long enough), ORed.

    ``weights`` ("AB") limits the terms to the fields of those weights.
    """
    labels = [("*" if len(t) >= prefix_from else "") + weights for t in terms]
    return " | ".join(
        f"'{t}':{label}" if label else f"'{t}'" for t, label in zip(terms, labels, strict=True)
    )


def effects_key(effects: Sequence[str]) -> str:
    """The stored, searchable form of a product's effects: ``|sleepy|relaxed|``."""
    cleaned = [_SPACES.sub(" ", effect.strip().lower()) for effect in effects]
    return "|" + "|".join(effect for effect in cleaned if effect) + "|"


def size_key(size: str) -> str:
    """Sizes compare without case or spaces: ``"3.5 G"`` equals ``"3.5g"``."""
    return _SPACES.sub("", size.lower())


@dataclass(frozen=True)
class Dialect:
    """What differs between the SQL of the back-ends."""

    placeholder: Callable[[int], str]  # 1-based parameter number -> ":pn" or "$n"
    greatest: str  # scalar maximum of two values
    strpos: str  # position of a substring, 0 when absent
    id_order: str  # a byte-wise ordering of ids
    list_key: Callable[[str], str]  # a stored list column -> its :func:`list_key` form


def _sqlite_list(column: str) -> str:  # '["Earthy","Pine"]' -> '|earthy|pine|'
    inner = f"replace(replace(lower(p.{column}), '[\"', '|'), '\"]', '|')"
    return f"replace({inner}, '\",\"', '|')"


def _postgres_list(column: str) -> str:  # {Earthy,Pine} -> '|earthy|pine|'
    return f"('|' || lower(array_to_string(p.{column}, '|')) || '|')"


SQLITE = Dialect(lambda n: f":p{n}", "max", "instr", "p.id", _sqlite_list)
POSTGRES = Dialect(lambda n: f"${n}", "greatest", "strpos", 'p.id COLLATE "C"', _postgres_list)


def list_key(values: Sequence[str]) -> str:
    """The searchable form of a product's terpenes or flavours: ``|earthy|pine|``.

    A filter looks for a piece of it: ``|pine|`` is pine and not pineapple, ``lemon``
    is any flavour with lemon in it.
    """
    return "|" + "|".join(value.strip().lower() for value in values) + "|" if values else "[]"


def potency_value(product: Product) -> float:
    """The THC figure that bounds and orderings compare: the higher of min and max."""
    return max(product.thc_min, product.thc_max)


@dataclass
class SqlParts:
    """Parameters and clauses of one query, rendered for one dialect."""

    dialect: Dialect
    params: list[object] = field(default_factory=list)

    def param(self, value: object) -> str:
        self.params.append(value)
        return self.dialect.placeholder(len(self.params))

    def filters(self, query: SearchQuery) -> list[str]:
        """WHERE conditions (ANDed) for the structured filters of ``query``."""
        d, where = self.dialect, []
        if query.category is not None:
            where.append(f"p.category = {self.param(query.category.value)}")
        if query.strain_type is not None:
            where.append(f"p.strain_type = {self.param(query.strain_type.value)}")
        if query.min_price is not None:
            where.append(f"p.price >= {self.param(query.min_price)}")
        if query.max_price is not None:
            where.append(f"p.price <= {self.param(query.max_price)}")
        if _bounds_potency(query):
            where.append(f"p.potency_unit = {self.param(query.potency_unit)}")
        if query.min_thc is not None:
            where.append(f"{d.greatest}(p.thc_min, p.thc_max) >= {self.param(query.min_thc)}")
        if query.max_thc is not None:
            where.append(f"{d.greatest}(p.thc_min, p.thc_max) <= {self.param(query.max_thc)}")
        if query.min_cbd is not None:
            where.append(f"{d.greatest}(p.cbd_min, p.cbd_max) >= {self.param(query.min_cbd)}")
        if query.max_cbd is not None:
            where.append(f"{d.greatest}(p.cbd_min, p.cbd_max) <= {self.param(query.max_cbd)}")
        if query.size:
            where.append(f"p.size_key = {self.param(size_key(query.size))}")
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

    def named(self) -> dict[str, object]:
        """The parameters by name, for the ``:pn`` placeholders."""
        return {f"p{n}": value for n, value in enumerate(self.params, start=1)}

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
    columns = ", ".join(f"p.{name}" for name in PRODUCT_COLUMNS)
    return (
        f"WITH {ctes}{order} {parts.page(query)}) SELECT {columns}, top.score AS score "
        f"FROM top JOIN products p ON p.{key} = top.{key} {order}"
    )


def count_sql(query: SearchQuery, parts: SqlParts, *, text: TextMatch | None) -> str:
    if text is None:
        return f"SELECT count(*) FROM products p {parts.where_sql(parts.filters(query))}"
    where = parts.where_sql([text.condition, *parts.filters(query)])
    return f"SELECT count(*) FROM {text.source} {where}"


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


def plain_text(text: str) -> str:
    """Lower-case words of ``text`` without accents, separated by single spaces."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_TERM.findall(text.lower()))


def name_match_score(query: str, name: str, brand: str, kind: str) -> float:
    """How well ``query`` names a product, 0..100 (misspelled and partial names).

    ``kind`` holds the product's category and subcategory words, so that
    "pink kush pre roll" prefers the pre-roll over the flower of the same name.
    """
    wanted = plain_text(query)
    if not wanted:
        return 0.0
    label = plain_text(f"{brand} {name}")
    whole = max(
        fuzz.token_set_ratio(wanted, label),
        fuzz.token_set_ratio(wanted, f"{label} {plain_text(kind)}"),
    )
    plain_name = plain_text(name)
    close = max(
        fuzz.token_sort_ratio(wanted, plain_name),
        fuzz.ratio(wanted.replace(" ", ""), plain_name.replace(" ", "")),  # "pinkkush"
    )
    partial = fuzz.partial_ratio(wanted, label)
    return 0.55 * whole + 0.3 * close + 0.15 * partial


async def resolve_name(
    text: str,
    limit: int,
    by_words: Callable[[list[str]], Awaitable[list[Product]]],
    by_trigrams: Callable[[str], Awaitable[list[Product]]],
) -> list[ScoredProduct]:
    """Name look-up shared by the back-ends: word candidates first (fast, indexed);
    trigram candidates too when no word candidate is a sure match (misspellings)."""
    words = search_terms(text)
    found = await by_words(words) if words else []
    best = best_name_matches(text, found, limit)
    if best and best[0].score * 100 >= NAME_MATCH_SURE:
        return best
    wanted = plain_text(text)
    if len(wanted.replace(" ", "")) < 3:
        return best
    seen = {product.id for product in found}
    extra = [product for product in await by_trigrams(wanted) if product.id not in seen]
    return best_name_matches(text, [*found, *extra], limit)


def trigrams(text: str, most: int = 24) -> list[str]:
    """The distinct three-letter pieces of the words of ``text`` (for fuzzy candidates)."""
    grams: list[str] = []
    for word in _TERM.findall(text.lower()):
        for start in range(len(word) - 2):
            gram = word[start : start + 3]
            if gram not in grams:
                grams.append(gram)
    return grams[:most]


def best_name_matches(text: str, candidates: Sequence[Product], limit: int) -> list[ScoredProduct]:
    """Re-score name candidates with :func:`name_match_score`; best first, in stock first."""
    scored = []
    for product in candidates:
        kind = f"{product.category.value.replace('-', ' ')} {product.subcategory}"
        score = name_match_score(text, product.name, product.brand, kind)
        if score >= NAME_MATCH_CUTOFF:
            scored.append((-score, not product.in_stock, product.id, product))
    scored.sort(key=lambda item: item[:3])
    return [ScoredProduct(product=item[3], score=-item[0] / 100) for item in scored[:limit]]


# --- import planning, shared by the back-ends ---------------------------------------------

PRODUCT_FIELDS = (
    "id", "name", "brand", "category", "subcategory", "strain_type", "thc_min", "thc_max",
    "cbd_min", "cbd_max", "potency_unit", "terpenes", "effects", "flavors", "size", "price",
    "stock", "description",
)  # fmt: skip
# Stored beside the fields: derived columns that the filters and boosts read.
PRODUCT_COLUMNS = (*PRODUCT_FIELDS, "effects_key", "size_key")


@dataclass
class UpsertPlan:
    """What an import changes: rows to write (new and changed) and ids to delete."""

    write: list[Sequence[object]]
    inserted: int
    updated: int
    removed: list[str]

    @property
    def changes(self) -> int:
        return self.inserted + self.updated + len(self.removed)


def plan_upsert(
    existing: Mapping[str, Sequence[object]],
    rows: Sequence[Sequence[object]],
    *,
    replace: bool,
) -> UpsertPlan:
    """Compare encoded rows (id first) with the stored ones; the last row of an id wins.

    ``updated`` counts the rows whose stored values change: importing the same catalog
    twice reports nothing and keeps the catalog version.
    """
    batch = {str(row[0]): row for row in rows}
    write = [row for key, row in batch.items() if existing.get(key) != row]
    inserted = sum(1 for key in batch if key not in existing)
    removed = [key for key in existing if key not in batch] if replace else []
    return UpsertPlan(write, inserted, len(write) - inserted, removed)
