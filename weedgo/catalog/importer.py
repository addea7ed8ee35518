"""Read a catalog file (CSV or JSON) into products, with a reason for every rejected row.

Two layouts are recognised from the CSV header, or from the keys of the first JSON
object:

- ``weedgo``: the field names of :class:`~weedgo.domain.Product` (``id``, ``name``,
  ``category``, ``price`` required; list fields in CSV separated by ``;`` or ``,``;
  a field left out takes the Product default, so a file without ``stock`` imports
  everything as out of stock);
- ``ocs``: the Ontario Cannabis Store catalogue export ("Product Name", "Category",
  "Unit Price", "OCS Variant Number", ...), see :mod:`weedgo.catalog.ocs`.

The result's ``format`` is ``weedgo-csv``, ``weedgo-json``, ``ocs-csv`` or ``ocs-json``.
Errors are ``(line, reason)``: the file line for CSV (the header is line 1), the
position (1-based) of the array element for JSON. A file that cannot be read as a
catalog at all raises :class:`CatalogFormatError` (a ``ValueError``).

Nothing here touches a database: the store's ``upsert_products`` takes the products.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from weedgo.catalog.fields import (
    RowError,
    check_potency,
    parse_category,
    parse_list,
    parse_number,
    parse_price,
    parse_stock,
    parse_strain_type,
    text,
)
from weedgo.catalog.ocs import is_ocs_header, ocs_fields
from weedgo.compliance.claims import health_reason
from weedgo.domain import Product
from weedgo.text import split_sentences

logger = logging.getLogger(__name__)

OWN_REQUIRED = ("id", "name", "category", "price")


class CatalogFormatError(ValueError):
    """The file is not a catalog this importer can read (encoding, JSON, header)."""


@dataclass
class ParseResult:
    products: list[Product] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    format: str = ""

    def messages(self) -> list[str]:
        """The errors as ``line 7: price is negative (-4.99)``."""
        return [f"line {line}: {reason}" for line, reason in self.errors]


def strip_health_claims(text_in: str) -> str:
    """The text without the sentences that make a claim or speak of health (treat,
    relief, pain...): :func:`weedgo.compliance.claims.health_reason`."""
    return " ".join(s for s in split_sentences(text_in) if not health_reason(s))


def catalog_to_csv(products: Sequence[Product]) -> str:
    """Products in the project's own CSV layout (list fields joined with ``;``)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(Product.model_fields), lineterminator="\n")
    writer.writeheader()
    for product in products:
        row = product.model_dump(mode="json")
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in row.items()})
    return buffer.getvalue()


def parse_catalog_file(path: Path) -> ParseResult:
    return parse_catalog_bytes(path.read_bytes(), path.name)


def parse_catalog_bytes(data: bytes, filename: str) -> ParseResult:
    """Parse a whole catalog file; bad rows are reported in ``errors``, not raised."""
    content = _decode(data, filename)
    if not content.strip():
        raise CatalogFormatError(f"{filename} is empty")
    is_json = filename.lower().endswith(".json") or content.lstrip()[:1] in ("[", "{")
    columns, rows = _json_rows(content) if is_json else _csv_rows(content)
    layout = _layout(columns, filename, empty=not rows)
    result = ParseResult(format=f"{layout}-{'json' if is_json else 'csv'}")
    first_seen: dict[str, int] = {}
    for line, row in rows:
        try:
            product = _product(row, layout)
            if product.id in first_seen:
                where = "entry" if is_json else "line"
                raise RowError(
                    f"duplicate SKU {product.id!r} (also on {where} {first_seen[product.id]})"
                )
        except RowError as error:
            result.errors.append((line, str(error)))
            continue
        first_seen[product.id] = line
        result.products.append(product)
    logger.info(
        "%s: %s, %d products, %d rejected",
        filename, result.format, len(result.products), len(result.errors),
    )  # fmt: skip
    return result


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        content = data.decode("cp1252")
    except UnicodeDecodeError:
        raise CatalogFormatError(f"{filename} is not UTF-8 text") from None
    logger.warning("%s is not UTF-8; read as Windows-1252", filename)
    return content


def _column(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


def _csv_rows(content: str) -> tuple[set[str], list[tuple[int, dict[str, object]]]]:
    first_line = content.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    columns = {_column(name) for name in reader.fieldnames or []}
    rows: list[tuple[int, dict[str, object]]] = []
    for raw in reader:
        values = {_column(k): v for k, v in raw.items() if isinstance(k, str)}
        if all(not text(v) for v in values.values()):
            continue
        extra_lines = sum(v.count("\n") for v in values.values() if isinstance(v, str))
        rows.append((reader.line_num - extra_lines, values))
    return columns, rows


def _json_rows(content: str) -> tuple[set[str], list[tuple[int, dict[str, object]]]]:
    try:
        document = json.loads(content)
    except json.JSONDecodeError as error:
        raise CatalogFormatError(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    if isinstance(document, dict) and isinstance(document.get("products"), list):
        document = document["products"]
    if not isinstance(document, list):
        raise CatalogFormatError(
            'a JSON catalog must be an array of product objects (or {"products": [...]})'
        )
    rows = [
        (index + 1, {_column(str(k)): v for k, v in item.items()} if isinstance(item, dict) else {})
        for index, item in enumerate(document)
    ]
    first = next((item for item in document if isinstance(item, dict)), {})
    return {_column(str(k)) for k in first}, rows


def _layout(columns: set[str], filename: str, *, empty: bool) -> str:
    if is_ocs_header(columns):
        return "ocs"
    if all(column in columns for column in OWN_REQUIRED) or (empty and not columns):
        return "weedgo"
    found = ", ".join(sorted(columns)) or "nothing"
    raise CatalogFormatError(
        f"{filename}: unrecognised catalog columns. Expected the WeedGo columns "
        f"({', '.join(OWN_REQUIRED)}, ...) or the OCS catalogue export columns "
        f"(Product Name, Category, Unit Price, OCS Variant Number, ...); found: {found}"
    )


def _product(row: Mapping[str, object], layout: str) -> Product:
    if not row:
        raise RowError("the entry is not an object with product fields")
    fields = ocs_fields(row) if layout == "ocs" else _own_fields(row)
    unit = str(fields.get("potency_unit", "%"))
    for label, key in (("THC", "thc"), ("CBD", "cbd")):
        low, high = _number(fields.get(f"{key}_min")), _number(fields.get(f"{key}_max"))
        check_potency(label, low, high, unit)
    fields["description"] = strip_health_claims(str(fields.get("description", "")))
    try:
        return Product.model_validate(fields)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(part) for part in detail["loc"]) or "row"
        raise RowError(f"{where}: {detail['msg'].lower()}") from None


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _own_fields(row: Mapping[str, object]) -> dict[str, object]:
    name, sku = text(row.get("name")), text(row.get("id"))
    if not name:
        raise RowError("name is missing")
    if not sku:
        raise RowError("id (SKU) is missing")
    fields: dict[str, object] = {
        "id": sku,
        "name": name,
        "category": parse_category(row.get("category")),
        "price": parse_price(row.get("price")),
        "strain_type": parse_strain_type(row.get("strain_type")),
    }
    fields |= {k: text(row[k]) for k in ("brand", "subcategory", "size", "description") if k in row}
    fields |= {k: parse_list(row[k]) for k in ("terpenes", "effects", "flavors") if k in row}
    for key in ("thc", "cbd"):
        low = parse_number(row.get(f"{key}_min"), f"{key}_min")
        high = parse_number(row.get(f"{key}_max"), f"{key}_max")
        if low is not None or high is not None:
            fields[f"{key}_min"] = low if low is not None else high
            fields[f"{key}_max"] = high if high is not None else low
    unit = text(row.get("potency_unit")) or "%"
    if unit not in ("%", "mg"):
        raise RowError(f"potency_unit must be '%' or 'mg' ({unit!r})")
    fields["potency_unit"] = unit
    stock = parse_stock(row.get("stock"))
    if stock is not None:
        fields["stock"] = stock
    return fields
