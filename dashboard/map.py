"""The live map: a base drawn once per process (Leaflet from dashboard/static, the
boundaries fetched from /app/static/geo, the overlay boxes and static/ruhrmap.js), and
per filter change only a small update made from the map spec (dashboard/map_spec.py):
towns' colours and tooltips, title, legend, markers and points. The component is never
re-mounted. Leaflet comes from the static folder, not a CDN: the app works offline."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import folium
from branca.element import MacroElement, Template

from dashboard import component, map_html, style
from dashboard.map_spec import MapSpec
from dashboard.strings import t
from dashboard.views import esc

STATIC = Path(__file__).parent / "static"
LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
RUHRMAP_JS = "/app/static/ruhrmap.js"  # the live map's update function
RVR_BOUNDS = [[51.21, 6.29], [51.83, 8.0]]
TILES = "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
GEO_URL = "/app/static/geo/rvr_{name}.geojson"
LABEL_ZOOM = 10.5  # town names appear from this zoom on; the selected town always


class Overlay(MacroElement):
    """A fixed box over the map (title, legend, attribution); its template compiles once."""

    _template = Template(
        "{% macro html(this, kwargs) %}"
        '<div class="map-overlay" style="{{ this.css }}">{{ this.content }}</div>'
        "{% endmacro %}"
    )

    def __init__(self, content: str, position: str):
        super().__init__()
        self.content = content  # already escaped by the caller
        self.css = map_html.BOX + position


class _Setup(MacroElement):
    """White background without tiles, and Leaflet's own images from the static folder."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>.leaflet-container{background:#fff}"
        ".ruhr-label{display:none;width:0!important;height:0!important;background:none;border:0}"
        ".ruhr-label span{position:absolute;left:0;top:0;transform:translate(-50%,-50%);"
        "white-space:nowrap;background:rgba(255,255,255,.78);padding:0 3px;"
        "font:600 11px/1.3 sans-serif;color:#111;pointer-events:none}"
        ".ruhr-labels .ruhr-label,.ruhr-label.ruhr-selected,.ruhr-label.ruhr-major{display:block}"
        ".ruhr-label.ruhr-crowded{display:none}"
        ".ruhr-label.ruhr-selected span{font-size:13px;background:#fff;border:1px solid #d7301f}"
        "#ruhr-legend summary{cursor:pointer;font-weight:600}"
        ".leaflet-tooltip:not(.ruhr-label){white-space:normal;width:max-content;max-width:240px}"
        "</style>{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        'L.Icon.Default.prototype.options.imagePath = "/app/static/leaflet/images/";'
        "{% endmacro %}"
    )


def new_map(basemap: str) -> folium.Map:
    """An empty map with Leaflet from the static folder and the basemap's tiles."""
    m = folium.Map(location=[51.5, 7.2], zoom_start=9, tiles=None, zoom_snap=0.25)
    m.default_js = [("leaflet", LEAFLET_JS)]  # no jQuery: no folium popup is used
    m.default_css = [("leaflet_css", LEAFLET_CSS)]
    m.add_child(_Setup())
    if basemap == "light":
        folium.TileLayer(
            TILES, attr=esc(t("attribution_tiles")), name="light", subdomains="abcd", max_zoom=19
        ).add_to(m)
    return m


def attribution(basemap: str) -> Overlay:
    """The sources' line, the last box over the map."""
    text = t("attribution_bkg")
    if basemap == "light":
        text += " · " + t("attribution_tiles")
    return Overlay(esc(text), map_html.ATTRIBUTION_AT)


class _Live(MacroElement):
    """Overlay boxes of the live map and the call that starts it; its code
    (static/ruhrmap.js, static/bridge.js) comes as static files the browser keeps, not
    in the script every rerun sends."""

    _template = Template(
        "{% macro html(this, kwargs) %}{{ this.boxes }}{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "window.ruhrInit({{ this._parent.get_name() }}, {{ this.options }});{% endmacro %}"
    )

    def __init__(self, options: dict):
        super().__init__()
        self.options = json.dumps(options)
        box = map_html.BOX
        self.boxes = (
            f'<div id="ruhr-title" class="map-overlay" style="{box}{map_html.TITLE_AT}"></div>'
            f'<details id="ruhr-legend" class="map-overlay" style="{box}'
            f'{map_html.LEGEND_AT}max-width:min(60%,330px)"><summary>{esc(t("legend"))}'
            '</summary><div id="ruhr-legend-body"></div></details>'
            f'<div id="ruhr-notice" class="map-overlay" style="{box}top:45%;left:15%;'
            'right:15%;text-align:center;display:none"></div>'
        )


def base_map(basemap: str) -> folium.Map:
    """Everything that does not depend on the filters; built once per process."""
    m = new_map(basemap)
    options = {
        "geo": {n: GEO_URL.format(name=n) for n in ("municipalities", "kreise", "outline")},
        "bounds": RVR_BOUNDS,
        "labelZoom": LABEL_ZOOM,
        "frameTitle": t("map_frame_title"),
        "zoomIn": t("zoom_in"),
        "zoomOut": t("zoom_out"),
        "lines": style.LINES,
        "noData": style.NO_DATA,
        "fillOpacity": style.FILL_OPACITY,
    }
    m.add_child(_Live(options))
    m.add_child(attribution(basemap))
    return m  # the view is fitted by ruhrInit, without an animation that could outlast it


def payload(spec: MapSpec, screenshot: bool = False) -> dict:
    """What a filter change sends (all HTML escaped here). Its size depends on the 53
    towns, the sites and the features, not on the pledges. In a screenshot the legend is
    open and the region fitted beside it."""
    return {
        "screenshot": screenshot,
        "fills": spec.fills,
        "tooltips": {town.ags: map_html.tooltip(town) for town in spec.towns},
        "names": {town.ags: esc(town.name) for town in spec.towns},
        "selected": spec.selected,
        "title": map_html.title(spec),
        "legend": map_html.legend(spec),
        "notice": esc(spec.notice),
        "markers": [
            {
                "lat": m.lat,
                "lon": m.lon,
                "name": esc(m.name),
                "icon": _marker_icon(m.letter, m.colour),
                "popup": map_html.popup(m),
            }
            for m in spec.markers
        ],
        "dashed": sorted(town.ags for town in spec.towns if town.dashed),
        "features": [
            {
                "lat": p.lat,
                "lon": p.lon,
                "name": esc(p.name),
                "icon": _point_icon(p.letter, p.colour),
            }
            for p in spec.points
        ],
    }


_marker_icon = functools.lru_cache(maxsize=256)(map_html.marker_svg)
_point_icon = functools.lru_cache(maxsize=256)(map_html.point_svg)


@functools.lru_cache(maxsize=4)
def base_component(basemap: str) -> dict:
    """The base map as the component takes it, rendered once per process and basemap:
    the same strings (and component key) for every filter."""
    return component.rendered(base_map(basemap), "ruhr-map")


def component_key(basemap: str, name: str = "karte") -> str:
    """The live map's widget key: its value (the last click) is in st.session_state under
    it at the start of a run, before any widget exists."""
    return f"{base_component(basemap)['key']}-{name}"


def live_map(
    spec: MapSpec, basemap: str, height: int, name: str = "karte", screenshot: bool = False
):
    """One instance per view (`name`): none is moved between them."""
    return component.show(
        base_component(basemap),
        component.update_script("ruhrUpdate", payload(spec, screenshot)),
        key=component_key(basemap, name),
        height=height,
        css=[LEAFLET_CSS],
        js=[LEAFLET_JS, component.BRIDGE_URL, RUHRMAP_JS],
    )
