"""The static site (dashboard/site.py, issue 28): every page written, small enough on a
phone's connection, its links resolving, nothing fetched from or linked to another host
but the app and the programmes' own addresses, hostile text shown as text, the same
bytes from the same database, and each CSV holding the pledges its page shows."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from dashboard.site import write_site
from dashboard.strings import t
from etl import paths
from etl.build import build
from tests.conftest import add_programme, inputs_for, query

APP = "https://ruhr-wahlversprechen.streamlit.app"
TOWN_LIMIT = 300_000  # bytes of a municipality page, the shared boundaries not counted
HERTEN = "05562020"


def _site(db: Path, folder: Path) -> Path:
    """The site in folder/site, with stand-ins for the release's data files beside it
    (written by etl/publish, not by the site)."""
    out = folder / "site"
    write_site(db, out, APP, "../")
    for name in ("datapackage.json", "CITATION.cff"):
        (folder / name).write_text("{}", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def site(built_db, tmp_path_factory) -> Path:
    return _site(built_db, tmp_path_factory.mktemp("site"))


class _Parts(HTMLParser):
    """Links, script tags, ids and the text of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[dict] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.ids.add(a.get("id") or "")
        if tag == "script":
            self.scripts.append(a)
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])


def _parse(path: Path) -> _Parts:
    parts = _Parts()
    parts.feed(path.read_text(encoding="utf-8"))
    return parts


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_written(site, built_db):
    parties = query(built_db, "SELECT party_id FROM parties")
    topics = query(built_db, "SELECT topic_id FROM topics")
    assert len(list((site / "kommune").glob("*.html"))) == 53
    assert len(list((site / "kommune").glob("*.csv"))) == 53
    assert {p.stem for p in (site / "partei").glob("*.html")} == {p for (p,) in parties}
    assert {p.stem for p in (site / "thema").glob("*.html")} == {x for (x,) in topics}
    assert (site / "index.html").exists() and (site / "assets" / "boundaries.js").exists()
    assert (site / "assets" / "leaflet" / "leaflet.js").exists()


def test_municipality_pages_stay_small(site):
    sizes = {p.name: p.stat().st_size for p in (site / "kommune").glob("*.html")}
    assert max(sizes.values()) <= TOWN_LIMIT, max(sizes.items(), key=lambda x: x[1])


def test_every_page_has_a_map_and_its_pledges_or_says_there_are_none(site):
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="de">' in text and 'id="map"' in text, page
        if page.name != "index.html":  # the overview links the pages, it lists no pledge
            assert 'class="pledge"' in text or "keine versprechen" in text.lower(), page
        assert text.count("<h1>") == 1 and 'href="#inhalt"' in text, page
        sources = [s.get("src") for s in _parse(page).scripts]
        assert [s.rsplit("/", 1)[-1] for s in sources if s] == [
            "leaflet.js",
            "boundaries.js",
            "site.js",
        ]


def _allowed(db: Path) -> set[str]:
    """The addresses of other hosts a page may link: the programmes' and the evidence's."""
    rows = query(db, "SELECT url FROM documents UNION SELECT status_url FROM pledges")
    return {u for (u,) in rows if u}


def test_links_resolve_and_no_other_host_but_the_app_and_the_sources(site, built_db):
    allowed = _allowed(built_db)
    for page in _pages(site):
        parts = _parse(page)
        for link in parts.links:
            if re.match(r"^[a-z]+:", link):
                assert link.startswith(APP + "/") or link.split("#")[0] in allowed, (page, link)
                continue
            address = urlsplit(link)
            target = (page.parent / unquote(address.path)).resolve() if address.path else page
            assert target.is_file(), (page, link)
            if address.fragment and target.suffix == ".html":
                assert address.fragment in _parse(target).ids, (page, link)
    code = (site / "assets" / "site.js").read_text(encoding="utf-8")
    assert "http" not in code.replace("http://www.w3.org/2000/svg", "")  # no tiles, no CDN


def test_each_page_links_its_view_in_the_app(site):
    assert f'href="{APP}/?ags={HERTEN}"' in (site / "kommune" / f"{HERTEN}.html").read_text()
    assert f'href="{APP}/?party=spd"' in (site / "partei" / "spd.html").read_text()
    assert f'href="{APP}/?topic=mobilitaet"' in (site / "thema" / "mobilitaet.html").read_text()


def _csv_ids(path: Path) -> list[str]:
    rows = csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";")
    return [row[t("x_pledge_id")] for row in rows]


def _card_ids(path: Path) -> list[str]:
    return re.findall(r"/programm\?pledge=([^\"&]+)\"", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", [f"kommune/{HERTEN}", "partei/spd", "thema/mobilitaet"])
def test_the_csv_holds_the_pages_pledges(site, page):
    data = site / f"{page}.csv"
    assert data.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, as the app's
    ids = _csv_ids(data)
    assert ids and ids == _card_ids(site / f"{page}.html")
    assert f'href="{Path(page).name}.csv"' in (site / f"{page}.html").read_text()


def test_a_town_page_says_role_and_route_and_counts_the_region(site):
    text = (site / "kommune" / f"{HERTEN}.html").read_text(encoding="utf-8")
    assert "Für Herten:</b>" in text and "Verbindung:" in text
    assert re.search(r"Für die ganze Region: \d+ Versprechen", text)
    assert text.count('class="pledge"') == len(_csv_ids(site / "kommune" / f"{HERTEN}.csv"))


def test_the_same_database_gives_the_same_bytes(site, built_db, tmp_path):
    again = _site(built_db, tmp_path)
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> ![x](http://127.0.0.1:9/i)'


@pytest.mark.slow  # a build of its own
def test_hostile_names_and_texts_are_text():
    folder = Path(tempfile.mkdtemp())
    try:
        data = folder / "data"
        shutil.copytree(paths.DATA, data, ignore=shutil.ignore_patterns("*.duckdb*", ".cache"))
        add_programme(
            data,
            "boese-2030",
            "boese",
            HOSTILE.replace('"', "'"),  # a TOML string in the registry
            "# 1 Mobilität\n\n## Unsere Ziele auf einem Blick\n\n"
            f"- Nachtbusse in Herten {HOSTILE} </script><script>alert(3)</script>\n"
            "- Ein Radweg von Herten nach Recklinghausen\n",
            self_names=("Böse",),
        )
        db = folder / "hostile.duckdb"
        build(db, inputs_for(data))
        site = _site(db, folder)
        herten = (site / "kommune" / f"{HERTEN}.html").read_text(encoding="utf-8")
        assert "Nachtbusse in Herten" in herten and "&lt;script&gt;alert(1)" in herten
        for page in _pages(site):
            text = page.read_text(encoding="utf-8")
            assert "<script>alert" not in text and "<img" not in text, page
            assert len(_parse(page).scripts) == 4, page  # leaflet, boundaries, site, JSON
            assert "127.0.0.1" not in "".join(_parse(page).links), page
    finally:
        shutil.rmtree(folder, ignore_errors=True)
