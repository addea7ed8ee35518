"""Thin HTTP, SSE and WebSocket routers over :mod:`weedgo.services`."""
