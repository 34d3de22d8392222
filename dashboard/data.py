"""The dashboard's database: built on first start, opened once per process, queries cached.

On Streamlit Community Cloud the app starts in a fresh container without
data/ruhr.duckdb. The first session has it built by a child process (rebuild.py); a
file lock makes concurrent builds wait instead of building twice, and the build itself
writes a temporary file and swaps it in, so no session ever opens a half-written
database. A database whose recorded input digest differs from the current inputs is
rebuilt the same way. Nothing is written outside data/ (the database, its lock, the
embeddings memo in data/.cache).
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import streamlit as st
from filelock import FileLock, Timeout

from dashboard import compare_queries, map_spec, queries, rebuild, review_queries, views
from dashboard.filters import Filters, read_by_queries
from dashboard.strings import t
from etl import paths
from etl.build import Inputs, build, files_digest, input_files
from etl.errors import BuildError
from etl.store import schema_version

LOG = logging.getLogger("ruhr.dashboard")
DB_ENV = "RUHR_DB"  # tests and benchmarks point the app at their own database
# use that database as it is: a benchmark's corpus, or replicas reading a file built elsewhere
AS_IS_ENV = "RUHR_DB_AS_IS"
COUNCIL_ENV = "RUHR_COUNCIL"  # data/council.duckdb elsewhere (`python -m etl council`)
REVIEWS_ENV = "RUHR_REVIEWS"  # the review records' folder (data/reviews; tests use a copy)


def app_inputs() -> Inputs:
    """The build's inputs as the app uses them: the project's data files, the review
    records of $RUHR_REVIEWS and the council records of $RUHR_COUNCIL where they are set."""
    moved = {
        name: Path(os.environ[env])
        for name, env in (("reviews", REVIEWS_ENV), ("council", COUNCIL_ENV))
        if os.environ.get(env)
    }
    return Inputs(**moved)


def db_path() -> Path:
    return Path(os.environ.get(DB_ENV, paths.DEFAULT_DB))


def build_info(db: Path) -> dict[str, str]:
    """What the database records about its build (inputs digest, schema version), or {}.
    Opening a DuckDB file takes ~45 ms, too much for every rerun, so the answer is kept
    while the file stays the same file (a rebuild replaces it: new inode and mtime)."""
    try:
        stat = db.stat()
    except OSError:
        return {}
    return _build_info(str(db), (stat.st_ino, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=16)
def _build_info(db: str, _stamp: tuple[int, int, int]) -> dict[str, str]:
    """{} for a file that is not a whole database: it cannot be opened, a block fails its
    checksum, or a table holds other than the rows the build recorded (a truncated copy).
    Read once per file (a few ms for the two programmes)."""
    try:
        con = open_database(db)
    except (duckdb.Error, OSError):
        return {}
    try:
        info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        counts = json.loads(info.get("row_counts", "{}"))
        for table, rows in counts.items():  # a full read: DuckDB checks every block
            if len(con.execute(f'SELECT * FROM "{table}"').fetchall()) != rows:
                return {}
        return info if counts else {}
    except (duckdb.Error, ValueError):
        return {}
    finally:
        con.close()


CATALOG = "ruhr"


def open_database(db: str) -> duckdb.DuckDBPyConnection:
    """The file as it is now, read-only: attached to a private in-memory database. A plain
    connect would share the process's open instance of the path (DuckDB caches them by
    path), which keeps reading the old file after a rebuild replaced it for as long as
    any connection to it lives."""
    con = duckdb.connect(":memory:")
    try:
        quoted = str(db).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS {CATALOG} (READ_ONLY)")
        con.execute(f"USE {CATALOG}")
    except duckdb.Error:
        con.close()
        raise
    return con


def current_digest(inputs: Inputs) -> str:
    """The inputs' digest, hashed again only when a file's size or modification time
    changed: every rerun asks, and reading every input file costs ~6 ms."""
    return _digest(str(inputs.code), tuple(_stamp(path) for path in input_files(inputs)))


@functools.lru_cache(maxsize=16)
def _digest(root: str, stamps: tuple) -> str:
    return files_digest(Path(root), [Path(stamp[0]) for stamp in stamps])


def _stamp(path) -> tuple:
    try:
        stat = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def recorded_digest(db: Path) -> str | None:
    return build_info(db).get("inputs_sha256")


def is_current(db: Path, digest: str) -> bool:
    """Built from these data files and this code, with the tables this code reads."""
    info = build_info(db)
    return info.get("inputs_sha256") == digest and info.get("schema_version") == schema_version()


def ensure_database(db: Path, inputs: Inputs | None = None, progress=None) -> str:
    """Build the database if it is missing, damaged or older than its inputs; returns the
    digest. `progress(done, total, document_id, pledges)` hears of each document built."""
    if os.environ.get(AS_IS_ENV) and db.exists():
        if build_info(db).get("schema_version") != schema_version():
            raise RuntimeError(f"{db}: built with another schema; rebuild it")
        return recorded_digest(db) or "as-is"
    inputs = inputs or app_inputs()
    current = current_digest(inputs)
    if is_current(db, current):
        return current
    with build_lock(db):  # a concurrent first session waits here
        if not is_current(db, current):
            build(db, inputs, progress=progress)
    return current


LOCK_TIMEOUT = 180.0  # seconds a session waits for another one's build


@contextlib.contextmanager
def build_lock(db: Path, timeout: float = LOCK_TIMEOUT):
    """One build at a time, across sessions and processes. The lock lives beside the
    database (data/.ruhr.duckdb.lock, listed in .gitignore); where it cannot be written,
    neither can the database: that is a build error, and nothing goes elsewhere. A
    session gives up after `timeout` instead of hanging."""
    path = db.with_name(f".{db.name}.lock")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        path.open("a").close()  # can the lock file be written here?
    except OSError as exc:
        raise BuildError(path, f"cannot write the build lock here ({exc.strerror})") from None
    try:
        with FileLock(path, timeout=timeout):
            yield
    except Timeout:
        raise TimeoutError(f"{db}: another build took over {timeout} s") from None


@dataclass(frozen=True)
class Serving:
    """The database a page shows, and a German notice when it is not the newest."""

    digest: str
    notice: str | None = None


WAIT = 10.0  # seconds a page waits for a rebuild before it shows the last good data


def serve_database(db: Path, inputs: Inputs | None = None, progress=None) -> Serving | None:
    """The database to show, built or healed when needed by a child process (rebuild.py),
    never on the thread that serves the page. A page waits for that build with a progress
    bar: without a database up to the time limit, with the last good one up to WAIT
    seconds, then shows it with a notice. When the build fails, the last good database is
    served with a notice and the error goes to the log only; None when there is nothing."""
    if os.environ.get(AS_IS_ENV) and db.exists():
        return Serving(ensure_database(db))
    inputs = inputs or app_inputs()
    current = current_digest(inputs)
    if is_current(db, current):
        return Serving(current)
    job = rebuild.start(db, inputs, current)
    waited = time.monotonic()
    patience = WAIT if build_info(db) else rebuild.time_limit() + 5
    while job.running and time.monotonic() - waited < patience:
        if progress and job.progress:
            progress(*job.progress)
        time.sleep(0.1)
    if is_current(db, current):
        return Serving(current)
    info = build_info(db)
    if not info:
        return None
    built = info.get("built_at", "")[:10]
    day = ".".join(reversed(built.split("-"))) if built else "?"
    notice = t("updating_data" if job.running else "stale_data", date=day)
    return Serving(info["inputs_sha256"], notice)


@st.cache_resource(show_spinner=False)
def connection(db: str, digest: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per process and database version; cursors per query."""
    return open_database(db)


def _cursor(db: str, digest: str):
    cursor = connection(db, digest).cursor()
    cursor.execute(f"USE {CATALOG}")  # a cursor starts in the in-memory database
    return cursor


@st.cache_resource(show_spinner=False)
def reference(db: str, digest: str) -> dict:
    """Shared, not copied (st.cache_data unpickles a copy on every rerun): read-only.
    Carries its database's digest, for caches of things rendered from it."""
    return {**queries.reference(_cursor(db, digest)), "digest": digest}


QUERIES = {
    "place_pledges": queries.place_pledges,
    "region_pledges": queries.region_pledges,
    "all_pledges": queries.all_pledges,
    "municipality_counts": queries.municipality_counts,
    "town_statuses": queries.town_statuses,
    "site_pledges": queries.site_pledges,
    "topic_shares": queries.topic_shares,
    "commitment_counts": queries.commitment_counts,
    "status_counts": queries.status_counts,
    "common_ground": compare_queries.common_ground,
    "similar_candidates": compare_queries.similar_candidates,
    "without_counterpart": compare_queries.without_counterpart,
    "town_tiers": compare_queries.town_tiers,
    "corrections": review_queries.corrections,
}


# Filters are frozen dataclasses: their repr is a cheap, exact cache key (Streamlit's own
# hashing of a dataclass costs ~2 ms a call).
FILTER_KEY = {Filters: lambda f: repr(f.without_notes())}
# Queries that read no place filter: choosing a town does not run them again.
PLACE_FREE = {"municipality_counts", "town_statuses", "town_tiers", "site_pledges", "all_pledges"}


def read_filters(name: str, f: Filters) -> Filters:
    """The filters as a query reads them: what only the view uses (dashboard/filters.py
    FIELDS) is left out of the cache key, and the town and site too for a query that
    ignores them."""
    f = read_by_queries(f)
    if name == "site_pledges":
        return replace(f, ags=None, site=None)
    return replace(f, ags=None) if name in PLACE_FREE else f


def query(db: str, digest: str, name: str, f: Filters):
    """A query of dashboard/queries.py by name, cached per database version and the
    filters it reads.

    The frames are shared by all sessions, not copied (st.cache_data would unpickle a copy
    on every rerun: ~30 ms for 4,000 pledges), so callers treat them as read-only."""
    return _query(db, digest, name, read_filters(name, f))


@st.cache_resource(show_spinner=False, max_entries=512, hash_funcs=FILTER_KEY)
def _query(db: str, digest: str, name: str, f: Filters):
    return QUERIES[name](_cursor(db, digest), f)


@st.cache_resource(show_spinner=False, max_entries=512, hash_funcs=FILTER_KEY)
def topic_counts(db: str, digest: str, name: str, f: Filters):
    """Pledges per topic and party of a query's result (chart and table), shared like it."""
    return views.topic_bars(query(db, digest, name, f), views.topic_labels(reference(db, digest)))


@st.cache_resource(show_spinner=False)
def map_base(db: str, digest: str) -> map_spec.Base:
    """What every map of this database shares whatever the filters (towns, markers,
    features' points, legend rows), prepared once per process and database."""
    ref = reference(db, digest)
    return map_spec.base(ref["municipalities"], ref["sites"], ref["features"])


@st.cache_resource(show_spinner=False)
def geometries() -> dict[str, dict]:
    """Boundaries as GeoJSON dicts, read once per process from the committed files."""
    return {
        name: json.loads((paths.GEO / f"rvr_{name}.geojson").read_text(encoding="utf-8"))
        for name in ("municipalities", "kreise", "outline")
    }


@st.cache_resource(show_spinner=False)
def pledge_ids(db: str, digest: str) -> list[str]:
    """The pledges a URL may name ("Im Programm lesen"), once per database version."""
    return queries.pledge_ids(_cursor(db, digest))


def pledge_source(db: str, digest: str, pledge_id: str) -> dict | None:
    return queries.pledge_source(_cursor(db, digest), pledge_id)


@st.cache_resource(show_spinner=False, max_entries=16)
def document_lines(db: str, digest: str, document_id: str) -> list[tuple[int, str]]:
    return queries.document_lines(_cursor(db, digest), document_id)


@st.cache_resource(show_spinner=False, max_entries=4)
def review_queue(db: str, digest: str) -> list:
    """The review queue of this database version (the "Redaktion" page)."""
    from etl.review_queue import from_database, load_queue_cues

    return from_database(_cursor(db, digest), load_queue_cues())


@st.cache_resource(show_spinner=False, max_entries=4)
def pledge_texts(db: str, digest: str) -> dict[str, str]:
    return review_queries.pledge_texts(_cursor(db, digest))


@st.cache_resource(show_spinner=False, max_entries=4)
def status_candidates(db: str, digest: str) -> dict[str, str]:
    """Checkable pledges of ended terms and their status labels, the not rated first."""
    return review_queries.status_candidates(_cursor(db, digest))


@st.cache_resource(show_spinner=False, max_entries=4)
def paper_candidates(db: str, digest: str, pledge_id: str) -> list[dict]:
    return review_queries.paper_candidates(_cursor(db, digest), pledge_id)
