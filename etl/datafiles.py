"""Reading the project's data files (text, TOML, CSV) with errors that name file, row
and column. Every CSV file is checked against its spec in etl/data_files.toml before a
loader sees a row, so the rules of a file are written once and documented from there."""

from __future__ import annotations

import csv
import datetime
import functools
import io
import math
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

from etl import kinds, patterns
from etl.errors import BuildError

SPECS = Path(__file__).with_name("data_files.toml")


def read_utf8(path: Path, what: str = "file") -> str:
    """A data file's text; a missing or non-UTF-8 file is a build error naming it."""
    path = Path(path)
    if not path.is_file():
        raise BuildError(path, f"{what} not found")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None


def read_toml(path: Path, what: str = "file") -> dict:
    """A TOML data file; missing, non-UTF-8 or malformed is a build error naming it."""
    try:
        return tomllib.loads(read_utf8(path, what))
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(path, f"not valid TOML ({exc})") from None


def tables(path: Path, raw: dict, name: str) -> list[dict]:
    """The entries of an array of tables (`[[name]]`); another type under that name (a
    typo such as `name = "x"`) is a build error, not a crash."""
    entries = raw.get(name, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise BuildError(path, f"{name} must be an array of tables ([[{name}]])")
    return entries


@functools.cache
def specs() -> dict[str, dict]:
    return tomllib.loads(SPECS.read_text(encoding="utf-8"))["files"]


def _number(low: float, high: float) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        try:
            number = float(value)
        except ValueError:
            return "is not a number"
        if not math.isfinite(number):  # "nan", "inf": fail later, or count silently
            return "is not a finite number"
        return None if low <= number <= high else f"is outside {low:g} … {high:g}"

    return check


def _regex(value: str) -> str | None:
    try:
        patterns.compile(value)
    except patterns.PatternError as exc:
        return f"is refused: {exc}"
    except re.error as exc:
        return f"is not a valid pattern ({exc})"
    return None


def _date(value: str) -> str | None:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return "is not a date (YYYY-MM-DD)"
    return None if len(value) == 10 else "is not a date (YYYY-MM-DD)"


def _matching(pattern: str, what: str) -> Callable[[str], str | None]:
    compiled = re.compile(pattern)
    return lambda value: None if compiled.fullmatch(value) else f"is not {what}"


TYPES: dict[str, Callable[[str], str | None]] = {
    "id": _matching(r"[a-z0-9][a-z0-9_-]*", "an id (lower-case letters, digits, _ and -)"),
    "text": lambda value: None,
    "ags": _matching(r"05\d{6}", "an NRW AGS (05 and six digits)"),
    "members": _matching(r"05\d{0,6}\*?(\s+05\d{0,6}\*?)*", "AGS or AGS prefixes with *"),
    "number": _number(float("-inf"), float("inf")),
    "lat": _number(50.3, 52.6),  # NRW
    "lon": _number(5.8, 9.5),
    "color": _matching(r"#[0-9A-Fa-f]{6}", "a colour like #RRGGBB"),
    "letter": _matching(r"\S", "one character"),
    "yesno": _matching(r"yes|no", "yes or no"),
    "year": _matching(r"(19|20)\d\d", "a year"),
    "regex": _regex,
    "glob": _matching(r".*[^*\s].*", "a pattern (more than *)"),
    "alternatives": _matching(r"[^|]+(\|[^|]+)*\|?", "alternatives separated by |"),
    "fingerprint": _matching(r"[0-9a-f]{12}", "a fingerprint (12 hex digits)"),
    "date": _date,
    "url": _matching(r"https?://[^\s<>\"]+", "an http or https address"),
}


def allowed_values(column: dict) -> tuple[str, ...]:
    allowed = column.get("allowed", ())
    return tuple(getattr(kinds, allowed)) if isinstance(allowed, str) else tuple(allowed)


def _check_cell(spec: dict, name: str, value: str) -> str | None:
    if not value:
        return f"column {name}: is empty" if spec.get("required") else None
    problem = TYPES[spec["type"]](value)
    if problem is None and "min" in spec and float(value) < spec["min"]:
        problem = f"is below {spec['min']:g}"
    allowed = allowed_values(spec)
    if problem is None and allowed and value not in allowed:
        problem = f"is not one of {', '.join(allowed)}"
    return None if problem is None else f"column {name}: {value!r} {problem}"


def read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows numbered as a spreadsheet shows them (header is row 1), checked against the
    file's spec: columns, types, allowed values, required cells, unique keys."""
    path = Path(path)
    spec = specs().get(path.name) or specs().get(f"{path.parent.name}/*{path.suffix}")
    if spec is None:
        raise BuildError(path, f"no spec in {SPECS.name}")
    reader = csv.DictReader(io.StringIO(read_utf8(path), newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise BuildError(path, f"not valid CSV ({exc})", row=1) from None
    missing = [
        c for c, rules in spec["columns"].items() if c not in header and not rules.get("optional")
    ]
    if missing:
        raise BuildError(path, "missing column(s) " + ", ".join(missing))
    rows = []
    seen: dict[tuple, int] = {}
    for n, raw in enumerate(_csv_rows(path, reader), start=2):
        row = {c: "" for c in spec["columns"]} | {k: (v or "").strip() for k, v in raw.items() if k}
        for name, column in spec["columns"].items():
            problem = _check_cell(column, name, row[name])
            if problem:
                raise BuildError(path, problem, row=n)
        key = tuple(row[c] for c in spec["unique"])
        if key in seen:
            shown = ", ".join(f"{c} {row[c]!r}" for c in spec["unique"])
            raise BuildError(path, f"duplicate {shown} (first in row {seen[key]})", row=n)
        seen[key] = n
        rows.append((n, row))
    return rows


def _csv_rows(path: Path, reader: csv.DictReader):
    """The reader's rows, with the csv module's own errors (a field over its 131,072
    characters) as build errors that name the row."""
    n = 2
    try:
        for row in reader:
            yield row
            n += 1
    except csv.Error as exc:
        raise BuildError(path, f"not valid CSV ({exc})", row=n) from None


def readme_table() -> str:
    """The README's table of the CSV data files, made from the specs."""
    lines = ["| file | what | columns | source note |", "| --- | --- | --- | --- |"]
    for name, spec in specs().items():
        columns = []
        for column, rules in spec["columns"].items():
            text = f"`{column}` {rules['type']}"
            allowed = allowed_values(rules)
            if allowed:
                text += " (" + "/".join(allowed) + ")"
            if rules.get("required"):
                text += ", required"
            if rules.get("optional"):
                text += ", may be left out"
            columns.append(text)
        note = "the file's source above" if spec["note"] == "file" else f"`{spec['note']}`"
        lines.append(f"| `{name}` | {spec['what']} | {'; '.join(columns)} | {note} |")
    return "\n".join(lines)
