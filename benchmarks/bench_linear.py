"""Odd but legal input in linear time: the build of a programme that is one long
paragraph, at 0.5 MB and at 4 MB (issue 16: the two differ by at most 10x; joining lines
by repeated concatenation took 5 s for 4 MB and 38 s for 8 MB before).

Usage: python benchmarks/bench_linear.py
"""

from __future__ import annotations

import shutil
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


def timed(size: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(paths.DATA, data, ignore=shutil.ignore_patterns("*.duckdb*"))
        add_programme(data, "lang-2030", "lang", "Lang", paragraph(size), file_format="pdf-text")
        start = time.perf_counter()
        build(Path(tmp) / "x.duckdb", inputs_for(data))
        return time.perf_counter() - start


def main() -> None:
    small, large = timed(500_000), timed(4_000_000)
    print(
        f"build with a 0.5 MB paragraph: {small:.2f} s; with a 4 MB paragraph: {large:.2f} s;"
        f" ratio {large / small:.1f}x (linear: 8x)"
    )


if __name__ == "__main__":
    main()
