"""Reading the project's data files (CSV) with errors that name file and row."""

from __future__ import annotations

import csv
from pathlib import Path

from etl.errors import BuildError


def read_csv(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows numbered as a spreadsheet shows them (header is row 1)."""
    path = Path(path)
    if not path.is_file():
        raise BuildError(path, "file not found")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise BuildError(path, "missing column(s) " + ", ".join(missing))
            return [
                (n, {k: (v or "").strip() for k, v in row.items() if k})
                for n, row in enumerate(reader, start=2)
            ]
    except UnicodeDecodeError as exc:
        raise BuildError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
