"""The "Redaktion" page in headless Debian chromium (issue 26): absent without a reviewer
password in Streamlit's secrets; with one, a decision becomes a record in data/reviews/
and, after the rebuild it starts, changes what visitors see; on a read-only deployment
the new records come as a CSV to download."""

import csv
import dataclasses
import io
import shutil
import time
from pathlib import Path

from etl import paths
from etl.build import Inputs, build
from etl.council import importer
from etl.council.client import Client
from tests.oparl_fixture import OParlServer, labelled_papers
from tests.serve import streamlit
from tests.test_browser import _save

APP = paths.ROOT / "dashboard" / "app.py"


def _server(tmp_path: Path, reviews: Path, secrets: bool, built_db: Path, council=None):
    """The app on a copy of a built database: with the same records (and council
    records) the inputs are unchanged and the server does not build before the page."""
    shutil.copy(built_db, tmp_path / "ruhr.duckdb")
    env = {"RUHR_DB": str(tmp_path / "ruhr.duckdb"), "RUHR_REVIEWS": str(reviews)}
    if council is not None:
        env["RUHR_COUNCIL"] = str(council)
    if secrets:
        (tmp_path / "secrets.toml").write_text('[review]\npassword = "geheim"\n', "utf-8")
        env["STREAMLIT_SECRETS_FILES"] = str(tmp_path / "secrets.toml")
    else:
        env["STREAMLIT_SECRETS_FILES"] = str(tmp_path / "none.toml")  # no secrets at all
    return streamlit(APP, paths.ROOT, env)


def _sign_in(page, url: str) -> None:
    page.goto(f"{url}/redaktion")
    page.get_by_label("Passwort der Redaktion").fill("geheim", timeout=60_000)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_label("Ihr Name (steht bei jeder Entscheidung)").fill("Test-Redakteurin")
    page.keyboard.press("Tab")


def _first_item_is_no_pledge(page) -> str:
    """Tick "kein Versprechen" on the first item of the queue and save, with a reason;
    returns the pledge's words as the page shows them in the item's title."""
    title = page.locator("[data-testid='stExpander'] summary").first.inner_text()
    form = page.locator("[data-testid='stForm']").first
    form.get_by_text("Das ist kein Versprechen (ausblenden)").click()
    form.get_by_label("Begründung").fill("Nur eine Beschreibung, kein Vorhaben.")
    form.get_by_role("button", name="Entscheidung speichern").click()
    return title.split(": ", 1)[1].strip()


def test_without_a_password_there_is_no_review_page(server, browser):
    """The session's server has no secrets at all (tests/conftest.py)."""
    page = browser.new_page()
    page.goto(server)
    page.get_by_text("Karte und Versprechen").first.wait_for(timeout=60_000)
    assert page.get_by_text("Korrekturen").count() >= 1  # the visitors' pages are there
    assert page.get_by_text("Redaktion").count() == 0
    page.goto(f"{server}/redaktion")
    page.get_by_text("Was versprechen die Parteien").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # what a review page would draw after the title
    assert page.get_by_text("Passwort der Redaktion").count() == 0
    page.close()


def _with_council(tmp_path: Path, reviews: Path) -> tuple[Path, Path]:
    """The fixture's council papers imported from a local OParl server, and a database
    built with them and the given records."""
    council = tmp_path / "council.duckdb"
    with OParlServer(labelled_papers(), page_size=50) as server:
        importer.run(server.url, council, Client(rate=0))
    db = tmp_path / "built.duckdb"
    build(db, dataclasses.replace(Inputs(), reviews=reviews, council=council))
    return db, council


def test_a_decision_is_a_record_and_shows_after_the_rebuild(tmp_path, browser):
    reviews = tmp_path / "reviews"
    shutil.copytree(paths.DATA / "reviews", reviews)
    db, council = _with_council(tmp_path, reviews)
    with _server(tmp_path, reviews, True, db, council) as (url, _):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        _sign_in(page, url)
        words = _first_item_is_no_pledge(page)
        page.get_by_text("Gespeichert.").wait_for(timeout=30_000)
        with (reviews / "redaktion.csv").open(encoding="utf-8") as f:
            [record] = list(csv.DictReader(f))
        assert record["field"] == "not_a_pledge" and record["reviewer"] == "Test-Redakteurin"
        page.goto(f"{url}/korrekturen")  # the records changed: the app rebuilds
        page.get_by_text("Nur eine Beschreibung, kein Vorhaben.").wait_for(timeout=60_000)
        assert page.get_by_text(words[:40], exact=False).count() >= 1
        # a status for a checkable pledge of the ended SPD term: one pick makes the
        # proposed council paper its evidence
        _sign_in(page, url)
        page.get_by_role("tab", name="Umsetzung bewerten").click()
        page.get_by_text("Vorgeschlagene Ratsdokumente").wait_for(timeout=30_000)
        picks = page.get_by_role("radiogroup", name="Beleg übernehmen").get_by_role("radio")
        picks.nth(1).wait_for(state="attached", timeout=30_000)  # drawn after the heading
        assert picks.count() >= 2  # "Eigener Beleg" and at least one paper
        picks.nth(1).check(force=True)
        fields = page.locator("[data-testid='stForm']").filter(has_text="Titel des Belegs")
        fields = fields.locator("input[aria-label='Beleg (Adresse, freiwillig)']")
        deadline = time.monotonic() + 30  # the form is drawn anew with the paper's values
        while time.monotonic() < deadline:
            values = fields.evaluate_all("(es) => es.map((e) => e.value)")
            if len(values) == 1 and values[0]:
                break
            page.wait_for_timeout(100)
        form = page.locator("[data-testid='stForm']").filter(has_text="Titel des Belegs")
        address = form.get_by_label("Beleg (Adresse, freiwillig)").input_value()
        assert address.startswith("http://127.0.0.1")  # the paper's address
        title = form.get_by_label("Titel des Belegs (etwa die Drucksache)").input_value()
        assert title.startswith("P0")  # the paper's reference, then its name
        assert form.get_by_label("Zitat aus dem Beleg").input_value()
        _save(page, "review-status-candidates.png", full_page=True)
        form.get_by_label("Begründung").fill("Beschluss gefasst.")
        form.get_by_role("button", name="Entscheidung speichern").click()
        page.get_by_text("Gespeichert.").last.wait_for(timeout=30_000)
        page.goto(f"{url}/?party=spd&basemap=none")
        page.get_by_text(title[:30]).first.wait_for(timeout=60_000)
        link = page.get_by_role("link", name=title[:30]).first
        assert link.get_attribute("href") == address
        page.get_by_text("Umsetzung: 1 von", exact=False).first.wait_for(timeout=10_000)
        page.close()


def test_a_read_only_deployment_offers_the_records_as_a_csv(tmp_path, browser, built_db):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")  # no folder can be made under a file, as root too
    with _server(tmp_path, blocker / "reviews", secrets=True, built_db=built_db) as (url, _):
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        _sign_in(page, url)
        _first_item_is_no_pledge(page)
        button = page.get_by_text("Neue Entscheidungen als CSV herunterladen")
        button.wait_for(timeout=30_000)
        with page.expect_download() as download:
            button.click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
        assert [r["field"] for r in rows] == ["not_a_pledge"]
        assert rows[0]["reason"] == "Nur eine Beschreibung, kein Vorhaben."
        page.close()
