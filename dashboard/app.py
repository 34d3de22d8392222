"""Streamlit entry point: the Ruhr map of election pledges with party, topic and place filters.

Run with `streamlit run dashboard/app.py` (or `make run`). Streamlit puts this file's
folder, not the repository root, on sys.path, hence the path set-up below. The pages are
in dashboard/pages.py; this file sets up what every page shares.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import downloads, page_script, pages, session, views  # noqa: E402
from dashboard.filters import to_params  # noqa: E402
from dashboard.sidebar import sidebar  # noqa: E402
from dashboard.strings import t  # noqa: E402

RAISE_ENV = "RUHR_RAISE"  # the test suite sees exceptions instead of the German sentence


def main() -> None:
    started = time.perf_counter()
    try:
        run_page()
        downloads.warm_exports()  # once per process, after the first page is out
    except Exception as exc:
        if type(exc).__name__ in ("RerunException", "StopException") or os.environ.get(RAISE_ENV):
            raise  # Streamlit's own control flow; tests that want the traceback
        logging.getLogger("ruhr.dashboard").exception("page failed")
        st.error(t("page_error"))  # one sentence; the traceback goes to the log
    finally:  # server time of this run, read by benchmarks/bench_dashboard.py
        st.session_state["_run_seconds"] = time.perf_counter() - started


def run_page() -> None:
    st.set_page_config(page_title=t("page_title"), layout="wide")
    ctx = session.open_data()
    if ctx is None:
        return
    session.start(ctx)
    f = session.current_filters()
    st.markdown(views.page_css(), unsafe_allow_html=True)
    page = pages.navigation(ctx, f)
    if f.screenshot:  # the map alone, for a report
        session.keep_filters()
        st.markdown(views.SCREENSHOT_CSS, unsafe_allow_html=True)
        st.iframe(page_script.page_helper(screenshot=True), height=1)
    else:
        st.title(t("title"))
        pages.wide_only(t("intro"))
        notes = session.dropped_notes(session.current_filters())
        if notes:
            # the keys come from the address: shown as written, never run as Markdown
            st.warning(t("note_dropped", keys=views.md_escape(", ".join(notes))))
    st.query_params.from_dict(to_params(session.current_filters()))
    try:
        page.run()
    finally:  # after the page: the map's frame starts loading before the widgets render;
        if not f.screenshot:  # drawn even when the page fails, or the filters would be lost
            sidebar(ctx.ref)


main()
