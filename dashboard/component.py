"""The adapter to streamlit-folium and Leaflet internals: everything the live map needs
from them that is not public API sits here and in static/bridge.js, and
tests/test_component.py pins the names relied on in the installed versions.

What is relied on: streamlit-folium's private render helpers and component function
(to render the base map once per process and send only an update script), its frontend
evaluating the `feature_group` argument after removing the layers listed in
`window.feature_group`, the Leaflet map in `window.map`, and the frontend's
`__GLOBAL_DATA__` (to send a click at once); Leaflet's `_animatingZoom` and the zoom
control's buttons."""

from __future__ import annotations

import json
from pathlib import Path

BRIDGE_URL = "/app/static/bridge.js"  # loaded by the frontend before the map's script
BRIDGE_FILE = Path(__file__).parent / "static" / "bridge.js"

# (where, names): checked by tests/test_component.py against the installed packages
PYTHON_NAMES = (
    "_component_func",
    "_get_header",
    "_get_html",
    "_get_map_string",
    "generate_js_hash",
    "get_full_id",
)
FRONTEND_NAMES = (
    "__GLOBAL_DATA__",
    "lat_lng_clicked",
    "previous_data",
    "window.feature_group",
    "window.map",
    "feature_group",
)
LEAFLET_NAMES = ("_animatingZoom", "_zoomInButton", "_zoomOutButton")


def rendered(m, key_name: str) -> dict:
    """A folium map as streamlit-folium's frontend takes it: script, html, header, the
    map's element id and a key that stays the same while the script does."""
    from streamlit_folium import (
        _get_header,
        _get_html,
        _get_map_string,
        generate_js_hash,
        get_full_id,
    )

    m.get_root().render()
    script = _get_map_string(m)
    return {
        "script": script,
        "html": _get_html(m),
        "header": _get_header(m),
        "id": get_full_id(m),
        "key": generate_js_hash(script, key_name, False),
    }


def update_script(function: str, payload: dict) -> str:
    """A script the frontend runs on every rerun: `function(payload)` returns a layer,
    added to the map and listed where the frontend removes it before the next update."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return (
        f"var ruhrLayer = window.{function}({data}); window.map.addLayer(ruhrLayer);"
        "window.feature_group = [ruhrLayer];"
    )


def show(base: dict, update: str, key: str, height: int, css: list, js: list):
    """The component with a base that never changes and the update script: only clicks
    rerun the app, not pan or zoom. Returns the last click."""
    from streamlit_folium import _component_func

    return _component_func(
        script=base["script"],
        header=base["header"],
        html=base["html"],
        id=base["id"],
        key=key,
        height=height,
        width=None,
        returned_objects=["last_clicked"],
        default={"last_clicked": None},
        zoom=None,
        center=None,
        feature_group=update,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=css,
        js_links=js,
        wrap_longitude=False,
    )
