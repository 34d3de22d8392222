"""The comparison view: topic shares, common ground, pledges only one party makes, and the
map of which party promises more where."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, downloads, export_map, map_spec, page_script, style, views
from dashboard import map as ruhr_map
from dashboard.filters import ALL_TIERS, COMPARE_COUNTS, Filters
from dashboard.strings import t
from etl.kinds import COMMITMENTS, NOT_RATED, PRUEFBAR, TIERS
from etl.similarity import COMMON_GROUND


def pair_of(f: Filters, parties: pd.DataFrame) -> tuple[str, str] | None:
    ids = list(parties["party_id"])
    if len(ids) < 2:
        return None
    a = f.party_a if f.party_a in ids else ids[0]
    b = f.party_b if f.party_b in ids and f.party_b != a else next(p for p in ids if p != a)
    return a, b


def compare_colouring(
    counts: pd.DataFrame,
    a: str,
    b: str,
    names: dict[str, str],
    ags: list[str],
    colours: dict[str, str] | None = None,
    none: str | None = None,
) -> style.Colouring:
    per = {p: counts[counts["party_id"] == p].set_index("ags")["n"].to_dict() for p in (a, b)}
    labels = {
        "a_strong": t("compare_a_strong", a=names[a]),
        "a": t("compare_a", a=names[a]),
        "equal": t("compare_equal"),
        "b": t("compare_b", b=names[b]),
        "b_strong": t("compare_b_strong", b=names[b]),
        "none": none or t("compare_none"),
    }
    palette = style.compare_palette((colours or {}).get(a), (colours or {}).get(b))
    return style.compare_colouring(per[a], per[b], ags, t("compare_map_title"), labels, palette)


def shares_chart(shares: pd.DataFrame, topic_labels: dict[str, str]) -> dict | None:
    if shares.empty:
        return None
    frame = shares.assign(
        topic=shares["topic_id"].map(topic_labels),
        party_year=shares["party"] + " " + shares["year"].astype(str),
        percent=(shares["share"] * 100).round(1),
    )[["topic", "party_year", "color", "percent"]]
    return views.grouped_bars(
        frame, "percent", t("col_share") + " (%)", t("shares_title"), topic_labels, count=False
    )


def common_cards(pairs: pd.DataFrame) -> str:
    """Both texts side by side, with parties, years, shared terms and score (escaped)."""
    esc = views.esc
    cards = []
    for row in pairs.itertuples():
        sides = "".join(
            f'<div class="pledge" style="border-left-color:{esc(color)};flex:1;margin:0 6px 0 0">'
            f'<div class="meta"><b>{esc(party)} {esc(year)}</b></div>'
            f'<div class="text">{esc(text)}</div></div>'
            for party, year, color, text in (
                (row.a_party, row.a_year, row.a_color, row.a_text),
                (row.b_party, row.b_year, row.b_color, row.b_text),
            )
        )
        cards.append(
            f'<div style="display:flex;margin-bottom:2px">{sides}</div>'
            f'<div class="pledge" style="background:none;border:none;padding:0 0 12px 2px">'
            f'<span class="reason">{_pair_basis(row)}</span></div>'
        )
    return "".join(cards)


def _pair_basis(row) -> str:
    """Why the pair is shown: a person's confirmation, or the shared words and score."""
    esc = views.esc
    badge = f'<span class="checked">{esc(t("reviewed_badge"))}</span> '
    if bool(getattr(row, "confirmed", False)):
        checked = badge
        if len(row.shared_terms) == 0:  # a pair only a person found
            return checked + esc(t("pair_confirmed"))
    elif bool(getattr(row, "checked", False)):
        checked = f"{badge}{esc(t('pair_similar'))} · "
    else:
        checked = f'<span class="auto">{esc(t("found_automatically"))}</span> · '
    terms = ", ".join(row.shared_terms)
    return (
        f"{checked}<b>{esc(t('shared_terms'))}:</b> {esc(terms)} · "
        f"{esc(t('similarity'))} {views.decimal(row.score)}"
    )


def tier_texts(tiers: pd.DataFrame, names: dict[str, str]) -> dict[str, str]:
    """Per town, each party's counted pledges split by tier, as the lists below count
    them: 'RuhrSPD: 4 (2 gemeinsam, 1 ähnlich, 1 ohne Gegenstück), Volt Ruhr: 1 (…)'."""
    texts = {}
    for ags, town in tiers.groupby("ags", sort=False):
        parts = []
        for party, rows in town.groupby("party_id", sort=True):
            n = rows.set_index("tier")["n"].to_dict()
            split = ", ".join(t(f"tier_n_{x}", n=n[x]) for x in TIERS if n.get(x))
            parts.append(f"{names.get(party, party)}: {sum(n.values())} ({split})")
        texts[ags] = ", ".join(parts)
    return texts


def compare_counts_widget() -> None:
    """What the map counts: every pledge, or one tier of the lists below it."""
    st.radio(
        t("map_counts"),
        COMPARE_COUNTS,
        key="w_counts",
        format_func=lambda x: t(f"map_counts_{x}"),
        horizontal=True,
        help=t("map_counts_help"),
    )


def compare_map(f: Filters, ref: dict, db: str, digest: str, height: int) -> None:
    pair = pair_of(f, ref["parties"])
    if pair is None:
        st.info(t("compare_need_two"))
        return
    a, b = pair
    names = dict(zip(ref["parties"]["party_id"], ref["parties"]["name"], strict=True))
    plain = f.without_notes()
    tiers = data.query(db, digest, "town_tiers", plain)
    tiers = tiers[tiers["party_id"].isin([a, b])]
    if f.compare_counts == ALL_TIERS:
        counts = data.query(db, digest, "municipality_counts", plain)
        counts = counts[counts["party_id"].isin([a, b])]
    else:
        counts = tiers[tiers["tier"] == f.compare_counts]
    colours = dict(zip(ref["parties"]["party_id"], ref["parties"]["color"], strict=True))
    one_tier = f.compare_counts != ALL_TIERS
    none = t("compare_none_counted") if one_tier else None
    ags = list(ref["municipalities"]["ags"])
    colouring = compare_colouring(counts, a, b, names, ags, colours, none)
    named = {r.party_id: views.party_name(r) for r in ref["parties"].itertuples()}
    subtitle = f"{named[a]} – {named[b]}"
    topics = views.topic_labels(ref)
    if f.topics:
        subtitle += " · " + t("topic") + ": " + ", ".join(topics[x] for x in f.topics)
    if one_tier:
        subtitle += f" · {t('map_counts')}: {t(f'map_counts_{f.compare_counts}')}"
    spec = map_spec.map_spec(
        counts,
        ref["parties"],
        pd.DataFrame(columns=["site_id"]),
        data.map_base(db, digest),
        colouring,
        (t("compare_map_title"), subtitle),
        layers=map_spec.Layers(sites=False),
        town_texts=tier_texts(tiers, names) or None,
    )
    ruhr_map.live_map(spec, f.basemap, height, name="vergleich", screenshot=f.screenshot)
    if not f.screenshot:
        st.download_button(
            t("download_png"),
            file_name=f"ruhr-vergleich-{a}-{b}.png",
            mime="image/png",
            on_click="ignore",
            data=downloads.or_notice(
                "png", lambda: export_map.static_map(spec, data.geometries(), "png")
            ),
        )


def commitment_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Parties (rows) by commitment class (columns), with the checkable share."""
    if counts.empty:
        return pd.DataFrame()
    counts = counts.assign(
        row=(counts["party"] + " " + counts["year"].astype(str)).map(views.md_escape)
    )
    table = counts.pivot_table(index="row", columns="commitment", values="n", fill_value=0)
    table = table.reindex(columns=list(COMMITMENTS), fill_value=0).astype(int)
    share = (100 * table[PRUEFBAR] / table.sum(axis=1)).round().astype(int)
    table = table.rename(columns={c: t(f"commitment_{c}") for c in COMMITMENTS})
    table[t("commitment_share")] = share.astype(str) + " %"
    table.index.name = t("col_party")
    table.columns.name = None
    return table


def compare_view(f: Filters, ref: dict, db: str, digest: str, topic_labels: dict) -> None:
    plain = f.without_notes()
    st.header(t("compare_title"))
    st.iframe(page_script.page_helper(screenshot=False), height=44)  # "Link kopieren", German
    years = sorted({y for ys in ref["parties"]["years"] for y in ys})
    st.info(t("compare_years", years=", ".join(map(str, years))))
    shares(data.query(db, digest, "topic_shares", plain), topic_labels)
    st.subheader(t("commitment_counts"))
    st.caption(t("commitment_counts_help"))
    st.table(commitment_table(data.query(db, digest, "commitment_counts", plain)))
    status_summary(data.query(db, digest, "status_counts", plain), topic_labels)
    pair_widgets(f, ref)
    compare_counts_widget()
    compare_map(f, ref, db, digest, height=560)
    common_ground(data.query(db, digest, "common_ground", plain), topic_labels)
    similar(data.query(db, digest, "similar_candidates", plain), topic_labels)
    only_one_party(data.query(db, digest, "without_counterpart", plain), ref, topic_labels)


def status_summary(counts: pd.DataFrame, topic_labels: dict) -> None:
    """What became of the checkable pledges of ended terms, per party and topic, with how
    many are rated at all; nothing while no term has ended."""
    if counts.empty:
        return
    st.subheader(t("status_summary"))
    rated = int(counts.loc[counts["status_id"] != NOT_RATED, "n"].sum())
    st.caption(t("status_summary_help", rated=rated, total=int(counts["n"].sum())))
    counts = counts.assign(
        row=(counts["party"] + " " + counts["year"].astype(str)).map(views.md_escape)
        + " · "
        + counts["topic_id"].map(topic_labels)
    )
    order = list(dict.fromkeys(counts.sort_values("position")["status"]))
    table = counts.pivot_table(index="row", columns="status", values="n", fill_value=0)
    table = table.reindex(columns=order, fill_value=0).astype(int)
    table.index.name = t("status_summary_row")
    table.columns.name = None
    st.table(table)


def shares(topic_shares: pd.DataFrame, topic_labels: dict) -> None:
    """The topic shares as a chart, and its numbers as a table (for screen readers too)."""
    chart = shares_chart(topic_shares, topic_labels)
    if chart is None:
        return
    st.vega_lite_chart(chart["data"], chart["spec"], width="stretch")
    with st.expander(t("chart_as_table")):
        table = chart["data"].pivot_table(
            index="topic", columns="party_year", values="percent", fill_value=0
        )
        table = table.reindex([x for x in topic_labels.values() if x in table.index])
        table.columns = table.columns.map(views.md_escape)  # party names: st.table reads Markdown
        table.index.name = t("col_topic")
        table.columns.name = None
        st.table(table.map(lambda v: views.decimal(v, 1) + " %"))


def pair_widgets(f: Filters, ref: dict) -> None:
    parties = list(ref["parties"]["party_id"])
    names = dict(zip(ref["parties"]["party_id"], ref["parties"]["name"], strict=True))
    pair = pair_of(f, ref["parties"])
    if pair and (st.session_state.get("w_a"), st.session_state.get("w_b")) != pair:
        st.session_state["w_a"], st.session_state["w_b"] = pair  # before the widgets exist
    cols = st.columns(2)
    cols[0].selectbox(t("party_a"), parties, key="w_a", format_func=names.get)
    cols[1].selectbox(t("party_b"), parties, key="w_b", format_func=names.get)


def common_ground(pairs: pd.DataFrame, topic_labels: dict) -> None:
    st.subheader(t("common_title", n=len(pairs)))
    st.caption(t("common_help", threshold=views.decimal(COMMON_GROUND)))
    if pairs.empty:
        st.info(t("common_none"))
    st.markdown(views.CSS, unsafe_allow_html=True)
    for topic_id, group in pairs.groupby("topic_id", sort=False):
        st.markdown(f"**{views.esc(topic_labels.get(topic_id, topic_id))}**")
        st.markdown(common_cards(group), unsafe_allow_html=True)


SIMILAR_PER_TOPIC = 8  # the best candidates of a topic; the rest would bury them


def similar(pairs: pd.DataFrame, topic_labels: dict) -> None:
    """ "Ähnliche Versprechen": the machine's possible counterparts no person has decided
    on yet, or found related but not the same, per topic, collapsed, with the shared words
    that put them there."""
    st.subheader(t("similar_title", n=len(pairs)))
    st.caption(t("similar_help", n=SIMILAR_PER_TOPIC))
    for topic_id, group in pairs.groupby("topic_id", sort=False):
        label = topic_labels.get(topic_id, topic_id)
        with st.expander(t("similar_topic", topic=label, n=len(group)), expanded=False):
            st.markdown(
                views.CSS + common_cards(group.head(SIMILAR_PER_TOPIC)), unsafe_allow_html=True
            )


def only_one_party(alone: pd.DataFrame, ref: dict, topic_labels: dict) -> None:
    """Per party, collapsed: its pledges no other programme has a counterpart for."""
    st.caption(t("only_help"))
    for party in ref["parties"].itertuples():
        own = alone[alone["party_id"] == party.party_id]
        label = views.md_escape(views.party_name(party))
        with st.expander(t("only_title", party=label, n=len(own)), expanded=False):
            for topic_id in topic_labels:
                part = own[own["topic_id"] == topic_id]
                if len(part):
                    st.markdown(f"**{views.esc(topic_labels[topic_id])}** ({len(part)})")
                    cards = views.pledge_cards(
                        part.head(views.PAGE_SIZE), topic_labels, version=ref["digest"]
                    )
                    st.markdown(cards, unsafe_allow_html=True)
