"""Shared fixtures: the real programmes, parsed once, and one real build per session."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pytest

from etl import paths
from etl.build import Inputs, build
from etl.gazetteer import GeoInputs
from etl.parse import parse_document
from etl.pledges import extract_pledges, load_cues
from etl.registry import load_registry, read_document
from tests.serve import CHROMIUM, Contexts, chromium, streamlit

os.environ["RUHR_RAISE"] = "1"  # the app shows tracebacks to the tests, not a sentence
# Vectors of texts the committed cache lacks go to a private cache, not into data/.cache
os.environ.setdefault("RUHR_EMBED_CACHE", str(Path(tempfile.mkdtemp()) / "embeddings.npz"))


def query(db: Path, sql: str, params=()) -> list[tuple]:
    """Rows of one query against a built database, opened read-only and closed again."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def count(db: Path, where: str = "TRUE") -> int:
    """Pledges in a built database matching a condition."""
    return query(db, f"SELECT count(*) FROM pledges WHERE {where}")[0][0]


SHOWN = "commitment <> 'keine'"  # what the dashboard lists by default


@pytest.fixture(scope="session")
def cues():
    return load_cues(paths.DATA / "pledge_cues.toml")


@pytest.fixture(scope="session")
def sources():
    return {s.id: s for s in load_registry(paths.REGISTRY)}


@pytest.fixture(scope="session")
def blocks(sources, cues):
    return {
        sid: parse_document(read_document(s).content, s, cues.split).blocks
        for sid, s in sources.items()
    }


@pytest.fixture(scope="session")
def extracted(sources, blocks, cues):
    return {
        sid: extract_pledges(sid, blocks[sid], sources[sid].self_names, cues) for sid in sources
    }


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "ruhr.duckdb"
    build(db)
    return db


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ (without any database) for builds that break inputs on purpose."""
    target = tmp_path / "data"
    ignore = shutil.ignore_patterns("*.duckdb*", ".*tmp*", ".cache")
    shutil.copytree(paths.DATA, target, ignore=ignore)
    return target


def inputs_for(data: Path, geo: Path = paths.GEO) -> Inputs:
    """Inputs that read every data file from `data` and every geodata file from `geo`
    (copies a test may break), derived from the defaults so a new input file cannot be
    forgotten here; the schema and the code stay the project's own."""

    def moved(defaults):
        changes = {}
        for f in dataclasses.fields(defaults):
            path = getattr(defaults, f.name)
            if isinstance(path, Path) and path.is_relative_to(paths.DATA):
                changes[f.name] = data / path.relative_to(paths.DATA)
            elif isinstance(path, Path) and path.is_relative_to(paths.GEO):
                changes[f.name] = geo / path.relative_to(paths.GEO)
        return dataclasses.replace(defaults, **changes)

    return dataclasses.replace(moved(Inputs()), geo=moved(GeoInputs()))


def add_programme(
    data: Path,
    doc_id: str,
    party_id: str,
    party_name: str,
    text: str,
    *,
    colour: str = "#CC79A7",
    file_format: str = "markdown",
    self_names: tuple[str, ...] = (),
    file_name: str | None = None,
) -> Path:
    """A programme added the way a maintainer would: its file (written here unless `text`
    is empty) and one registry entry."""
    suffix = {"markdown": "md", "pdf": "pdf"}.get(file_format, "txt")
    file = data / "manifestos" / (file_name or f"{doc_id}.{suffix}")
    if text:
        file.write_text(text, encoding="utf-8")
    names = ", ".join(f'"{n}"' for n in (self_names or (party_name,)))
    with (data / "sources.toml").open("a", encoding="utf-8") as registry:
        registry.write(
            f'\n[[document]]\nid = "{doc_id}"\nparty_id = "{party_id}"\n'
            f'party_name = "{party_name}"\nparty_color = "{colour}"\nyear = 2030\n'
            f'title = "Testprogramm"\nformat = "{file_format}"\n'
            f'file = "manifestos/{file.name}"\nself_names = [{names}]\n'
            'goal_heading = "Unsere Ziele auf einem Blick"\n'
        )
    return file


# The app served by `streamlit run` on the test database, and headless Debian chromium
# (tests/serve.py), one of each per test worker: a start costs seconds, and every
# browser test opens its own page.
@pytest.fixture(scope="session")
def server(built_db):
    log = tempfile.TemporaryFile()
    try:
        app = paths.ROOT / "dashboard" / "app.py"
        env = {
            "RUHR_DB": str(built_db),
            # no reviewer password, whatever the machine's own secrets say: no Redaktion
            "STREAMLIT_SECRETS_FILES": str(built_db.with_name("no-secrets.toml")),
        }
        with streamlit(app, paths.ROOT, env, log=log) as (url, _):
            yield url
    except RuntimeError:
        log.seek(0)
        pytest.fail("streamlit did not start:\n" + log.read().decode()[-2000:])


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}; .ci/run must install it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with chromium() as instance:
        yield Contexts(instance)


# The fast tier (`make test-fast`) leaves out what starts servers, browsers, the app or
# full builds; `make test` runs everything, as CI does.
SLOW_MODULES = {
    "test_browser",
    "test_browser_report",
    "test_browser_hostile",
    "test_browser_review",
    "test_app",
    "test_startup",
    "test_rebuild",
    "test_robustness",
    "test_export",
    "test_real_programmes",  # the real corpus in ../shared: the fast tier reads made files
}
SLOW_FIXTURES = {"built_db", "data_copy", "server", "browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1]
        if module in SLOW_MODULES or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
