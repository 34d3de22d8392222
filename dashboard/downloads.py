"""The downloads under the map: the pledges shown as CSV and Excel, the map as PNG, PDF
and standalone HTML. Each file is made when its button is clicked, not on every rerun."""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from dashboard import data, export, export_html, export_map, page_script, views
from dashboard.filters import Filters
from dashboard.map_spec import MapSpec
from dashboard.strings import t

LOG = logging.getLogger("ruhr.dashboard")


def app_root() -> str:
    """The app's own address (scheme, host, the root path), for links in the exports."""
    url = urlsplit(st.context.url or "")
    return f"{url.scheme}://{url.netloc}/" if url.scheme and url.netloc else ""


def close_sidebar_on_new_town(f: Filters) -> bool:
    """On a phone the sidebar covers the page: a newly chosen town closes it, a link that
    opens with a town does not."""
    first = "shown_ags" not in st.session_state
    chosen = st.session_state.get("shown_ags")
    st.session_state["shown_ags"] = f.ags
    return bool(f.ags) and chosen != f.ags and not first


def files(
    f: Filters, spec: MapSpec, pledges: pd.DataFrame, topic_labels: dict, link_labels: dict
) -> list:
    """(label, end of the file name, MIME type, producer) per download; the maps are drawn
    from the live map's spec."""

    root = app_root()  # now, in the run: a button's callback has no page context

    def table() -> pd.DataFrame:
        return export.pledge_table(pledges, topic_labels, link_labels, root)

    def static(fmt: str) -> Callable[[], bytes]:
        return lambda: export_map.static_map(spec, data.geometries(), fmt)

    def html() -> str:
        m = export_html.build_map(spec, data.geometries(), f.basemap)
        return export_html.standalone_html(m, spec.title)

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return [
        ("download_csv", ".csv", "text/csv", or_notice("csv", lambda: export.to_csv(table()))),
        ("download_xlsx", ".xlsx", xlsx, or_notice("xlsx", lambda: export.to_excel(table()))),
        ("download_png", "-karte.png", "image/png", or_notice("png", static("png"))),
        ("download_pdf", "-karte.pdf", "application/pdf", or_notice("pdf", static("pdf"))),
        ("download_html", "-karte.html", "text/html", or_notice("html", html)),
    ]


def or_notice(fmt: str, produce: Callable[[], bytes | str]) -> Callable[[], bytes | str]:
    """A producer that never fails: an error goes to the log with its traceback, and the
    visitor gets a file of the same format that says in German what happened. Each
    button has its own producer, so the other downloads still work."""

    def safe() -> bytes | str:
        try:
            return produce()
        except Exception:
            LOG.exception("making the %s download failed", fmt)
            return export.notice_file(fmt)

    return safe


WARM_AFTER = 3.0  # seconds after the first page: before a visitor reaches the buttons


@functools.cache
def warm_exports() -> threading.Thread:
    """Once per server process, after the first page: load what the PNG and PDF exports
    need in the background (benchmarks/bench_export.py measures the first export)."""

    def later() -> None:
        time.sleep(WARM_AFTER)  # the first map is drawn first: the CPUs are the browser's
        export_map.warm()

    thread = threading.Thread(target=later, name="warm-exports", daemon=True)
    thread.start()
    return thread


def downloads(f: Filters, spec: MapSpec, pledges: pd.DataFrame, ref: dict) -> None:
    st.subheader(t("downloads"))
    closing = close_sidebar_on_new_town(f)
    st.iframe(page_script.page_helper(screenshot=False, close_sidebar=closing), height=44)
    made = files(f, spec, pledges, views.topic_labels(ref), views.link_labels(ref))
    stem = "ruhr-versprechen" + (f"-{f.ags}" if f.ags else "")
    for col, (label, suffix, mime, produce) in zip(st.columns(len(made)), made, strict=True):
        col.download_button(
            t(label), data=produce, file_name=stem + suffix, mime=mime, on_click="ignore"
        )
    if site_url():  # only where a static site is online (data/publish.toml, RUHR_SITE_URL)
        st.markdown(
            f"[{views.md_escape(t('static_site_link'))}]({static_page(f)}) · "
            f"{views.md_escape(t('static_site_note'))}"
        )


SITE_ENV = "RUHR_SITE_URL"


def static_page(f: Filters) -> str:
    """The page of the static site (python -m etl publish) that shows this view best: the
    town's, else the one party's or the one topic's, else the overview."""
    base = site_url().rstrip("/")
    if f.ags:
        return f"{base}/kommune/{f.ags}.html"
    if len(f.parties) == 1 and not f.topics:
        return f"{base}/partei/{f.parties[0]}.html"
    if len(f.topics) == 1 and not f.parties:
        return f"{base}/thema/{f.topics[0]}.html"
    return f"{base}/index.html"


def site_url() -> str:
    """The static site's address: $RUHR_SITE_URL, else data/publish.toml's (empty: none)."""
    return os.environ.get(SITE_ENV) or _configured_site()


@functools.cache
def _configured_site() -> str:
    from etl.publish import load_config  # data/publish.toml: where the release's site is

    return load_config()["site_url"]
