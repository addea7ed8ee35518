"""Model runtimes behind one small protocol (see :mod:`weedgo.engine.base`)."""

from weedgo.engine.base import Engine, GenerationParams, GenerationStats

__all__ = ["Engine", "GenerationParams", "GenerationStats"]
