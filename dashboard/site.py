"""The data as a static site (issue 28): an overview, one page per municipality, party and
topic, each with the app's map under that view and its pledges, and CSV downloads. Any
web server or CDN serves it, and it opens from file:// too: relative links only, the
boundaries loaded once per site by a script tag (assets/boundaries.js), no request to
another host. The same database gives byte-identical files (sorted, no timestamps).
The CSV downloads are the app's (dashboard/export.py): UTF-8 with BOM, semicolons.

The maps come from the same spec as the live map (dashboard/map_spec.py), the counts and
pledges from dashboard/queries.py: about three queries per party and topic page and one
for all 53 municipality pages."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

import duckdb
import pandas as pd

from dashboard import export, map_spec, queries, style
from dashboard import site_pages as html
from dashboard.filters import Filters
from dashboard.strings import t
from dashboard.views import link_labels, party_name, topic_labels
from etl.kinds import CONTEXT, EXAMPLE, TARGET
from etl.paths import STATIC_GEO

STATIC = Path(__file__).parent / "static"
_ID_SAFE = set("abcdefghijklmnopqrstuvwxyz0123456789_-")  # ids that may name a file


@dataclass(frozen=True)
class Context:
    """What every page of one site shares."""

    con: duckdb.DuckDBPyConnection
    ref: dict
    base: map_spec.Base
    topics: dict[str, str]
    links: dict[str, str]
    order: list[str]  # the towns, kreisfreie Städte first, then by Kreis and name
    urls: dict  # app_url, data_url

    def spec(self, f: Filters, counts: pd.DataFrame) -> map_spec.MapSpec:
        """The count map of the filters, as the live map draws it (pages.py show_map)."""
        towns = list(self.ref["municipalities"]["ags"])
        return map_spec.map_spec(
            counts,
            self.ref["parties"],
            queries.site_pledges(self.con, f),
            self.base,
            map_spec.place_colouring(counts, towns, f.groups, f.themes),
            map_spec.map_titles(f, self.ref),
            selected=f.ags,
        )


def write_site(db: Path, out: Path, app_url: str, data_url: str = "../") -> list[Path]:
    """Writes the static site into `out` (created), returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    con = _open(db)
    try:
        ref = queries.reference(con)
        ctx = Context(
            con=con,
            ref=ref,
            base=map_spec.base(ref["municipalities"], ref["sites"], ref["features"]),
            topics=topic_labels(ref),
            links=link_labels(ref),
            order=town_order(ref["municipalities"]),
            urls={"app_url": app_url.rstrip("/"), "data_url": data_url},
        )
        files: dict[str, str | bytes] = {}
        _assets(files)
        everything = Pledges.of(queries.all_pledges(con, Filters()), ctx)
        counts = queries.municipality_counts(con, Filters())
        files["index.html"] = index_page(ctx, ctx.spec(Filters(), counts), everything)
        _town_pages(ctx, counts, files)
        _party_pages(ctx, everything, files)
        _topic_pages(ctx, everything, files)
    finally:
        con.close()
    written = []
    for name in sorted(files):
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = files[name]
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        written.append(path)
    for source in sorted((STATIC / "leaflet").rglob("*")):  # Leaflet, vendored, as it is
        if source.is_file():
            target = out / "assets" / "leaflet" / source.relative_to(STATIC / "leaflet")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(target)
    return written


def _open(db: Path) -> duckdb.DuckDBPyConnection:
    """Read-only, attached to a private in-memory database (as dashboard/data.py does):
    no other connection of the process to the same file is shared or disturbed."""
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{str(db).replace(chr(39), chr(39) * 2)}' AS site (READ_ONLY)")
    con.execute("USE site")
    return con


def town_order(towns: pd.DataFrame) -> list[str]:
    """Kreisfreie Städte first, then the Kreise by name, towns by name (as the app's
    picker, dashboard/sidebar.py town_labels)."""
    rows = zip(towns["kreis"], towns["name"], towns["ags"], strict=True)
    return [a for _, _, a in sorted(rows, key=lambda r: (r[0] != "kreisfrei", r[0], r[1]))]


def _assets(files: dict) -> None:
    """The boundaries once for all pages, the map code with its shared options, the style."""
    geo = {
        name: json.loads((STATIC_GEO / f"rvr_{name}.geojson").read_text(encoding="utf-8"))
        for name in ("municipalities", "kreise", "outline")
    }
    files["assets/boundaries.js"] = (
        "window.RUHR_GEO = " + json.dumps(geo, ensure_ascii=False, separators=(",", ":")) + ";\n"
    )
    options = {
        "bounds": [[51.21, 6.29], [51.83, 8.0]],  # dashboard/map.py RVR_BOUNDS
        "lines": style.LINES,
        "noData": style.NO_DATA,
        "fillOpacity": style.FILL_OPACITY,
        "zoomIn": t("zoom_in"),
        "zoomOut": t("zoom_out"),
        "attribution": html.esc(t("attribution_bkg")),
    }
    code = (STATIC / "site" / "site.js").read_text(encoding="utf-8")
    files["assets/site.js"] = f"window.RUHR_OPTIONS = {html.script_json(options)};\n{code}"
    css = (STATIC / "site" / "site.css").read_text(encoding="utf-8")
    from dashboard.views import CSS  # the pledge cards as the app styles them

    cards = CSS.replace("<style>", "").replace("</style>", "").strip()
    files["assets/site.css"] = f"{css}\n/* pledge cards: dashboard/views.py CSS */\n{cards}\n"


@dataclass(frozen=True)
class Pledges:
    """A query's pledges as rows (for the cards) and as the export's table (for the CSV),
    each made once: a page takes some of them by position (a pandas slice per page and
    group cost more than the rest of the site together)."""

    rows: tuple  # named tuples, the frame's columns by name
    table: pd.DataFrame

    @classmethod
    def of(cls, pledges: pd.DataFrame, ctx: Context) -> Pledges:
        history = [None if pd.api.types.is_scalar(h) else h for h in pledges["status_history"]]
        pledges = pledges.assign(status_history=history)  # NULL list: pd.NA, not iterable
        app_url = ctx.urls["app_url"] + "/"
        return cls(
            tuple(pledges.itertuples(index=False, name="Pledge")),
            export.defused(export.pledge_table(pledges, ctx.topics, ctx.links, app_url)),
        )

    def csv(self, picked: list[int]) -> bytes:
        """The picked rows as export.to_csv writes them (UTF-8 with BOM, semicolons, decimal
        commas), its formula guard applied once to the whole table."""
        return self.table.iloc[picked].to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def index_page(ctx: Context, spec: map_spec.MapSpec, everything: Pledges) -> str:
    towns = ctx.ref["municipalities"].set_index("ags")
    totals = {town.ags: town.total for town in spec.towns}
    groups: dict[str, list] = {}
    for ags in ctx.order:
        kreis = towns.loc[ags, "kreis"]
        label = t("kreisfrei") if kreis == "kreisfrei" else kreis
        note = t("site_count_map", n=totals.get(ags, 0))
        groups.setdefault(label, []).append((f"kommune/{ags}.html", towns.loc[ags, "name"], note))
    kommunen = "".join(
        f"<h3>{html.esc(label)}</h3>\n{html.link_list(items, columns=True)}\n"
        for label, items in groups.items()
    )
    data = html.relative("", ctx.urls["data_url"])
    body = (
        html.heading(t("site_name"), t("site_intro"), html.app_link(ctx.urls["app_url"]))
        + html.map_block(spec, "", ctx.order)
        + f'<p class="note">{html.esc(t("site_intro_app"))} {html.esc(t("site_filter_note"))}</p>'
        + f'<h2 id="kommunen">{html.esc(t("site_municipalities"))}</h2>\n{kommunen}'
        + f'<h2 id="parteien">{html.esc(t("site_parties"))}</h2>\n'
        + html.link_list(_party_links(ctx, everything.rows, ""))
        + f'<h2 id="themen">{html.esc(t("site_topics"))}</h2>\n'
        + html.link_list(_topic_links(ctx, everything.rows, ""), columns=True)
        + f'<h2 id="daten">{html.esc(t("site_data"))}</h2>\n'
        + html.link_list(
            [
                (html.app_link(ctx.urls["app_url"]), t("site_app"), ""),
                (data + "datapackage.json", t("site_datapackage"), ""),
                (data + "CITATION.cff", t("site_citation"), ""),
            ]
        )
    )
    return html.frame(t("site_home"), "", body, ctx.urls)


def _parties(ctx: Context):
    """The parties that get a page: those whose id can name a file and a URL value."""
    return [p for p in ctx.ref["parties"].itertuples() if set(p.party_id) <= _ID_SAFE]


def _party_links(ctx: Context, rows, root: str) -> list:
    n = Counter(row.party_id for row in rows)
    return [
        (f"{root}partei/{p.party_id}.html", party_name(p), t("site_count", n=n[p.party_id]))
        for p in _parties(ctx)
    ]


def _topic_links(ctx: Context, rows, root: str, primary=False) -> list:
    """Each topic with its pledges (any of their topics; or, `primary`, their first)."""
    n = Counter(x for row in rows for x in (list(row.topic_ids)[:1] if primary else row.topic_ids))
    return [
        (f"{root}thema/{quote(x, safe='')}.html", label, t("site_count", n=n[x]))
        for x, label in ctx.topics.items()
        if not primary or n[x]
    ]


# The town's linked pledges by why they belong to it, in the page's order (as
# dashboard/town.py parts): a route for targets, else the role.
SECTIONS = {
    "direct": "section_direct",
    "group": "section_group",
    "feature": "section_thematic",
    EXAMPLE: "section_example",
    CONTEXT: "section_context",
}


def town_part(row) -> str:
    if row.role != TARGET:
        return row.role
    return "direct" if row.direct else "group" if row.via_group else "feature"


def _town_pages(ctx: Context, counts: pd.DataFrame, files: dict) -> None:
    f = Filters()
    linked = Pledges.of(queries.place_pledges(ctx.con, f, by_town=True), ctx)
    # The region's pledges for a town (queries.region_pledges): those with no link but
    # thematic ones elsewhere (asked with a town no pledge names), less those that reach it
    regional = queries.region_pledges(ctx.con, f)
    regional = tuple(regional[["pledge_id", "party_id", "topic_ids"]].itertuples(index=False))
    by_town: dict[str, list[int]] = {}
    for i, row in enumerate(linked.rows):
        by_town.setdefault(row.ags, []).append(i)
    shared = ctx.spec(f, counts)  # the counts and markers read no town: the same for all 53
    parties = {p.party_id: i for i, p in enumerate(_parties(ctx))}
    sections = {part: i for i, part in enumerate(SECTIONS)}
    for ags in ctx.order:
        # in the page's order: by section, then party (only those with a page)
        picked = [i for i in by_town.get(ags, []) if linked.rows[i].party_id in parties]
        picked.sort(key=lambda i: _town_key(linked.rows[i], sections, parties))
        mine = [linked.rows[i] for i in picked]
        named = {row.pledge_id for row in mine}
        region = [row for row in regional if row.pledge_id not in named]
        spec = selected(shared, ags, map_spec.map_titles(Filters(ags=ags), ctx.ref))
        files[f"kommune/{ags}.html"] = town_page(ctx, ags, spec, mine, region)
        files[f"kommune/{ags}.csv"] = linked.csv(picked)


def selected(spec: map_spec.MapSpec, ags: str, titles: tuple[str, str]) -> map_spec.MapSpec:
    """The region's map with one town selected, as map_spec.map_spec makes it."""
    towns = tuple(replace(town, selected=town.ags == ags) for town in spec.towns)
    return replace(spec, towns=towns, selected=ags, title=titles[0], subtitle=titles[1])


def _town_key(row, sections: dict, parties: dict) -> tuple[int, int]:
    return sections[town_part(row)], parties.get(row.party_id, len(parties))


def town_page(ctx: Context, ags: str, spec, linked: list, region: list) -> str:
    town = ctx.ref["municipalities"].set_index("ags").loc[ags]
    name, root, app_url = town["name"], "../", ctx.urls["app_url"]
    kind = map_spec.town_kind(town["kreis"])
    if town["kreis"] != "kreisfrei":
        kind = t("town_in_kreis", kind=town["kind"], kreis=town["kreis"])
    body = [
        html.heading(
            name, t("site_town_kind", kind=kind, ags=ags), html.app_link(app_url, ags=ags)
        ),
        html.map_block(spec, root, ctx.order),
        f"<h2>{html.esc(t('site_town_linked', name=name, n=len(linked)))}</h2>\n",
        f'<p class="note">{html.esc(t("site_filter_note"))}</p>\n',
    ]
    if not linked:
        body.append(f"<p>{html.esc(t('site_town_none', name=name))}</p>\n")
    for part, key in SECTIONS.items():
        rows = [row for row in linked if town_part(row) == part]
        if not rows:
            continue
        body.append(f"<h3>{html.esc(t(key, name=name, n=len(rows)))}</h3>\n")
        for party in _parties(ctx):
            mine = [row for row in rows if row.party_id == party.party_id]
            if mine:
                body.append(f"<h4>{html.esc(party_name(party))}</h4>\n")
                body.append(html.cards(mine, ctx.topics, root, app_url, name, ctx.links))
    body.append(f"<h2>{html.esc(t('site_region', n=len(region)))}</h2>\n")
    if not region:
        body.append(f"<p>{html.esc(t('site_region_none'))}</p>\n")
    else:
        body.append(f"<p>{html.esc(t('site_region_help'))}</p>\n")
        body.append(html.link_list(_party_links(ctx, region, root)))
        body.append(html.link_list(_topic_links(ctx, region, root, primary=True), columns=True))
    body.append(html.download(f"{ags}.csv", len(linked)))
    return html.frame(name, root, "".join(body), ctx.urls)


def _party_pages(ctx: Context, everything: Pledges, files: dict) -> None:
    """Per party: its count map and its pledges by (primary) topic."""
    topics = {x: i for i, x in enumerate(ctx.topics)}
    for party in _parties(ctx):
        f = Filters(parties=(party.party_id,))
        spec = ctx.spec(f, queries.municipality_counts(ctx.con, f))
        picked = [i for i, row in enumerate(everything.rows) if row.party_id == party.party_id]
        picked.sort(key=lambda i: topics.get(everything.rows[i].topic_id, len(topics)))
        rows = [everything.rows[i] for i in picked]
        groups = [(label, [r for r in rows if r.topic_id == x]) for x, label in ctx.topics.items()]
        link = html.app_link(ctx.urls["app_url"], party=party.party_id)
        name = f"partei/{party.party_id}"
        files[name + ".html"] = _listing(ctx, party_name(party), link, spec, groups, name)
        files[name + ".csv"] = everything.csv(picked)


def _topic_pages(ctx: Context, everything: Pledges, files: dict) -> None:
    """Per topic: its count map and its pledges (any of their topics) by party."""
    parties = {p.party_id: i for i, p in enumerate(_parties(ctx))}
    for x, label in ctx.topics.items():
        f = Filters(topics=(x,))
        spec = ctx.spec(f, queries.municipality_counts(ctx.con, f))
        picked = [
            i
            for i, row in enumerate(everything.rows)
            if x in row.topic_ids and row.party_id in parties
        ]
        picked.sort(key=lambda i: parties.get(everything.rows[i].party_id, len(parties)))
        rows = [everything.rows[i] for i in picked]
        groups = [
            (party_name(p), [r for r in rows if r.party_id == p.party_id]) for p in _parties(ctx)
        ]
        link = html.app_link(ctx.urls["app_url"], topic=x)
        name = f"thema/{quote(x, safe='')}"
        files[name + ".html"] = _listing(ctx, label, link, spec, groups, name)
        files[name + ".csv"] = everything.csv(picked)


def _listing(ctx: Context, title: str, app_url: str, spec, groups, name: str) -> str:
    """A party's or a topic's page: the map, then the pledges in groups, the download."""
    root = "../"
    n = sum(len(rows) for _, rows in groups)
    body = [
        html.heading(title, t("site_count", n=n), app_url),
        html.map_block(spec, root, ctx.order),
        f'<p class="note">{html.esc(t("site_filter_note"))}</p>\n',
    ]
    if not n:
        none = "site_party_none" if name.startswith("partei/") else "site_topic_none"
        body.append(f"<p>{html.esc(t(none))}</p>\n")
    for label, rows in groups:
        if rows:
            body.append(f"<h2>{html.esc(t('site_group', label=label, n=len(rows)))}</h2>\n")
            body.append(html.cards(rows, ctx.topics, root, ctx.urls["app_url"]))
    body.append(html.download(name.split("/")[-1] + ".csv", n))
    return html.frame(title, root, "".join(body), ctx.urls)
