"""The report and the phone, end to end (issue 24), in headless Debian chromium: screenshot
mode however it is entered and the way out, legible town names and markers that never
hide each other, "Im Programm lesen", German for screen readers on every view, captions
that can be read, a phone that starts with the map, and exports with both source links.
A module of its own so that the browser tests run on both test workers."""

import re
import time

import pytest

from tests.test_browser import MAP_IFRAME, _contrast, _live, _save

LABELS_IN_PLACE = """() => Object.keys(window.ruhr.labels).every((ags) => {
  const text = window.ruhr.labels[ags].getElement().firstChild, r = text.getBoundingClientRect();
  if (!r.width) return true;  /* not shown at this zoom, or left out as crowded */
  const b = window.ruhr.layers[ags].getBounds(), m = window.map;
  const nw = m.latLngToContainerPoint(b.getNorthWest());
  const se = m.latLngToContainerPoint(b.getSouthEast());
  const x = r.x + r.width / 2;
  return x >= nw.x - 2 && x <= se.x + 2 && r.y >= nw.y - 40 && r.y <= se.y + 40;
})"""


def _shown_labels_overlap(frame) -> bool:
    return frame.evaluate(
        """() => { const boxes = [...document.querySelectorAll('.ruhr-label span')]
          .map((e) => e.getBoundingClientRect()).filter((r) => r.width);
          return boxes.some((a, i) => boxes.some((b, j) => i < j && a.x < b.right && b.x < a.right
            && a.y < b.bottom && b.y < a.bottom)); }"""
    )


@pytest.mark.parametrize("width, height", [(1440, 900), (390, 844)])
def test_the_region_names_its_big_towns_legibly_and_markers_never_overlap(
    server, browser, width, height
):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/?basemap=none")
    frame = _live(page)
    page.wait_for_timeout(300)
    shown = frame.evaluate(
        "[...document.querySelectorAll('.ruhr-label span')].filter(e => e.offsetWidth)"
        ".map(e => e.textContent)"
    )
    assert len(shown) >= (11 if width > 1000 else 4), shown  # the kreisfreie Städte
    assert frame.evaluate(LABELS_IN_PLACE)
    assert not _shown_labels_overlap(frame)
    centres = frame.evaluate(
        "[...document.querySelectorAll('.site-marker')].map(e => { const r = "
        "e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })"
    )
    assert len(centres) >= 5
    _save(page, f"issue24-default-{width}.png")
    for i, (x1, y1) in enumerate(centres):
        for x2, y2 in centres[i + 1 :]:
            assert (x1 - x2) ** 2 + (y1 - y2) ** 2 >= 20**2  # 22 px markers: none hides another
    if width > 1000:  # the markers nearest the title open their popups clear of it
        markers = frame.locator(".site-marker")
        highest = sorted(range(markers.count()), key=lambda i: centres[i][1])[:3]
        for i in highest:  # a popup opens upwards: the top-most are the worst cases
            markers.nth(i).click()
            frame.wait_for_function(
                "document.querySelectorAll('.leaflet-popup-content').length === 1", timeout=5_000
            )
            popup = frame.locator(".leaflet-popup-content")
            top = frame.evaluate(
                "document.getElementById('ruhr-title').getBoundingClientRect().bottom"
            )
            assert popup.bounding_box()["y"] >= top - 1
            frame.evaluate("map_div.closePopup()")
    page.close()


def test_screenshot_mode_is_one_layout_however_it_is_entered_and_has_a_way_back(server, browser):
    """From the URL or from the sidebar: the map fills its frame, the legend is open inside
    it beside the town, a click on the map keeps the town; "Zurück" and Esc (with the
    focus in the map) leave it."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    for entry in ("url", "sidebar"):
        if entry == "url":
            page.goto(f"{server}/?ags=05562020&topic=klima_energie&mode=screenshot&basemap=none")
        else:
            page.goto(f"{server}/?ags=05562020&topic=klima_energie&basemap=none")
            _live(page)
            page.get_by_text("Screenshot-Modus").click()
            page.wait_for_url(lambda url: "mode=screenshot" in url, timeout=30_000)
        frame = _live(page)
        frame.wait_for_function("window.ruhr.data.screenshot === true")
        page.wait_for_timeout(300)
        assert frame.evaluate("map_div.getContainer().clientHeight") == 820
        assert frame.evaluate("window.innerHeight") == 820
        assert frame.locator("#ruhr-legend").get_attribute("open") is not None
        legend = frame.locator("#ruhr-legend").bounding_box()
        assert legend["y"] + legend["height"] <= 900  # inside the frame, on the screen
        herten = frame.evaluate(
            "(() => { const r = window.ruhr.layers['05562020'].getElement()"
            ".getBoundingClientRect(); return [r.x, r.right]; })()"
        )
        right = frame.evaluate(
            "document.getElementById('ruhr-legend').getBoundingClientRect().right"
        )
        assert herten[0] > right  # the town beside the open legend, not under it
        assert frame.evaluate(LABELS_IN_PLACE)
        assert page.get_by_text("Leaflet").count() == 0
        assert frame.get_by_text("Leaflet").count() == 0
        _save(page, f"issue24-herten-screenshot-{entry}.png")
    # a click on another town changes nothing
    box = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.click(box["x"] + 1100, box["y"] + 600)
    page.wait_for_timeout(1500)
    assert "ags=05562020" in page.url and "mode=screenshot" in page.url
    # Esc with the focus in the map's frame (after a click on "+")
    frame = _live(page)
    frame.locator(".leaflet-control-zoom-in").click()
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "mode=screenshot" not in url, timeout=30_000)
    page.locator("[data-testid='stSidebar']").wait_for(timeout=30_000)
    assert "ags=05562020" in page.url
    # and the visible button, on a phone too
    tap = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tap.goto(f"{server}/?ags=05562020&mode=screenshot&basemap=none")
    _live(tap)
    tap.get_by_role("button", name="Zurück zur Ansicht mit Filtern (Esc)").tap()
    tap.wait_for_url(lambda url: "mode=screenshot" not in url, timeout=30_000)
    assert "ags=05562020" in tap.url
    tap.close()
    page.close()


@pytest.mark.parametrize("party", ["spd", "volt"])
def test_a_reader_opens_the_programme_at_the_pledge(server, browser, built_db, party):
    """Issue 24: "Im Programm lesen" on a card opens the programme inside the app, the
    pledge marked and in view, its chapter path shown; the address can be shared."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?party={party}&basemap=none")
    _live(page)
    card = page.locator(".pledge").nth(3)
    text = card.locator(".text").inner_text()
    card.get_by_role("link", name="Im Programm lesen").click()
    page.wait_for_url(re.compile(r"/programm\?.*pledge="), timeout=30_000)
    page.get_by_text("Kapitel:").wait_for(timeout=30_000)
    reader = None
    deadline = time.monotonic() + 30
    while reader is None and time.monotonic() < deadline:
        found = [f for f in page.frames if f != page.main_frame and f.locator("mark").count()]
        reader = found[0] if found else None
        page.wait_for_timeout(100)
    assert reader is not None and reader.locator("div.l").count() > 50
    marked = " ".join(reader.locator("mark").all_inner_texts())
    plain = re.sub(r"\W+", "", marked.replace("-", "")).lower()
    assert re.sub(r"\W+", "", text).lower()[:60] in plain
    assert reader.evaluate(
        "(() => { const r = document.querySelector('mark').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; })()"
    )
    shared = page.url
    again = browser.new_page(viewport={"width": 390, "height": 844})
    again.goto(shared)
    again.get_by_text("Kapitel:").wait_for(timeout=30_000)
    assert again.evaluate("document.documentElement.scrollWidth") <= 390
    _save(page, f"issue24-read-{party}.png")
    again.close()
    page.close()


FRAMEWORK_ENGLISH = [  # Streamlit's, Vega's and Leaflet's defaults that must not reach a reader
    "Sidebar",
    "Clear all",
    "Increment",
    "Decrement",
    "Skip to main content",
    "Collapse sidebar",
    "Expand sidebar",
    "Help for",
    "Remove ",
    "Selected values",
    "Choose an option",
    "Link to heading",
    "Show data",
    "Fullscreen",
    "Download as",
    "Copy Vega-Lite",
    "App pages",
    "visualization",
    "axis titled",
    "Symbol legend",
    "Leaflet",
    "Zoom in",
    "Zoom out",
]
LABELS = """() => { const names = ['aria-label', 'aria-roledescription', 'title', 'placeholder'];
  return [...document.querySelectorAll(names.map(n => '[' + n + ']').join(','))]
    .flatMap(e => names.map(a => e.getAttribute(a))).filter(Boolean); }"""
CAPTION_COLOURS = """() => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
  .filter(e => e.offsetWidth).map(e => {
    let op = 1;
    for (let n = e; n; n = n.parentElement) op *= parseFloat(getComputedStyle(n).opacity);
    const m = getComputedStyle(e.querySelector('p') || e).color.match(/\\d+/g).map(Number);
    return m.slice(0, 3).map(v => Math.round(v * op + 255 * (1 - op)));
  })"""


@pytest.mark.parametrize(
    "path", ["/?ags=05562020", "/vergleich?", "/programm?pledge=spd-2020-715a62afee"]
)
def test_every_view_speaks_german_to_screen_readers_and_captions_are_legible(server, browser, path):
    """Issue 24: lang="de" on every view, no English label of the frameworks (aria-label,
    role description, title, placeholder; the map's frame included), and every caption
    at 4.5:1 or more as rendered (its colour with every ancestor's opacity on white)."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}{path}&basemap=none")
    page.locator("[data-testid='stSidebar']").wait_for(timeout=60_000)
    page.wait_for_function("document.documentElement.lang === 'de'", timeout=30_000)
    page.wait_for_function("window.__ruhrPage === true", timeout=30_000)  # page.js is in
    page.wait_for_timeout(1500)
    labels = page.evaluate(LABELS)
    for frame in page.frames:
        if "streamlit_folium" in frame.url:
            labels += frame.evaluate(LABELS)
    english = sorted({x for x in labels for word in FRAMEWORK_ENGLISH if word in x})
    assert english == []
    assert page.get_by_text("Link kopieren").count() + sum(
        f.locator("#copy").count() for f in page.frames
    )
    colours = page.evaluate(CAPTION_COLOURS)
    assert colours and all(_contrast(rgb, (255, 255, 255)) >= 4.5 for rgb in colours), colours
    page.close()


def test_on_a_phone_a_tap_on_the_class_says_why_in_german(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{server}/?basemap=none&commitment=pruefbar")
    _live(page)
    chip = page.locator(".pledge details.why summary").first
    chip.scroll_into_view_if_needed()
    chip.tap()
    why = page.locator(".pledge details.why[open] > span").first
    why.wait_for(timeout=10_000)
    text = why.inner_text()
    assert text.startswith(("Erkannt: ", "Geprüft: ")) and "„" in text  # rules, or a person
    assert not re.search(r"\b[a-z]+-[a-z]+:", text)  # no rule id ("named-measure:")
    page.close()


def test_views_reload_in_place_and_a_phone_starts_with_the_filters_closed(server, browser):
    """Issue 24: a reload keeps its view (no "Page not found"); on a phone nothing is
    wider than the screen in the comparison, and a fresh load closes the filters even
    after they were opened."""
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{server}/vergleich?basemap=none")
    _live(page)
    page.wait_for_timeout(500)
    wider = page.evaluate(
        "[...document.querySelectorAll('.pledge, .pledge *')]"
        ".filter(e => e.getBoundingClientRect().right > 391).length"
    )
    assert wider == 0 and page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator("[data-testid='stExpandSidebarButton']").tap()
    page.wait_for_timeout(500)
    page.reload()
    _live(page)
    page.wait_for_function(
        "document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right <= 0",
        timeout=10_000,
    )
    assert "/vergleich" in page.url and page.get_by_text("Page not found").count() == 0
    assert page.get_by_text("Parteien vergleichen").count() >= 1
    _save(page, "issue24-phone-comparison.png", full_page=True)
    page.close()


def test_the_csv_carries_both_source_links_and_how_a_pledge_reaches_the_town(server, browser):
    """Issue 24: each row links to the programme inside the app (absolute, it opens from a
    spreadsheet) beside the original; and says how the pledge reaches the town."""
    import csv as std_csv
    import io

    page = browser.new_page(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page.goto(f"{server}/?ags=05562020&basemap=none")
    _live(page)
    with page.expect_download(timeout=60_000) as download:
        page.locator("[data-testid='stDownloadButton'] button", has_text="CSV").first.click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(std_csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows
    read = rows[0]["Im Programm lesen (URL)"]
    assert read.startswith(server) and "/programm?pledge=" in read
    assert "Art des Ortsbezugs" in rows[0]
    again = browser.new_page(viewport={"width": 1440, "height": 900})
    again.goto(read)
    again.get_by_text("Kapitel:").wait_for(timeout=30_000)
    again.close()
    page.close()


def test_the_fulfilment_map_says_how_many_pledges_are_rated(server, browser):
    """Issue 27: `umsetzung=1` colours what became of the ended term's checkable pledges
    and its legend says how many of them a person has rated (none in the shipped data)."""
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(f"{server}/?umsetzung=1&basemap=none")
    frame = _live(page)
    assert "Karte: Umsetzung" in frame.locator(".map-overlay").first.inner_text()
    legend = frame.evaluate("document.getElementById('ruhr-legend').textContent")
    assert "Noch keines bewertet" in legend and "0 von " in legend, legend
    fills = frame.evaluate(
        "[...new Set(Object.values(window.ruhr.layers).map((l) => l.options.fillColor))]"
    )
    assert "#bdbdbd" in fills  # towns with checkable pledges, none rated yet
    _save(page, "issue27-fulfilment-map.png")
    page.close()
