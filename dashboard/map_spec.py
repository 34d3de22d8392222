"""The map as data: towns with their fills and tooltip texts, site markers with their
pledges, the features' points, the legend's entries, title and subtitle. Built once per
run and drawn by three renderers (the live map, dashboard/map.py; the HTML export,
dashboard/export_html.py; the PNG/PDF export, dashboard/export_map.py), so every layer
and legend entry the live map shows, the exports show too. Plain text here: each
renderer escapes for its medium."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard import style
from dashboard.filters import FIELDS
from dashboard.strings import t
from dashboard.views import link_labels, topic_labels
from etl.kinds import IMPLEMENTED, NOT_RATED, PARTLY, STATUSES

TOOLTIP_PARTIES = 5  # the tooltip names the parties with most pledges, not all of them


@dataclass(frozen=True)
class Town:
    ags: str
    name: str
    kind: str  # "kreisfreie Stadt" or its Kreis
    total: int
    parties: str  # "RuhrSPD: 2 (+3 über Gruppe, nicht gezählt), Volt Ruhr: 1"
    fill: str
    selected: bool
    dashed: bool  # counted only through its features (thematic links)


@dataclass(frozen=True)
class Marker:
    """A site: a round marker with its kind's letter; its popup lists its pledges."""

    site_id: str
    lat: float
    lon: float
    name: str
    letter: str
    colour: str
    kind: str
    pledges: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Point:
    """A feature (a hospital, a RVR forest …): a small square; it only explains a link."""

    lat: float
    lon: float
    name: str
    letter: str
    colour: str


@dataclass(frozen=True)
class LegendEntry:
    shape: str  # fill | kreis | outline | dashed | site | feature
    colour: str
    label: str
    letter: str = ""


@dataclass(frozen=True)
class MapSpec:
    title: str
    subtitle: str
    legend_title: str
    towns: tuple[Town, ...]
    markers: tuple[Marker, ...]
    points: tuple[Point, ...]
    legend: tuple[LegendEntry, ...]
    notice: str  # why the map is empty, or ""
    selected: str | None = None
    ringed: str | None = None  # a chosen site

    @property
    def fills(self) -> dict[str, str]:
        return {town.ags: town.fill for town in self.towns}


def place_colouring(
    counts: pd.DataFrame, ags: list[str], groups: bool = False, themes: bool = False
) -> style.Colouring:
    """The main map: how many pledges are for each municipality (target links only; with
    `groups` also those for a group it belongs to, with `themes` those that reach it
    through a kind of feature it has: such towns, when counted for nothing else, are
    outlined dashed). The legend says which."""
    totals = counts.groupby("ags")["n"].sum().to_dict() if len(counts) else {}
    key = "legend_title" + ("_groups" if groups else "") + ("_themes" if themes else "")
    colouring = style.count_colouring(totals, ags, t(key), t("legend_zero"))
    if not themes or not len(counts) or "n_thematic" not in counts:
        return colouring
    thematic = counts.groupby("ags")["n_thematic"].sum().to_dict()
    dashed = frozenset(a for a, n in totals.items() if n and n == thematic.get(a, 0))
    return replace(colouring, dashed=dashed)


def fulfilment_colouring(rows: pd.DataFrame, ags: list[str]) -> tuple[style.Colouring, dict]:
    """The "Umsetzung" map: per town, the share of its rated checkable pledges (ended
    terms) that are fully or partly implemented, in quarters; grey where none is rated.
    The legend says how many of all are rated; each town's text counts its statuses."""
    done = {IMPLEMENTED, PARTLY}
    fills, texts = {}, {}
    by_town = rows.groupby("ags")["status"].apply(list).to_dict() if len(rows) else {}
    for town in ags:
        statuses = by_town.get(town, [])
        rated = [s for s in statuses if s != NOT_RATED]
        if not statuses:
            fills[town] = style.ZERO
            continue
        if rated:
            share = sum(s in done for s in rated) / len(rated)
            fills[town] = style.FULFILMENT[min(int(share * 4), 3)]
        else:
            fills[town] = style.UNRATED
        counts = ", ".join(
            f"{t(f'status_{s}')}: {statuses.count(s)}" for s in STATUSES if s in statuses
        )
        texts[town] = t("fulfilment_town", counts=counts, rated=len(rated), total=len(statuses))
    pledges = rows.drop_duplicates("pledge_id") if len(rows) else rows
    rated = int((pledges["status"] != NOT_RATED).sum()) if len(rows) else 0
    quarters = ("0–24 %", "25–49 %", "50–74 %", "75–100 %")
    legend = (
        (style.ZERO, t("legend_fulfilment_none")),
        (style.UNRATED, t("legend_fulfilment_unrated")),
    ) + tuple(zip(style.FULFILMENT, quarters, strict=True))
    title = t("legend_fulfilment", rated=rated, total=len(pledges))
    return style.Colouring(title, fills, legend), texts


def town_kind(kreis: str) -> str:
    """'kreisfreie Stadt', or the Kreis a town belongs to."""
    return t("kreisfrei_one") if kreis == "kreisfrei" else kreis


def party_counts(
    counts: list[tuple[int, str, int, int]], groups: bool = False, themes: bool = False
) -> str:
    """'RuhrSPD: 2 (+3 über Gruppe, nicht gezählt)': what the map counts, and what only a
    group or only the town's features add (counted with `groups`/`themes`, else named
    as not counted, as the town's profile does)."""
    ranked = sorted(counts, key=lambda c: (-c[0], c[1]))

    def one(n: int, name: str, via_group: int, via_theme: int) -> str:
        extras = []
        if via_group:
            key = "tooltip_of_which_group" if groups else "tooltip_plus_group"
            extras.append(t(key, n=via_group))
        if via_theme:  # as the town's profile says it: counted, or what counting would add
            key = "tooltip_of_which_theme" if themes else "tooltip_plus_theme"
            extras.append(t(key, n=via_theme))
        return f"{name}: {n}" + (f" ({'; '.join(extras)})" if extras else "")

    text = ", ".join(one(*c) for c in ranked[:TOOLTIP_PARTIES])
    more = len(ranked) - TOOLTIP_PARTIES
    return text + (f", … (+{more})" if more > 0 else "")


def town_counts(
    counts: pd.DataFrame, parties: pd.DataFrame
) -> tuple[dict[str, int], dict[str, list[tuple[int, str, int, int]]]]:
    """Per town: the pledges counted, and per party (counted, name, reaching it only
    through a group, only through a feature)."""
    names = dict(zip(parties["party_id"], parties["name"], strict=True))
    per_town: dict[str, int] = {}
    by_party: dict[str, list[tuple[int, str, int, int]]] = {}
    none = [0] * len(counts)
    via_group = counts["n_group"] if "n_group" in counts else none
    via_theme = counts["n_thematic"] if "n_thematic" in counts else none
    rows = zip(counts["ags"], counts["party_id"], counts["n"], via_group, via_theme, strict=True)
    for ags, party, n, group, theme in rows:
        per_town[ags] = per_town.get(ags, 0) + int(n)
        if n or group or theme:
            by_party.setdefault(ags, []).append(
                (int(n), names.get(party, party), int(group), int(theme))
            )
    return per_town, by_party


def kinds_shown(rows: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(letter, colour, label) of each kind of site or feature drawn, for the legend."""
    kinds = rows.drop_duplicates("kind").sort_values("kind")
    return list(zip(kinds["letter"], kinds["color"], kinds["kind_label"], strict=True))


@dataclass(frozen=True)
class Base:
    """What every map of a database shares, whatever the filters: prepared once."""

    towns: tuple[tuple[str, str, str], ...]  # ags, name, kind
    markers: tuple[Marker, ...]
    points: tuple[Point, ...]
    site_kinds: tuple[tuple[str, str, str], ...]
    point_kinds: tuple[tuple[str, str, str], ...]


def base(towns: pd.DataFrame, sites: pd.DataFrame, features: pd.DataFrame) -> Base:
    site_rows = sites.to_dict("records")
    drawn = features.dropna(subset=["lat", "lon"])  # the RS1 and the Emscher have no point
    return Base(
        towns=tuple(
            (ags, name, town_kind(kreis))
            for ags, name, kreis in zip(towns["ags"], towns["name"], towns["kreis"], strict=True)
        ),
        markers=tuple(
            Marker(
                s["site_id"],
                s["lat"],
                s["lon"],
                s["name"],
                s["letter"],
                s["color"],
                s["kind"],
            )
            for s in site_rows
        ),
        points=tuple(
            Point(
                p["lat"],
                p["lon"],
                f"{p['kind_label']}: {p['name']} ({p['town']})",
                p["letter"],
                p["color"],
            )
            for p in drawn.to_dict("records")
        ),
        site_kinds=tuple(kinds_shown(sites)),
        point_kinds=tuple(kinds_shown(drawn)),
    )


def legend(
    colouring: style.Colouring,
    site_kinds=(),
    dashed: bool = False,
    point_kinds=(),
) -> tuple[LegendEntry, ...]:
    entries = [LegendEntry("fill", colour, label) for colour, label in colouring.legend]
    entries += [
        LegendEntry("kreis", style.KREIS_LINE, t("legend_kreis")),
        LegendEntry("outline", style.OUTLINE_LINE, t("legend_outline")),
    ]
    if dashed:
        entries.append(LegendEntry("dashed", style.THEMATIC_LINE, t("legend_dashed")))
    entries += [LegendEntry("site", c, label, letter) for letter, c, label in site_kinds]
    entries += [LegendEntry("feature", c, label, letter) for letter, c, label in point_kinds]
    return tuple(entries)


@dataclass(frozen=True)
class Layers:
    """Which of the optional layers a map draws and how its towns are counted."""

    groups: bool = False  # pledges for a group a town belongs to count
    themes: bool = False  # pledges that reach a town through its features count
    sites: bool = True  # the site markers
    points: bool = False  # the features' points


def map_spec(
    counts: pd.DataFrame,
    parties: pd.DataFrame,
    site_pledges: pd.DataFrame,
    shared: Base,
    colouring: style.Colouring,
    titles: tuple[str, str],
    selected: str | None = None,
    layers: Layers = Layers(),
    ringed: str | None = None,
    town_texts: dict[str, str] | None = None,
) -> MapSpec:
    """The map as data. `town_texts` replaces the towns' per-party counts (the
    "Umsetzung" mode: what became of their pledges)."""
    per_town, by_party = town_counts(counts, parties)
    towns = tuple(
        Town(
            ags,
            name,
            kind,
            per_town.get(ags, 0),
            (town_texts or {}).get(ags)
            or party_counts(by_party.get(ags, []), layers.groups, layers.themes)
            or "–",
            colouring.fills.get(ags, style.NO_DATA),
            ags == selected,
            ags in colouring.dashed,
        )
        for ags, name, kind in shared.towns
    )
    by_site: dict[str, list[dict]] = {}
    for row in site_pledges.to_dict("records"):
        by_site.setdefault(row["site_id"], []).append(row)
    markers = (
        tuple(replace(m, pledges=tuple(by_site.get(m.site_id, ()))) for m in shared.markers)
        if layers.sites
        else ()
    )
    return MapSpec(
        title=titles[0],
        subtitle=titles[1],
        legend_title=colouring.title,
        towns=towns,
        markers=markers,
        points=shared.points if layers.points else (),
        legend=legend(
            colouring,
            shared.site_kinds if layers.sites else (),
            dashed=layers.themes or bool(colouring.dashed),
            point_kinds=shared.point_kinds if layers.points else (),
        ),
        notice=_notice(per_town, town_texts),
        selected=selected,
        ringed=ringed,
    )


def _notice(per_town: dict, town_texts: dict | None) -> str:
    """Why the map is grey, if it is."""
    if town_texts is not None:
        return "" if town_texts else t("map_empty_fulfilment")
    return "" if any(per_town.values()) else t("map_empty")


def map_titles(f, ref: dict) -> tuple[str, str]:
    """Title and subtitle of the map from the filters: the one place the live map, the
    screenshot mode and every export take them from, so they cannot disagree. Which
    filters the subtitle names, and under which label: dashboard/filters.py FIELDS."""
    title = t("map_title_all")
    if f.ags:
        town = ref["municipalities"].set_index("ags").loc[f.ags]
        title = t("map_title_town", name=town["name"])
    namers = _namers(ref)
    parts = []
    for field in FIELDS:
        value = getattr(f, field.name)
        if not field.title or value == field.default():
            continue
        if field.kind == "switch":
            parts.append(t(field.label))
        elif field.kind == "text":
            parts.append(f"{t(field.label)}: „{value}“")
        else:
            values = value if isinstance(value, tuple) else (value,)
            name = namers[field.name]
            parts.append(t(field.label) + ": " + ", ".join(name(v) for v in values))
    shown = (
        ref["parties"][ref["parties"]["party_id"].isin(f.parties)] if f.parties else ref["parties"]
    )
    years = sorted({y for ys in shown["years"] for y in ys})
    text = "; ".join(parts) if parts else t("map_title_none")
    programmes = t("programmes_one" if len(years) == 1 else "programmes_many")
    years_text = ", ".join(map(str, years))
    return title, t("map_title_filters", filters=text) + f" ({programmes} {years_text})"


def _namers(ref: dict) -> dict:
    """How the title names each filter's values."""
    names = dict(zip(ref["parties"]["party_id"], ref["parties"]["name"], strict=True))
    sites = dict(zip(ref["sites"]["site_id"], ref["sites"]["name"], strict=True))
    return {
        "parties": names.get,
        "topics": topic_labels(ref).get,
        "commitments": lambda c: t(f"commitment_{c}"),
        "statuses": lambda s: t(f"status_{s}"),
        "site": sites.get,
        "links": link_labels(ref).get,
    }
