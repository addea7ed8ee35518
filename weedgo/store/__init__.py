"""Catalog and session storage behind small protocols (see :mod:`weedgo.store.base`)."""

from weedgo.store.base import CatalogStore, ImportResult, SessionStore

__all__ = ["CatalogStore", "ImportResult", "SessionStore"]
