"""All UI text in one place. German now; an English table can be added without touching
the views (set STRINGS = EN)."""

from __future__ import annotations

import tomllib
from pathlib import Path

DE, _SITE = (
    tomllib.loads((Path(__file__).parent / n).read_text(encoding="utf-8"))
    for n in ("strings_de.toml", "strings_site.toml")
)  # the app's, the static site's
assert not DE.keys() & _SITE.keys(), DE.keys() & _SITE.keys()
DE |= _SITE

STRINGS = DE


def t(key: str, **values) -> str:
    text = STRINGS[key]
    return text.format(**values) if values else text


# Streamlit's and Vega's own English labels (aria-label, aria-roledescription, title,
# placeholder) in German;
# dashboard/views.py page_helper applies them in the page as it changes. Exact texts,
# then prefixes ("Help for Thema" -> "Hilfe zu Thema"). README lists what stays English.
FRAMEWORK_LABELS = {
    "Sidebar": "Filterleiste",
    "App pages": "Seiten der Anwendung",
    "Clear all": "Alle entfernen",
    "Clear": "Entfernen",
    "Increment": "Erhöhen",
    "Decrement": "Verringern",
    "Skip to main content": "Zum Inhalt springen",
    "Collapse sidebar": "Filter schließen",
    "Expand sidebar": "Filter öffnen",
    "Link to heading": "Link zu dieser Überschrift",
    "Open": "Öffnen",
    "Close": "Schließen",
    "Selected values": "Ausgewählte Werte",
    "Choose an option": "Bitte wählen",
    "Copy Vega-Lite spec": "Diagrammdefinition kopieren",
    "Download as PNG": "Als PNG herunterladen",
    "Download as SVG": "Als SVG herunterladen",
    "Show data": "Daten zeigen",
    "Fullscreen": "Vollbild",
    "View fullscreen": "Vollbild",
    "Exit fullscreen": "Vollbild beenden",
    "Close fullscreen": "Vollbild beenden",
    "Vega visualization": "Diagramm",
    "st.iframe": "Eingebettete Ansicht",
    # Vega's roles of chart parts (aria-roledescription)
    "visualization": "Diagramm",
    "group mark container": "Gruppe",
    "rect mark container": "Balken",
    "title": "Titel",
    "axis": "Achse",
    "legend": "Legende",
    "bar": "Balken",
}
FRAMEWORK_PREFIXES = {
    "Help for ": "Hilfe zu ",
    "Remove ": "Entfernen: ",
}
