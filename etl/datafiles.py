"""Reading the project's data files (text, CSV) with errors that name file and row."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

from etl.errors import BuildError


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


def read_csv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows numbered as a spreadsheet shows them (header is row 1)."""
    reader = csv.DictReader(io.StringIO(read_utf8(path), newline=""))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise BuildError(path, "missing column(s) " + ", ".join(missing))
    return [
        (n, {k: (v or "").strip() for k, v in row.items() if k})
        for n, row in enumerate(reader, start=2)
    ]
