"""The store catalog's data side: file import, the demo catalog, synthetic catalogs.

- :func:`parse_catalog_file` / :func:`parse_catalog_bytes` read the project's own CSV or
  JSON layout and the OCS catalogue export into products (:mod:`weedgo.catalog.importer`);
- :func:`weedgo.catalog.demo.load_demo_catalog` returns the demo catalog shipped in
  ``weedgo/data`` (built by ``python -m weedgo.catalog.demo``);
- :func:`weedgo.catalog.generate.generate_catalog` makes any number of plausible
  products for benchmarks (``python -m weedgo.catalog.generate N --out FILE.json``).

The build scripts are not imported here, so that ``python -m`` runs them cleanly.
"""

from weedgo.catalog.importer import (
    CatalogFormatError,
    ParseResult,
    catalog_to_csv,
    parse_catalog_bytes,
    parse_catalog_file,
    strip_health_claims,
)

__all__ = [
    "CatalogFormatError",
    "ParseResult",
    "catalog_to_csv",
    "parse_catalog_bytes",
    "parse_catalog_file",
    "strip_health_claims",
]
