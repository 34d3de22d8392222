"""The static site's HTML (dashboard/site.py writes it): the page frame, the map block,
the pledge cards and the lists of links. Pure functions of their arguments; every value
from the data is escaped here, every word comes from dashboard/strings.py."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from dashboard import map_html
from dashboard.map_spec import MapSpec
from dashboard.strings import t
from dashboard.views import (
    commitment_chip,
    esc,
    provenance_chip,
    source_location,
    source_url,
    status_line,
)
from etl.kinds import PLEDGE_KINDS, TARGET

_COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$")


def colour(value) -> str:
    """A party's colour as CSS, or grey: a colour from the registry never ends the style."""
    return value if isinstance(value, str) and _COLOUR.match(value) else "#999999"


def href(url: str) -> str:
    return esc(url)


def app_link(app_url: str, **params: str) -> str:
    """The app's view of the same thing: {app_url}/?ags=… (dashboard/filters.py keys)."""
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
    return f"{app_url}/" + (f"?{query}" if query else "")


def relative(root: str, url: str) -> str:
    """A site-relative address as seen from a page `root` levels down; absolute ones as is."""
    return url if re.match(r"^[a-z][a-z0-9+.-]*:", url) else root + url


def frame(title: str, root: str, body: str, ctx: dict) -> str:
    """The page: skip link, header with navigation, main, footer; scripts at the end."""
    app_url, data_url = ctx["app_url"], relative(root, ctx["data_url"])
    nav = [
        (root + "index.html", t("site_home")),
        (root + "index.html#kommunen", t("site_municipalities")),
        (root + "index.html#parteien", t("site_parties")),
        (root + "index.html#themen", t("site_topics")),
        (app_link(app_url), t("site_app")),
    ]
    items = "".join(f'<li><a href="{href(u)}">{esc(label)}</a></li>' for u, label in nav)
    return (
        '<!doctype html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} – {esc(t('site_name'))}</title>\n"
        f'<link rel="stylesheet" href="{root}assets/leaflet/leaflet.css">\n'
        f'<link rel="stylesheet" href="{root}assets/site.css">\n</head>\n<body>\n'
        f'<a class="skip" href="#inhalt">{esc(t("site_skip"))}</a>\n'
        f'<header class="top"><a class="brand" href="{root}index.html">{esc(t("site_name"))}'
        f'</a><nav aria-label="{esc(t("site_nav"))}"><ul>{items}</ul></nav></header>\n'
        f'<main id="inhalt" tabindex="-1">\n{body}\n</main>\n'
        f"<footer><p>{esc(t('site_footer'))} {esc(t('attribution_bkg'))}</p>"
        f'<p><a href="{href(data_url + "datapackage.json")}">{esc(t("site_datapackage"))}</a>'
        f' · <a href="{href(data_url + "CITATION.cff")}">{esc(t("site_citation"))}</a></p>'
        "</footer>\n"
        f'<script src="{root}assets/leaflet/leaflet.js"></script>\n'
        f'<script src="{root}assets/boundaries.js"></script>\n'
        f'<script src="{root}assets/site.js"></script>\n</body>\n</html>\n'
    )


def heading(title: str, lead: str, app_url: str) -> str:
    return (
        f"<h1>{esc(title)}</h1>\n"
        + (f'<p class="lead">{esc(lead)}</p>\n' if lead else "")
        + f'<a class="applink" href="{href(app_url)}">{esc(t("site_app_view"))}</a>\n'
    )


def map_data(spec: MapSpec, root: str) -> dict:
    """What the page's map needs beyond the shared boundaries: the same fills, tooltips
    and markers the live map gets (dashboard/map.py payload), escaped by map_html."""
    chosen = [town.name for town in spec.towns if town.selected]
    return {
        "fills": spec.fills,
        "tooltips": {town.ags: map_html.tooltip(town) for town in spec.towns},
        "selected": spec.selected,
        "selectedName": esc(chosen[0]) if chosen else "",
        "dashed": sorted(town.ags for town in spec.towns if town.dashed),
        "markers": [
            {
                "lat": m.lat,
                "lon": m.lon,
                "title": m.name,  # Leaflet sets it as a property: text, not HTML
                "icon": map_html.marker_svg(m.letter, m.colour),
                "popup": map_html.popup(m),
            }
            for m in spec.markers
        ],
        "townLink": root + "kommune/AGS.html",
    }


def script_json(value) -> str:
    """JSON inside a <script> element: no "<" in it, so no text can end the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def map_block(spec: MapSpec, root: str, order: list[str]) -> str:
    """The map with its title and folded legend over it (as in the app), a German label,
    the hint and the same numbers as a table (keyboard and screen reader users, no JS)."""
    label = t("site_map_label", title=f"{spec.title}. {spec.subtitle}")
    notice = (
        f'<div class="map-overlay" style="{map_html.BOX}top:45%;left:15%;right:15%;'
        f'text-align:center">{esc(spec.notice)}</div>'
        if spec.notice
        else ""
    )
    return (
        f'<h2 class="sr-only">{esc(t("site_map_heading"))}</h2>\n<div class="map-wrap">'
        f'<div id="map" class="map{"" if spec.selected else " region"}" role="region" '
        f'aria-label="{esc(label)}" '
        'aria-describedby="map-help"></div>'
        f'<div id="map-title" class="map-overlay" style="{map_html.BOX}{map_html.TITLE_AT}">'
        f"{map_html.title(spec)}</div>"
        f'<details class="map-legend map-overlay" style="{map_html.BOX}{map_html.LEGEND_AT}">'
        f"<summary>{esc(t('legend'))}</summary>{map_html.legend(spec)}</details>{notice}</div>\n"
        f'<p id="map-help" class="hint">{esc(t("site_map_help"))}</p>\n'
        f'<noscript><p class="hint">{esc(t("site_map_noscript"))}</p></noscript>\n'
        f"{town_table(spec, root, order)}\n"
        f'<script type="application/json" id="map-data">{script_json(map_data(spec, root))}'
        "</script>\n"
    )


def town_table(spec: MapSpec, root: str, order: list[str]) -> str:
    towns = {town.ags: town for town in spec.towns}
    rows = "".join(
        f'<tr><td><span class="swatch" style="background:{colour(towns[a].fill)}"></span>'
        f'<a href="{root}kommune/{a}.html">{esc(towns[a].name)}</a></td>'
        f'<td class="n">{towns[a].total}</td><td>{esc(towns[a].parties)}</td></tr>'
        for a in order
        if a in towns
    )
    return (
        f'<details class="table"><summary>{esc(t("site_map_table"))}</summary>'
        f'<table class="counts"><caption class="sr-only">{esc(spec.legend_title)}</caption>'
        f'<thead><tr><th scope="col">{esc(t("site_col_town"))}</th>'
        f'<th scope="col">{esc(t("site_col_count"))}</th>'
        f'<th scope="col">{esc(t("site_col_parties"))}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def card(row, topics: dict[str, str], root: str, app_url: str, role: str = "") -> str:
    """One pledge: party and programme, kind and chapter, text, commitment class, topics
    (linked to their pages), status, the town's role and link, the source."""
    kinds = {k: t(f"kind_{k}") for k in PLEDGE_KINDS}
    section = esc(row.section) + (f" › {esc(row.subsection)}" if esc(row.subsection) else "")
    chips = "".join(
        f'<a class="chip{" primary" if i == 0 else ""}" href="{root}thema/{quote(x, safe="")}'
        f'.html">{esc(topics.get(x, x))}</a>'
        for i, x in enumerate(row.topic_ids)
        if x in topics
    )
    context = ""
    if isinstance(row.context, str) and row.context:
        context = f'<div class="context">{esc(t("context_before"))} „{esc(row.context)}“</div>'
    return (
        f'<article class="pledge" style="border-left-color:{colour(row.color)}">'
        f'<div class="meta"><b>{esc(row.party)} {esc(row.year)}</b> · '
        f"{esc(kinds.get(row.kind, row.kind))} · {section}</div>"
        f'{context}<p class="text">{esc(row.text)}</p>'
        f"<div>{commitment_chip(row)}{chips}{provenance_chip(row)}</div>"
        f"{status_line(row)}{role}"
        f'<div class="source">{source(row, app_url)}</div></article>'
    )


def source(row, app_url: str) -> str:
    """Document, line or page; the programme read in the app at the pledge; the original."""
    label = f"{t('source')}: {row.document}, {source_location(row)}"
    read = app_url + "/programm?pledge=" + quote(str(row.pledge_id), safe="")
    links = [f'<a href="{href(read)}">{esc(t("site_read_in_app"))}</a>']
    original = source_url(row)
    if original:
        links.append(
            f'<a href="{href(original)}" rel="noopener noreferrer">'
            f"{esc(t('programme_original'))}</a>"
        )
    return f"{esc(label)} · " + " · ".join(links)


def role_line(row, town: str, links: dict[str, str]) -> str:
    """What the pledge is for the town (its target, a model, context) and how it reaches it."""
    role = row.role if isinstance(row.role, str) else TARGET
    kinds = ", ".join(links.get(k, k) for k in str(row.link_types).split(","))
    detail = row.role_evidence if isinstance(row.role_evidence, str) and row.role_evidence else ""
    return (
        f'<div class="role"><b>{esc(t("site_role", name=town))}:</b> '
        f"{esc(t('site_role_' + role))}{esc(': ' + detail if detail else '')} · "
        f"{esc(t('site_link'))} {esc(kinds)} – „{esc(row.evidence)}“</div>"
    )


def cards(rows, topics: dict, root: str, app_url: str, town: str = "", links=None) -> str:
    """The cards of some rows (named tuples of a pledge query); with `town`, each says
    what the pledge is for that town and how it reaches it."""
    return "".join(
        card(row, topics, root, app_url, role_line(row, town, links or {}) if town else "")
        for row in rows
    )


def link_list(items: list[tuple[str, str, str]], columns: bool = False) -> str:
    """(address, label, note) as a list of links."""
    cls = "links columns" if columns else "links"
    rows = "".join(
        f'<li><a href="{href(u)}">{esc(label)}</a>' + (f" ({esc(note)})" if note else "") + "</li>"
        for u, label, note in items
    )
    return f'<ul class="{cls}">{rows}</ul>'


def download(file: str, n: int) -> str:
    return (
        f'<h2>{esc(t("downloads"))}</h2>\n<p class="download"><a href="{href(file)}" download>'
        f"{esc(t('site_download', n=n))}</a></p>\n"
        f'<p class="note">{esc(t("site_csv_note"))}</p>\n'
    )
