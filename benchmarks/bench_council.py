"""Council import in linear time: `etl.council.importer.run` over 1,000 and 10,000 synthetic
papers from the local OParl fixture server (tests/oparl_fixture.py, 100 papers a page, each
with a main file and its text, an auxiliary file, a consultation and an agenda item; rate
limit off). Linear means the time per paper stays flat from the small size to the large one
(ratio about 1.0); the server runs in the same process, so its time is in the figures.

The second table times the evidence ranking (etl/candidates.py) of the shipped database's
checkable pledges of ended terms against as many papers (the 91 fixture papers' texts,
repeated with a running number, all within the term; unit vectors drawn at random stand in
for the sentence vectors, whose encoding is cached by text and timed by bench_build.py).

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


def ranked(n: int) -> float:
    """Seconds to rank `n` papers for the checkable pledges of ended terms."""
    import datetime

    import duckdb
    import numpy as np

    from etl.build import Inputs, Resources
    from etl.candidates import Paper, rank_candidates
    from etl.evidence import pledges_to_rate
    from etl.terms import Terms
    from tests.oparl_fixture import labelled_papers

    res = Resources.load(Inputs())
    con = duckdb.connect(str(ROOT / "data" / "ruhr.duckdb"), read_only=True)
    pledge_rows = con.execute("SELECT * FROM pledges").df().to_dict("records")
    place_rows = con.execute("SELECT * FROM pledge_places").df().to_dict("records")
    con.close()
    pledges = pledges_to_rate(res.sources, pledge_rows, place_rows)
    base = labelled_papers()
    day = datetime.date(2023, 1, 1)
    papers = [
        Paper(str(i), f"{base[i % len(base)]['name']} ({i})", base[i % len(base)]["text"], day)
        for i in range(n)
    ]
    rng = np.random.default_rng(0)
    vectors = [rng.normal(size=(k, 512)).astype(np.float32) for k in (len(pledges), n)]
    vectors = [v / np.linalg.norm(v, axis=1, keepdims=True) for v in vectors]
    start = time.perf_counter()
    texts = [p.text for p in pledges] + [f"{p.name}. {p.text}" for p in papers]
    terms = Terms(texts, res.stopwords, res.lexicon, res.concepts)
    found = rank_candidates(pledges, papers, terms, lambda text: (), tuple(vectors))
    assert found
    return time.perf_counter() - start


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
    print(f"\n{'papers':>8} {'ranking s':>10} {'µs/paper':>10}   (evidence candidates)")
    ranked(100)  # warm-up
    per_ranked = {}
    for n in sizes:
        seconds = ranked(n)
        per_ranked[n] = seconds / n * 1e6
        print(f"{n:>8} {seconds:>10.2f} {per_ranked[n]:>10.0f}")
    print(f"µs/paper at {large} / at {small}: {per_ranked[large] / per_ranked[small]:.2f}x")


if __name__ == "__main__":
    main()
