"""What one visitor's session holds between runs: the data being served, the filters in
the widgets' state (started from the URL), and a click on the map turned into a town."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard import data, views
from dashboard import map as ruhr_map
from dashboard.filters import FIELDS, Filters, Valid, from_widgets, parse, widget_state
from dashboard.strings import t


@dataclass(frozen=True)
class Context:
    """The database a run reads and its reference tables, handed to every page."""

    db: str
    digest: str
    ref: dict

    @property
    def topic_labels(self) -> dict[str, str]:
        return views.topic_labels(self.ref)


def open_data() -> Context | None:
    """The current database, built first (with a progress bar) if it is missing or stale;
    None, after one German sentence, when there is none to show."""
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
        return None
    if serving.notice:
        st.warning(serving.notice)
    return Context(str(db), serving.digest, data.reference(str(db), serving.digest))


def start(ctx: Context) -> None:
    """Every run before the widgets: the URL on a session's first run, then a map click."""
    if not st.session_state.get("initialised"):
        ref = ctx.ref
        valid = Valid(
            parties=frozenset(ref["parties"]["party_id"]),
            topics=frozenset(ref["topics"]["topic_id"]),
            ags=frozenset(ref["municipalities"]["ags"]),
            sites=frozenset(ref["sites"]["site_id"]),
            links=frozenset(ref["link_types"]["link_type"]),
            pledges=frozenset(data.pledge_ids(ctx.db, ctx.digest)),
        )
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        init_widgets(parse(params, valid))
    apply_map_click()


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


def keep_filters() -> None:
    """A run that draws no filter widgets (the screenshot mode) keeps their values:
    Streamlit drops the state of a widget that a run does not draw, and the next rerun
    (a click, the way back) would start from the defaults. Set as plain values, they stay."""
    for field in FIELDS:
        if field.widget in st.session_state:
            st.session_state[field.widget] = st.session_state[field.widget]


def dropped_notes(f: Filters) -> tuple[str, ...]:
    """The URL's rejected parameters, named until the visitor changes a filter."""
    notes = st.session_state.get("notes")
    if notes and f.without_notes() != st.session_state.get("notes_for"):
        notes = st.session_state["notes"] = ()
    return tuple(notes or ())


@st.cache_resource(show_spinner=False)
def town_shapes() -> list[tuple[str, object]]:
    """Prepared polygons for turning a map click into a municipality (once per process)."""
    from shapely import prepare
    from shapely.geometry import shape

    shapes = []
    for feature in data.geometries()["municipalities"]["features"]:
        geom = shape(feature["geometry"])
        prepare(geom)
        shapes.append((feature["properties"]["ags"], geom))
    return shapes


def town_at(lat: float, lon: float) -> str | None:
    from shapely.geometry import Point

    point = Point(lon, lat)
    return next((ags for ags, geom in town_shapes() if geom.contains(point)), None)


def apply_map_click() -> None:
    """A click on the main map, read from the map's widget state before the sidebar's
    widgets exist: the town is chosen in this run, without a second rerun."""
    key = ruhr_map.component_key(st.session_state.get("w_basemap", "light"))
    clicked = (st.session_state.get(key) or {}).get("last_clicked")
    if clicked and clicked != st.session_state.get("seen_click"):
        st.session_state["seen_click"] = clicked
        if st.session_state.get("w_screenshot"):
            return  # a picture for a report: a click must not change what it shows
        ags = town_at(clicked["lat"], clicked["lng"])
        if ags:
            st.session_state["w_ags"] = ags


def leave_screenshot() -> None:
    """The "Zurück" button's callback: the same view, with the page around the map."""
    st.session_state["w_screenshot"] = False
