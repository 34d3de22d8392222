"""Council import in linear time: `etl.council.importer.run` over 1,000 and 10,000 synthetic
papers from the local OParl fixture server (tests/oparl_fixture.py, 100 papers a page, each
with a main file and its text, an auxiliary file, a consultation and an agenda item; rate
limit off). Linear means the time per paper stays flat from the small size to the large one
(ratio about 1.0); the server runs in the same process, so its time is in the figures.

Usage: python benchmarks/bench_council.py [--sizes 1000,10000] [--page-size 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.council.client import Client  # noqa: E402
from etl.council.importer import run  # noqa: E402
from tests.oparl_fixture import OParlServer, synthetic_papers  # noqa: E402


def timed(n: int, page_size: int) -> tuple[float, int]:
    """Seconds for one first (full) import of `n` papers, and the requests it made."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        OParlServer(synthetic_papers(n), page_size=page_size) as server,
    ):
        client = Client(rate=0)
        start = time.perf_counter()
        report = run(server.url, Path(tmp) / "council.duckdb", client)
        seconds = time.perf_counter() - start
        assert report.complete and report.changes["council_papers"].added == n, report.lines()
        return seconds, report.requests


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000", help="numbers of papers")
    parser.add_argument("--page-size", type=int, default=100, help="papers per list page")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    timed(100, args.page_size)  # warm-up: imports, DuckDB's first connection
    per_paper = {}
    print(f"{'papers':>8} {'requests':>9} {'seconds':>9} {'µs/paper':>10}")
    for n in sizes:
        seconds, requests = timed(n, args.page_size)
        per_paper[n] = seconds / n * 1e6
        print(f"{n:>8} {requests:>9} {seconds:>9.2f} {per_paper[n]:>10.0f}")
    small, large = sizes[0], sizes[-1]
    print(f"µs/paper at {large} / at {small}: {per_paper[large] / per_paper[small]:.2f}x")


if __name__ == "__main__":
    main()
