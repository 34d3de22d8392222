"""The map as one standalone HTML file (folium, Leaflet inlined): it opens offline, e.g.
in an intranet, and shows what the live map shows, drawn from the same map spec."""

from __future__ import annotations

import folium
from folium.utilities import JsCode

from dashboard import map_html, style
from dashboard.map import (
    LEAFLET_CSS,
    LEAFLET_JS,
    RVR_BOUNDS,
    STATIC,
    Overlay,
    attribution,
    new_map,
)
from dashboard.map_spec import MapSpec
from dashboard.views import esc


class _Boundaries(folium.GeoJson):
    """A GeoJson layer of the fixed RVR boundaries: its bounds are known, so folium need
    not walk every coordinate again."""

    def _get_self_bounds(self):
        return RVR_BOUNDS


# Tooltips and popups bound in the browser from the (escaped) properties: one line of
# script instead of two folium elements per layer.
_BIND = JsCode(
    "function(feature, layer) {"
    " layer.bindTooltip(feature.properties.tooltip, {sticky: feature.properties.sticky});"
    " if (feature.properties.popup) layer.bindPopup(feature.properties.popup, {maxWidth: 360});"
    "}"
)


def _town_style(feature):
    props = feature["properties"]
    name = "selected" if props["selected"] else "dashed" if props["dashed"] else "town"
    return {"fillColor": props["fill"], "fillOpacity": style.FILL_OPACITY, **style.LINES[name]}


def _towns(spec: MapSpec, geo: dict) -> dict:
    towns = {town.ags: town for town in spec.towns}
    features = []
    for feature in geo["features"]:  # geometries are shared, not copied
        town = towns[feature["properties"]["ags"]]
        props = {
            "ags": town.ags,
            "tooltip": map_html.tooltip(town),
            "sticky": True,
            "fill": town.fill,
            "selected": town.selected,
            "dashed": town.dashed,  # the selected outline wins (_town_style)
        }
        features.append({"type": "Feature", "geometry": feature["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": features}


def _points(items: list[tuple[float, float, str, str]], icon, size: int, name: str):
    """One point layer (a handful of Leaflet elements, not five per marker)."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"tooltip": tooltip, "popup": popup, "sticky": False},
        }
        for lat, lon, tooltip, popup in items
    ]
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        marker=folium.Marker(
            icon=folium.DivIcon(html=icon, icon_size=(size, size), icon_anchor=(size // 2,) * 2)
        ),
        on_each_feature=_BIND,
    )


def _markers(spec: MapSpec, m: folium.Map) -> None:
    """Site markers by kind, then the features' points by kind."""
    kinds: dict[tuple, list] = {}
    for s in spec.markers:
        item = (s.lat, s.lon, esc(s.name), map_html.popup(s))
        kinds.setdefault(
            (map_html.marker_svg(s.letter, s.colour), 22, f"sites-{s.kind}"), []
        ).append(item)
    for p in spec.points:
        item = (p.lat, p.lon, esc(p.name), "")
        kinds.setdefault(
            (map_html.point_svg(p.letter, p.colour), 14, f"points-{p.letter}"), []
        ).append(item)
    for (icon, size, name), items in kinds.items():
        _points(items, icon, size, name).add_to(m)


def build_map(spec: MapSpec, geo: dict, basemap: str) -> folium.Map:
    m = new_map(basemap)
    towns = _towns(spec, geo["municipalities"])
    _Boundaries(
        towns,
        name="municipalities",
        style_function=_town_style,
        highlight_function=lambda f: style.LINES["hover"],
        on_each_feature=_BIND,
    ).add_to(m)
    for name in ("kreise", "outline"):
        line = {"fill": False, **style.LINES["kreis" if name == "kreise" else "outline"]}
        _Boundaries(
            geo[name], name=name, interactive=False, style_function=lambda f, s=line: s
        ).add_to(m)
    _markers(spec, m)
    m.add_child(Overlay(map_html.title(spec), map_html.TITLE_AT))
    m.add_child(Overlay(map_html.legend(spec), map_html.LEGEND_AT))
    if spec.notice:
        m.add_child(Overlay(esc(spec.notice), "top:45%;left:15%;right:15%;text-align:center;"))
    m.add_child(attribution(basemap))
    chosen = [f for f in towns["features"] if f["properties"]["selected"]]
    if chosen:
        m.fit_bounds(_bounds(chosen[0]["geometry"]), padding=(70, 70), max_zoom=11)
    else:
        m.fit_bounds(RVR_BOUNDS)
    return m


def _bounds(geometry: dict) -> list[list[float]]:
    from shapely.geometry import shape

    minx, miny, maxx, maxy = shape(geometry).bounds
    return [[miny, minx], [maxy, maxx]]


def standalone_html(m: folium.Map, title: str = "") -> str:
    """The page with Leaflet inlined, German, with a title."""
    page = m.get_root().render()
    page = page.replace("<html>", '<html lang="de">', 1)
    if title:
        page = page.replace("<head>", f"<head><title>{esc(title)}</title>", 1)
    code = (STATIC / LEAFLET_JS.removeprefix("/app/static/")).read_text(encoding="utf-8")
    page = page.replace(f'<script src="{LEAFLET_JS}"></script>', f"<script>{code}</script>")
    css = (STATIC / "leaflet" / "leaflet.css").read_text(encoding="utf-8")
    page = page.replace(f'<link rel="stylesheet" href="{LEAFLET_CSS}"/>', f"<style>{css}</style>")
    return page
