"""The child process of dashboard/rebuild.py: `python -m dashboard.build_child DB` builds
the database from the pickled `Inputs` on stdin and reports each document on stdout."""

from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

from dashboard.data import ensure_database
from dashboard.rebuild import PROGRESS
from etl.errors import BuildError


def main(argv: list[str]) -> int:
    inputs = pickle.loads(bytes.fromhex(sys.stdin.read()))

    def report(done: int, total: int, document_id: str, pledges: int) -> None:
        print(PROGRESS + json.dumps([done, total, document_id, pledges]), flush=True)

    try:
        ensure_database(Path(argv[0]), inputs, progress=report)
    except BuildError as exc:
        print(f"error: {exc}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
