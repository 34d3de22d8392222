"""One error type for everything a build can reject, so the CLI prints one clear line."""

from __future__ import annotations


class BuildError(Exception):
    """Bad input: names the file (and row, where there is one) and the problem."""

    def __init__(self, path: object, problem: str, row: object | None = None):
        self.path = str(path)
        self.problem = problem
        self.row = row
        where = self.path if row is None else f"{self.path}, row {row}"
        super().__init__(f"{where}: {problem}")
