"""The walk of one OParl endpoint: System → bodies → each body's papers (their files and
consultations embedded) and meetings (their agenda items embedded), into the council tables.

Incremental: a run asks its lists for what was modified since the start of the last complete
run (less `OVERLAP`, for the clocks of two machines), which also brings the server's
soft-deleted objects (OParl 1.1). Resumable: each list page is committed with the URL of the
next, so a killed run goes on where it stopped and ends with the tables one clean run makes.
Bad objects are problems (`<URL>: <problem>`), recorded and skipped; only an endpoint that
gives no System or bodies at all is an error."""

from __future__ import annotations

import urllib.parse
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from etl import paths
from etl.council import objects, tables
from etl.council.client import Client, FetchError
from etl.council.objects import Malformed
from etl.errors import BuildError

DEFAULT_DB = paths.DATA / "council.duckdb"
OVERLAP = timedelta(minutes=5)  # re-reading a few objects is harmless: writes are upserts
LISTS = (("paper", "paper_list"), ("meeting", "meeting_list"))  # walk order per body


def utc_now() -> datetime:
    """Naive UTC, as council_runs stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def with_filter(url: str, since: str | None) -> str:
    """The list URL with `modified_since` added (URL-encoded, other parameters kept)."""
    if since is None:
        return url
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "modified_since"]
    query.append(("modified_since", since))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def since_value(started_at: datetime | None) -> str | None:
    """The filter for a run after one that started at `started_at` (naive UTC)."""
    if started_at is None:
        return None
    return (started_at - OVERLAP).replace(microsecond=0).isoformat() + "+00:00"


@dataclass
class Report:
    endpoint: str
    run_id: int
    resumed: bool
    modified_since: str | None
    changes: dict[str, tables.Change]
    requests: int = 0
    retries: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    complete: bool = False

    def lines(self) -> list[str]:
        how = "resumed" if self.resumed else "new"
        what = f"changes since {self.modified_since}" if self.modified_since else "full read"
        out = [f"council {self.endpoint}: run {self.run_id} ({how}, {what})"]
        for table, c in self.changes.items():
            out.append(
                f"  {table:<22} added {c.added:>6}  changed {c.changed:>6}  deleted {c.deleted:>6}"
            )
        out.append(f"  requests {self.requests}, retries {self.retries}")
        if not self.complete:
            out.append("  incomplete: a list stopped early; the next run asks for it again")
        out.append(f"problems: {len(self.problems)} (objects skipped)")
        out.extend(f"{url}: {problem}" for url, problem in self.problems)
        return out


@dataclass
class _Batch:
    """What one page gives: rows and the parents they replace, and its problems."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    scopes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    problems: list[tuple[str, str]] = field(default_factory=list)

    def add(self, table: str, scope: str, rows: list[dict]) -> None:
        self.scopes[table].add(scope)
        self.rows[table].extend(rows)


def run(
    endpoint: str,
    db: Path = DEFAULT_DB,
    client: Client | None = None,
    full: bool = False,
    now: Callable[[], datetime] = utc_now,
) -> Report:
    """Import `endpoint` into `db`. `full` ignores the last run: everything is read again
    (an unfinished run is closed as incomplete instead of resumed)."""
    con = tables.open_database(db)
    try:
        return _Import(con, endpoint, client or Client(), now).run(full)
    finally:
        con.close()


class _Import:
    def __init__(self, con: duckdb.DuckDBPyConnection, endpoint: str, client: Client, now):
        self.con = con
        self.endpoint = endpoint
        self.client = client
        self.now = now
        self.complete = True
        self.system_id: str | None = None
        self._counted = (0, 0)  # client requests and retries already recorded

    def run(self, full: bool) -> Report:
        last = tables.last_run(self.con, self.endpoint)
        unfinished = last is not None and last["finished_at"] is None
        started = self.now()
        bodies_url = self._system()
        if unfinished and not full:
            run_id, since, resumed = last["run_id"], last["modified_since"], True
        else:
            with self._transaction():
                if unfinished:
                    tables.finish_run(self.con, last["run_id"], started, complete=False)
                since = None
                if not full:
                    since = since_value(tables.since_of_last_complete_run(self.con, self.endpoint))
                run_id, resumed = tables.start_run(self.con, self.endpoint, started, since), False
        self.report = Report(
            self.endpoint, run_id, resumed, since, {t: tables.Change() for t in tables.RECORDS}
        )
        for body in self._bodies(bodies_url):
            for name, column in LISTS:
                self._list(body, name, column, since)
        with self._transaction():
            tables.link_agenda_papers(self.con)
            self._record([])
            tables.finish_run(self.con, run_id, self.now(), self.complete)
        self.report.complete = self.complete
        self.report.requests, self.report.retries = self.client.requests, self.client.retries
        return self.report

    def _system(self) -> str:
        """The URL of the bodies list; the one failure that stops the import."""
        try:
            doc = self.client.get(self.endpoint)
            self.system_id, bodies = objects.system(doc)
        except FetchError as exc:
            raise BuildError(self.endpoint, f"no OParl System here ({exc.problem})") from None
        except Malformed as exc:
            raise BuildError(self.endpoint, f"not an OParl System ({exc})") from None
        return bodies

    def _bodies(self, url: str) -> list[dict]:
        """All bodies, read again by every run (a few objects; not filtered, since an
        unchanged body's lists still have to be walked)."""
        batch, bodies, seen = _Batch(), [], set()
        page: str | None = url
        while page and page not in seen:
            seen.add(page)
            try:
                items, next_page = objects.list_page(self.client.get(page))
            except (FetchError, Malformed) as exc:
                if len(seen) == 1:
                    raise BuildError(page, f"no usable list of bodies ({_why(exc)})") from None
                self._problem(batch, page, _why(exc))
                self.complete = False
                break
            for n, item in enumerate(items, start=1):
                try:
                    row = objects.body_row(item, self.system_id)
                except Malformed as exc:
                    self._problem(batch, objects.where(item, f"{page} (item {n})"), str(exc))
                    continue
                batch.add("council_bodies", row["id"], [row])
                if not row["deleted"]:
                    bodies.append(row)
            page = next_page
        self._commit(batch)
        return bodies

    def _list(self, body: dict, name: str, column: str, since: str | None) -> None:
        state = tables.list_state(self.con, self.report.run_id, body["id"], name)
        if state is None:
            if body[column] is None:
                self._commit(_Batch(problems=[(body["id"], f"Body has no {name} list")]))
                return
            with self._transaction():
                state = tables.start_list(
                    self.con, self.report.run_id, body["id"], name, with_filter(body[column], since)
                )
        read = self._paper if name == "paper" else self._meeting
        seen: set[str] = set()
        while not state["finished"]:
            url = state["next_url"]
            if url in seen:
                self._fail(url, "links.next leads back to a page already read")
                return
            seen.add(url)
            try:
                items, next_url = objects.list_page(self.client.get(url))
            except (FetchError, Malformed) as exc:
                self._fail(url, _why(exc))
                return
            batch = _Batch()
            for n, item in enumerate(items, start=1):
                read(batch, item, body["id"], f"{url} (item {n})")
            self._commit(batch, state, next_url)

    def _paper(self, batch: _Batch, obj: object, body_id: str, fallback: str) -> None:
        try:
            row = objects.paper_row(obj, body_id)
            files = [] if row["deleted"] else objects.paper_files(obj)
            consultations = [] if row["deleted"] else objects.paper_consultations(obj)
        except Malformed as exc:
            self._problem(batch, objects.where(obj, fallback), str(exc))
            return
        pid = row["id"]
        file_rows = self._children(
            batch, pid, files, lambda found, role: objects.file_row(found, pid, role), "file"
        )
        consultation_rows = self._children(
            batch,
            pid,
            [(None, value) for value in consultations],
            lambda found, _: objects.consultation_row(found, pid),
            "consultation",
            skip_deleted=False,
        )
        batch.add("council_papers", pid, [row])
        batch.add("council_files", pid, file_rows)
        batch.add("council_consultations", pid, consultation_rows)

    def _meeting(self, batch: _Batch, obj: object, body_id: str, fallback: str) -> None:
        try:
            row = objects.meeting_row(obj, body_id)
            agenda = [] if row["deleted"] else objects.meeting_agenda(obj)
        except Malformed as exc:
            self._problem(batch, objects.where(obj, fallback), str(exc))
            return
        mid = row["id"]
        item_rows = self._children(
            batch,
            mid,
            [(None, value) for value in agenda],
            lambda found, _: objects.agenda_item_row(found, mid),
            "agenda item",
        )
        batch.add("council_meetings", mid, [row])
        batch.add("council_agenda_items", mid, item_rows)

    def _children(self, batch, parent, values, make, what, skip_deleted=True) -> list[dict]:
        """Rows of a parent's embedded (or linked) objects: one fetched by URL where only
        its URL is given, a deleted one left out, a malformed one a problem line."""
        rows = []
        for role, value in values:
            found = self._resolve(batch, value, parent)
            if found is None or (
                skip_deleted and isinstance(found, dict) and objects.is_deleted(found)
            ):
                continue
            label = f"{parent} ({role} {what})" if role else f"{parent} ({what})"
            try:
                rows.append(make(found, role))
            except Malformed as exc:
                self._problem(batch, objects.where(found, label), str(exc))
        return rows

    def _resolve(self, batch: _Batch, value: object, parent: str) -> object | None:
        """An embedded object as it is; one given only by URL, fetched (None if that fails)."""
        if not isinstance(value, str):
            return value
        try:
            return self.client.get(value)
        except FetchError as exc:
            self._problem(batch, exc.url, f"{exc.problem} (linked from {parent})")
            return None

    def _problem(self, batch: _Batch, url: str, problem: str) -> None:
        batch.problems.append((url, problem))

    def _fail(self, url: str, problem: str) -> None:
        """A list page that cannot be read: the list stops here for this run, and the run is
        not complete, so the next one asks again from the last complete run's start."""
        self.complete = False
        self._commit(_Batch(problems=[(url, problem)]))

    def _commit(self, batch: _Batch, state: dict | None = None, next_url: str | None = None):
        """One transaction: the page's rows, the list's next page, problems and counts."""
        changes = {}
        with self._transaction():
            for table in tables.RECORDS:
                if table in batch.scopes:
                    changes[table] = tables.replace(
                        self.con, table, batch.scopes[table], batch.rows[table]
                    )
            if state is not None:
                tables.advance_list(self.con, state, next_url)
            self._record(batch.problems)
        for table, change in changes.items():
            self.report.changes[table] += change
        self.report.problems.extend(batch.problems)

    def _record(self, problems: list[tuple[str, str]]) -> None:
        requests, retries = self.client.requests, self.client.retries
        tables.record(
            self.con,
            self.report.run_id,
            problems,
            requests - self._counted[0],
            retries - self._counted[1],
            self.system_id,
        )
        self._counted = (requests, retries)

    def _transaction(self):
        return _Transaction(self.con)


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def __enter__(self):
        self.con.begin()

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.con.commit()
        else:
            self.con.rollback()
        return False


def _why(exc: Exception) -> str:
    return exc.problem if isinstance(exc, FetchError) else str(exc)


def main(endpoint: str, db: Path, rate: float, full: bool) -> int:
    """`python -m etl council`: the report on stdout; status 0 when the walk ran through,
    even with skipped objects (a BuildError, for an unusable endpoint, reaches the CLI)."""
    report = run(endpoint, db, Client(rate=rate), full=full)
    print("\n".join(report.lines()))
    return 0
