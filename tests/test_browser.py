"""The real page in a real browser: Debian's chromium, headless, driven by Playwright.

Starts `streamlit run` against the test database, waits for the map, counts the 53
municipality polygons, clicks Herten and sees it selected, applies a topic filter and
saves a screenshot under artifacts/. Under CI the browser is required: a missing
chromium fails the test instead of skipping it.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import duckdb
import pytest

from etl import paths

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = paths.ROOT / "artifacts"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_db):
    port = _free_port()
    env = {**os.environ, "RUHR_DB": str(built_db)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(paths.ROOT / "dashboard" / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=paths.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit did not start:\n" + process.stdout.read().decode()[-2000:])
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}; .ci/run must install it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS
        )
        yield instance
        instance.close()


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
    con = duckdb.connect(str(built_db), read_only=True)
    lat, lon = con.execute("SELECT lat, lon FROM municipalities WHERE name = 'Herten'").fetchone()
    con.close()
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
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.get_by_text("Profil: Herten").wait_for(timeout=30_000)
    assert "ags=05562020" in page.url
    municipality = page.locator("[data-testid='stSidebar'] input[aria-label='Kommune']")
    assert municipality.input_value() == "Kreis Recklinghausen › Herten"

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
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-herten-mobilitaet.png"), full_page=True)
    page.close()


def test_screenshot_mode_shows_only_the_map(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(f"{server}/?mode=screenshot&basemap=none&party=volt")
    assert "Partei: Volt Ruhr" in _map_title(page, "Volt Ruhr")
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.get_by_text("Was versprechen die Parteien").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-screenshot-mode.png"))
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
    ARTIFACTS.mkdir(exist_ok=True)
    card.first.screenshot(path=str(ARTIFACTS / "browser-card-context.png"))
    page.close()


def test_bottrop_as_a_model_is_listed_as_such_and_not_counted(server, browser, built_db):
    con = duckdb.connect(str(built_db), read_only=True)
    lat, lon = con.execute("SELECT lat, lon FROM municipalities WHERE name = 'Bottrop'").fetchone()
    con.close()
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{server}/?ags=05512000&party=spd&basemap=none")
    page.get_by_text("Profil: Bottrop").wait_for(timeout=60_000)
    spd = page.locator("[data-testid='stMetric']").filter(has_text="RuhrSPD").first
    assert spd.locator("[data-testid='stMetricValue']").inner_text() == "0"
    assert page.get_by_text("+1 über Gruppen (nicht gezählt)").count() == 1
    assert page.get_by_text("Nennen Bottrop oder einen Ort dort").count() == 0
    page.get_by_text("Als Vorbild genannt (1)").click()
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
    assert "RuhrSPD: 0 (+1 über Gruppe, nicht gezählt)" in text
    legend = frame.locator(".map-overlay").nth(1).inner_text()
    assert "Versprechen für die Kommune: nennt sie oder einen Ort in ihr" in legend
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-bottrop.png"), full_page=True)
    page.close()
