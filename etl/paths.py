"""Where the project's files live; everything resolves from the repository root."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GEO = ROOT / "geo"
REGISTRY = DATA / "sources.toml"
DEFAULT_DB = DATA / "ruhr.duckdb"
STATIC_GEO = ROOT / "dashboard" / "static" / "geo"  # served to the browser at /app/static/geo
SHARED_BOUNDARIES = ROOT.parent / "shared" / "geo" / "nrw_gemeinden_vg250_2013_simplify200.geojson"
