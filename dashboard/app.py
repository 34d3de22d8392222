"""Streamlit entry point: the Ruhr map of election pledges with party, topic and place filters.

Run with `streamlit run dashboard/app.py` (or `make run`). Streamlit puts this file's
folder, not the repository root, on sys.path, hence the path set-up below.
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

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from shapely.geometry import Point, shape  # noqa: E402

from dashboard import data, export, views  # noqa: E402
from dashboard import map as ruhr_map  # noqa: E402
from dashboard.compare import compare_map, compare_view  # noqa: E402
from dashboard.filters import (  # noqa: E402
    Filters,
    Valid,
    from_widgets,
    parse,
    to_params,
    widget_state,
)
from dashboard.sidebar import sidebar  # noqa: E402
from dashboard.strings import t  # noqa: E402
from etl.kinds import CONTEXT, EXAMPLE, TARGET  # noqa: E402

RAISE_ENV = "RUHR_RAISE"  # the test suite sees exceptions instead of the German sentence


@st.cache_resource(show_spinner=False)
def town_shapes() -> list[tuple[str, object]]:
    """Prepared polygons for turning a map click into a municipality (once per process)."""
    from shapely import prepare

    shapes = []
    for feature in data.geometries()["municipalities"]["features"]:
        geom = shape(feature["geometry"])
        prepare(geom)
        shapes.append((feature["properties"]["ags"], geom))
    return shapes


def town_at(lat: float, lon: float) -> str | None:
    point = Point(lon, lat)
    return next((ags for ags, geom in town_shapes() if geom.contains(point)), None)


def apply_map_click() -> None:
    """A click on the main map, read from the map's widget state before the sidebar's
    widgets exist: the town is chosen in this run, without a second rerun."""
    key = ruhr_map.component_key(st.session_state.get("w_basemap", "light"))
    clicked = (st.session_state.get(key) or {}).get("last_clicked")
    if clicked and clicked != st.session_state.get("seen_click"):
        st.session_state["seen_click"] = clicked
        ags = town_at(clicked["lat"], clicked["lng"])
        if ags:
            st.session_state["w_ags"] = ags


def init_widgets(f: Filters) -> None:
    """First run of a session: the URL decides the widgets' starting values."""
    st.session_state.update(
        {
            **widget_state(f),
            "notes": f.notes,
            "notes_for": f.without_notes(),  # the note stays while these filters do
            "initialised": True,
        }
    )


def current_filters() -> Filters:
    return from_widgets(st.session_state)


def show_map(f: Filters, ref: dict, db: str, digest: str, height: int):
    plain = f.without_notes()
    counts = data.query(db, digest, "municipality_counts", plain)
    site_pledges = data.query(db, digest, "site_pledges", plain)
    title, subtitle = views.map_titles(f, ref)
    colouring = ruhr_map.place_colouring(
        counts, list(ref["municipalities"]["ags"]), f.groups, f.themes
    )
    payload = ruhr_map.update_payload(
        counts,
        ref["parties"],
        site_pledges,
        data.map_static(db, digest),
        f.ags,
        title,
        subtitle,
        colouring,
        f.groups,
        themes=f.themes,
        show_features=f.features,
    )
    ruhr_map.live_map(payload, f.basemap, height)  # its clicks: apply_map_click

    def full_map():  # the standalone HTML export, built only when it is downloaded
        return ruhr_map.build_map(
            data.geometries(),
            counts,
            ref["parties"],
            ref["sites"],
            site_pledges,
            f.ags,
            f.basemap,
            title,
            subtitle,
            colouring,
            groups=f.groups,
            themes=f.themes,
        )

    return full_map, colouring, title, subtitle


def downloads(
    f: Filters, ref: dict, m, colouring, title, subtitle, pledges: pd.DataFrame, topic_labels: dict
) -> None:
    st.subheader(t("downloads"))
    first = "shown_ags" not in st.session_state  # a link that opens with a town: no close
    chosen = st.session_state.get("shown_ags")
    st.session_state["shown_ags"] = f.ags
    closing = bool(f.ags) and chosen != f.ags and not first
    st.iframe(views.page_helper(screenshot=False, close_sidebar=closing), height=44)

    def table() -> pd.DataFrame:  # built when a download is clicked, not on every rerun
        return export.pledge_table(pledges, topic_labels)

    cols = st.columns(5)
    stem = "ruhr-versprechen" + (f"-{f.ags}" if f.ags else "")
    cols[0].download_button(
        t("download_csv"),
        data=lambda: export.to_csv(table()),
        file_name=f"{stem}.csv",
        mime="text/csv",
        on_click="ignore",
    )
    cols[1].download_button(
        t("download_xlsx"),
        data=lambda: export.to_excel(table()),
        file_name=f"{stem}.xlsx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    geo = data.geometries()
    maps = [
        (
            "download_png",
            "karte.png",
            "image/png",
            lambda: export.static_map(
                geo, colouring, ref["sites"], title, subtitle, "png", f.ags, f.site
            ),
        ),
        (
            "download_pdf",
            "karte.pdf",
            "application/pdf",
            lambda: export.static_map(
                geo, colouring, ref["sites"], title, subtitle, "pdf", f.ags, f.site
            ),
        ),
        ("download_html", "karte.html", "text/html", lambda: ruhr_map.standalone_html(m(), title)),
    ]
    for col, (label, suffix, mime, produce) in zip(cols[2:], maps, strict=True):
        col.download_button(
            t(label), data=produce, file_name=f"{stem}-{suffix}", mime=mime, on_click="ignore"
        )


def pledge_list(pledges: pd.DataFrame, ref: dict, key: str) -> None:
    if pledges.empty:
        st.info(t("no_results"))
        return
    pages = max(1, -(-len(pledges) // views.PAGE_SIZE))
    page = 1
    if pages > 1:
        page = st.number_input(t("page"), min_value=1, max_value=pages, value=1, key=key)
        st.caption(t("page_of", page=page, pages=pages))
    chunk = pledges.iloc[(page - 1) * views.PAGE_SIZE : page * views.PAGE_SIZE]
    topic_labels = dict(zip(ref["topics"]["topic_id"], ref["topics"]["label"], strict=True))
    cards = views.pledge_cards(chunk, topic_labels, views.link_labels(ref), ref["digest"])
    st.markdown(views.CSS + cards, unsafe_allow_html=True)


def municipality_view(f: Filters, ref: dict, db: str, digest: str, topic_labels: dict):
    """What the parties promise for one town: pledges that name it or a site in it, those
    for a group it belongs to, and (collapsed) where it is only a model or mentioned in a
    describing sentence. The profile counts the same way as the map."""
    town = ref["municipalities"].set_index("ags").loc[f.ags]
    plain = f.without_notes()
    linked = data.query(db, digest, "place_pledges", plain)
    region = data.query(db, digest, "region_pledges", plain)
    targets = linked[linked["role"] == TARGET] if len(linked) else linked
    direct = targets[targets["direct"]] if len(targets) else targets
    via_group = targets[~targets["direct"] & targets["via_group"]] if len(targets) else targets
    thematic = targets[~targets["direct"] & ~targets["via_group"]] if len(targets) else targets
    counted = pd.concat(
        [direct] + ([via_group] if f.groups else []) + ([thematic] if f.themes else [])
    )
    st.subheader(t("profile", name=town["name"]))
    if town["kreis"] == "kreisfrei":
        st.caption(f"{ruhr_map.town_kind(town['kreis'])} · AGS {f.ags}")
    else:
        st.caption(t("town_in_kreis", kind=town["kind"], kreis=town["kreis"]) + f" · AGS {f.ags}")
    metric_cols = st.columns(max(1, len(ref["parties"])))
    for col, party in zip(metric_cols, ref["parties"].itertuples(), strict=False):
        n = int((counted["party_id"] == party.party_id).sum()) if len(counted) else 0
        col.metric(
            views.md_escape(f"{party.name} ({', '.join(map(str, party.years))})"),
            n,
            help=t("profile_counts_help"),
        )
        for part, on, key in ((via_group, f.groups, "group"), (thematic, f.themes, "theme")):
            extra = int((part["party_id"] == party.party_id).sum()) if len(part) else 0
            if extra and not on:
                col.caption(t(f"profile_plus_{key}", n=extra))
    key = "profile_counts" + ("_groups" if f.groups else "") + ("_themes" if f.themes else "")
    st.caption(t(key))
    if not counted.empty:
        _, _, bars = views.topic_summary(counted, topic_labels)
        st.markdown(bars, unsafe_allow_html=True)
    sections = [
        (direct, "section_direct", True),
        (via_group, "section_group", True),
        (thematic, "section_thematic", True),
        (linked[linked["role"] == EXAMPLE] if len(linked) else linked, "section_example", False),
        (linked[linked["role"] == CONTEXT] if len(linked) else linked, "section_context", False),
    ]
    if targets.empty:
        st.info(t("specific_none", name=town["name"]))
    for part, key, open_ in sections:
        if part.empty:
            continue
        title = t(key, name=town["name"], n=len(part))
        if open_:
            st.subheader(title)
            if key == "section_thematic":
                st.caption(t("section_thematic_help", name=town["name"]))
            by_party(part, ref, key)
        else:
            with st.expander(title, expanded=False):
                by_party(part, ref, key)
    with st.expander(t("region_wide", n=len(region)), expanded=False):
        pledge_list(region, ref, key="page_region")
    return pd.concat([linked, region], ignore_index=True)


def by_party(pledges: pd.DataFrame, ref: dict, key: str) -> None:
    for party in ref["parties"].itertuples():
        part = pledges[pledges["party_id"] == party.party_id]
        if len(part):
            label = views.md_escape(f"{party.name} ({', '.join(map(str, party.years))})")
            st.markdown(f"**{label}**")
            pledge_list(part, ref, key=f"{key}_{party.party_id}")


def wide_only(text: str) -> None:
    """A caption left out on a phone, where the map must come first."""
    st.markdown(
        f'<p class="ruhr-wide-only" style="color:#4a4a4a;font-size:0.875rem">{views.esc(text)}</p>',
        unsafe_allow_html=True,
    )


def main() -> None:
    started = time.perf_counter()
    try:
        run_page()
    except Exception as exc:
        if type(exc).__name__ in ("RerunException", "StopException") or os.environ.get(RAISE_ENV):
            raise  # Streamlit's own control flow; tests that want the traceback
        logging.getLogger("ruhr.dashboard").exception("page failed")
        st.error(t("page_error"))  # one sentence; the traceback goes to the log
    finally:  # server time of this run, read by benchmarks/bench_dashboard.py
        st.session_state["_run_seconds"] = time.perf_counter() - started


def run_page() -> None:
    st.set_page_config(page_title=t("page_title"), layout="wide")
    db = data.db_path()
    with st.spinner(t("building")):
        bar = st.empty()

        def show(done: int, total: int, document_id: str, pledges: int) -> None:
            text = t("building_progress", done=done, total=total, document=document_id)
            bar.progress(done / total, text=text)

        serving = data.serve_database(db, progress=show)
        bar.empty()
    if serving is None:
        st.error(t("data_unavailable"))
        return
    digest = serving.digest
    if serving.notice:
        st.warning(serving.notice)
    ref = data.reference(str(db), digest)
    topic_labels = dict(zip(ref["topics"]["topic_id"], ref["topics"]["label"], strict=True))
    valid = Valid(
        parties=frozenset(ref["parties"]["party_id"]),
        topics=frozenset(ref["topics"]["topic_id"]),
        ags=frozenset(ref["municipalities"]["ags"]),
        sites=frozenset(ref["sites"]["site_id"]),
    )
    if not st.session_state.get("initialised"):
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        init_widgets(parse(params, valid))
    apply_map_click()

    f = current_filters()
    st.markdown(views.PAGE_CSS, unsafe_allow_html=True)
    if f.screenshot:
        st.markdown(views.SCREENSHOT_CSS, unsafe_allow_html=True)
        st.iframe(views.page_helper(screenshot=True), height=1)
        if f.view == "vergleich":
            compare_map(f, ref, str(db), digest, height=820)
        else:
            show_map(f, ref, str(db), digest, height=820)
        st.query_params.from_dict(to_params(f))
        return

    sidebar(ref)
    f = current_filters()
    st.query_params.from_dict(to_params(f))
    st.title(t("title"))
    wide_only(t("intro"))
    notes = st.session_state.get("notes")
    if notes and f.without_notes() != st.session_state.get("notes_for"):
        notes = st.session_state["notes"] = ()  # the visitor has moved on
    if notes:
        st.warning(t("note_dropped", keys=", ".join(notes)))
    if f.view == "vergleich":
        compare_view(f, ref, str(db), digest, topic_labels)
        return
    years = sorted({y for ys in ref["parties"]["years"] for y in ys})
    if len(years) > 1:
        wide_only(t("years_differ", years=", ".join(map(str, years))))
    m, colouring, title, subtitle = show_map(f, ref, str(db), digest, height=560)
    st.caption(t("map_hint"))
    downloads_box = st.container()  # right under the map, filled once the pledges are known

    if f.ags:
        pledges = municipality_view(f, ref, str(db), digest, topic_labels)
    elif f.site:
        pledges = data.query(str(db), digest, "place_pledges", f.without_notes())
        st.subheader(t("all_pledges", n=len(pledges)))
        pledge_list(pledges, ref, key="page_site")
    else:
        pledges = data.query(str(db), digest, "all_pledges", f.without_notes())
        st.subheader(t("all_pledges", n=len(pledges)))
        pledge_list(pledges, ref, key="page_all")

    st.subheader(t("counts"))
    if f.ags or f.site:
        _, _, bars = views.topic_summary(pledges, topic_labels)
    else:
        _, _, bars = data.topic_counts(str(db), digest, "all_pledges", f.without_notes())
    if bars is not None:
        st.markdown(bars, unsafe_allow_html=True)
    with downloads_box:
        downloads(f, ref, m, colouring, title, subtitle, pledges, topic_labels)


main()
