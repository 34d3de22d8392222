"""First start on a fresh machine: the app builds its database once, atomically, and only
rebuilds it when the inputs change."""

import shutil
import threading
import time
from dataclasses import replace

import duckdb
import pytest

from dashboard import data
from etl import paths
from etl.build import build as real_build
from etl.store import schema_version
from tests.conftest import inputs_for


@pytest.fixture
def counting_build(monkeypatch):
    calls = []

    def slow_build(db, inputs=None, progress=None):
        calls.append(db)
        time.sleep(0.5)  # long enough for a second session to arrive meanwhile
        return real_build(db, inputs, progress=progress)

    monkeypatch.setattr(data, "build", slow_build)
    return calls


def test_missing_database_is_built_once_even_with_concurrent_sessions(tmp_path, counting_build):
    db = tmp_path / "data" / "ruhr.duckdb"
    digests, errors = [], []

    def session():
        try:
            digests.append(data.ensure_database(db))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    sessions = [threading.Thread(target=session) for _ in range(4)]
    for s in sessions:
        s.start()
    for s in sessions:
        s.join()
    assert not errors
    assert len(counting_build) == 1 and db.exists()
    assert len(set(digests)) == 1 and data.recorded_digest(db) == digests[0]


def test_an_up_to_date_database_is_not_rebuilt(tmp_path, counting_build):
    db = tmp_path / "ruhr.duckdb"
    data.ensure_database(db)
    data.ensure_database(db)
    assert len(counting_build) == 1


def test_changed_inputs_trigger_a_rebuild(tmp_path, data_copy, counting_build):
    db = tmp_path / "ruhr.duckdb"
    inputs = inputs_for(data_copy)
    first = data.ensure_database(db, inputs)
    with (data_copy / "topic_lexicon.csv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("mobilitaet,seilbahn*,1\n")
    second = data.ensure_database(db, inputs)
    assert first != second and len(counting_build) == 2
    assert data.recorded_digest(db) == second


def test_startup_writes_only_the_database_and_its_lock(tmp_path):
    folder = tmp_path / "data"
    data.ensure_database(folder / "ruhr.duckdb")
    assert sorted(p.name for p in folder.iterdir()) == [".ruhr.duckdb.lock", "ruhr.duckdb"]


def test_a_change_to_the_etl_code_triggers_a_rebuild(tmp_path, data_copy, counting_build):
    """`make run` and the app rebuild a database that older code made, e.g. after a change
    to the classifier, even when no data file changed."""
    code = tmp_path / "etl"
    shutil.copytree(paths.ROOT / "etl", code, ignore=shutil.ignore_patterns("__pycache__"))
    inputs = replace(inputs_for(data_copy), code=code)
    db = tmp_path / "ruhr.duckdb"
    first = data.ensure_database(db, inputs)
    assert data.ensure_database(db, inputs) == first and len(counting_build) == 1
    with (code / "topics.py").open("a", encoding="utf-8") as module:
        module.write("# a changed line\n")
    second = data.ensure_database(db, inputs)
    assert second != first and len(counting_build) == 2
    assert data.recorded_digest(db) == second


def test_a_database_of_another_schema_is_rebuilt(tmp_path, counting_build):
    db = tmp_path / "ruhr.duckdb"
    data.ensure_database(db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE build_info SET value = 'older' WHERE key = 'schema_version'")
    con.close()
    data.ensure_database(db)
    assert len(counting_build) == 2
    assert data.build_info(db)["schema_version"] == schema_version()


def test_a_server_reads_the_rebuilt_file_while_it_still_holds_the_old_one(tmp_path, data_copy):
    """DuckDB shares one open instance per path in a process: a plain connect after a
    rebuild kept reading the replaced file while the old connection lived."""
    db = tmp_path / "ruhr.duckdb"
    inputs = inputs_for(data_copy)
    first = data.ensure_database(db, inputs)
    old = data.open_database(str(db))  # a page's cached connection to the first build
    with (data_copy / "topic_lexicon.csv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("mobilitaet,seilbahn*,1\n")
    second = data.ensure_database(db, inputs)
    assert second != first
    assert data.is_current(db, second)  # read from the new file, not the open old one
    assert data.open_database(str(db)).execute(
        "SELECT value FROM build_info WHERE key = 'inputs_sha256'"
    ).fetchone() == (second,)
    old.close()
