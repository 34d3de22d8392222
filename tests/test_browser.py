"""The real page in a real browser: Debian's chromium, headless, driven by Playwright.

Starts `streamlit run` against the test database, waits for the map, counts the 53
municipality polygons, clicks Herten and sees it selected, applies a topic filter and
saves a screenshot under artifacts/. Under CI the browser is required: a missing
chromium fails the test instead of skipping it.
"""

import re
import time

import duckdb
import pytest

from dashboard import style
from etl import paths

ARTIFACTS = paths.ROOT / "artifacts"


def _save(target, name: str, **options) -> None:
    """A screenshot under artifacts/, to look at (and for the closing note)."""
    ARTIFACTS.mkdir(exist_ok=True)
    target.screenshot(path=str(ARTIFACTS / name), **options)


def _town_point(db, name: str) -> tuple[float, float]:
    """A point inside the town (its representative point, from the database)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT lat, lon FROM municipalities WHERE name = ?", [name]).fetchone()
    finally:
        con.close()


def _map_frame(page):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                try:
                    if frame.locator("path.leaflet-interactive").count() >= 53:
                        return frame
                except Exception:  # the frame reloads while Streamlit reruns
                    pass
        page.wait_for_timeout(250)
    pytest.fail("the map did not appear within 60 s")


def _map_title(page, expected: str) -> str:
    """The map's title box once it shows `expected` (the map is redrawn after a rerun)."""
    deadline = time.monotonic() + 30
    title = ""
    while time.monotonic() < deadline:
        try:
            title = _map_frame(page).locator(".map-overlay").first.inner_text(timeout=2000)
            if expected in title:
                return title
        except Exception:  # the frame was replaced by a newer map
            pass
        page.wait_for_timeout(250)
    return title


def test_map_click_selects_a_municipality_and_topic_filter_applies(server, browser, built_db):
    lat, lon = _town_point(built_db, "Herten")
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/?basemap=none")
    frame = _map_frame(page)
    assert frame.locator("path.leaflet-interactive").count() == 53  # one per municipality
    assert (
        "Ortsbezogene Wahlversprechen im Ruhrgebiet"
        in frame.locator(".map-overlay").first.inner_text()
    )

    point = frame.evaluate(f"map_div.latLngToContainerPoint([{lat}, {lon}])")
    hit = frame.evaluate(f"document.elementFromPoint({point['x']}, {point['y']}).tagName")
    assert hit.lower() == "path"  # the polygon, not a marker or an overlay
    box = page.locator("iframe[title='Karte der Wahlversprechen im Ruhrgebiet']").bounding_box()
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda p: sent.append(len(p))))
    page.reload()  # listen on the page's websocket from its start
    frame = _live(page)
    page.wait_for_timeout(1500)  # the page's own start-up messages are over, under load too
    sent.clear()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.get_by_text("Profil: Herten").wait_for(timeout=30_000)
    page.wait_for_timeout(600)  # past streamlit-folium's own 250 ms debounce
    # ruhrmap.js sends the click itself (how fast: bench_browser.py) and marks it as sent,
    # so streamlit-folium's debounced update does not send it again: one rerun per click
    assert len(sent) == 1
    assert "ags=05562020" in page.url
    municipality = page.locator("[data-testid='stSidebar'] input[aria-label='Kommune']")
    deadline = time.monotonic() + 30  # the sidebar is drawn after the page, later under load
    while municipality.input_value() != "Kreis Recklinghausen › Herten":
        assert time.monotonic() < deadline, municipality.input_value()
        page.wait_for_timeout(100)

    topic = page.locator("[data-testid='stSidebar'] input[aria-label='Thema']")
    topic.click()
    page.keyboard.type("Mobilität")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    deadline = time.monotonic() + 30
    while "topic=mobilitaet" not in page.url and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert "topic=mobilitaet" in page.url
    assert "Thema: Mobilität & Verkehr" in _map_title(page, "Mobilität & Verkehr")
    page.wait_for_timeout(1000)
    _save(page, "browser-herten-mobilitaet.png", full_page=True)
    page.close()


def test_screenshot_mode_shows_only_the_map(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/?mode=screenshot&basemap=none&party=volt")
    assert "Partei: Volt Ruhr" in _map_title(page, "Volt Ruhr")
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.get_by_text("Was versprechen die Parteien").count() == 0
    _save(page, "browser-screenshot-mode.png")
    page.close()


def test_a_card_shows_class_context_and_source(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/?basemap=none&q=rund%20um%20die%20Uhr")
    card = page.locator(".pledge").filter(has_text="Diese soll rund um die Uhr")
    card.first.wait_for(timeout=60_000)
    text = card.first.inner_text()
    assert "Davor im Programm:" in text  # the sentence "Diese" refers to, in grey
    assert "prüfbar" in text or "allgemein" in text
    assert "Quelle: Ruhrparlament Made In Europe" in text and "Zeile" in text
    chip = card.first.locator(".chip[class*='c-']").first
    assert chip.get_attribute("title")  # the words that decided
    _save(card.first, "browser-card-context.png")
    page.close()


def test_bottrop_as_a_model_is_listed_as_such_and_not_counted(server, browser, built_db):
    lat, lon = _town_point(built_db, "Bottrop")
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/?ags=05512000&party=spd&basemap=none")
    page.get_by_text("Profil: Bottrop").wait_for(timeout=60_000)
    spd = page.locator("[data-testid='stMetric']").filter(has_text="RuhrSPD").first
    assert spd.locator("[data-testid='stMetricValue']").inner_text() == "0"
    assert page.get_by_text("+1 über Gruppen (nicht gezählt)").count() == 1
    assert page.get_by_text("Nennen Bottrop oder einen Ort dort").count() == 0
    page.get_by_text("Als Vorbild genannt (2)").click()  # with the Emscher, a feature kind
    page.get_by_text("Wir transferieren die Erfahrungen und Erfolge von Innovation City").wait_for()
    page.locator(
        "iframe[title='Karte der Wahlversprechen im Ruhrgebiet']"
    ).scroll_into_view_if_needed()
    frame = _map_frame(page)
    frame.wait_for_function("window.ruhr && window.ruhr.zoomedTo === '05512000'")
    page.wait_for_timeout(1000)  # the zoom to the selected town is animated
    point = frame.evaluate(f"map_div.latLngToContainerPoint([{lat}, {lon}])")
    box = page.locator("iframe[title='Karte der Wahlversprechen im Ruhrgebiet']").bounding_box()
    hit = frame.evaluate(f"document.elementFromPoint({point['x']}, {point['y']}).tagName")
    assert hit.lower() == "path"
    page.mouse.move(box["x"] + point["x"] - 30, box["y"] + point["y"] - 30)
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=8)
    tooltip = frame.locator(".leaflet-tooltip:not(.ruhr-label)", has_text="Bottrop").first
    tooltip.wait_for(timeout=10_000)
    text = tooltip.inner_text()
    assert frame.evaluate("map_div.getZoom()") >= 10  # zoomed to the selected town
    assert "Bottrop" in text and "Versprechen für die Kommune" in text
    assert "RuhrSPD: 0 (+1 über Gruppe, nicht gezählt; +5 über ihre Orte, nicht gezählt)" in text
    assert frame.locator("#ruhr-legend").get_attribute("open") is None  # folded at first
    frame.locator("#ruhr-legend summary").click()
    legend = frame.locator("#ruhr-legend").inner_text()
    assert "Versprechen für die Kommune: nennt sie oder einen Ort in ihr" in legend
    _save(page, "browser-bottrop.png", full_page=True)
    page.close()


# --- Issue 13: the live map and its exports, walked through as a council clerk would ---

MAP_IFRAME = "iframe[title='Karte der Wahlversprechen im Ruhrgebiet']"
# English that must never reach the page (widget, toolbar and chart texts)
ENGLISH = [
    "Select all",
    "No results",
    "Show/hide columns",
    "Download as CSV",
    "Fullscreen",
    "Search",
    "Copy to clipboard",
    "View fullscreen",
    "Save as",
]


def _live(page):
    """The map frame once the live map has its data."""
    frame = _map_frame(page)
    frame.wait_for_function("window.ruhr && window.ruhr.data && window.ruhr.towns")
    return frame


def _title(frame) -> str:
    return frame.locator("#ruhr-title").inner_text()


def _wait_title(page, frame, expected: str) -> str:
    frame.wait_for_function(
        "t => document.getElementById('ruhr-title').innerText.includes(t)",
        arg=expected,
        timeout=30_000,
    )
    return _title(frame)


def _choose(page, label: str, value: str) -> None:
    box = page.locator(f"[data-testid='stSidebar'] input[aria-label='{label}']")
    box.click()
    page.keyboard.type(value)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")


def test_the_title_follows_every_filter_change(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?basemap=none&topic=mobilitaet")
    frame = _live(page)
    assert "Thema: Mobilität & Verkehr" in _title(frame)
    _choose(page, "Partei", "RuhrSPD")
    title = _wait_title(page, frame, "Partei: RuhrSPD")
    assert "Thema: Mobilität & Verkehr" in title and "(Programm 2020)" in title
    page.locator("[data-testid='stSidebar'] input[aria-label='Suche im Text']").fill("Radweg")
    page.keyboard.press("Enter")
    title = _wait_title(page, frame, "„Radweg“")
    assert "Partei: RuhrSPD" in title and "Thema: Mobilität & Verkehr" in title
    assert _map_frame(page) == frame  # updated in place, not rebuilt
    page.close()


def test_a_marker_opens_its_popup_and_does_not_select_a_town(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?basemap=none")
    frame = _live(page)
    marker = frame.locator(".site-marker").nth(0)
    marker.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert popup.inner_text().strip()
    page.wait_for_timeout(1500)
    assert "ags=" not in page.url and page.get_by_text("Profil:").count() == 0
    # markers that stand close together are moved apart
    boxes = [frame.locator(".site-marker").nth(i).bounding_box() for i in range(12)]
    centres = [(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2) for b in boxes]
    for i, a in enumerate(centres):
        for b in centres[i + 1 :]:
            assert abs(a[0] - b[0]) + abs(a[1] - b[1]) > 8
    page.close()


def test_herten_is_named_outlined_and_exported_as_shown(server, browser):
    from PIL import Image

    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page.goto(f"{server}/?ags=05562020&party=spd&basemap=none")
    frame = _live(page)
    label = frame.locator(".ruhr-label.ruhr-selected span")
    assert label.inner_text() == "Herten" and label.is_visible()
    assert "Wahlversprechen für Herten" in _title(frame)
    assert "(Programm 2020)" in _title(frame)
    red = frame.locator(f"path[stroke='{style.SELECTED_LINE}']")
    assert red.count() == 1
    with page.expect_download() as download:
        page.get_by_role("button", name="Karte als PNG").click()
    assert download.value.suggested_filename == "ruhr-versprechen-05562020-karte.png"
    image = Image.open(download.value.path())
    assert image.text["Title"] == "Wahlversprechen für Herten"
    assert image.text["Kommune"] == "Herten" and "Programm 2020" in image.text["Description"]
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "issue24-herten-export.png")
    with page.expect_download() as download:
        page.get_by_role("button", name="Karte als PDF").click()
    import pypdfium2

    pdf = pypdfium2.PdfDocument(download.value.path())
    assert pdf.get_metadata_dict()["Title"] == "Wahlversprechen für Herten" and len(pdf) == 1
    pdf[0].render(scale=1.2).to_pil().save(ARTIFACTS / "issue24-herten-export-pdf.png")
    pdf.close()
    _save(page, "issue13-herten.png")
    page.close()


def test_hover_is_not_the_selection_colour(server, browser, built_db):
    lat, lon = _town_point(built_db, "Essen")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?basemap=none")
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    frame = _live(page)
    point = frame.evaluate(f"map_div.latLngToContainerPoint([{lat}, {lon}])")
    box = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=5)
    hovered = frame.locator(f"path[stroke='{style.HOVER_LINE}']")
    hovered.wait_for(timeout=5000)
    assert style.HOVER_LINE != style.SELECTED_LINE
    tooltip = frame.locator(".leaflet-tooltip:not(.ruhr-label)", has_text="Essen").first
    assert "kreisfreie Stadt" in tooltip.inner_text() and "Kreisfreie Städte" not in (
        tooltip.inner_text()
    )
    page.close()


def test_the_page_speaks_german(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?basemap=none")
    _live(page)
    page.wait_for_function("document.documentElement.lang === 'de'")
    page.locator("[data-testid='stSidebar'] input[aria-label='Thema']").click()
    page.wait_for_timeout(300)
    text = page.locator("body").inner_text()
    page.keyboard.type("zzzz")
    page.wait_for_timeout(300)
    text += page.locator("body").inner_text()
    page.keyboard.press("Escape")
    page.locator("table.ruhr-bars").first.hover()
    text += page.locator("body").inner_text()
    for english in ENGLISH:
        assert english not in text, english
    town = page.locator("[data-testid='stSidebar'] input[aria-label='Kommune']")
    town.click()
    page.keyboard.type("Mulheim")
    option = page.get_by_role("option").first
    option.wait_for(timeout=5000)
    assert "Mülheim an der Ruhr" in option.inner_text()
    page.keyboard.press("Escape")
    page.close()


def test_the_comparison_uses_the_parties_colours_and_german_numbers(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?view=vergleich&basemap=none")
    frame = _live(page)
    legend = frame.locator("#ruhr-legend-body").inner_html().lower()
    assert "#e3000f" in legend and "#502379" in legend  # RuhrSPD red, Volt purple
    assert style.EQUAL.lower() in legend and style.ZERO.lower() in legend
    assert style.EQUAL.lower() != style.ZERO.lower()
    text = page.locator("body").inner_text()
    assert "Ähnlichkeit 0," in text and "Ähnlichkeit 0." not in text
    _save(page, "issue13-comparison.png")
    page.close()


def test_the_comparison_map_counts_by_the_tiers_of_its_lists(server, browser):
    """Issue 26: the map counts one tier when asked, says so in its title and its URL,
    and every town's tooltip splits its count into the lists' tiers."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/vergleich?groups=1&themen=1&basemap=none")
    frame = _live(page)
    essen = "05113000"
    tooltip = frame.evaluate(f"window.ruhr.data.tooltips['{essen}']")
    assert "gemeinsam" in tooltip and "ähnlich" in tooltip, tooltip
    radio = page.get_by_role("radiogroup", name="Die Karte zählt")
    radio.get_by_text("nur Gemeinsamkeiten").click()
    title = _wait_title(page, frame, "Die Karte zählt: nur Gemeinsamkeiten")
    assert "RuhrSPD (2020) – Volt Ruhr (2025)" in title
    page.wait_for_function("() => location.search.includes('zaehlt=common')")
    legend = frame.locator("#ruhr-legend-body").text_content()  # folded at first
    assert "keine ortsbezogenen Versprechen, die die Karte zählt" in legend
    counted = frame.evaluate(f"window.ruhr.data.tooltips['{essen}']")
    assert counted.split("<br>")[-1] == tooltip.split("<br>")[-1]  # still all the tiers
    _save(page, "issue26-comparison-tiers.png")
    page.close()


def test_a_bad_parameter_warning_leaves_once_the_visitor_moves_on(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?ags=123&basemap=none")
    _live(page)
    warning = page.get_by_text("Ungültige Angabe in der Adresse ignoriert: ags")
    assert warning.count() == 1
    page.locator("[data-testid='stSidebar'] input[aria-label='Kommune']").click()
    page.keyboard.type("Bottrop")
    page.get_by_role("option", name="Kreisfreie Städte › Bottrop").click()
    page.get_by_text("Profil: Bottrop").wait_for(timeout=30_000)
    assert warning.count() == 0
    page.close()


def test_a_report_maker_finds_legend_downloads_and_link_at_once(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{server}/?basemap=none")
    frame = _live(page)
    for element in ("#ruhr-legend", ".map-overlay >> nth=-1"):  # legend, attribution
        box = frame.locator(element).bounding_box()  # in the page's coordinates
        assert box["y"] + box["height"] <= 900, element
    downloads = page.get_by_text("Herunterladen", exact=True).bounding_box()
    first_card = page.locator(".pledge").first.bounding_box()
    assert downloads["y"] < first_card["y"]
    table = page.locator("table.ruhr-bars").first
    assert table.evaluate("e => e.scrollWidth <= e.parentElement.clientWidth + 1")  # no scroll
    helper = next(f for f in page.frames if f.locator("#copy").count())
    helper.locator("#copy").click()
    page.wait_for_function("() => !!window.__ruhrCopied")
    assert page.evaluate("window.__ruhrCopied") == page.url
    _save(page, "issue13-default.png")
    page.close()


def test_screenshot_mode_leaves_with_escape(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?mode=screenshot&basemap=none&ags=05562020")
    frame = _live(page)
    assert frame.locator(".ruhr-label.ruhr-selected").inner_text() == "Herten"
    _save(page, "issue13-screenshot-mode.png")
    page.wait_for_function("() => !!window.__ruhrEsc")
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "mode=screenshot" not in url, timeout=30_000)
    page.locator("[data-testid='stSidebar']").wait_for(timeout=30_000)
    assert "ags=05562020" in page.url
    page.close()


def test_an_empty_map_says_why(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?basemap=none&q=Raumfahrtbahnhof")
    frame = _live(page)
    notice = frame.locator("#ruhr-notice")
    notice.wait_for(timeout=10_000)
    assert "nennt kein Versprechen eine Kommune" in notice.inner_text()
    page.close()


# --- Issue 14: the phone, the keyboard, contrast ---


def _contrast(rgb_a, rgb_b) -> float:
    def lum(rgb):
        def c(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = rgb
        return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b)

    hi, lo = sorted((lum(rgb_a), lum(rgb_b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_on_a_phone_the_map_comes_first_and_nothing_is_wider_than_the_screen(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(f"{server}/?basemap=none")
    frame = _live(page)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box["y"] < 844 * 0.5 and box["y"] + 200 < 844  # the map is in the first screen
    legend = frame.locator("#ruhr-legend")
    assert legend.get_attribute("open") is None  # folded: it does not cover the region
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    opener = page.locator("[data-testid='stExpandSidebarButton']")
    assert opener.get_attribute("aria-label") == "Filter öffnen"
    _save(page, "issue14-phone.png")
    opener.click()
    page.locator("[data-testid='stSidebar'] input[aria-label='Kommune']").click()
    page.keyboard.type("Herten")
    page.get_by_role("option", name="Kreis Recklinghausen › Herten").click()
    page.get_by_text("Profil: Herten").wait_for(timeout=30_000)
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-testid=stSidebar]');"
        " return !s || s.getBoundingClientRect().right <= 1 || "
        "s.getAttribute('aria-expanded') === 'false'; }",
        timeout=15_000,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _save(page, "issue14-phone-herten.png", full_page=True)
    page.close()


def test_keyboard_and_screen_reader_basics(server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?basemap=none")
    frame = _live(page)
    focusable = frame.evaluate(
        "[...document.querySelectorAll('a[href], button, [tabindex]')]"
        ".filter(e => e.tabIndex >= 0).map(e => e.getAttribute('aria-label') || e.title ||"
        " e.textContent.trim())"
    )
    assert len(focusable) <= 4, focusable  # the zoom buttons (and attribution links)
    assert "Vergrößern" in focusable and "Verkleinern" in focusable
    assert page.locator(MAP_IFRAME).count() == 1  # the frame has a German title
    for caption in page.locator(".ruhr-wide-only, [data-testid='stCaptionContainer']").all()[:4]:
        colour = caption.evaluate("e => getComputedStyle(e).color")
        rgb = tuple(int(x) for x in colour[colour.index("(") + 1 : -1].split(",")[:3])
        assert _contrast(rgb, (255, 255, 255)) >= 4.5, colour
    page.close()


def test_a_planner_sees_what_concerns_her_town_through_its_features(server, browser):
    """Haltern am See has two RVR forests: the pledges for "die RVR-Wälder" are listed with
    the forest named; switched on, the map counts them, outlines towns counted only so
    dashed (the legend says so) and draws the features as small squares."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?basemap=none")
    frame = _live(page)
    assert frame.evaluate("window.ruhr.layers['05562016'].options.dashArray") is None
    assert "gestrichelt" not in frame.locator("#ruhr-legend-body").text_content()
    assert frame.locator(".feature-point").count() == 0
    page.goto(f"{server}/?themen=1&orte=1&basemap=none")
    frame = _live(page)
    frame.wait_for_function("window.ruhr.data.dashed.indexOf('05562016') >= 0")
    assert frame.evaluate("window.ruhr.layers['05562016'].options.dashArray") == "6 4"
    legend = frame.locator("#ruhr-legend-body").text_content()
    assert "gestrichelt: nur über ihre Orte gezählt (thematisch)" in legend
    assert "Orte der Themen (Quadrate):" in legend and "RVR-Wald" in legend
    assert frame.locator(".feature-point").count() >= 60
    _save(page, "issue17-themes.png")
    page.goto(f"{server}/?ags=05562016&basemap=none")
    page.get_by_text("Betrifft Haltern am See über ihre Orte (2)").wait_for(timeout=60_000)
    cards = page.get_by_text("RVR-Wald: Haard, Hohe Mark")
    deadline = time.monotonic() + 30  # the cards follow their heading, later under load
    while cards.count() < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert cards.count() >= 2
    assert page.get_by_text(re.compile(r"^\+\d über ihre Orte \(nicht gezählt\)$")).count() >= 1
    page.close()
