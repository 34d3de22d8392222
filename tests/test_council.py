"""The council import (`python -m etl council URL`) against a synthetic OParl endpoint on
127.0.0.1 (tests/oparl_fixture.py): what a run stores, what a second run asks for, and what
it makes of faults. Nothing here leaves the machine."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from datetime import UTC, date, datetime

import duckdb
import pytest

from etl import cli, paths
from etl.council import objects, tables
from etl.council.client import Client, FetchError, retry_after_seconds
from etl.council.importer import run, with_filter
from etl.council.objects import Malformed
from etl.errors import BuildError
from etl.store import SCHEMA
from tests.oparl_fixture import Fault, OParlServer, example, synthetic_papers

RECORDS = [
    "council_bodies",
    "council_papers",
    "council_files",
    "council_consultations",
    "council_meetings",
    "council_agenda_items",
    "council_problems",
]


def rows(db, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def snapshot(db) -> dict[str, list[tuple]]:
    """Every record table's rows in a fixed order; bookkeeping (runs, lists) left out."""
    return {
        table: rows(db, f"SELECT * EXCLUDE (run_id) FROM {table} ORDER BY ALL")
        if table == "council_problems"
        else rows(db, f"SELECT * FROM {table} ORDER BY ALL")
        for table in RECORDS
    }


def fast_client(sleeps: list | None = None, **kwargs) -> Client:
    """No rate limit, and waits recorded instead of slept."""
    return Client(rate=0, sleep=(sleeps if sleeps is not None else []).append, **kwargs)


def paper_names(db) -> dict[str, str]:
    found = rows(db, "SELECT id, name FROM council_papers WHERE NOT deleted")
    return {pid.rsplit("/", 1)[-1]: name for pid, name in found}


# The walk


def test_pagination_follows_links_next_to_the_end(tmp_path):
    db = tmp_path / "council.duckdb"
    with OParlServer(synthetic_papers(7), page_size=3) as server:
        report = run(server.url, db, fast_client())
        assert server.count("/papers") == 3  # pages 1, 2, 3 of 7 papers
    assert sorted(paper_names(db), key=int) == [str(i) for i in range(1, 8)]
    assert report.changes["council_papers"].added == 7 and report.complete
    assert rows(db, "SELECT list, pages, finished FROM council_lists ORDER BY list") == [
        ("meeting", 1, True),
        ("paper", 3, True),
    ]


def test_a_paper_is_stored_with_its_files_consultation_and_agenda_item(tmp_path):
    db = tmp_path / "council.duckdb"
    with OParlServer(synthetic_papers(2)) as server:
        run(server.url, db, fast_client())
        base = server.base
    paper = rows(
        db,
        "SELECT reference, date, paper_type, main_file_id FROM council_papers WHERE id = ?",
        [f"{base}/paper/2"],
    )
    assert paper == [("00002/2025", date(2025, 3, 3), "Anfrage", f"{base}/file/2")]
    files = rows(
        db,
        "SELECT id, role, text IS NOT NULL, access_url FROM council_files"
        " WHERE paper_id = ? ORDER BY role DESC",
        [f"{base}/paper/2"],
    )
    assert files == [
        (f"{base}/file/2", "main", True, f"{base}/file/2.pdf"),
        (f"{base}/file/2-a", "auxiliary", False, f"{base}/file/2-a.pdf"),  # only main's text
    ]
    assert rows(db, "SELECT text FROM council_files WHERE id = ?", [f"{base}/file/2"]) == [
        ("Die Verbandsversammlung beschließt den Abschnitt 2.",)
    ]
    assert rows(db, "SELECT number, result, paper_id FROM council_agenda_items ORDER BY 1") == [
        ("1", "beschlossen", f"{base}/paper/1"),
        ("2", "beschlossen", f"{base}/paper/2"),
    ]


def test_a_paper_without_files_is_imported(tmp_path):
    db = tmp_path / "council.duckdb"
    papers = synthetic_papers(2)
    papers[0]["files"] = False
    with OParlServer(papers) as server:
        report = run(server.url, db, fast_client())
    assert paper_names(db).keys() == {"1", "2"} and report.problems == []
    assert rows(db, "SELECT main_file_id FROM council_papers ORDER BY id") == [
        (None,),
        (f"{server.base}/file/2",),
    ]
    assert rows(db, "SELECT count(*) FROM council_files")[0][0] == 2  # paper 2's two files


def test_a_file_given_only_by_url_is_fetched(tmp_path):
    db = tmp_path / "council.duckdb"
    with OParlServer(synthetic_papers(2), files_by_url=True) as server:
        run(server.url, db, fast_client())
        assert server.count("/file/1") == 2  # the main file and the auxiliary one
    assert rows(db, "SELECT count(*), count(text) FROM council_files")[0] == (4, 2)


# A second run


def test_a_second_run_asks_only_for_what_changed_since_the_first(tmp_path):
    db = tmp_path / "council.duckdb"
    with OParlServer(synthetic_papers(6), page_size=2) as server:
        run(server.url, db, fast_client())
        first = len(server.requests)
        server.change_paper("4", name="Radschnellweg Ruhr, Abschnitt 4 (geändert)")
        report = run(server.url, db, fast_client())
        later = server.requests[first:]
    since = rows(db, "SELECT modified_since FROM council_runs WHERE run_id = 2")[0][0]
    papers_asked = [r for r in later if "/papers" in r]
    assert papers_asked == [with_filter("/oparl/body/1/papers", since)]  # one page, filtered
    assert report.changes["council_papers"].changed == 1
    assert report.changes["council_papers"].added == 0
    assert paper_names(db)["4"].endswith("(geändert)") and len(paper_names(db)) == 6


def test_deleted_objects_disappear(tmp_path):
    db = tmp_path / "council.duckdb"
    with OParlServer(synthetic_papers(3)) as server:
        run(server.url, db, fast_client())
        server.delete_paper("2")
        report = run(server.url, db, fast_client())
        paper = f"{server.base}/paper/2"
    assert paper_names(db).keys() == {"1", "3"}
    assert rows(db, "SELECT name, deleted FROM council_papers WHERE id = ?", [paper]) == [
        (None, True)  # a tombstone: the spec lets a server drop the rest, so do we
    ]
    assert rows(db, "SELECT count(*) FROM council_files WHERE paper_id = ?", [paper]) == [(0,)]
    assert rows(db, "SELECT paper_id FROM council_agenda_items WHERE number = '2'") == [(None,)]
    assert report.changes["council_papers"].deleted == 1
    assert report.changes["council_files"].deleted == 2


def test_full_reads_everything_again_and_changes_nothing(tmp_path):
    db = tmp_path / "council.duckdb"
    with OParlServer(synthetic_papers(3)) as server:
        run(server.url, db, fast_client())
        before = snapshot(db)
        report = run(server.url, db, fast_client(), full=True)
    assert report.modified_since is None and snapshot(db) == before
    assert all(c.added == c.changed == c.deleted == 0 for c in report.changes.values())


# Faults


def test_a_429_and_a_500_are_retried_and_nothing_is_lost(tmp_path):
    db = tmp_path / "council.duckdb"
    faults = {
        "/oparl/body/1/papers?page=2": Fault(status=429, retry_after="3"),
        "/oparl/body/1/meetings": Fault(status=500),
    }
    sleeps: list[float] = []
    with OParlServer(synthetic_papers(5), page_size=2, faults=faults) as server:
        report = run(server.url, db, fast_client(sleeps))
    assert len(paper_names(db)) == 5 and report.problems == [] and report.complete
    assert report.retries == 2 and sleeps == [3.0, 1.0]  # Retry-After, then backoff
    assert rows(db, "SELECT count(*) FROM council_agenda_items")[0][0] == 5


def test_a_truncated_body_is_one_problem_line_and_the_rest_is_imported(tmp_path):
    db = tmp_path / "council.duckdb"
    faults = {"/oparl/file/3": Fault(truncate=True, times=0)}
    with OParlServer(synthetic_papers(4), files_by_url=True, faults=faults) as server:
        report = run(server.url, db, fast_client())
        file3 = f"{server.base}/file/3"
    assert len(report.problems) == 1
    url, problem = report.problems[0]
    assert url == file3 and "not valid JSON" in problem
    assert len(paper_names(db)) == 4  # paper 3 too, without its main file
    assert rows(db, "SELECT count(*) FROM council_files WHERE id = ?", [file3]) == [(0,)]
    assert rows(db, "SELECT count(*) FROM council_files")[0][0] == 7
    assert rows(db, "SELECT url, problem FROM council_problems") == report.problems


def test_a_truncated_list_page_stops_that_list_and_the_next_run_asks_again(tmp_path):
    db = tmp_path / "council.duckdb"
    faults = {"/oparl/body/1/papers?page=2": Fault(truncate=True)}
    with OParlServer(synthetic_papers(6), page_size=2, faults=faults) as server:
        first = run(server.url, db, fast_client())
        assert not first.complete and len(first.problems) == 1
        assert len(paper_names(db)) == 2
        second = run(server.url, db, fast_client())
    assert second.modified_since is None  # no complete run yet: everything again
    assert second.complete and len(paper_names(db)) == 6


def test_a_404_object_is_reported_not_fatal(tmp_path):
    db = tmp_path / "council.duckdb"
    faults = {"/oparl/file/2": Fault(status=404, times=0)}
    with OParlServer(synthetic_papers(3), files_by_url=True, faults=faults) as server:
        report = run(server.url, db, fast_client())
        file2, paper2 = f"{server.base}/file/2", f"{server.base}/paper/2"
    assert report.problems == [(file2, f"HTTP 404 Not Found (linked from {paper2})")]
    assert report.retries == 0 and report.complete and len(paper_names(db)) == 3


def test_a_malformed_object_is_skipped_with_one_problem_line(tmp_path):
    db = tmp_path / "council.duckdb"
    papers = synthetic_papers(3)
    papers[1]["date"] = "im Mai"
    with OParlServer(papers) as server:
        report = run(server.url, db, fast_client())
        paper2 = f"{server.base}/paper/2"
    assert report.problems == [(paper2, "date is not a date (YYYY-MM-DD): 'im Mai'")]
    assert paper_names(db).keys() == {"1", "3"}


def test_an_endpoint_without_a_system_is_an_error(tmp_path):
    with OParlServer([]) as server, pytest.raises(BuildError, match="no OParl System"):
        run(server.url + "/nothing", tmp_path / "council.duckdb", fast_client())


# The command line


def test_the_cli_prints_one_line_per_problem(tmp_path, capsys):
    faults = {
        "/oparl/file/1": Fault(status=404, times=0),
        "/oparl/file/3-a": Fault(truncate=True, times=0),
    }
    with OParlServer(synthetic_papers(3), files_by_url=True, faults=faults) as server:
        status = cli.main(
            ["council", server.url, "--db", str(tmp_path / "c.duckdb"), "--rate", "0"]
        )
        base = server.base
    out = capsys.readouterr().out.splitlines()
    assert status == 0
    assert "problems: 2 (objects skipped)" in out
    problems = [line for line in out if line.startswith(base)]
    assert len(problems) == 2
    assert problems[0] == f"{base}/file/1: HTTP 404 Not Found (linked from {base}/paper/1)"
    assert problems[1].startswith(f"{base}/file/3-a: not valid JSON")
    assert any(line.split()[:3] == ["council_papers", "added", "3"] for line in out)
    assert "  requests 11, retries 0" in out  # system, bodies, 1 + 1 pages, 6 files, 1 meeting


def test_the_cli_says_error_in_one_line_when_the_endpoint_is_unusable(tmp_path, capsys):
    with OParlServer([]) as server:
        status = cli.main(["council", f"{server.base}/body/9", "--db", str(tmp_path / "c.duckdb")])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1 and len(err) == 1
    assert err[0] == f"error: {server.base}/body/9: no OParl System here (HTTP 404 Not Found)"


@pytest.mark.slow
def test_a_kill_in_the_middle_and_a_second_run_give_the_same_tables_as_one_clean_run(tmp_path):
    papers = synthetic_papers(12)
    with OParlServer(papers, page_size=2, files_by_url=True) as server:
        clean = tmp_path / "clean.duckdb"
        assert cli.run("council", server.url, "--db", clean, "--rate", 0).returncode == 0
        # requests: system, bodies, then per page: the page and 2 files per paper; 15 is
        # the second file of page 3's first paper, so pages 1 and 2 are committed, 3 is not
        server.requests.clear()
        server.block_at = 15
        killed = tmp_path / "killed.duckdb"
        args = ["council", server.url, "--db", str(killed), "--rate", "0"]
        child = subprocess.Popen(
            [sys.executable, "-m", "etl", *args],
            cwd=paths.ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert server.reached.wait(timeout=15), "the importer never reached request 15"
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
        server.block_at = None
        server.release.set()
        assert rows(killed, "SELECT pages, finished FROM council_lists") == [(2, False)]
        assert len(paper_names(killed)) == 4
        server.requests.clear()
        second = cli.run("council", server.url, "--db", killed, "--rate", 0)
        assert second.returncode == 0, second.stderr
        assert "run 1 (resumed, full read)" in second.stdout
        assert not any("page=2" in r for r in server.requests)  # went on at page 3
        assert any("page=3" in r for r in server.requests)
    assert snapshot(killed) == snapshot(clean)
    assert len(paper_names(killed)) == 12


# The objects, one by one (pure)


def test_the_spec_example_paper_becomes_one_row():
    row = objects.paper_row(example("Paper"), "https://oparl.example.org/bodies/9")
    assert row == {
        "id": "https://oparl.example.org/paper/749",
        "body_id": "https://oparl.example.org/bodies/1",  # the paper's own body wins
        "name": "Antwort auf Anfrage 1200/2014",
        "reference": "1234/2014",
        "date": date(2014, 4, 4),
        "paper_type": "Beantwortung einer Anfrage",
        "main_file_id": "https://oparl.example.org/files/57737",
        "web": None,
        "modified": "2013-01-08T12:05:27+01:00",
        "deleted": False,
    }


def test_the_spec_example_file_keeps_its_text_only_as_a_main_file():
    aux = example("Paper")["auxiliaryFile"][0]
    assert objects.file_row(aux, "p", "auxiliary")["text"] is None
    main = objects.file_row(aux, "p", "main")
    assert main["text"].startswith("Der Übersichtsplan") and main["size"] == 82930


def test_the_spec_example_meeting_and_its_agenda_item():
    meeting = example("Meeting")
    row = objects.meeting_row(meeting, "b")
    assert row["start_time"] == "2013-01-04T08:00:00+01:00" and row["location"].startswith("Rat")
    item = objects.agenda_item_row(objects.meeting_agenda(meeting)[0], row["id"])
    assert (item["number"], item["result"], item["public"]) == (
        "10.1",
        "Geändert beschlossen",
        True,
    )
    assert item["consultation_id"] == "https://oparl.example.org/consultation/1034"


def test_oparl_1_0_types_are_accepted():
    paper = {**example("Paper"), "type": "https://schema.oparl.org/1.0/Paper"}
    assert objects.paper_row(paper, "b")["reference"] == "1234/2014"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"id": None}, "Paper without an id"),
        ({"type": None}, "Paper without a type"),
        ({"type": 3}, "type is 3, expected Paper"),
        ({"type": "https://schema.oparl.org/1.1/Meeting"}, "expected Paper"),
        ({"name": 7}, "name is a number (7), expected a string"),
        ({"date": "04.04.2014"}, "date is not a date"),
        ({"modified": "gestern"}, "modified is not an ISO 8601 date-time"),
        ({"mainFile": ["x"]}, "mainFile is a list"),
    ],
)
def test_a_malformed_paper_says_what_is_wrong(change, problem):
    paper = {k: v for k, v in {**example("Paper"), **change}.items() if v is not None}
    with pytest.raises(Malformed, match=re.escape(problem)):
        objects.paper_row(paper, "b")


def test_a_deleted_object_becomes_a_tombstone():
    gone = {"id": "u/p/1", "type": "https://schema.oparl.org/1.1/Paper", "deleted": True,
            "modified": "2025-01-01T00:00:00+01:00", "name": "still here"}  # fmt: skip
    row = objects.paper_row(gone, "u/b/1")
    assert row["deleted"] is True and row["name"] is None and row["body_id"] == "u/b/1"


def test_a_file_needs_an_access_url():
    file = {k: v for k, v in example("File").items() if k != "accessUrl"}
    with pytest.raises(Malformed, match="File without accessUrl"):
        objects.file_row(file, "p", "main")


def test_a_list_page_gives_its_objects_and_the_next_page():
    assert objects.list_page({"data": [1], "links": {"next": "u?page=2"}}) == ([1], "u?page=2")
    assert objects.list_page({"data": [], "links": {}, "pagination": {}}) == ([], None)
    with pytest.raises(Malformed, match="not an OParl list page"):
        objects.list_page({"id": "x"})


def test_the_system_names_its_bodies_list():
    assert objects.system(example("System")) == (
        "https://oparl.example.org/",
        "https://oparl.example.org/bodies",
    )


# The schema and the client


def test_the_council_tables_are_the_council_statements_of_the_one_schema_file():
    statements = tables.council_statements(SCHEMA.read_text(encoding="utf-8"))
    assert set(statements) == set(RECORDS) | {"council_runs", "council_lists"}
    assert all(sql.startswith(f"CREATE TABLE {t} (") for t, sql in statements.items())


def test_a_database_of_another_schema_is_refused(tmp_path):
    db = tmp_path / "council.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE council_papers (id VARCHAR)")
    con.close()
    with pytest.raises(BuildError, match="council_papers has other columns"):
        tables.open_database(db)


def test_the_rate_limit_spaces_requests_with_the_injected_clock_and_sleep():
    class Clock:
        now, slept = 100.0, []

        def sleep(self, seconds):
            self.slept.append(seconds)
            self.now += seconds

    clock = Clock()
    client = Client(rate=4, sleep=clock.sleep, clock=lambda: clock.now)
    for _ in range(3):
        client._take_turn()
    clock.now += 1.0  # a slow answer: the next turn is due already
    client._take_turn()
    assert clock.slept == [0.25, 0.25]


def test_the_client_gives_up_after_its_attempts():
    sleeps: list[float] = []
    with OParlServer([]) as server:
        server.faults["/oparl"] = Fault(status=503, times=0)
        client = fast_client(sleeps, attempts=3, backoff=0.5)
        with pytest.raises(FetchError, match="gave up after 3 attempts"):
            client.get(server.url)
    assert client.requests == 3 and sleeps == [0.5, 1.0]


def test_retry_after_is_seconds_or_an_http_date():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("bald") is None and retry_after_seconds(None) is None
