"""The town view: what the parties promise for one municipality. Pledges that name it or
a site in it come first, then those for a group it belongs to and thematic ones, and
(collapsed) where it is only a model or mentioned in a describing sentence. The profile
counts the same way as the map."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, views
from dashboard.filters import Filters
from dashboard.map_spec import town_kind
from dashboard.strings import t
from etl.kinds import CONTEXT, EXAMPLE, NOT_RATED, TARGET


def party_label(party) -> str:
    return views.md_escape(views.party_name(party))


def pledge_list(pledges: pd.DataFrame, ref: dict, key: str) -> None:
    """Pledge cards, a page at a time."""
    if pledges.empty:
        st.info(t("no_results"))
        return
    pages = max(1, -(-len(pledges) // views.PAGE_SIZE))
    page = 1
    if pages > 1:
        page = st.number_input(t("page"), min_value=1, max_value=pages, value=1, key=key)
        st.caption(t("page_of", page=page, pages=pages))
    if "status" in pledges and pledges["status"].notna().any():  # an ended term is listed
        ended = pledges["status"].dropna()
        rated = int((ended != NOT_RATED).sum())
        st.caption(t("status_rated", rated=rated, total=len(ended)))
    chunk = pledges.iloc[(page - 1) * views.PAGE_SIZE : page * views.PAGE_SIZE]
    labels = views.topic_labels(ref)
    cards = views.pledge_cards(chunk, labels, views.link_labels(ref), ref["digest"])
    st.markdown(views.CSS + cards, unsafe_allow_html=True)


def by_party(pledges: pd.DataFrame, ref: dict, key: str) -> None:
    for party in ref["parties"].itertuples():
        part = pledges[pledges["party_id"] == party.party_id]
        if len(part):
            st.markdown(f"**{party_label(party)}**")
            pledge_list(part, ref, key=f"{key}_{party.party_id}")


def parts(linked: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The town's linked pledges by why they belong to it."""
    if linked.empty:
        return {key: linked for key in ("direct", "group", "feature", "example", "context")}
    targets = linked[linked["role"] == TARGET]
    return {
        "direct": targets[targets["direct"]],
        "group": targets[~targets["direct"] & targets["via_group"]],
        "feature": targets[~targets["direct"] & ~targets["via_group"]],
        "example": linked[linked["role"] == EXAMPLE],
        "context": linked[linked["role"] == CONTEXT],
    }


def counted(by: dict[str, pd.DataFrame], f: Filters) -> pd.DataFrame:
    """The pledges the profile and the map count: group and thematic ones when switched on."""
    return pd.concat(
        [by["direct"]] + ([by["group"]] if f.groups else []) + ([by["feature"]] if f.themes else [])
    )


def profile(town, f: Filters, ref: dict, by: dict, topic_labels: dict) -> None:
    """The town's heading, its pledge counts per party and their topics."""
    st.subheader(t("profile", name=town["name"]))
    if town["kreis"] == "kreisfrei":
        st.caption(f"{town_kind(town['kreis'])} · AGS {f.ags}")
    else:
        st.caption(t("town_in_kreis", kind=town["kind"], kreis=town["kreis"]) + f" · AGS {f.ags}")
    shown = counted(by, f)
    metric_cols = st.columns(max(1, len(ref["parties"])))
    for col, party in zip(metric_cols, ref["parties"].itertuples(), strict=False):
        n = int((shown["party_id"] == party.party_id).sum()) if len(shown) else 0
        col.metric(party_label(party), n, help=t("profile_counts_help"))
        for name, part, on in (
            ("group", by["group"], f.groups),
            ("theme", by["feature"], f.themes),
        ):
            extra = int((part["party_id"] == party.party_id).sum()) if len(part) else 0
            if extra and not on:  # what switching it on would add
                col.caption(t(f"profile_plus_{name}", n=extra))
    key = "profile_counts" + ("_groups" if f.groups else "") + ("_themes" if f.themes else "")
    st.caption(t(key))
    if not shown.empty:
        bars = views.topic_bars(shown, topic_labels)
        st.markdown(bars, unsafe_allow_html=True)


SECTIONS = (  # part, heading, shown open
    ("direct", "section_direct", True),
    ("group", "section_group", True),
    ("feature", "section_thematic", True),
    ("example", "section_example", False),
    ("context", "section_context", False),
)


def sections(town, ref: dict, by: dict) -> None:
    if all(by[name].empty for name in ("direct", "group", "feature")):
        st.info(t("specific_none", name=town["name"]))
    for name, key, open_ in SECTIONS:
        part = by[name]
        if part.empty:
            continue
        title = t(key, name=town["name"], n=len(part))
        if open_:
            st.subheader(title)
            if name == "feature":
                st.caption(t("section_thematic_help", name=town["name"]))
            by_party(part, ref, key)
        else:
            with st.expander(title, expanded=False):
                by_party(part, ref, key)


def municipality_view(f: Filters, ctx) -> pd.DataFrame:
    """The town's page below the map; returns every pledge it lists, for the downloads."""
    ref = ctx.ref
    town = ref["municipalities"].set_index("ags").loc[f.ags]
    plain = f.without_notes()
    linked = data.query(ctx.db, ctx.digest, "place_pledges", plain)
    region = data.query(ctx.db, ctx.digest, "region_pledges", plain)
    by = parts(linked)
    profile(town, f, ref, by, ctx.topic_labels)
    sections(town, ref, by)
    with st.expander(t("region_wide", n=len(region)), expanded=False):
        pledge_list(region, ref, key="page_region")
    return pd.concat([linked, region], ignore_index=True)
