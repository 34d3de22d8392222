"""The static site (dashboard/site.py) in headless Debian chromium, opened from file://:
the map draws the 53 towns from the shared boundaries script, the page's town is
outlined, its pledges are there, nothing is wider than a phone, the page speaks German,
and no request leaves the local files. Screenshots go to artifacts/."""

from __future__ import annotations

import pytest

from dashboard import style
from dashboard.site import write_site
from tests.test_browser import _save

APP = "https://ruhr-wahlversprechen.streamlit.app"
HERTEN = "05562020"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(built_db, out, APP)
    return out


def _open(browser, site, page_path: str, viewport: dict):
    page = browser.new_page(viewport=viewport, is_mobile=viewport is PHONE)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((site / page_path).as_uri())
    page.wait_for_function("document.querySelectorAll('#map path.town').length === 53")
    return page, requests


def _check(page, requests, width: int) -> None:
    assert page.evaluate("document.documentElement.lang") == "de"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert all(url.startswith(("file://", "data:")) for url in requests), requests


def test_a_town_page_on_desktop_and_phone(browser, site):
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page, requests = _open(browser, site, f"kommune/{HERTEN}.html", viewport)
        chosen = page.locator(f"#map path.town-{HERTEN}")
        assert "selected" in chosen.get_attribute("class")
        assert chosen.get_attribute("stroke") == style.SELECTED_LINE
        assert page.locator(".leaflet-tooltip.town-label").inner_text() == "Herten"
        assert page.locator("article.pledge").first.is_visible()
        _check(page, requests, viewport["width"])
        _save(page, f"site-herten-{name}.png", full_page=name == "phone")
        page.close()


def test_the_overview_and_a_party_page(browser, site):
    page, requests = _open(browser, site, "index.html", PHONE)
    assert page.locator("#map path.selected").count() == 0
    assert page.locator("#kommunen ~ ul a[href^='kommune/']").count() == 53
    _check(page, requests, PHONE["width"])
    _save(page, "site-index-phone.png")
    page.close()
    page, requests = _open(browser, site, "index.html", DESKTOP)
    _check(page, requests, DESKTOP["width"])
    _save(page, "site-index-desktop.png")
    page.locator(f"#map path.town-{HERTEN}").click()  # a town on the map opens its page
    page.wait_for_url(f"**/kommune/{HERTEN}.html")
    page.close()
    page, requests = _open(browser, site, "partei/spd.html", DESKTOP)
    assert page.locator("article.pledge").count() > 20
    _check(page, requests, DESKTOP["width"])
    page.close()
