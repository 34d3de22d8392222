"""Publish benchmark (issue 28): `python -m etl publish` of the synthetic corpora of
bench_scale.py (10 and 100 programmes) beside the build of the same corpus. Linear means
the publish time per pledge stays flat from 10 to 100 programmes; the goal is at most 2x
the build. Builds are timed warm (the sentence vectors cached by a first build), as a
release is made from a database that exists.

Usage: python benchmarks/bench_publish.py [--sizes 10,100] [--no-site]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from benchmarks.bench_scale import write_corpus  # noqa: E402
from etl.build import Inputs, build  # noqa: E402
from etl.publish import load_config, publish  # noqa: E402


def rows() -> list[str]:
    con = duckdb.connect(str(ROOT / "data" / "ruhr.duckdb"), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT text FROM pledges ORDER BY pledge_id").fetchall()]
    finally:
        con.close()


def timed(count: int, texts: list[str], site: bool, tmp: Path) -> tuple[int, float, float]:
    """Pledges, build seconds (warm) and publish seconds of a corpus of `count` programmes."""
    folder = tmp / f"corpus{count}"
    folder.mkdir()
    registry = write_corpus(folder, count, texts)
    inputs = dataclasses.replace(Inputs(), registry=registry)
    db = tmp / f"c{count}.duckdb"
    build(db, inputs)  # cold: encodes the synthetic pledges once
    start = time.perf_counter()
    report = build(db, inputs)
    built = time.perf_counter() - start

    def with_site(out: Path) -> None:
        from dashboard.site import write_site

        write_site(db, out / "site", load_config()["app_url"], "../")

    start = time.perf_counter()
    publish(db, tmp / f"release{count}", also=with_site if site else None)
    return report.pledges, built, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100", help="numbers of programmes")
    parser.add_argument("--no-site", action="store_true", help="the data release only")
    args = parser.parse_args()
    texts = rows()
    print(
        f"{'programmes':>10} {'pledges':>8} {'build s':>8} {'publish s':>10} "
        f"{'ratio':>6} {'publish µs/pledge':>18}"
    )
    per = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (int(x) for x in args.sizes.split(",")):
            pledges, built, published = timed(count, texts, not args.no_site, Path(tmp))
            per[count] = published / pledges * 1e6
            print(
                f"{count:>10} {pledges:>8} {built:>8.2f} {published:>10.2f} "
                f"{published / built:>6.2f} {per[count]:>18.0f}"
            )
    small, large = min(per), max(per)
    print(f"publish µs/pledge at {large} / at {small} programmes: {per[large] / per[small]:.2f}x")


if __name__ == "__main__":
    main()
