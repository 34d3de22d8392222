"""Hostile addresses and a hostile party name (issue 25), in headless Debian chromium: the
page shows them as text and never turns them into a link, an image or a request to
another host. A module of its own so that it runs beside the other browser tests."""

import shutil
import tempfile
import urllib.parse
from pathlib import Path

import pytest

from etl import paths
from etl.build import build
from tests.conftest import add_programme, inputs_for
from tests.serve import streamlit

ELSEWHERE = "127.0.0.1:9"  # a port nothing listens on: any request there is a leak
HOSTILE_NAME = f"![x](http://{ELSEWHERE}/img) www.evil.example [Hier klicken](http://{ELSEWHERE}/a)"


def _repeated_key(key: str) -> str:
    quoted = urllib.parse.quote(key, safe="")
    return f"/?{quoted}=1&{quoted}=2&basemap=none"


ADDRESSES = {
    "an image as a repeated URL key": _repeated_key(f"![x](http://{ELSEWHERE}/x)"),
    "a link as a repeated URL key": _repeated_key(f"[Hier klicken](http://{ELSEWHERE}/y)"),
    "the party's town profile": "/?ags=05562020&party=boese&basemap=none",
    "the comparison": "/vergleich?a=boese&b=spd&basemap=none",
}


@pytest.fixture(scope="module")
def hostile_server():
    folder = tempfile.mkdtemp()
    data = Path(folder) / "data"
    shutil.copytree(paths.DATA, data, ignore=shutil.ignore_patterns("*.duckdb*", ".cache"))
    add_programme(
        data,
        "boese-2030",
        "boese",
        HOSTILE_NAME,
        "# 1 Mobilität\n\n## Unsere Ziele auf einem Blick\n\n"
        "- Nachtbusse in Herten\n- Ein Radweg von Herten nach Recklinghausen\n",
        self_names=("Böse",),
    )
    db = Path(folder) / "hostile.duckdb"
    build(db, inputs_for(data))
    app = paths.ROOT / "dashboard" / "app.py"
    env = {"RUHR_DB": str(db), "RUHR_DB_AS_IS": "1"}
    with streamlit(app, paths.ROOT, env) as (url, _):
        yield url
    shutil.rmtree(folder, ignore_errors=True)


def _leaks(page) -> list[str]:
    """Links and images anywhere on the page (every frame) that point elsewhere."""
    found = []
    for frame in page.frames:
        found += frame.evaluate(
            """(hosts) => [...document.querySelectorAll('a[href], img[src]')]
                 .map((e) => e.href || e.src).filter((u) => hosts.some((h) => u.includes(h)))""",
            [ELSEWHERE, "evil.example"],
        )
    return found


@pytest.mark.parametrize("case", list(ADDRESSES))
def test_a_hostile_address_or_party_name_is_text_not_a_link_or_image(hostile_server, browser, case):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(hostile_server + ADDRESSES[case])
    page.locator("[data-testid='stAppViewContainer']").wait_for(timeout=60_000)
    if case == "the comparison":
        page.get_by_text("Parteien vergleichen").first.wait_for(timeout=60_000)
        page.get_by_text("Als Tabelle").first.click()  # the party names as table headers
        page.get_by_text("Nur bei ").first.click()
        page.get_by_text("evil.example").nth(1).wait_for(timeout=30_000)  # shown, as written
    elif case == "the party's town profile":
        page.get_by_text("Profil: Herten").wait_for(timeout=60_000)
        page.get_by_text("evil.example").first.wait_for(timeout=30_000)
    else:
        page.get_by_text("Ungültige Angabe in der Adresse").wait_for(timeout=60_000)  # the note
    page.wait_for_timeout(1500)  # what the page loads after its first draw
    outside = [
        u for u in requests if not u.startswith((hostile_server, "data:", "blob:", "about:"))
    ]
    assert outside == []
    assert _leaks(page) == []
    page.close()
