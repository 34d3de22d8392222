"""The database build, run apart from the server: one child process per database, with a
time limit, and no second try of the same failed inputs before a back-off.

A build in the server's own process shares its interpreter lock: one slow regular
expression from a data file froze `/_stcore/health` and every visitor's page. In a child
process the server stays free; the child is killed at the time limit, and the pages serve
the last good database meanwhile (dashboard/data.py decides what a page shows).

The child is `python -m dashboard.build_child DB` (a module of its own, so that this one
does not import dashboard.data, which imports it): it reads the pickled `Inputs` from
stdin, builds under the build lock (data.ensure_database) and writes one line per
document, `PROGRESS {json}`, to stdout; everything else it prints is log text.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from etl import paths

LOG = logging.getLogger("ruhr.dashboard")
LIMIT_ENV = "RUHR_BUILD_LIMIT"  # seconds; tests and small hosts set their own
TIME_LIMIT = 600.0  # the two programmes build in ~5 s here; Community Cloud has 0.08+ cores
RETRY_AFTER = 300.0  # seconds before the same failed inputs are built again
PROGRESS = "PROGRESS "


def time_limit() -> float:
    return float(os.environ.get(LIMIT_ENV, TIME_LIMIT))


@dataclass
class Job:
    """One child build of one database for one inputs digest."""

    digest: str
    process: subprocess.Popen
    started: float = field(default_factory=time.monotonic)
    progress: tuple | None = None  # (done, total, document_id, pledges) of the last line
    failure: str | None = None  # one line for the log, once the child has failed
    finished: float | None = None

    @property
    def running(self) -> bool:
        return self.finished is None

    def retry_due(self) -> bool:
        return self.finished is not None and time.monotonic() - self.finished > RETRY_AFTER


_jobs: dict[str, Job] = {}
_jobs_lock = threading.Lock()


def start(db: Path, inputs, digest: str) -> Job:
    """The running or last build of `db` for these inputs; a new one only when there is
    none, when the inputs changed, or after a success (the database has gone since) or
    a failure whose back-off has passed."""
    with _jobs_lock:
        job = _jobs.get(str(db))
        if job and job.digest == digest and (job.running or (job.failure and not job.retry_due())):
            return job
        job = _launch(db, inputs, digest)
        _jobs[str(db)] = job
        return job


def _launch(db: Path, inputs, digest: str) -> Job:
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard.build_child", str(db)],
        cwd=paths.ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    job = Job(digest, process)
    threading.Thread(target=_watch, args=(job, db, pickle.dumps(inputs)), daemon=True).start()
    return job


def _watch(job: Job, db: Path, inputs: bytes) -> None:
    """Feed the child, follow its progress, kill it at the time limit, note how it ended."""
    timer = threading.Timer(time_limit(), job.process.kill)
    timer.start()
    output = []
    try:
        job.process.stdin.write(inputs.hex())
        job.process.stdin.close()
        for line in job.process.stdout:
            if line.startswith(PROGRESS):
                job.progress = tuple(json.loads(line[len(PROGRESS) :]))
            else:
                output.append(line.rstrip("\n"))
        code = job.process.wait()
    except (OSError, ValueError) as exc:  # the child died before it read its inputs
        code, output = -1, [*output, str(exc)]
    finally:
        timer.cancel()
    if code != 0:
        limit = time_limit()
        overtime = time.monotonic() - job.started >= limit
        job.failure = (
            f"stopped after the time limit of {limit:g} s"
            if overtime
            else (next((line for line in reversed(output) if line.strip()), f"exit code {code}"))
        )
        LOG.error("building %s failed: %s\n%s", db, job.failure, "\n".join(output[-40:]))
    job.finished = time.monotonic()
