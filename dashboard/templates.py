"""Compile each Jinja template source once per process.

folium and branca build their HTML from Jinja templates and compile many of them
again on every render (each tooltip, popup and marker brings its own). Compiled
templates are immutable, so sharing them by source text changes no output; it cuts
the server time of a dashboard rerun by more than half (benchmarks/bench_dashboard.py).
"""

from __future__ import annotations

import threading

import jinja2

_lock = threading.Lock()
_cache: dict[tuple[type, str], jinja2.Template] = {}
_original_new = jinja2.Template.__new__


def _cached_new(cls, source, *args, **kwargs):
    if args or kwargs or not isinstance(source, str):
        return _original_new(cls, source, *args, **kwargs)
    key = (cls, source)
    template = _cache.get(key)
    if template is None:
        with _lock:
            template = _cache.get(key)
            if template is None:
                template = _cache[key] = _original_new(cls, source)
    return template


def install() -> None:
    """Idempotent: route jinja2.Template(source) through the cache."""
    if jinja2.Template.__new__ is not _cached_new:
        jinja2.Template.__new__ = _cached_new
