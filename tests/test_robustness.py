"""A public app that stays up: one test per defect found by the attack-and-fault run
(issue 16): the build on odd but valid input, confinement and types of the registry,
safe exports, escaped party names, a database that heals, no tracebacks, clean-up."""

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import export, views
from etl import paths
from etl.build import build
from etl.errors import BuildError
from tests.conftest import add_programme, inputs_for, query

APP = str(paths.ROOT / "dashboard" / "app.py")


# 4. The build crashes on valid input (fallback topic without a score).


def test_a_pledge_without_topic_words_in_a_chapter_without_prior_builds(tmp_path, data_copy):
    add_programme(
        data_copy,
        "geheim-2030",
        "geheim",
        "Geheim",
        "1. GEHEIM\n\n• Wir fordern das Passwort hunter2 in Herten.\n",
        file_format="pdf-text",
    )
    db = tmp_path / "g.duckdb"
    build(db, inputs_for(data_copy))
    rows = query(db, "SELECT topic_id FROM pledges WHERE party_id = 'geheim'")
    assert rows == [("region_governance",)]


# 8. No confinement, and tracebacks instead of lines.


def _set(data, key_line: str) -> None:
    """Replace the Volt entry's `file` line (or add a line after it)."""
    registry = data / "sources.toml"
    text = registry.read_text(encoding="utf-8")
    anchor = 'file = "manifestos/volt_ruhr_2025.md"\n'
    assert anchor in text
    registry.write_text(text.replace(anchor, key_line, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('file = "/etc/passwd"\n', r"file must lie inside .*data"),
        ('file = "../../etc/passwd"\n', r"file must lie inside .*data"),
        ("file = 42\n", r"file must be text"),
        (
            'file = "manifestos/volt_ruhr_2025.md"\nlost_headings = ["x"]\n',
            r"lost_headings must be a list of tables with title and starts_with",
        ),
        (
            ('self_names = ["Volt"]', 'self_names = "Evil"'),
            r"self_names must be a list of text",
        ),
        (
            ('skip_sections = [\n  "Ruhrparlament Made In Europe",', "skip_sections = [\n  1,"),
            r"skip_sections must be a list of text",
        ),
    ],
    ids=["absolute", "dot-dot", "not-text", "lost-headings", "self-names", "skip-sections"],
)
def test_registry_entries_are_confined_and_typed(tmp_path, data_copy, line, message):
    if isinstance(line, tuple):  # a key the entry has already: replaced
        registry = data_copy / "sources.toml"
        text = registry.read_text(encoding="utf-8")
        assert line[0] in text
        registry.write_text(text.replace(line[0], line[1], 1), encoding="utf-8")
    else:
        _set(data_copy, line)
    with pytest.raises(BuildError, match=message) as caught:
        build(tmp_path / "x.duckdb", inputs_for(data_copy))
    assert "\n" not in str(caught.value) and "document #2 (volt-2025)" in str(caught.value)


def test_a_huge_year_is_one_clear_line(tmp_path, data_copy):
    registry = data_copy / "sources.toml"
    text = registry.read_text(encoding="utf-8").replace("year = 2025", "year = 99999999999999999")
    registry.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match=r"year must be a year between 1946 and 2100"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy))


def test_a_symlink_out_of_data_is_refused(tmp_path, data_copy):
    outside = tmp_path / "outside.md"
    outside.write_text("# 1 X\n\n- Wir bauen Radwege.\n", encoding="utf-8")
    link = data_copy / "manifestos" / "link.md"
    link.symlink_to(outside)
    _set(data_copy, 'file = "manifestos/link.md"\n')
    with pytest.raises(BuildError, match=r"file must lie inside .*data"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy))


def test_nul_bytes_in_a_programme_are_refused(tmp_path, data_copy):
    (data_copy / "manifestos" / "volt_ruhr_2025.md").write_text(
        "# 1 X\n\n- Wir bauen\x00 Radwege.\n", encoding="utf-8"
    )
    with pytest.raises(BuildError, match=r"volt_ruhr_2025.md: NUL byte at offset"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy))


def test_the_cli_prints_one_line_for_a_target_it_cannot_write(tmp_path):
    blocker = tmp_path / "a-file"  # a file where the folder should be: unwritable, even as root
    blocker.write_text("x", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--db", str(blocker / "x.duckdb")],
        cwd=paths.ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"error: {blocker / 'x.duckdb'}: cannot write the database here (File exists)"
    ]


def test_a_lock_that_cannot_be_written_beside_the_database_goes_nowhere_else(tmp_path):
    from dashboard import data

    db = tmp_path / "ruhr.duckdb"
    (tmp_path / ".ruhr.duckdb.lock").mkdir()  # the lock file cannot be opened there
    temp = Path(tempfile.gettempdir())
    temp_before = set(temp.glob("ruhr-*.lock"))
    with pytest.raises(BuildError, match=r"\.ruhr\.duckdb\.lock: cannot write the build lock"):
        with data.build_lock(db, timeout=1):
            pass
    assert set(temp.glob("ruhr-*.lock")) == temp_before


def test_a_second_session_gives_up_waiting_after_the_timeout(tmp_path):
    from dashboard import data

    db = tmp_path / "ruhr.duckdb"
    with data.build_lock(db), pytest.raises(TimeoutError):
        with data.build_lock(db, timeout=0.3):
            pass


# 7. Super-linear time on odd but legal input: bounded sizes, a clear line.


def test_an_overlong_line_is_one_clear_line(tmp_path, data_copy):
    (data_copy / "manifestos" / "volt_ruhr_2025.md").write_text(
        "# 1 X\n\n" + "[" * 300_000 + "\n", encoding="utf-8"
    )
    with pytest.raises(BuildError, match=r"volt_ruhr_2025.md: line 3 is longer than"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy))


def test_joining_a_hundred_thousand_lines_keeps_every_line():
    """What the join makes of many lines, all of it (its time: benchmarks/bench_linear.py)."""
    from etl.parse.textclean import join_lines

    lines = ["Wir bauen Rad-", "wege im Revier"] * 50_000
    assert join_lines(lines) == " ".join(["Wir bauen Radwege im Revier"] * 50_000)


# 5. Formula injection in the exports.


def test_exports_never_carry_a_live_formula():
    table = pd.DataFrame(
        {
            "Text": ['=HYPERLINK("http://x","klick")', "+1", "-2", "@SUM(A1)", "harmlos"],
            "Zahl": [1, 2, 3, 4, 5],
        }
    )
    csv = export.to_csv(table).decode("utf-8-sig")
    for cell in ["=HYPERLINK", "+1", "-2", "@SUM"]:
        assert f"'{cell}" in csv
    assert "\nharmlos;" in csv.replace("\r\n", "\n")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.to_excel(table))).active
    values = [sheet.cell(row=r, column=1) for r in range(2, 7)]
    assert all(c.data_type == "s" for c in values)
    assert values[0].value.startswith("'=") and values[4].value == "harmlos"
    assert sheet.cell(row=2, column=2).value == 1  # numbers stay numbers


# 6. Markdown injection through party_name.


def test_markdown_in_a_party_name_is_shown_as_text(tmp_path, data_copy, monkeypatch):
    add_programme(
        data_copy,
        "boese-2030",
        "boese",
        "![i](/xss-marker)",
        "# 1 Mobilität\n\n## Unsere Ziele auf einem Blick\n\n- Nachtbusse in Herten\n",
        self_names=("Böse",),
    )
    db = tmp_path / "b.duckdb"
    build(db, inputs_for(data_copy))
    monkeypatch.setenv("RUHR_DB", str(db))
    monkeypatch.setenv("RUHR_DB_AS_IS", "1")
    for params in ({"ags": "05562020"}, {"view": "vergleich", "a": "boese", "b": "spd"}):
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception
        labels = [m.label for m in at.metric] + [e.label for e in at.expander]
        labels += [str(m.value) for m in at.markdown]
        assert not [x for x in labels if "![i](/xss-marker)" in x]
        assert any(views.md_escape("![i](/xss-marker)") in x for x in labels)


# 2, 3. A database that heals, and no tracebacks.


def _app(db, monkeypatch, inputs=None):
    from dashboard import data

    monkeypatch.setenv("RUHR_DB", str(db))
    if inputs is not None:
        original = data.Inputs
        monkeypatch.setattr(data, "Inputs", lambda: inputs)
        assert original is not None
    return AppTest.from_file(APP, default_timeout=120).run()


def test_a_truncated_database_is_rebuilt(tmp_path, monkeypatch):
    db = tmp_path / "ruhr.duckdb"
    build(db)
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.truncate(size // 2)
    at = _app(db, monkeypatch)
    assert not at.exception
    assert any(x.startswith("Alle Versprechen (") for x in [s.value for s in at.subheader])
    assert db.stat().st_size > size // 2


def test_a_failed_rebuild_keeps_serving_the_last_good_database(tmp_path, data_copy, monkeypatch):
    db = tmp_path / "ruhr.duckdb"
    build(db, inputs_for(data_copy))
    (data_copy / "manifestos" / "spd_ruhr_2020.txt").write_bytes(b"\xe4 kaputt")
    at = _app(db, monkeypatch, inputs_for(data_copy))
    assert not at.exception
    notices = [w.value for w in at.warning]
    assert any("die Aktualisierung ist fehlgeschlagen" in n for n in notices)
    assert any(x.startswith("Alle Versprechen (") for x in [s.value for s in at.subheader])
    page = "\n".join(str(getattr(e, "value", "")) for e in at.main)
    assert "Traceback" not in page and str(paths.ROOT) not in page


def test_when_nothing_can_be_served_the_page_says_so_in_one_sentence(
    tmp_path, data_copy, monkeypatch
):
    db = tmp_path / "ruhr.duckdb"  # no database, and inputs that cannot be built
    (data_copy / "manifestos" / "spd_ruhr_2020.txt").write_bytes(b"\xe4 kaputt")
    at = _app(db, monkeypatch, inputs_for(data_copy))
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Die Daten können gerade nicht geladen werden. Bitte versuchen Sie es später erneut."
    ]


# 9. Leftovers.


def test_a_build_removes_temp_files_of_dead_processes(tmp_path):
    db = tmp_path / "ruhr.duckdb"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".ruhr.duckdb.tmp-{dead.stdout.strip()}"
    stale.write_bytes(b"half a database")
    (tmp_path / (stale.name + ".wal")).write_bytes(b"wal")
    build(db)
    assert not stale.exists() and not (tmp_path / (stale.name + ".wal")).exists()


def test_the_lock_file_is_ignored_by_git():
    ignored = (paths.ROOT / ".gitignore").read_text(encoding="utf-8")
    assert ".ruhr.duckdb.lock" in ignored or "*.lock" in ignored


def test_a_repeated_url_parameter_gets_the_note():
    from dashboard.filters import Valid, parse

    valid = Valid(frozenset({"spd", "volt"}), frozenset(), frozenset(), frozenset())
    f = parse({"party": ["spd", "volt"], "basemap": ["none", "light"]}, valid)
    assert f.parties == ("spd", "volt") and f.basemap == "none"  # nothing silently lost
    assert "party" in f.notes and "basemap" in f.notes


def test_stale_database_copies_are_not_left_by_a_failed_build(tmp_path, data_copy):
    db = tmp_path / "ruhr.duckdb"
    (data_copy / "manifestos" / "spd_ruhr_2020.txt").unlink()
    with pytest.raises(BuildError):
        build(db, inputs_for(data_copy))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ruhr")] == []
    shutil.rmtree(data_copy)


def test_a_first_start_and_an_export_write_nothing_outside_the_project(tmp_path):
    """A fresh database built by the app's child process, and a PNG export: the home and
    temp folders stay empty (matplotlib's font cache goes to data/.cache/matplotlib)."""
    home, temp = tmp_path / "home", tmp_path / "temp"
    home.mkdir()
    temp.mkdir()
    script = (
        "from pathlib import Path; import sys\n"
        "from dashboard import data, export_map\n"
        "served = data.serve_database(Path(sys.argv[1]))\n"
        "assert served is not None and served.notice is None\n"
        "export_map.warm()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLCONFIGDIR"}
    env.update(HOME=str(home), TMPDIR=str(temp), XDG_CACHE_HOME=str(home / ".cache"))
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "db" / "ruhr.duckdb")],
        cwd=paths.ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.name for p in (tmp_path / "db").iterdir()) == [
        ".ruhr.duckdb.lock",
        "ruhr.duckdb",
    ]
    assert list(home.rglob("*")) == [] and list(temp.rglob("*")) == []
    assert (paths.DATA / ".cache" / "matplotlib").is_dir()
