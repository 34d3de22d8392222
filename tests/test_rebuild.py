"""The build runs apart from the server (dashboard/rebuild.py): the server keeps
answering while it runs, a build past its time limit is stopped, and a failed build is
not tried again on every rerun."""

import time
import urllib.request

import pytest

from dashboard import data, rebuild
from etl import paths
from tests.conftest import inputs_for
from tests.serve import streamlit


@pytest.fixture(autouse=True)
def no_jobs_from_other_tests(monkeypatch):
    monkeypatch.setattr(rebuild, "_jobs", {})


def _broken(data_copy):
    (data_copy / "manifestos" / "spd_ruhr_2020.txt").write_bytes(b"\xe4 kaputt")
    return inputs_for(data_copy)


def test_a_failed_build_is_not_tried_again_until_the_inputs_change(tmp_path, data_copy):
    db = tmp_path / "ruhr.duckdb"
    inputs = _broken(data_copy)
    assert data.serve_database(db, inputs) is None
    first = rebuild._jobs[str(db)]
    assert "spd_ruhr_2020.txt: not UTF-8" in first.failure
    for _ in range(3):  # reruns of the page: no new build
        assert data.serve_database(db, inputs) is None
    assert rebuild._jobs[str(db)] is first
    (data_copy / "manifestos" / "spd_ruhr_2020.txt").write_text("# 1 Mobilität\n", "utf-8")
    data.serve_database(db, inputs)
    assert rebuild._jobs[str(db)] is not first  # changed inputs: built again


def test_a_failed_build_is_tried_again_after_the_back_off(tmp_path, data_copy, monkeypatch):
    db = tmp_path / "ruhr.duckdb"
    inputs = _broken(data_copy)
    data.serve_database(db, inputs)
    first = rebuild._jobs[str(db)]
    monkeypatch.setattr(rebuild, "RETRY_AFTER", 0.0)
    data.serve_database(db, inputs)
    assert rebuild._jobs[str(db)] is not first


def test_a_build_past_its_time_limit_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv(rebuild.LIMIT_ENV, "0.5")  # less than the child needs to start
    db = tmp_path / "ruhr.duckdb"
    started = time.monotonic()
    assert data.serve_database(db) is None
    job = rebuild._jobs[str(db)]
    assert job.failure == "stopped after the time limit of 0.5 s"
    assert job.process.returncode != 0 and not db.exists()
    assert time.monotonic() - started < 10


def test_a_page_with_old_data_does_not_wait_for_a_long_build(tmp_path, data_copy, monkeypatch):
    db = tmp_path / "ruhr.duckdb"
    inputs = inputs_for(data_copy)
    assert data.serve_database(db, inputs).notice is None  # the first build, waited for
    with (data_copy / "topic_lexicon.csv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("mobilitaet,seilbahn*,1\n")
    monkeypatch.setattr(data, "WAIT", 0.2)
    served = data.serve_database(db, inputs)
    assert served.notice.endswith("neuere Daten werden gerade aufbereitet.")
    job = rebuild._jobs[str(db)]
    job.process.wait(timeout=120)
    while job.running:  # the watcher notes the end
        time.sleep(0.05)
    assert data.serve_database(db, inputs).notice is None  # the new data, once built


def _seconds(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
        response.read()
    return time.monotonic() - started


def test_the_server_answers_while_the_first_build_runs(tmp_path, browser):
    """A fresh machine: no database. The first visitor's page waits for the build; the
    server's health check and a second visitor's page load meanwhile."""
    db = tmp_path / "ruhr.duckdb"
    app = paths.ROOT / "dashboard" / "app.py"
    with streamlit(app, paths.ROOT, {"RUHR_DB": str(db)}) as (url, _):
        first = browser.new_page()
        first.goto(url, wait_until="commit")
        answers = []
        while not db.exists() or not answers:
            answers.append(_seconds(f"{url}/_stcore/health"))
            answers.append(_seconds(f"{url}/"))  # a second visitor's page
            time.sleep(0.1)
        assert len(answers) >= 5, "the build was too quick to show anything"
        assert max(answers) < 1.0, answers
        first.get_by_text("Alle Versprechen (").first.wait_for(timeout=60_000)
        first.close()
