"""A citable data release of a built database (issue 28): `python -m etl publish OUT/`.

Researchers and journalists want the data itself, versioned and citable, not a CSV of
one filtered view. A release is:

- a Frictionless Data Package v2 (`datapackage.json`): every table as CSV and Parquet
  under `data/`, each with its schema (types and descriptions from etl/schema.sql,
  primary and foreign keys from the database) and its licences (data/publish.toml);
- `CITATION.cff`, DCAT-AP.de metadata (`dcat.jsonld`) with the political geocoding of
  the region and its 53 municipalities, and a changelog against a previous release.

The same database gives byte-identical data files: rows are written in key order and
the only timestamp is the package's `created`. The version's patch number rises only
when the data changed against the previous release.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import paths
from etl.errors import BuildError
from etl.store import SCHEMA

CONFIG = paths.DATA / "publish.toml"
LEFT_OUT = re.compile(r"^(council_|build_info$)")  # the import's copy; the build's own notes
# Which licences apply to a table (data/publish.toml [licenses]): the parties' words are
# quoted, the boundaries are the BKG's, everything else is this project's annotation.
PROGRAMME_TABLES = {"document_lines", "sections", "pledges", "reviews"}
BOUNDARY_TABLES = {"municipalities"}
TYPES = {
    "VARCHAR": "string",
    "INTEGER": "integer",
    "BIGINT": "integer",
    "DOUBLE": "number",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP": "datetime",
    "VARCHAR[]": "array",
}
# Frictionless reads Parquet through fastparquet, which gives a NULL date as pandas' NaT,
# on which its date check fails (frictionless 5.18); the Parquet resources' date columns
# are declared "any" (they are Parquet DATE columns), the CSV resources' are "date".
PARQUET_DATES = "any"
PARQUET = "-parquet"  # a Parquet resource's name: its table's, with this
_COLUMN = re.compile(r"^\s+(\w+)\s+[A-Z][A-Z0-9_\[\]]*[^-]*--\s*(.+)$")
_TABLE = re.compile(r"^CREATE TABLE (\w+) \(")


@dataclass(frozen=True)
class Release:
    out: Path
    version: str
    changed: bool  # against the previous release (always, without one)
    resources: int


def load_config(path: Path = CONFIG) -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BuildError(path, f"cannot read the release settings ({exc})") from None


def column_notes(schema_text: str) -> dict[tuple[str, str], str]:
    """(table, column) -> the comment beside the column in etl/schema.sql."""
    notes: dict[tuple[str, str], str] = {}
    table = None
    for line in schema_text.splitlines():
        if m := _TABLE.match(line):
            table = m.group(1)
        elif line.startswith(")"):
            table = None
        elif table and (m := _COLUMN.match(line)):
            notes[(table, m.group(1))] = m.group(2).strip()
    return notes


def tables(con) -> list[str]:
    names = [
        r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()
    ]
    return [n for n in names if not LEFT_OUT.match(n)]


def table_schema(con, table: str, notes: dict, suffix: str = "") -> dict:
    """A Frictionless Table Schema: fields with types and descriptions, the primary key and
    the foreign keys (to the resources of the same format: `suffix`)."""
    fields = []
    for name, kind in column_types(con, table):
        field = {"name": name, "type": TYPES.get(kind, "any")}
        if suffix and field["type"] == "date":  # Parquet: see PARQUET_DATES
            field["type"] = PARQUET_DATES
        if (table, name) in notes:
            field["description"] = notes[(table, name)]
        fields.append(field)
    schema: dict = {"fields": fields}
    keys = con.execute(
        "SELECT constraint_type, constraint_column_names, referenced_table, "
        "referenced_column_names FROM duckdb_constraints() WHERE table_name = ? "
        "AND constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') ORDER BY constraint_index",
        [table],
    ).fetchall()
    for kind, columns, other, other_columns in keys:
        if kind == "PRIMARY KEY":
            schema["primaryKey"] = list(columns)
        elif not LEFT_OUT.match(other) and not (suffix and _empty(con, other)):
            schema.setdefault("foreignKeys", []).append(
                {
                    "fields": list(columns),
                    "reference": {"resource": other + suffix, "fields": list(other_columns)},
                }
            )
    return schema


def _empty(con, table: str) -> bool:
    return not con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def licences(table: str, config: dict) -> list[dict]:
    kinds = ["annotations"]
    if table in PROGRAMME_TABLES:
        kinds.append("programmes")
    if table in BOUNDARY_TABLES:
        kinds.append("boundaries")
    return [
        {k: v for k, v in config["licenses"][kind].items() if k in ("name", "title", "path")}
        for kind in kinds
    ]


def column_types(con, table: str) -> list[tuple[str, str]]:
    """(name, type) of the table's columns, in their order."""
    return con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
        "ORDER BY column_index",
        [table],
    ).fetchall()


def write_table(con, table: str, folder: Path) -> tuple[Path, Path]:
    """The table as CSV (lists as JSON arrays, as Frictionless reads an array field) and
    as Parquet, rows in the order of all their columns."""
    found = column_types(con, table)
    order = ", ".join(f'"{c}"' for c, _ in found)
    shown = ", ".join(
        f'to_json("{c}")::VARCHAR AS "{c}"' if kind == "VARCHAR[]" else f'"{c}"'
        for c, kind in found
    )
    csv_path, parquet_path = folder / f"{table}.csv", folder / f"{table}.parquet"
    con.execute(
        f"COPY (SELECT {shown} FROM {table} ORDER BY {order}) TO '{csv_path}' "
        "(HEADER, DELIMITER ',', QUOTE '\"', DATEFORMAT '%Y-%m-%d')"
    )
    con.execute(
        f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{parquet_path}' "
        "(FORMAT parquet, COMPRESSION zstd)"
    )
    return csv_path, parquet_path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def resources(con, out: Path, config: dict, notes: dict) -> list[dict]:
    """Every table as a CSV resource (with its size and hash) and, unless it is empty, a
    Parquet twin (Frictionless reads Parquet row by row: it cannot check a size or hash
    there, so the twin's SHA-256 is given as `sha256`, and it rejects a file without rows)."""
    folder = out / "data"
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for table in tables(con):
        csv_path, parquet_path = write_table(con, table, folder)
        common = {"licenses": licences(table, config)}
        found.append(
            {
                "name": table,
                "path": str(csv_path.relative_to(out)),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": csv_path.stat().st_size,
                "hash": "sha256:" + sha256(csv_path),
                **common,
                "schema": table_schema(con, table, notes),
            }
        )
        if _empty(con, table):
            parquet_path.unlink()
            continue
        found.append(
            {
                "name": table + PARQUET,
                "path": str(parquet_path.relative_to(out)),
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "sha256": sha256(parquet_path),
                **common,
                "schema": table_schema(con, table, notes, PARQUET),
            }
        )
    return found


def data_digest(found: list[dict]) -> str:
    """One fingerprint of every data file: a release whose data is unchanged keeps it."""
    hashes = (r.get("hash") or r["sha256"] for r in found)
    return hashlib.sha256("".join(hashes).encode()).hexdigest()


def publish(
    db: Path,
    out: Path,
    previous: Path | None = None,
    config_path: Path = CONFIG,
    also: Callable[[Path], object] | None = None,
):
    """Write the release of `db` into `out`; `previous` is the folder of the last release,
    for the version and the changelog; `also(folder)` adds to the release before it is
    swapped in (the static site)."""
    from etl import release  # the metadata writers

    config = load_config(config_path)
    final = Path(out)
    if not Path(db).is_file():
        raise BuildError(db, "no such database (build it first: python -m etl build)")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise BuildError(db, f"cannot open the database ({str(exc).splitlines()[0]})") from None
    out = final.with_name(f".{final.name}.tmp")  # swapped in when complete
    shutil.rmtree(out, ignore_errors=True)
    try:
        notes = column_notes(Path(SCHEMA).read_text(encoding="utf-8"))
        found = resources(con, out, config, notes)
        digest = data_digest(found)
        before = release.read_package(previous) if previous else None
        version = release.next_version(config["version"], before, digest)
        package = release.package(con, config, found, version, digest)
        release.write_json(out / "datapackage.json", package)
        (out / "CITATION.cff").write_text(release.citation(config, package), encoding="utf-8")
        release.write_json(out / "dcat.jsonld", release.dcat(con, config, package))
        changes = release.changes(con, previous) if previous else None
        (out / "CHANGELOG.md").write_text(
            release.changelog(version, before, changes), encoding="utf-8"
        )
        if also is not None:
            also(out)
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)  # the previous release stays as it was
        raise
    finally:
        con.close()
    _swap(out, final)
    changed = before is None or before.get("dataSha256") != digest
    return Release(final, version, changed, len(found))


def _swap(new: Path, final: Path) -> None:
    """The finished release in the place of the old one (if any): never a half of each."""
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)
