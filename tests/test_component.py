"""The contract with library internals (dashboard/component.py, static/bridge.js): the
private names the live map relies on exist in the installed streamlit-folium and Leaflet.
An upgrade that drops one fails here, not in a visitor's browser."""

import inspect
from pathlib import Path

import streamlit_folium

from dashboard import component
from dashboard import map as ruhr_map
from etl import paths

FRONTEND = Path(streamlit_folium.__file__).parent / "frontend" / "build"


def bundle() -> str:
    return "".join(p.read_text(encoding="utf-8") for p in FRONTEND.rglob("*.js"))


def test_streamlit_folium_has_the_private_python_helpers_the_adapter_calls():
    for name in component.PYTHON_NAMES:
        assert hasattr(streamlit_folium, name), name
    for name in ("_get_header", "_get_html", "_get_map_string", "get_full_id"):
        assert len(inspect.signature(getattr(streamlit_folium, name)).parameters) == 1, name
    hashing = inspect.signature(streamlit_folium.generate_js_hash).parameters
    assert list(hashing) == ["js_string", "key", "return_on_hover"]


def test_the_frontend_evaluates_the_feature_group_and_keeps_the_globals_we_use():
    code = bundle()
    for name in component.FRONTEND_NAMES:
        assert name in code, name
    # the arguments the adapter passes are the ones the frontend reads
    for argument in ("feature_group", "returned_objects", "css_links", "js_links", "html"):
        assert argument in code, argument


def test_leaflet_has_the_internals_the_bridge_reads():
    leaflet = (paths.ROOT / "dashboard" / "static" / "leaflet" / "leaflet.js").read_text()
    for name in component.LEAFLET_NAMES:
        assert name in leaflet, name


def test_only_the_adapter_touches_the_internals():
    """ruhrmap.js and the Python modules go through the adapter."""
    dashboard = paths.ROOT / "dashboard"
    live = (dashboard / "static" / "ruhrmap.js").read_text(encoding="utf-8")
    bridge = (dashboard / "static" / "bridge.js").read_text(encoding="utf-8")
    for name in component.FRONTEND_NAMES[:3] + component.LEAFLET_NAMES:
        assert name not in live, name
        assert name in bridge, name
    for path in dashboard.glob("*.py"):
        if path.name != "component.py":
            assert "streamlit_folium" not in path.read_text(encoding="utf-8"), path.name


def test_the_base_map_starts_the_live_map_and_renders_once():
    base = ruhr_map.base_component("none")
    assert "window.ruhrInit(" in base["script"] and "$(" not in base["script"]
    assert "window.ruhrBridge" in component.BRIDGE_FILE.read_text(encoding="utf-8")
    assert ruhr_map.base_component("none") is base
    script = component.update_script("ruhrUpdate", {"a": "ä"})
    assert script.startswith('var ruhrLayer = window.ruhrUpdate({"a":"ä"});')
