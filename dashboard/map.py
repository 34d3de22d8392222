"""The folium map: choropleth of place-specific pledges, Kreis borders, RVR outline, sites.

Leaflet comes from dashboard/static (served by Streamlit at /app/static), not from a
CDN: the app works offline and on locked-down networks. The standalone HTML export
inlines the same files. All text that reaches HTML is escaped here.
"""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement, Template
from folium.utilities import JsCode

from dashboard import style
from dashboard.strings import t
from dashboard.views import esc

STATIC = Path(__file__).parent / "static"
LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
JQUERY_JS = "/app/static/jquery/jquery.min.js"  # folium builds popups with $()
RVR_BOUNDS = [[51.21, 6.29], [51.83, 8.0]]
TILES = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
POPUP_MAX_PLEDGES = 8


class _Boundaries(folium.GeoJson):
    """A GeoJson layer of the fixed RVR boundaries: its bounds are known, so folium need
    not walk every coordinate again on each rerun (st_folium asks for the map's bounds)."""

    def _get_self_bounds(self):
        return RVR_BOUNDS


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


TOOLTIP_PARTIES = 5  # the tooltip names the parties with most pledges, not all of them


def _party_counts(
    counts: list[tuple[int, str, int, int]], groups: bool = False, themes: bool = False
) -> str:
    """'RuhrSPD: 2 (+3 über Gruppe, nicht gezählt)': what the map counts, and what only a
    group adds; with `themes`, how many of the count come only through the town's
    features."""
    ranked = sorted(counts, key=lambda c: (-c[0], c[1]))

    def one(n: int, name: str, via_group: int, via_theme: int) -> str:
        extras = []
        if via_group:
            key = "tooltip_of_which_group" if groups else "tooltip_plus_group"
            extras.append(t(key, n=via_group))
        if via_theme and themes:
            extras.append(t("tooltip_of_which_theme", n=via_theme))
        return f"{name}: {n}" + (f" ({'; '.join(extras)})" if extras else "")

    text = ", ".join(one(*c) for c in ranked[:TOOLTIP_PARTIES])
    return text + (
        f", … (+{len(ranked) - TOOLTIP_PARTIES})" if len(ranked) > TOOLTIP_PARTIES else ""
    )


def _town_counts(
    counts: pd.DataFrame, parties: pd.DataFrame
) -> tuple[dict[str, int], dict[str, list[tuple[int, str, int, int]]]]:
    """What each town's tooltip says: the pledges counted, and per party (counted, name,
    reaching it only through a group, only through a feature). Shared by the live map and
    the HTML export."""
    names = dict(zip(parties["party_id"], parties["name"], strict=True))
    per_town: dict[str, int] = {}
    by_party: dict[str, list[tuple[int, str, int, int]]] = {}
    none = [0] * len(counts)
    via_group = counts["n_group"] if "n_group" in counts else none
    via_theme = counts["n_thematic"] if "n_thematic" in counts else none
    rows = zip(counts["ags"], counts["party_id"], counts["n"], via_group, via_theme, strict=True)
    for ags, party, n, group, theme in rows:
        per_town[ags] = per_town.get(ags, 0) + int(n)
        if n or group:
            by_party.setdefault(ags, []).append(
                (int(n), names.get(party, party), int(group), int(theme))
            )
    return per_town, by_party


def town_kind(kreis: str) -> str:
    """'kreisfreie Stadt', or the Kreis a town belongs to."""
    return t("kreisfrei_one") if kreis == "kreisfrei" else kreis


def municipality_features(
    geo: dict,
    counts: pd.DataFrame,
    parties: pd.DataFrame,
    fills: dict[str, str],
    selected: str | None,
    groups: bool = False,
    themes: bool = False,
    dashed: frozenset[str] = frozenset(),
) -> dict:
    """GeoJSON with the properties the map shows (tooltip text escaped here)."""
    per_town, by_party = _town_counts(counts, parties)
    features = []
    for feature in geo["features"]:  # geometries are shared, not copied: they never change
        props = feature["properties"]
        ags = props["ags"]
        kreis = town_kind(props["kreis"])
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "ags": ags,
                    "name": esc(props["name"]),
                    "kreis_label": esc(kreis),
                    "total": int(per_town.get(ags, 0)),
                    "parties": esc(_party_counts(by_party.get(ags, []), groups, themes)) or "–",
                    "fill": fills.get(ags, style.NO_DATA),
                    "selected": ags == selected,
                    "dashed": ags in dashed,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _style(feature):
    props = feature["properties"]
    if props["selected"]:
        line = {"color": style.SELECTED_LINE, "weight": 4}
    elif props.get("dashed"):
        line = {"color": style.THEMATIC_LINE, "weight": 2, "dashArray": "6 4"}
    else:
        line = {"color": style.MUNICIPALITY_LINE, "weight": 0.8}
    return {"fillColor": props["fill"], "fillOpacity": 0.8, **line}


def _marker_icon(letter: str, colour: str) -> folium.DivIcon:
    return folium.DivIcon(
        html=_marker_svg(letter, colour),
        icon_size=(22, 22),
        icon_anchor=(11, 11),
        class_name="site-marker",
    )


def _feature_svg(letter: str, colour: str) -> str:
    """A feature's point: smaller than a site's marker and square, so the two never look
    alike (a site has pledges; a feature only explains a thematic link)."""
    return (
        '<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
        f'<rect x="1" y="1" width="12" height="12" rx="2" fill="{esc(colour)}" '
        'stroke="#fff" stroke-width="1.2"/>'
        '<text x="7" y="10" font-size="8" font-family="sans-serif" text-anchor="middle" '
        f'fill="#fff">{esc(letter)}</text></svg>'
    )


def _marker_svg(letter: str, colour: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="22" height="22" viewBox="0 0 22 22">'
        f'<circle cx="11" cy="11" r="9.5" fill="{esc(colour)}" stroke="#fff" stroke-width="2"/>'
        f'<text x="11" y="15" font-size="11" font-family="sans-serif" font-weight="bold" '
        f'text-anchor="middle" fill="#fff">{esc(letter)}</text></svg>'
    )


def _site_layer(sites: list[dict], pledges_by_site: dict[str, list[dict]]):
    """One point layer per site kind: a handful of Leaflet elements instead of five per
    marker keeps the rerun fast. Popup and tooltip HTML is built (and escaped) here."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [site["lon"], site["lat"]]},
            "properties": {
                "name": esc(site["name"]),
                "popup": _popup(site["name"], pledges_by_site.get(site["site_id"], [])),
            },
        }
        for site in sites
    ]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=f"sites-{sites[0]['kind']}",
        marker=folium.Marker(icon=_marker_icon(sites[0]["letter"], sites[0]["color"])),
        on_each_feature=_BIND_SITE,
    )


# Tooltip and popup bound in the browser from the (escaped) properties: one line of
# script instead of two folium elements per layer, each compiling its own template on
# every rerun.
_BIND_SITE = JsCode(
    "function(feature, layer) {"
    " layer.bindTooltip(feature.properties.name);"
    " layer.bindPopup(feature.properties.popup, {maxWidth: 360});"
    "}"
)


def _popup(name: str, pledges: list[dict]) -> str:
    lines = [f"<b>{esc(name)}</b>"]
    if not pledges:
        lines.append(f"<i>{esc(t('popup_none'))}</i>")
    for row in pledges[:POPUP_MAX_PLEDGES]:
        text = row["text"] if len(row["text"]) <= 240 else row["text"][:237] + "…"
        role = row.get("role", "target")
        note = f" <i>({esc(t('role_note_' + role))})</i>" if role != "target" else ""
        lines.append(
            f'<div style="margin-top:4px;border-left:4px solid {esc(row["color"])};'
            f'padding-left:4px"><b>{esc(row["party"])} {esc(row["year"])}</b>{note}: '
            f"{esc(text)}</div>"
        )
    if len(pledges) > POPUP_MAX_PLEDGES:
        lines.append(f"<i>… +{len(pledges) - POPUP_MAX_PLEDGES}</i>")
    return "".join(lines)


_BOX = (
    "position:absolute;z-index:1000;background:rgba(255,255,255,0.92);padding:6px 10px;"
    "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,0.3);font:12px/1.35 sans-serif;"
)


class _Overlay(MacroElement):
    """A fixed box over the map (title, legend, attribution); its template compiles once."""

    _template = Template(
        "{% macro html(this, kwargs) %}"
        '<div class="map-overlay" style="{{ this.css }}">{{ this.content }}</div>'
        "{% endmacro %}"
    )

    def __init__(self, content: str, position: str):
        super().__init__()
        self.content = content  # already escaped by the caller
        self.css = _BOX + position


def _overlay(html_text: str, position: str) -> MacroElement:
    return _Overlay(html_text, position)


class _Setup(MacroElement):
    """White background without tiles, and Leaflet's own images from the static folder."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>.leaflet-container{background:#fff}"
        ".ruhr-label{display:none;background:rgba(255,255,255,.78);border:0;box-shadow:none;"
        "padding:0 3px;font:600 11px/1.3 sans-serif;color:#111}"
        ".ruhr-label:before{display:none}"
        ".ruhr-labels .ruhr-label,.ruhr-label.ruhr-selected{display:block}"
        ".ruhr-label.ruhr-selected{font-size:13px;background:#fff;border:1px solid #d7301f}"
        "#ruhr-legend summary{cursor:pointer;font-weight:600}"
        ".leaflet-tooltip:not(.ruhr-label){white-space:normal;width:max-content;max-width:240px}"
        "</style>{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        'L.Icon.Default.prototype.options.imagePath = "/app/static/leaflet/images/";'
        "{% endmacro %}"
    )


def site_kinds_shown(sites: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(letter, colour, label) of each site kind on the map, for the legends."""
    kinds = sites.drop_duplicates("kind").sort_values("kind")
    return list(zip(kinds["letter"], kinds["color"], kinds["kind_label"], strict=True))


def legend_html(
    colouring: style.Colouring,
    site_kinds: list[tuple[str, str, str]],
    dashed: bool = False,
    feature_kinds: list[tuple[str, str, str]] = (),
) -> str:
    rows = [f"<b>{esc(colouring.title)}</b>"]
    swatch = (
        '<span style="display:inline-block;width:14px;height:10px;margin-right:5px;'
        'border:1px solid #999;background:{}"></span>'
    )
    rows += [swatch.format(colour) + esc(label) for colour, label in colouring.legend]
    rows.append(
        f'<span style="display:inline-block;width:14px;border-top:2px solid {style.KREIS_LINE};'
        f'margin:0 5px 3px 0"></span>{esc(t("legend_kreis"))}'
    )
    rows.append(
        f'<span style="display:inline-block;width:14px;border-top:3px solid '
        f'{style.OUTLINE_LINE};margin:0 5px 3px 0"></span>{esc(t("legend_outline"))}'
    )
    if dashed:
        rows.append(
            f'<span style="display:inline-block;width:14px;border-top:2px dashed '
            f'{style.THEMATIC_LINE};margin:0 5px 3px 0"></span>{esc(t("legend_dashed"))}'
        )
    for letter, colour, label in site_kinds:
        rows.append(
            f'<span style="display:inline-block;width:14px;height:14px;border-radius:7px;'
            f"background:{esc(colour)};color:#fff;font-size:9px;text-align:center;"
            f'line-height:14px;margin-right:5px">{esc(letter)}</span>{esc(label)}'
        )
    if feature_kinds:  # one wrapped line of chips: the legend must not cover the region
        chips = " ".join(
            f'<span style="white-space:nowrap;margin-right:6px"><span style="display:'
            f"inline-block;width:12px;height:12px;border-radius:2px;background:{esc(colour)};"
            f"color:#fff;font-size:8px;text-align:center;line-height:12px;margin-right:3px"
            f'">{esc(letter)}</span>{esc(label)}</span>'
            for letter, colour, label in feature_kinds
        )
        rows.append(f"{esc(t('legend_features'))} {chips}")
    return "<br>".join(rows)


def build_map(
    geo: dict,
    counts: pd.DataFrame,
    parties: pd.DataFrame,
    sites: pd.DataFrame,
    site_pledges: pd.DataFrame,
    selected: str | None,
    basemap: str,
    title: str,
    subtitle: str,
    colouring: style.Colouring,
    groups: bool = False,
    themes: bool = False,
) -> folium.Map:
    features = municipality_features(
        geo["municipalities"],
        counts,
        parties,
        colouring.fills,
        selected,
        groups,
        themes,
        colouring.dashed,
    )
    m, attribution = _new_map(basemap)
    _Boundaries(
        features,
        name="municipalities",
        style_function=_style,
        highlight_function=lambda f: {"weight": 3, "color": style.SELECTED_LINE},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "kreis_label", "total", "parties"],
            aliases=["", "", esc(t("tooltip_total")), ""],
            labels=True,
        ),
    ).add_to(m)
    for name, colour, weight in (
        ("kreise", style.KREIS_LINE, 2),
        ("outline", style.OUTLINE_LINE, 3.5),
    ):
        _Boundaries(
            geo[name],
            name=name,
            interactive=False,
            style_function=lambda f, c=colour, w=weight: {"fill": False, "color": c, "weight": w},
        ).add_to(m)
    pledges_by_site: dict[str, list[dict]] = {}
    for row in site_pledges.to_dict("records"):
        pledges_by_site.setdefault(row["site_id"], []).append(row)
    sites_by_kind: dict[str, list[dict]] = {}
    for site in sites.to_dict("records"):
        sites_by_kind.setdefault(site["kind"], []).append(site)
    for kind in sorted(sites_by_kind):
        _site_layer(sites_by_kind[kind], pledges_by_site).add_to(m)
    m.add_child(
        _overlay(
            f"<b style='font-size:15px'>{esc(title)}</b><br>{esc(subtitle)}",
            "top:10px;left:50px;right:50px;text-align:center;",
        )
    )
    legend = legend_html(colouring, site_kinds_shown(sites), dashed=themes)
    m.add_child(_overlay(legend, "bottom:24px;left:10px;"))
    m.add_child(_overlay(esc(attribution), "bottom:4px;right:4px;font-size:10px;padding:2px 6px;"))
    if selected:
        feature = next(f for f in features["features"] if f["properties"]["ags"] == selected)
        m.fit_bounds(_bounds(feature["geometry"]), padding=(70, 70), max_zoom=11)
    else:
        m.fit_bounds(RVR_BOUNDS)
    return m


def _bounds(geometry: dict) -> list[list[float]]:
    coords = []

    def walk(node):
        if isinstance(node[0], (int, float)):
            coords.append(node)
        else:
            for child in node:
                walk(child)

    walk(geometry["coordinates"])
    lons = [c[0] for c in coords]
    lats = [c[1] for c in coords]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def standalone_html(m: folium.Map, title: str = "") -> str:
    """The map as one HTML file with Leaflet inlined: opens offline, e.g. in an intranet."""
    page = m.get_root().render()
    page = page.replace("<html>", '<html lang="de">', 1)
    if title:
        page = page.replace("<head>", f"<head><title>{esc(title)}</title>", 1)
    for url in (LEAFLET_JS, JQUERY_JS):
        code = (STATIC / url.removeprefix("/app/static/")).read_text(encoding="utf-8")
        page = page.replace(f'<script src="{url}"></script>', f"<script>{code}</script>")
    css = (STATIC / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    page = page.replace(f'<link rel="stylesheet" href="{LEAFLET_CSS}"/>', f"<style>{css}</style>")
    return page


# --- The live map: a static base drawn once per page, updated in place -------------------
#
# The base (tiles, boundaries from /app/static/geo, overlay boxes and the update function)
# is the same for every filter, so the component is never re-mounted: a filter change
# sends only a small script that recolours the towns, rewrites title, legend and
# tooltips, and replaces the site markers (streamlit-folium's `feature_group` argument).

GEO_URL = "/app/static/geo/rvr_{name}.geojson"
LABEL_ZOOM = 10.5  # town names appear from this zoom on; the selected town always


class _Live(MacroElement):
    """Overlay boxes and the update function of the live map (see static/ruhrmap.js)."""

    _template = Template(
        "{% macro html(this, kwargs) %}{{ this.boxes }}{% endmacro %}"
        "{% macro script(this, kwargs) %}{{ this.code }}"
        "window.ruhrInit({{ this._parent.get_name() }}, {{ this.options }});{% endmacro %}"
    )

    def __init__(self, options: dict):
        super().__init__()
        self.options = json.dumps(options)
        self.code = (STATIC / "ruhrmap.js").read_text(encoding="utf-8")
        self.boxes = (
            f'<div id="ruhr-title" class="map-overlay" style="{_BOX}top:10px;left:50px;'
            f'right:50px;text-align:center"></div>'
            f'<details id="ruhr-legend" class="map-overlay" open style="{_BOX}bottom:24px;'
            f'left:10px;max-width:min(60%,330px)"><summary>{esc(t("legend"))}</summary>'
            f'<div id="ruhr-legend-body"></div></details>'
            f'<div id="ruhr-notice" class="map-overlay" style="{_BOX}top:45%;left:15%;'
            f'right:15%;text-align:center;display:none"></div>'
        )


def _new_map(basemap: str) -> tuple[folium.Map, str]:
    """An empty map with Leaflet from the static folder, the basemap's tiles, and the
    attribution line it needs."""
    m = folium.Map(location=[51.5, 7.2], zoom_start=9, tiles=None, zoom_snap=0.25)
    m.default_js = [("leaflet", LEAFLET_JS), ("jquery", JQUERY_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    m.add_child(_Setup())
    attribution = t("attribution_bkg")
    if basemap == "light":
        folium.TileLayer(
            TILES, attr=esc(t("attribution_tiles")), name="light", subdomains="abcd", max_zoom=19
        ).add_to(m)
        attribution += " · " + t("attribution_tiles")
    return m, attribution


def base_map(basemap: str) -> folium.Map:
    """Everything that does not depend on the filters; built once per process."""
    m, attribution = _new_map(basemap)
    m.add_child(
        _Live(
            {
                "geo": {n: GEO_URL.format(name=n) for n in ("municipalities", "kreise", "outline")},
                "bounds": RVR_BOUNDS,
                "labelZoom": LABEL_ZOOM,
                "frameTitle": t("map_frame_title"),
                "zoomIn": t("zoom_in"),
                "zoomOut": t("zoom_out"),
                "colors": {
                    "line": style.MUNICIPALITY_LINE,
                    "selected": style.SELECTED_LINE,
                    "hover": style.HOVER_LINE,
                    "kreis": style.KREIS_LINE,
                    "outline": style.OUTLINE_LINE,
                    "thematic": style.THEMATIC_LINE,
                    "noData": style.NO_DATA,
                },
            }
        )
    )
    m.add_child(_overlay(esc(attribution), "bottom:4px;right:4px;font-size:10px;padding:2px 6px;"))
    return m  # the view is fitted by ruhrInit, without an animation that could outlast it


def _nudges(sites: list[dict], pixels: int = 16, near: float = 0.02) -> dict[str, int]:
    """Markers closer than `near` degrees to an earlier one are moved aside (in pixels), so
    none hides another at the default zoom (IGA Dortmund beside Revierpark Wischlingen)."""
    placed: list[tuple[float, float]] = []
    nudges = {}
    for site in sorted(sites, key=lambda s: s["site_id"]):
        close = sum(
            1
            for lat, lon in placed
            if abs(lat - site["lat"]) < near and abs(lon - site["lon"]) < near
        )
        nudges[site["site_id"]] = close * pixels  # to the right
        placed.append((site["lat"], site["lon"]))
    return nudges


def static_parts(towns: pd.DataFrame, sites: pd.DataFrame, features: pd.DataFrame) -> dict:
    """The parts of every update that do not depend on the filters (escaped here)."""
    site_rows = sites.to_dict("records")
    drawn = features.dropna(subset=["lat", "lon"])  # the RS1 and the Emscher have no point
    points = drawn.to_dict("records")
    nudges = _nudges(site_rows)
    return {
        "towns": [
            (ags, esc(name), esc(town_kind(kreis)))
            for ags, name, kreis in zip(towns["ags"], towns["name"], towns["kreis"], strict=True)
        ],
        "markers": [
            {
                "site_id": s["site_id"],
                "lat": s["lat"],
                "lon": s["lon"],
                "name": s["name"],
                "icon": _marker_svg(s["letter"], s["color"]),
                "dx": nudges[s["site_id"]],
            }
            for s in site_rows
        ],
        "site_kinds": site_kinds_shown(sites),
        "features": [
            {
                "lat": f["lat"],
                "lon": f["lon"],
                "name": esc(f"{f['kind_label']}: {f['name']} ({f['town']})"),
                "icon": _feature_svg(f["letter"], f["color"]),
            }
            for f in points
        ],
        "feature_kinds": site_kinds_shown(drawn),
    }


def update_payload(
    counts: pd.DataFrame,
    parties: pd.DataFrame,
    site_pledges: pd.DataFrame,
    static: dict,
    selected: str | None,
    title: str,
    subtitle: str,
    colouring: style.Colouring,
    groups: bool = False,
    with_sites: bool = True,
    themes: bool = False,
    show_features: bool = False,
) -> dict:
    """What a filter change sends: colours, tooltips, title, legend, markers and, when
    asked for, the features' points (all HTML escaped here). Its size depends on the 53
    towns, the sites and the features, not on the pledges."""
    per_town, by_party = _town_counts(counts, parties)
    total = esc(t("tooltip_total"))
    tooltips = {
        ags: f"<b>{name}</b> · {kind}<br>{total}: {per_town.get(ags, 0)}<br>"
        + esc(_party_counts(by_party.get(ags, []), groups, themes) or "–")
        for ags, name, kind in static["towns"]
    }
    pledges_by_site: dict[str, list[dict]] = {}
    for row in site_pledges.to_dict("records"):
        pledges_by_site.setdefault(row["site_id"], []).append(row)
    markers = [
        {
            "lat": m["lat"],
            "lon": m["lon"],
            "name": esc(m["name"]),
            "icon": m["icon"],
            "popup": _popup(m["name"], pledges_by_site.get(m["site_id"], [])),
            "dx": m["dx"],
        }
        for m in (static["markers"] if with_sites else [])
    ]
    return {
        "fills": colouring.fills,
        "tooltips": tooltips,
        "names": {ags: name for ags, name, _ in static["towns"]},
        "selected": selected,
        "title": f"<b style='font-size:15px'>{esc(title)}</b><br>{esc(subtitle)}",
        "legend": legend_html(
            colouring,
            static["site_kinds"] if with_sites else [],
            dashed=themes,
            feature_kinds=static["feature_kinds"] if show_features else [],
        ),
        "notice": "" if any(per_town.values()) else esc(t("map_empty")),
        "markers": markers,
        "dashed": sorted(colouring.dashed),
        "features": static["features"] if show_features else [],
    }


def update_script(payload: dict) -> str:
    """The script a filter change sends (evaluated by streamlit-folium's frontend, which
    removes the layers in window.feature_group before the next one)."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return (
        f"var ruhrLayer = window.ruhrUpdate({data}); window.map.addLayer(ruhrLayer);"
        "window.feature_group = [ruhrLayer];"
    )


@functools.lru_cache(maxsize=4)
def base_component(basemap: str) -> dict:
    """The base map as streamlit-folium's frontend takes it, rendered once per process
    and basemap: the same strings (and component key) for every filter."""
    from streamlit_folium import (
        _get_header,
        _get_html,
        _get_map_string,
        generate_js_hash,
        get_full_id,
    )

    m = base_map(basemap)
    m.get_root().render()
    html, header = _get_html(m), _get_header(m)
    script = _get_map_string(m)
    return {
        "script": script,
        "html": html,
        "header": header,
        "id": get_full_id(m),
        "key": generate_js_hash(script, "ruhr-map", False),
        "css_links": [LEAFLET_CSS],
        "js_links": [LEAFLET_JS, JQUERY_JS],
    }


def component_key(basemap: str, name: str = "karte") -> str:
    """The live map's widget key: its value (the last click) is in st.session_state under
    it at the start of a run, before any widget exists."""
    return f"{base_component(basemap)['key']}-{name}"


def live_map(payload: dict, basemap: str, height: int, name: str = "karte"):
    """The map component: the base is the same for every filter (so it is never rebuilt),
    the update script carries the filter's colours, texts and markers. Only clicks rerun
    the script, not pan or zoom."""
    from streamlit_folium import _component_func as folium_component

    base = base_component(basemap)
    return folium_component(
        script=base["script"],
        header=base["header"],
        html=base["html"],
        id=base["id"],
        key=component_key(basemap, name),  # one instance per view: none is moved between them
        height=height,
        width=None,
        returned_objects=["last_clicked"],
        default={"last_clicked": None},
        zoom=None,
        center=None,
        feature_group=update_script(payload),
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=base["css_links"],
        js_links=base["js_links"],
        wrap_longitude=False,
    )
