"""Build benchmark: median per-stage times of the full build, and the cost of a cold CLI run.

Usage: python benchmarks/bench_build.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import cli  # noqa: E402
from etl.build import build  # noqa: E402


def main(runs: int = 10) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        build(db)  # warm-up: file caches, lazy imports
        stages: dict[str, list[float]] = {}
        totals = []
        for _ in range(runs):
            start = time.perf_counter()
            report = build(db)
            totals.append(time.perf_counter() - start)
            for stage, seconds in report.timings.items():
                stages.setdefault(stage, []).append(seconds)
        print(
            f"build of {len(report.documents)} documents, {report.pledges} pledges, "
            f"median of {runs} runs (ms):"
        )
        for stage, values in stages.items():
            print(f"  {stage:<8} {statistics.median(values) * 1000:8.1f}")
        print(f"  {'total':<8} {statistics.median(totals) * 1000:8.1f}")
        start = time.perf_counter()
        cli.run("build", "--db", db).check_returncode()
        print(
            f"cold `python -m etl build` incl. interpreter and imports: "
            f"{(time.perf_counter() - start) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
