"""Downloads: the static map (PNG/PDF, rendered without a browser), the HTML map, CSV, Excel."""

import csv as std_csv
import io
import json
import re

import duckdb
import pandas as pd
import pytest

from dashboard import export, export_html, export_map, map_spec, queries
from dashboard.filters import Filters
from etl import paths
from tests.conftest import SHOWN, count

GEO = {
    n: json.loads((paths.GEO / f"rvr_{n}.geojson").read_text(encoding="utf-8"))
    for n in ("municipalities", "kreise", "outline")
}


@pytest.fixture(scope="module")
def db(built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    yield {
        "con": con,
        **queries.reference(con),
        "counts": queries.municipality_counts(con, Filters()),
    }
    con.close()


def colouring(db, counts=None):
    counts = db["counts"] if counts is None else counts
    return map_spec.place_colouring(counts, list(db["municipalities"]["ags"]))


def spec(db, title="Titel", subtitle="Filter", selected=None, counts=None, **layers):
    """The map spec of the whole corpus, as the app builds it for the live map."""
    counts = db["counts"] if counts is None else counts
    return map_spec.map_spec(
        counts,
        db["parties"],
        queries.site_pledges(db["con"], Filters()),
        map_spec.base(db["municipalities"], db["sites"], db["features"]),
        colouring(db, counts),
        (title, subtitle),
        selected=selected,
        layers=map_spec.Layers(**layers),
    )


def test_static_figure_has_names_legend_title_and_attribution(db):
    import matplotlib.pyplot as plt

    fig = export_map.static_figure(spec(db, subtitle="Filter: Thema: Wohnen"), GEO)
    try:
        ax = fig.axes[0]
        labels = {a.get_text() for a in ax.texts}
        assert {"Herten", "Sonsbeck", "Wetter (Ruhr)", "Mülheim an der Ruhr"} <= labels
        legend = [x.get_text() for x in ax.get_legend().get_texts()]
        assert "keine (0)" in legend and "Kreisgrenze" in legend and "Grenze RVR" in legend
        assert any(x.endswith("Revierpark") for x in legend)
        assert ax.get_legend().get_title().get_text() == (
            "Versprechen für die Kommune: nennt sie oder einen Ort in ihr"
        )
        assert "Filter: Thema: Wohnen" in ax.get_title(loc="left")
        assert any("GeoBasis-DE / BKG 2013" in x.get_text() for x in fig.texts)
    finally:
        plt.close(fig)


def test_png_and_pdf_are_produced(db):
    png = export_map.static_map(spec(db), GEO, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 100_000
    from PIL import Image

    width, height = Image.open(io.BytesIO(png)).size
    assert (width, height) == (1753, 1240)  # A4 landscape at 150 dpi
    pdf = export_map.static_map(spec(db), GEO, "pdf")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 50_000


def test_standalone_html_inlines_leaflet_and_escapes_text(db):
    m = export_html.build_map(
        spec(db, "Karte <b>", "Filter: „<script>alert(1)</script>“"), GEO, "none"
    )
    page = export_html.standalone_html(m)
    assert 'src="/app/static' not in page and 'href="/app/static' not in page
    assert "L.map" in page and "Leaflet" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert len(set(re.findall(r'"ags": "(0\d{7})"', page))) == 53


def test_csv_and_excel_hold_the_filtered_pledges(db, built_db):
    pledges = queries.all_pledges(db["con"], Filters(parties=("volt",)))
    labels = dict(zip(db["topics"]["topic_id"], db["topics"]["label"], strict=True))
    table = export.pledge_table(pledges, labels)
    csv = export.to_csv(table)
    assert csv.startswith("\ufeff".encode())
    text = csv.decode("utf-8-sig")
    dialect = std_csv.Sniffer().sniff(text[:4000], delimiters=",;\t")
    assert dialect.delimiter == ";"  # German Excel splits on semicolons
    back = pd.read_csv(io.StringIO(text), sep=dialect.delimiter, decimal=",")
    topics = back["Themen"].dropna()
    assert any(" | " in x for x in topics)  # several topics, split by a sign no label has
    assert all(len(part) > 2 for x in topics for part in x.split(" | "))
    volt = count(built_db, f"party_id = 'volt' AND {SHOWN}")
    assert len(back) == volt and list(back.columns)[:3] == ["ID", "Partei", "Jahr"]
    for column in ("Verbindlichkeit", "Kontext (Satz davor)", "Zeile", "Seite"):
        assert column in back.columns
    assert set(back["Partei"]) == {"Volt Ruhr"}
    xlsx = pd.read_excel(io.BytesIO(export.to_excel(table)))
    assert len(xlsx) == volt and "Hauptthema" in xlsx.columns


def test_png_of_a_selected_town_is_zoomed_highlighted_and_says_so(db):
    from PIL import Image

    herten = spec(
        db,
        "Wahlversprechen für Herten",
        "Filter: Partei: RuhrSPD (Programm 2020)",
        selected="05562020",
    )
    png = export_map.static_map(herten, GEO, "png")
    image = Image.open(io.BytesIO(png))
    assert image.text["Title"] == "Wahlversprechen für Herten"
    assert image.text["Kommune"] == "Herten" and "Programm 2020" in image.text["Description"]
    import numpy as np

    pixels = np.asarray(image.convert("RGB"))
    red = int(np.all(pixels == (0xD7, 0x30, 0x1F), axis=-1).sum())
    assert red > 2000  # the selected outline, drawn thick, and the town in the inset


def test_static_figure_of_a_town_zooms_and_has_an_inset(db):
    import matplotlib.pyplot as plt

    fig = export_map.static_figure(spec(db, "T", "S", selected="05562020"), GEO)
    try:
        main, inset = fig.axes
        width = main.get_xlim()[1] - main.get_xlim()[0]
        assert width < 60_000  # metres: Herten and its neighbours, not the 110 km region
        assert [t.get_text() for t in inset.texts] == ["Lage im Ruhrgebiet"]
        bold = [a for a in main.texts if a.get_text() == "Herten"]
        assert bold and bold[0].get_fontweight() == "bold"
    finally:
        plt.close(fig)


def test_an_empty_map_says_why(db):
    import matplotlib.pyplot as plt

    fig = export_map.static_figure(spec(db, "T", "S", counts=db["counts"].iloc[0:0]), GEO)
    try:
        assert any("nennt kein Versprechen" in a.get_text() for a in fig.axes[0].texts)
    finally:
        plt.close(fig)


def test_html_export_has_a_german_title(db):
    m = export_html.build_map(spec(db, "Wahlversprechen für Herten"), GEO, "none")
    page = export_html.standalone_html(m, "Wahlversprechen für Herten")
    assert '<html lang="de">' in page and "<title>Wahlversprechen für Herten</title>" in page


def test_every_layer_and_legend_entry_of_the_live_map_is_in_every_export(db):
    """One spec, three renderers: the live map's update, the HTML file and the PNG/PDF
    figure show the same legend entries, markers and features' points."""
    import matplotlib.pyplot as plt

    from dashboard import map as ruhr_map
    from dashboard.views import esc

    full = spec(db, themes=True, points=True)
    shapes = {e.shape for e in full.legend}
    assert {"fill", "kreis", "outline", "dashed", "site", "feature"} <= shapes
    assert full.points and full.markers
    live = ruhr_map.payload(full)
    page = export_html.standalone_html(export_html.build_map(full, GEO, "none"))
    fig = export_map.static_figure(full, GEO)
    try:
        printed = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
        letters = [a.get_text() for a in fig.axes[0].texts]
    finally:
        plt.close(fig)
    for entry in full.legend:
        assert esc(entry.label) in live["legend"] and esc(entry.label) in page, entry
        assert entry.label in printed, entry
    assert len(live["features"]) == len(full.points) and len(live["markers"]) == len(full.markers)
    in_json = [json.dumps(esc(x.name))[1:-1] for x in full.points + full.markers]
    assert all(name in page for name in in_json)  # folium writes the layers as JSON
    drawn = len(full.points) + len(full.markers)  # each symbol carries its letter
    assert sum(x in {e.letter for e in full.legend if e.letter} for x in letters) >= drawn


def test_without_features_the_exports_leave_them_out_too(db):
    plain = spec(db)
    assert not plain.points and "feature" not in {e.shape for e in plain.legend}
    page = export_html.standalone_html(export_html.build_map(plain, GEO, "none"))
    assert "points-" not in page


def test_the_inset_has_no_axes_and_cuts_no_name(db):
    """Issue 24: geopandas names the axes in English ("Easting [metre]"); the inset shows
    none, its title sits on white inside it, and no town name is shown cut by it."""
    fig = export_map.static_figure(spec(db, selected="05562020"), GEO)
    try:
        inset = fig.axes[-1]
        assert inset.get_xlabel() == inset.get_ylabel() == ""
        assert not inset.get_xticks().size and not inset.get_yticks().size
        assert [t.get_text() for t in inset.texts] == ["Lage im Ruhrgebiet"]
        renderer = fig.canvas.get_renderer()
        box = inset.get_window_extent(renderer)
        shown = [t for t in fig.axes[0].texts if t.get_visible()]
        assert shown and not any(t.get_window_extent(renderer).overlaps(box) for t in shown)
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)


def test_the_map_says_what_the_profile_says_about_pledges_through_features(db):
    """Issue 24: Herten's Halden pledges reach it only through its features; uncounted,
    the tooltip names them as the profile does ("+n über ihre Orte, nicht gezählt")."""
    assert map_spec.party_counts([(0, "RuhrSPD", 0, 2)]) == (
        "RuhrSPD: 0 (+2 über ihre Orte, nicht gezählt)"
    )
    assert map_spec.party_counts([(3, "Volt", 0, 2)], themes=True) == (
        "Volt: 3 (davon 2 über ihre Orte)"
    )
    herten = next(town for town in spec(db).towns if town.ags == "05562020")
    assert "über ihre Orte, nicht gezählt" in herten.parties


def test_text_from_outside_is_no_formula_in_the_png_and_pdf(db):
    """Issue 25: "$\\foo$" in a title (or a party's name) made matplotlib's mathtext fail
    the whole export; it is shown as written."""
    hostile = spec(db, title="Partei $\\foo$ und $x^2$", subtitle="Filter: $\\alpha$")
    for fmt in ("png", "pdf"):
        assert export_map.static_map(hostile, GEO, fmt)
    fig = export_map.static_figure(hostile, GEO)
    try:
        assert "$\\foo$" in fig.axes[0].get_title(loc="left")
    finally:
        import matplotlib.pyplot as plt

        plt.close(fig)


@pytest.mark.parametrize("fmt", ["png", "pdf", "csv", "xlsx", "html"])
def test_a_failed_export_delivers_its_format_with_one_german_sentence(fmt, caplog):
    """The visitor gets a file that opens and says what happened; the log gets the error."""
    from dashboard import downloads

    def broken():
        raise RuntimeError("mathtext or worse")

    made = downloads.or_notice(fmt, broken)()
    body = made.encode() if isinstance(made, str) else made
    sentence = "Diese Datei konnte gerade nicht erzeugt werden."
    if fmt == "png":
        from PIL import Image

        assert Image.open(io.BytesIO(body)).format == "PNG"
    elif fmt == "pdf":
        from pypdf import PdfReader

        assert len(PdfReader(io.BytesIO(body)).pages) == 1
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        assert load_workbook(io.BytesIO(body)).active["A2"].value.startswith(sentence)
    else:
        assert sentence in body.decode("utf-8-sig")
    assert "mathtext or worse" in caplog.text


def test_the_other_downloads_still_work_when_one_fails():
    from dashboard import downloads

    assert downloads.or_notice("csv", lambda: b"ok;1\n")() == b"ok;1\n"
