"""Writing the DuckDB file: schema from etl/schema.sql, atomic swap into place."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA = Path(__file__).with_name("schema.sql")
SCHEMA_VERSION = "1"


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]


def write_database(path: Path, tables: Mapping[str, Sequence[Sequence]]) -> None:
    """Create the database next to `path` and swap it in only when complete.

    A failure anywhere leaves the previous file untouched: readers never see a
    half-written database, and a bad input never costs the last good build.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    _remove(tmp)
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute(SCHEMA.read_text(encoding="utf-8"))
            for table, rows in tables.items():
                columns = table_columns(con, table)
                frame = pd.DataFrame(list(rows), columns=columns)  # noqa: F841 (read by DuckDB)
                con.execute(f"INSERT INTO {table} SELECT * FROM frame")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    finally:
        _remove(tmp.with_name(tmp.name + ".wal"))


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
