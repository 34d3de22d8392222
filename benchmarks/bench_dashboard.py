"""Dashboard benchmark: server time of a rerun after a filter change, map payload size,
and time from `streamlit run` to the first drawn map (Debian chromium, headless).

Usage: python benchmarks/bench_dashboard.py [--db PATH] [--runs N] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from dashboard import component, map_spec, queries  # noqa: E402
from dashboard import map as ruhr_map  # noqa: E402
from dashboard.filters import Filters  # noqa: E402
from etl.build import build  # noqa: E402

TOPICS = ["mobilitaet", "wohnen", "klima_energie", "bildung", "wirtschaft", "umwelt_gruen"]


def rerun_times(db: Path, runs: int) -> list[float]:
    """Server time of reruns after a topic change: the script's own run time, as recorded
    by the app in st.session_state["_run_seconds"] (AppTest's polling is not counted)."""
    from streamlit.testing.v1 import AppTest

    os.environ["RUHR_DB"] = str(db)
    os.environ["RUHR_DB_AS_IS"] = "1"
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    times = []
    for i in range(runs):
        widget = at.sidebar.multiselect(key="w_topic").set_value([TOPICS[i % len(TOPICS)]])
        widget.run()
        assert not at.exception, at.exception
        times.append(at.session_state["_run_seconds"])
    return times


def payload(db: Path) -> dict[str, int]:
    """Bytes of the map arguments the component gets on a rerun: the base (the same on
    every rerun, rendered once per process) and the update script of a filter change."""
    con = duckdb.connect(str(db), read_only=True)
    ref = queries.reference(con)
    f = Filters()
    counts = queries.municipality_counts(con, f)
    colouring = map_spec.place_colouring(counts, list(ref["municipalities"]["ags"]))
    spec = map_spec.map_spec(
        counts,
        ref["parties"],
        queries.site_pledges(con, f),
        map_spec.base(ref["municipalities"], ref["sites"], ref["features"]),
        colouring,
        ("T", "S"),
    )
    update = component.update_script("ruhrUpdate", ruhr_map.payload(spec))
    con.close()
    base = ruhr_map.base_component("light")
    static = sum(p.stat().st_size for p in (ROOT / "dashboard" / "static").rglob("*.js"))
    geo = sum(p.stat().st_size for p in (ROOT / "dashboard" / "static" / "geo").glob("*"))
    return {
        "base script": len(base["script"].encode()),
        "base html+header": len((base["html"] + base["header"]).encode()),
        "update": len(update.encode()),
        "leaflet+bridge+ruhrmap (cached static files)": static,
        "boundaries (cached static files)": geo,
    }


def first_map(db: Path) -> float | None:
    """Seconds from spawning `streamlit run` to 53 drawn polygons in headless chromium."""
    chromium = "/usr/bin/chromium"
    if not os.path.exists(chromium):
        return None
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page()
        start = time.perf_counter()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "dashboard" / "app.py"),
                "--server.port",
                str(port),
                "--server.headless",
                "true",
            ],
            cwd=ROOT,
            env={**os.environ, "RUHR_DB": str(db)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            while True:
                try:
                    urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.05)
            page.goto(f"{url}/?basemap=none")
            while True:
                frames = [f for f in page.frames if "streamlit_folium" in f.url]
                try:
                    if frames and frames[0].locator("path.leaflet-interactive").count() >= 53:
                        return time.perf_counter() - start
                except Exception:
                    pass
                page.wait_for_timeout(50)
        finally:
            server.terminate()
            server.wait(timeout=20)
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not args.db:
            build(db)
        times = rerun_times(db, args.runs)
        first, again = times[: len(TOPICS)], times[len(TOPICS) :]  # query cache cold, warm
        print(
            f"rerun after a topic change (server time, {len(times)} runs): "
            f"median {statistics.median(times) * 1000:.0f} ms, "
            f"max {max(times) * 1000:.0f} ms; first visit of a topic median "
            f"{statistics.median(first) * 1000:.0f} ms, "
            f"repeat visit median {statistics.median(again or first) * 1000:.0f} ms"
        )
        sizes = payload(db)
        total = sizes["base script"] + sizes["base html+header"] + sizes["update"]
        print(
            f"map arguments per rerun: {total / 1024:.0f} KiB: "
            + ", ".join(f"{k} {v / 1024:.1f} KiB" for k, v in sizes.items())
        )
        if not args.no_browser:
            seconds = first_map(db)
            print(
                "streamlit run -> first drawn map: "
                + (f"{seconds:.1f} s" if seconds is not None else "no chromium")
            )


if __name__ == "__main__":
    main()
