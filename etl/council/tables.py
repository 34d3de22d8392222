"""The council database: its tables are the `council_*` statements of etl/schema.sql (the one
schema file), rows go in by column name, and every write replaces what a parent object says
about itself, so reading the same page twice (a resumed run) changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from etl.errors import BuildError
from etl.store import SCHEMA, frame, table_columns

# table -> (key columns, scope column): a write replaces every row of the scopes it names
KEYS = {
    "council_bodies": (("id",), "id"),
    "council_papers": (("id",), "id"),
    "council_meetings": (("id",), "id"),
    "council_files": (("paper_id", "id"), "paper_id"),
    "council_consultations": (("id",), "paper_id"),
    "council_agenda_items": (("id",), "meeting_id"),
}
RECORDS = tuple(KEYS)  # the tables a report counts, in walk order
DERIVED = {"council_agenda_items": {"paper_id"}}  # set after the walk: not a change by itself


def council_statements(schema_text: str) -> dict[str, str]:
    """The CREATE TABLE statements of the council tables, by table name."""
    pattern = re.compile(r"^CREATE TABLE (council_\w+) \(.*?\n\);", re.S | re.M)
    return {m.group(1): m.group(0) for m in pattern.finditer(schema_text)}


def open_database(path: Path, schema: Path = SCHEMA) -> duckdb.DuckDBPyConnection:
    """The council database, its tables created if missing. A file made from another
    version of the statements is refused with one line, not written into."""
    statements = council_statements(Path(schema).read_text(encoding="utf-8"))
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    except (OSError, duckdb.Error) as exc:
        raise BuildError(path, f"cannot open the database ({str(exc).splitlines()[0]})") from None
    try:
        expected = duckdb.connect(":memory:")
        for table, sql in statements.items():
            con.execute(sql.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
            expected.execute(sql)
            if table_columns(con, table) != table_columns(expected, table):
                raise BuildError(
                    path, f"table {table} has other columns than etl/schema.sql (older import?)"
                )
        expected.close()
    except BaseException:
        con.close()
        raise
    return con


@dataclass
class Change:
    added: int = 0
    changed: int = 0
    deleted: int = 0

    def __iadd__(self, other: Change) -> Change:
        self.added += other.added
        self.changed += other.changed
        self.deleted += other.deleted
        return self


def replace(
    con: duckdb.DuckDBPyConnection,
    table: str,
    scopes: Iterable[str],
    rows: Sequence[Mapping[str, object]],
) -> Change:
    """Replace the rows of `scopes` (parent ids) by `rows`; a row's key anywhere else moves
    here. Counts rows that are new, that differ from before, and that went (a tombstone
    counts as gone); a row read again unchanged counts as nothing."""
    keys, scope = KEYS[table]
    columns = table_columns(con, table)
    unique = list({tuple(r[k] for k in keys): r for r in rows}.values())  # last one wins
    where = f'list_contains(?, "{scope}")'
    params: list[object] = [sorted(set(scopes) | {r[scope] for r in unique})]
    if len(keys) == 1:
        where += f' OR list_contains(?, "{keys[0]}")'
        params.append([r[keys[0]] for r in unique])
    names = ", ".join(f'"{c}"' for c in columns)
    before = {}
    for values in con.execute(f"SELECT {names} FROM {table} WHERE {where}", params).fetchall():
        row = dict(zip(columns, values, strict=True))
        before[tuple(row[k] for k in keys)] = row
    con.execute(f"DELETE FROM {table} WHERE {where}", params)
    if unique:
        data = frame(table, columns, unique)  # noqa: F841 (read by DuckDB)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM data")
    compared = [c for c in columns if c not in DERIVED.get(table, ())]
    change = Change()
    after = set()
    for row in unique:
        key = tuple(row[k] for k in keys)
        after.add(key)
        old = before.get(key)
        if row.get("deleted"):
            change.deleted += old is None or not old.get("deleted")
        elif old is None:
            change.added += 1
        elif any(old[c] != row[c] for c in compared):
            change.changed += 1
    gone = [old for k, old in before.items() if k not in after]
    change.deleted += sum(1 for old in gone if not old.get("deleted"))
    return change


def link_agenda_papers(con: duckdb.DuckDBPyConnection) -> None:
    """Each agenda item's paper, from the consultations the papers carry: the item names its
    consultation, the consultation names item and paper. Done once a run is through, so it
    does not matter whether meetings or papers were read first."""
    con.execute(
        """
        UPDATE council_agenda_items AS a SET paper_id = (
            SELECT min(c.paper_id) FROM council_consultations AS c
            WHERE c.id = a.consultation_id OR c.agenda_item_id = a.id
        )
        """
    )


# Runs and their lists: what a killed run needs to go on where it stopped.


def last_run(con: duckdb.DuckDBPyConnection, endpoint: str) -> dict | None:
    return _one(con, "SELECT * FROM council_runs WHERE endpoint = ? ORDER BY run_id DESC", endpoint)


def since_of_last_complete_run(con: duckdb.DuckDBPyConnection, endpoint: str) -> datetime | None:
    row = con.execute(
        "SELECT max(started_at) FROM council_runs WHERE endpoint = ? AND complete", [endpoint]
    ).fetchone()
    return row[0]


def start_run(
    con: duckdb.DuckDBPyConnection, endpoint: str, started_at: datetime, since: str | None
) -> int:
    run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM council_runs").fetchone()[0]
    con.execute(
        "INSERT INTO council_runs (run_id, endpoint, started_at, complete, modified_since,"
        " requests, retries) VALUES (?, ?, ?, FALSE, ?, 0, 0)",
        [run_id, endpoint, started_at, since],
    )
    return run_id


def list_state(con: duckdb.DuckDBPyConnection, run_id: int, body_id: str, name: str) -> dict | None:
    return _one(
        con,
        "SELECT * FROM council_lists WHERE run_id = ? AND body_id = ? AND list = ?",
        run_id,
        body_id,
        name,
    )


def start_list(
    con: duckdb.DuckDBPyConnection, run_id: int, body_id: str, name: str, first_url: str
) -> dict:
    state = {
        "run_id": run_id,
        "body_id": body_id,
        "list": name,
        "first_url": first_url,
        "next_url": first_url,
        "pages": 0,
        "finished": False,
    }
    con.execute(
        "INSERT INTO council_lists VALUES (?, ?, ?, ?, ?, ?, ?)",
        [state[c] for c in table_columns(con, "council_lists")],
    )
    return state


def advance_list(con: duckdb.DuckDBPyConnection, state: dict, next_url: str | None) -> None:
    state["next_url"] = next_url
    state["pages"] += 1
    state["finished"] = next_url is None
    con.execute(
        "UPDATE council_lists SET next_url = ?, pages = ?, finished = ?"
        " WHERE run_id = ? AND body_id = ? AND list = ?",
        [next_url, state["pages"], state["finished"], state["run_id"], state["body_id"],
         state["list"]],
    )  # fmt: skip


def record(
    con: duckdb.DuckDBPyConnection,
    run_id: int,
    problems: Sequence[tuple[str, str]],
    requests: int,
    retries: int,
    system_id: str | None = None,
) -> None:
    """A page's problems (url, problem) and the requests made since the last commit."""
    for url, problem in problems:
        con.execute("INSERT INTO council_problems VALUES (?, ?, ?)", [run_id, url, problem])
    con.execute(
        "UPDATE council_runs SET requests = requests + ?, retries = retries + ?,"
        " system_id = coalesce(?, system_id) WHERE run_id = ?",
        [requests, retries, system_id, run_id],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: int, finished_at: datetime, complete: bool
) -> None:
    con.execute(
        "UPDATE council_runs SET finished_at = ?, complete = ? WHERE run_id = ?",
        [finished_at, complete, run_id],
    )


def _one(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> dict | None:
    cursor = con.execute(sql, list(params))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))
