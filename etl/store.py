"""Writing the DuckDB file: schema from etl/schema.sql, rows by column name, atomic swap."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd

from etl.errors import BuildError

SCHEMA = Path(__file__).with_name("schema.sql")


def schema_version(schema: Path = SCHEMA) -> str:
    """The schema's own fingerprint: a database whose recorded version differs has other
    tables or columns than the code expects, whatever else is the same."""
    return hashlib.sha256(Path(schema).read_bytes()).hexdigest()[:16]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def frame(table: str, columns: Sequence[str], rows: Sequence[Mapping[str, object]]):
    """Rows as a frame in the table's column order. A row that lacks a column or has one
    the table does not know is a programming error, reported by table and column name,
    never a silently shifted value."""
    expected = set(columns)
    for row in rows:
        keys = set(row)
        if keys != expected:
            missing = sorted(expected - keys)
            extra = sorted(keys - expected)
            raise ValueError(
                f"table {table}: row "
                + (f"lacks column(s) {', '.join(missing)}" if missing else "")
                + ("; " if missing and extra else "")
                + (f"has unknown column(s) {', '.join(extra)}" if extra else "")
            )
    return pd.DataFrame.from_records(list(rows), columns=list(columns))


def write_database(
    path: Path, tables: Mapping[str, Sequence[Mapping[str, object]]], schema: Path = SCHEMA
) -> None:
    """Create the database next to `path` and swap it in only when complete.

    A failure anywhere leaves the previous file untouched: readers never see a
    half-written database, and a bad input never costs the last good build.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        probe = path.with_name(f".{path.name}.probe-{os.getpid()}")
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise BuildError(path, f"cannot write the database here ({exc.strerror})") from None
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    _remove(tmp)
    remove_stale_temp_files(path)
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(Path(schema).read_text(encoding="utf-8"))
            for table, rows in tables.items():
                columns = table_columns(con, table)
                data = frame(table, columns, rows)  # noqa: F841 (read by DuckDB)
                names = ", ".join(f'"{c}"' for c in columns)
                con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM data")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        _remove(tmp.with_name(tmp.name + ".wal"))


def remove_stale_temp_files(path: Path) -> None:
    """Temp files of builds whose process is gone (killed mid-build), with their WAL."""
    for tmp in path.parent.glob(f".{path.name}.tmp-*"):
        pid = tmp.name.rsplit("-", 1)[-1].removesuffix(".wal")
        if pid.isdigit() and not _alive(int(pid)):
            _remove(tmp)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
