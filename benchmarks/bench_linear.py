"""Odd but legal input in linear time: the build of a programme that is one long
paragraph, at 0.5, 4 and 8 MB, stage by stage. Linear means 8x from 0.5 to 4 MB and
2x per doubling; the goals are at most 10x for the whole build (issue 16) and at most
2.2x per doubling for each stage (issue 25: similarity took 3.5x from 4 to 8 MB).

Usage: python benchmarks/bench_linear.py [--sizes 0.5,4,8] [--baseline PATH]
`--baseline PATH` runs the same in another checkout (e.g. a git worktree of an older
commit), so today's figures stand beside the new ones from the same run.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl import paths  # noqa: E402
from etl.build import build  # noqa: E402
from tests.conftest import add_programme, inputs_for  # noqa: E402

SENTENCE = "Das Revier ist groß und die Wege sind lang, so steht es in vielen Berich-"
NEXT = "ten über die Region. "


def paragraph(size: int) -> str:
    """Wrapped lines of ~90 characters with line-break hyphens and no blank line."""
    lines, total = [], 0
    while total < size:
        for line in (SENTENCE, NEXT + "Wir bauen Radwege im ganzen Revier aus."):
            lines.append(line)
            total += len(line) + 1
    return "1. LANGER TEXT\n\n• Wir fordern einen Radweg.\n\n" + "\n".join(lines) + "\n"


def timed(size: int) -> dict[str, float]:
    """Seconds per build stage, and in all, for a programme of `size` bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(paths.DATA, data, ignore=shutil.ignore_patterns("*.duckdb*"))
        add_programme(data, "lang-2030", "lang", "Lang", paragraph(size), file_format="pdf-text")
        start = time.perf_counter()
        report = build(Path(tmp) / "x.duckdb", inputs_for(data))
        return {**report.timings, "build": time.perf_counter() - start}


def measure(sizes: list[float]) -> dict[float, dict[str, float]]:
    return {mb: timed(int(mb * 1_000_000)) for mb in sizes}


def report(label: str, figures: dict[float, dict[str, float]]) -> None:
    sizes = sorted(figures)
    stages = list(figures[sizes[0]])
    print(f"{label}:")
    print("  stage        " + "".join(f"{mb:>9g} MB" for mb in sizes) + "   per doubling")
    for stage in stages:
        row = [figures[mb].get(stage, 0.0) for mb in sizes]
        steps = []
        for i in range(1, len(sizes)):
            if row[i - 1] > 0.05:  # below that, a ratio is noise
                per_doubling = (row[i] / row[i - 1]) ** (1 / math.log2(sizes[i] / sizes[i - 1]))
                steps.append(f"{per_doubling:.2f}x")
        print(f"  {stage:<12} " + "".join(f"{t:>10.2f}s" for t in row) + "   " + " ".join(steps))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="0.5,4,8", help="programme sizes in MB")
    parser.add_argument("--baseline", type=Path, help="another checkout to run the same in")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # for --baseline
    args = parser.parse_args()
    sizes = [float(x) for x in args.sizes.split(",")]
    if args.json:
        print(json.dumps({str(k): v for k, v in measure(sizes).items()}))
        return
    if args.baseline:
        done = subprocess.run(
            [sys.executable, str(args.baseline / "benchmarks" / "bench_linear.py")]
            + ["--sizes", args.sizes, "--json"],
            cwd=args.baseline,
            capture_output=True,
            text=True,
            check=True,
        )
        before = {float(k): v for k, v in json.loads(done.stdout.splitlines()[-1]).items()}
        report(f"baseline ({args.baseline})", before)
    report("this checkout", measure(sizes))


if __name__ == "__main__":
    main()
