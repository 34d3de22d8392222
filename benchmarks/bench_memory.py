"""Memory of a long-running dashboard: the server process's RSS after 20 and after 500
reruns (AppTest in this process, topic filters changing), and the growth between them.
A leak-free app grows within noise after warm-up (issue 16: ≤ 10 MB).

Usage: python benchmarks/bench_memory.py [--reruns N]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.build import build  # noqa: E402

TOPICS = ["mobilitaet", "wohnen", "bildung", "klima_energie", "wirtschaft", "europa"]


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reruns", type=int, default=500)
    args = parser.parse_args()
    from streamlit.testing.v1 import AppTest

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "m.duckdb"
        build(db)
        os.environ["RUHR_DB"] = str(db)
        at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
        readings = {}
        for i in range(1, args.reruns + 1):
            at.sidebar.multiselect(key="w_topic").set_value([TOPICS[i % len(TOPICS)]])
            if i % 7 == 0:
                at.sidebar.selectbox(key="w_ags").set_value(None if i % 2 else "05562020")
            at.run()
            if i in (20, args.reruns):
                gc.collect()
                readings[i] = rss_mib()
    first, last = readings[20], readings[args.reruns]
    print(
        f"RSS after 20 reruns: {first:.1f} MiB; after {args.reruns}: {last:.1f} MiB; "
        f"growth {last - first:+.1f} MiB"
    )


if __name__ == "__main__":
    main()
