"""Caches: an in-process LRU with TTL, optionally backed by Redis shared by all workers."""
