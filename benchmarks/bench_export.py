"""Export benchmark: how long a visitor waits for the first PNG and PDF of a town's map
in a fresh server process, without and with the warm-up the app starts at server start
(dashboard/export_map.warm, run in a thread after the first page).

Each figure is the median of N fresh processes (a new Python and an empty matplotlib
cache each time, as after a server start on a fresh host); the database is built once
if it is missing. The warm-up's own time is not counted: it runs while the visitor
reads the first page.

Usage: python benchmarks/bench_export.py [--runs N] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
sys.path.insert(0, {root!r})
import duckdb
from dashboard import data, export_map, map_spec, queries
from dashboard.filters import Filters
warm = {warm!r}
con = duckdb.connect({db!r}, read_only=True)
ref = queries.reference(con)
f = Filters(ags="05562020")
counts = queries.municipality_counts(con, f)
spec = map_spec.map_spec(
    counts, ref["parties"], queries.site_pledges(con, f),
    map_spec.base(ref["municipalities"], ref["sites"], ref["features"]),
    map_spec.place_colouring(counts, list(ref["municipalities"]["ags"])),
    ("Wahlversprechen für Herten", "Filter"), selected="05562020",
)
geo = {{n: json.loads((data.paths.GEO / f"rvr_{{n}}.geojson").read_text(encoding="utf-8"))
       for n in ("municipalities", "kreise", "outline")}}
if warm:
    export_map.warm()
out = {{}}
for fmt in ("png", "pdf"):
    start = time.perf_counter()
    export_map.static_map(spec, geo, fmt)
    out[fmt] = time.perf_counter() - start
print(json.dumps(out))
"""


def run(db: Path, warm: bool) -> dict:
    """One fresh process with an empty matplotlib cache, as on a freshly booted host
    (Streamlit Community Cloud): the font list is built on first use."""
    code = CHILD.format(root=str(ROOT), db=str(db), warm=warm)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "MPLCONFIGDIR": cache}
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "ruhr.duckdb")
    args = parser.parse_args()
    if not args.db.exists():
        subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(args.db)], check=True)
    print(f"median of {args.runs} fresh processes, Herten's map")
    for label, warm in (
        ("first export, nothing warmed (before)", False),
        ("first export after the warm-up", True),
    ):
        runs = [run(args.db, warm) for _ in range(args.runs)]
        for fmt in ("png", "pdf"):
            print(f"  {label:42} {fmt.upper()}: {statistics.median(r[fmt] for r in runs):.2f} s")


if __name__ == "__main__":
    main()
