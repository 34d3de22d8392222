"""The build end to end: a real DuckDB file, atomic, deterministic, and strict about input."""

import hashlib

import duckdb
import pytest

from etl import cli
from etl.build import build
from etl.errors import BuildError
from tests.conftest import add_programme, inputs_for, query

TABLES = [
    "parties",
    "documents",
    "topics",
    "pledges",
    "pledge_topics",
    "pledge_places",
    "pledge_similarity",
]


def dump(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
    finally:
        con.close()


def test_tables_hold_parties_documents_topics_and_pledges(built_db):
    assert query(built_db, "SELECT party_id, name, color FROM parties ORDER BY 1") == [
        ("spd", "RuhrSPD", "#E3000F"),
        ("volt", "Volt Ruhr", "#502379"),
    ]
    docs = query(built_db, "SELECT document_id, party_id, year, source_file FROM documents")
    assert sorted(docs) == [
        ("spd-2020", "spd", 2020, "spd_ruhr_2020.txt"),
        ("volt-2025", "volt", 2025, "volt_ruhr_2025.md"),
    ]
    assert query(built_db, "SELECT count(*) FROM topics") == [(13,)]
    kinds = dict(query(built_db, "SELECT kind, count(*) FROM pledges GROUP BY kind"))
    assert kinds["bullet"] == 113 and kinds["goal"] == 63 and kinds["statement"] > 150


def test_every_pledge_has_a_primary_topic_first_among_at_most_three(built_db):
    rows = query(built_db, "SELECT topic_id, topic_ids, topic_evidence FROM pledges")
    for topic_id, topic_ids, evidence in rows:
        assert topic_ids[0] == topic_id and 1 <= len(topic_ids) <= 3
        assert evidence.startswith("{")
    orphans = query(
        built_db,
        "SELECT count(*) FROM pledges p LEFT JOIN pledge_topics t "
        "ON p.pledge_id = t.pledge_id AND t.rank = 1 WHERE t.topic_id IS DISTINCT FROM p.topic_id",
    )
    assert orphans == [(0,)]


def test_children_point_to_their_parent_bullet(built_db):
    rows = query(
        built_db,
        "SELECT c.text, p.text FROM pledges c JOIN pledges p ON c.parent_id = p.pledge_id",
    )
    assert len(rows) == 3 and all(parent.endswith("mit den Zielen:") for _, parent in rows)


def cli_build(db, *args, hash_seed="0"):
    """The build in a fresh interpreter, with its own order of sets and dicts of strings."""
    return cli.run("build", "--db", db, *args, env={"PYTHONHASHSEED": hash_seed})


def test_unchanged_inputs_give_identical_output_in_every_run(built_db, tmp_path):
    again = tmp_path / "again.duckdb"
    assert cli_build(again, hash_seed="1").returncode == 0
    assert dump(again) == dump(built_db)


def test_cli_builds_and_reports_timings(built_db, tmp_path):
    db = tmp_path / "cli.duckdb"
    done = cli_build(db, "--timings", hash_seed="2")
    assert done.returncode == 0, done.stderr
    counts = dict(query(built_db, "SELECT document_id, count(*) FROM pledges GROUP BY 1"))
    parts = ", ".join(f"{d} {counts[d]}" for d in ("spd-2020", "volt-2025"))
    assert f"built {db}: 2 documents, {sum(counts.values())} pledges ({parts})" in done.stdout
    for stage in ("load", "pledges", "topics", "places", "similarity", "store", "total"):
        assert stage in done.stdout
    assert dump(db) == dump(built_db)


def _previous(tmp_path):
    """A good database that a failing build must leave untouched."""
    db = tmp_path / "ruhr.duckdb"
    build(db)
    return db, hashlib.sha256(db.read_bytes()).hexdigest()


def _replace_registry_value(data, old, new):
    registry = data / "sources.toml"
    text = registry.read_text(encoding="utf-8")
    assert old in text
    registry.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (
            lambda d: (d / "manifestos" / "spd_ruhr_2020.txt").unlink(),
            r"spd_ruhr_2020.txt: file not found \(registry entry spd-2020\)",
        ),
        (
            lambda d: (d / "manifestos" / "volt_ruhr_2025.md").write_bytes(
                b"# Programm\n\xe4\xfc\n"
            ),
            r"volt_ruhr_2025.md: not UTF-8 text \(byte 0xe4 at offset 11\)",
        ),
        (
            lambda d: (d / "manifestos" / "volt_ruhr_2025.md").write_text(
                " \n\n", encoding="utf-8"
            ),
            r"volt_ruhr_2025.md: empty document",
        ),
        (
            lambda d: _replace_registry_value(d, 'format = "markdown"', 'format = "docx"'),
            r"sources.toml: document #2 \(volt-2025\): unknown format 'docx'",
        ),
        (
            lambda d: _replace_registry_value(d, 'party_color = "#502379"\n', ""),
            r"sources.toml: document #2 \(volt-2025\): missing required field 'party_color'",
        ),
        (
            lambda d: (d / "manifestos" / "volt_ruhr_2025.md").write_text(
                "# 01 Kapitel\n\nDas Ruhrgebiet ist schön.\n", encoding="utf-8"
            ),
            r"volt_ruhr_2025.md: no pledge found",
        ),
        (
            lambda d: (d / "sources.toml").write_text("[[document]\n", encoding="utf-8"),
            r"sources.toml: not valid TOML",
        ),
    ],
    ids=[
        "missing",
        "not-utf8",
        "empty",
        "unknown-format",
        "missing-field",
        "no-pledge",
        "bad-toml",
    ],
)
def test_bad_input_fails_with_one_clear_line_and_keeps_the_previous_database(
    tmp_path, data_copy, breakage, message
):
    db, before = _previous(tmp_path)
    breakage(data_copy)
    with pytest.raises(BuildError, match=message):
        build(db, inputs_for(data_copy))
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not list(tmp_path.glob(".ruhr.duckdb.tmp-*"))


def test_cli_failure_exits_non_zero_with_a_single_line(tmp_path, data_copy):
    db, before = _previous(tmp_path)
    (data_copy / "manifestos" / "spd_ruhr_2020.txt").unlink()
    done = cli.run("build", "--db", db, "--registry", data_copy / "sources.toml")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "spd_ruhr_2020.txt: file not found" in lines[0]
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_third_programme_needs_only_its_file_and_a_registry_entry(tmp_path, data_copy):
    add_programme(
        data_copy,
        "gruene-2030",
        "gruene",
        "Die Grünen",
        "# 1 Mobilität\n\n## Unsere Ziele auf einem Blick\n\n- Stadtbahn bis Herten\n"
        "- Radschnellweg RS1 fertigstellen\n\nDie Grünen fordern ein 365-Euro-Ticket. "
        "Das Revier ist groß.\n",
        colour="#1AA037",
        self_names=("Die Grünen", "Grünen"),
    )
    db = tmp_path / "three.duckdb"
    report = build(db, inputs_for(data_copy))
    assert report.documents["gruene-2030"] == 3
    rows = query(
        db, "SELECT kind, text, topic_id FROM pledges WHERE party_id = 'gruene' ORDER BY position"
    )
    assert rows == [
        ("goal", "Stadtbahn bis Herten", "mobilitaet"),
        ("goal", "Radschnellweg RS1 fertigstellen", "mobilitaet"),
        ("statement", "Die Grünen fordern ein 365-Euro-Ticket.", "mobilitaet"),
    ]
