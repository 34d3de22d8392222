"""Browser benchmark: what a visitor waits for, in headless Debian chromium (Playwright).

For the dashboard of this checkout (and, with --baseline DIR, of another checkout in the
same run, e.g. a git worktree of an earlier commit) and for a bare Streamlit page (one
multiselect in the sidebar, one line that shows the selection) that calibrates the
machine's speed, it prints the median and maximum of N runs of:

- `streamlit run` to the first drawn map (warm: the database exists; cold: it is built),
- reload to a drawn map,
- a topic filter change (from the Enter key that chooses it) to the redrawn map with
  the new title,
- a municipality click on the map to the updated list, and to the zoomed, highlighted map,
- the comparison view to its map, first visit,
- bytes the browser receives per filter change (websocket frames),

and the ratios to the bare page.

Usage: python benchmarks/bench_browser.py [--runs N] [--baseline DIR] [--no-cold]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serve import CHROMIUM, chromium, streamlit, wait_health  # noqa: E402

TOPICS = ["Mobilität", "Wohnen", "Bildung", "Klima", "Wirtschaft", "Europa"]
HERTEN = "05562020"
DRAWN = """() => { const m = window.map || window.map_div;
  return !!m && document.querySelectorAll('path.leaflet-interactive').length >= 53
    && (!window.ruhr || !!window.ruhr.data); }"""


def map_frame(page, limit: float = 180):
    """The map's frame once 53 towns are drawn (and, for the live map, coloured)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                try:
                    if frame.evaluate(DRAWN):
                        return frame
                except Exception:  # a frame that is being replaced
                    pass
        page.wait_for_timeout(20)
    raise RuntimeError("no map")


def title_has(page, text: str, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                try:
                    if text in frame.evaluate("document.body.innerText"):
                        return
                except Exception:
                    pass
        page.wait_for_timeout(20)
    raise RuntimeError(f"title never showed {text!r}")


def zoomed_on(page, limit: float = 60) -> None:
    """A map zoomed in (≥ 10) with the selection's red outline drawn."""
    deadline = time.monotonic() + limit
    probe = """() => { const m = window.map || window.map_div;
      return m.getZoom() >= 10 && !!document.querySelector('path[stroke="#d7301f"]'); }"""
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                try:
                    if frame.evaluate(probe):
                        return
                except Exception:
                    pass
        page.wait_for_timeout(20)
    raise RuntimeError("never zoomed")


MAP = b"streamlit_folium"  # the map component's messages name it


def listen(ws, into: list) -> None:
    """Collect what the browser receives on Streamlit's websocket."""
    ws.on("framereceived", lambda p: into.append(p if isinstance(p, bytes) else p.encode()))


def pick_topic(page, topic: str) -> float:
    """Type a topic into the picker and choose it with Enter; returns the time of the Enter
    key, from which a filter change is timed (typing is the visitor's, not the app's)."""
    box = page.locator("[data-testid='stSidebar'] input[aria-label='Thema']")
    box.click()
    page.keyboard.type(topic)
    page.get_by_role("option").filter(has_text=topic).first.wait_for(timeout=10_000)
    start = time.perf_counter()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    return start


def measure_app(browser, label: str, checkout: Path, db: Path, runs: int, cold: bool) -> dict:
    app = checkout / "dashboard" / "app.py"
    results: dict[str, list[float]] = {}

    def add(name, value):
        results.setdefault(name, []).append(value)

    if cold:  # no database: the first visitor waits for the build
        for _ in range(max(1, runs // 2)):
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / "ruhr.duckdb"
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                start = time.perf_counter()
                with streamlit(app, checkout, {"RUHR_DB": str(fresh)}, wait=False) as (url, _):
                    wait_health(url)
                    page.goto(f"{url}/?basemap=none")
                    map_frame(page)
                    add("cold start to first map (s)", time.perf_counter() - start)
                page.close()
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        start = time.perf_counter()
        with streamlit(app, checkout, {"RUHR_DB": str(db)}, wait=False) as (url, _):
            wait_health(url)
            page.goto(f"{url}/?basemap=none")
            frame = map_frame(page)
            add("warm start to first map (s)", time.perf_counter() - start)

            start = time.perf_counter()
            page.reload()
            frame = map_frame(page)
            add("reload to drawn map (s)", time.perf_counter() - start)

            received: list[bytes] = []
            page.on("websocket", lambda ws, into=received: listen(ws, into))
            for topic in TOPICS[:3]:  # one topic from none: the colours change in any version
                page.goto(f"{url}/?basemap=none")
                frame = map_frame(page)
                page.wait_for_timeout(300)
                received.clear()
                start = pick_topic(page, topic)
                title_has(page, topic)
                add("topic filter to new title (s)", time.perf_counter() - start)
                page.wait_for_timeout(300)
                add("bytes per filter change (KiB)", sum(map(len, received)) / 1024)
                add("  of which the map (KiB)", sum(len(f) for f in received if MAP in f) / 1024)
            page.goto(f"{url}/?basemap=none")
            frame = map_frame(page)
            lat, lon = herten_point(db)
            point = frame.evaluate(
                f"(window.map || window.map_div).latLngToContainerPoint([{lat}, {lon}])"
            )
            box = page.locator("iframe").first.bounding_box()
            for candidate in page.locator("iframe").all():
                if "streamlit_folium" in (candidate.get_attribute("src") or ""):
                    box = candidate.bounding_box()
            start = time.perf_counter()
            page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
            page.get_by_text("Profil: Herten").wait_for(timeout=60_000)
            add("town click to updated list (s)", time.perf_counter() - start)
            zoomed_on(page)
            add("town click to zoomed map (s)", time.perf_counter() - start)

            page.goto(f"{url}/?basemap=none")
            map_frame(page)
            start = time.perf_counter()
            # the view switch: a radio label before the pages, a navigation link since
            page.locator("[data-testid='stSidebar'] label, [data-testid='stSidebarNav'] a").filter(
                has_text="Parteien vergleichen"
            ).first.click()
            # the comparison's map stands below its chart and tables: scroll to it, as a
            # reader does (the browser loads a frame far off screen only then)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                frames = page.locator("iframe[src*='streamlit_folium']")
                if frames.count():
                    try:
                        frames.last.scroll_into_view_if_needed(timeout=1000)
                        break
                    except Exception:
                        pass
                page.wait_for_timeout(20)
            title_has(page, "Wer verspricht wo mehr?")
            add("comparison view to its map (s)", time.perf_counter() - start)
        page.close()
    return {"label": label, "results": results}


def herten_point(db: Path) -> tuple[float, float]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT lat, lon FROM municipalities WHERE ags = ?", [HERTEN]).fetchone()
    finally:
        con.close()


BARE = textwrap.dedent(
    """
    import streamlit as st
    choice = st.sidebar.multiselect("Thema", ["Mobilität", "Wohnen", "Bildung", "Klima"])
    st.write("Auswahl: " + (", ".join(choice) or "keine"))
    """
)


def measure_bare(browser, runs: int) -> dict:
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "bare.py"
        app.write_text(BARE, encoding="utf-8")
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            with streamlit(app, Path(tmp), {}, wait=False) as (url, _):
                wait_health(url)
                page.goto(url)
                page.get_by_text("Auswahl: keine").wait_for(timeout=60_000)
                start = time.perf_counter()
                page.reload()
                page.get_by_text("Auswahl: keine").wait_for(timeout=60_000)
                results.setdefault("reload (s)", []).append(time.perf_counter() - start)
                for topic in ("Mobilität", "Wohnen", "Bildung"):
                    start = pick_topic(page, topic)
                    page.get_by_text(topic, exact=False).last.wait_for(timeout=60_000)
                    deadline = time.monotonic() + 30
                    while topic not in page.locator("[data-testid='stMarkdown']").last.inner_text():
                        if time.monotonic() > deadline:
                            break
                        page.wait_for_timeout(10)
                    results.setdefault("filter change (s)", []).append(time.perf_counter() - start)
            page.close()
    return {"label": "bare page", "results": results}


def build_db(checkout: Path, target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "etl", "build", "--db", str(target)],
        cwd=checkout,
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to measure in the same run")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold starts")
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        print(f"no chromium at {CHROMIUM} (apt-get install chromium)")
        return
    checkouts = [("this checkout", ROOT)]
    if args.baseline:
        checkouts.insert(0, ("baseline", args.baseline.resolve()))
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        bare = measure_bare(browser, args.runs)
        measured = [bare]
        for label, checkout in checkouts:
            db = Path(tmp) / f"{label.replace(' ', '-')}.duckdb"
            build_db(checkout, db)
            try:
                measured.append(
                    measure_app(browser, label, checkout, db, args.runs, not args.no_cold)
                )
            except Exception as exc:  # report what was measured, and what failed
                print(f"{label}: {type(exc).__name__}: {exc}")
    print(f"median / max of {args.runs} runs, headless chromium, 1440x900")
    for m in measured:
        print(f"== {m['label']}")
        for name, values in m["results"].items():
            print(f"  {name:<36} {statistics.median(values):8.2f} {max(values):8.2f}")
    base = {k: statistics.median(v) for k, v in bare["results"].items()}
    for m in measured[1:]:
        r = {k: statistics.median(v) for k, v in m["results"].items()}
        print(
            f"ratio to the bare page ({m['label']}): filter change "
            f"{r['topic filter to new title (s)'] / base['filter change (s)']:.1f}x, reload "
            f"{r['reload to drawn map (s)'] / base['reload (s)']:.1f}x"
        )
    shutil.rmtree(Path(tmp), ignore_errors=True)


if __name__ == "__main__":
    main()
