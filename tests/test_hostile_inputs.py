"""Hostile data files (issue 25): one line that names the file and the problem, called on
the loaders directly (no build)."""

import csv
import json
import shutil
from pathlib import Path

import pytest

from etl import cli, paths
from etl.build import build
from etl.datafiles import read_csv
from etl.errors import BuildError
from etl.registry import load_registry
from tests.conftest import add_programme, inputs_for
from tests.pdfmaker import column, make_pdf


def test_a_misspelt_registry_table_is_an_error_with_a_suggestion(tmp_path):
    registry = tmp_path / "sources.toml"
    text = (paths.DATA / "sources.toml").read_text(encoding="utf-8")
    typo = text.replace("\n[[document]]", "\n[[documents]]").replace("[[document.", "[[documents.")
    registry.write_text(typo, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        load_registry(registry)
    message = str(err.value)
    assert "sources.toml" in message and "'documents'" in message
    assert "did you mean [[document]]?" in message and "\n" not in message


@pytest.mark.parametrize("weight", ["nan", "inf", "-inf"])
def test_a_weight_must_be_a_finite_number(tmp_path, weight):
    lexicon = tmp_path / "topic_lexicon.csv"
    shutil.copy(paths.DATA / "topic_lexicon.csv", lexicon)
    lines = lexicon.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    first = lines[1].split(",")
    first[header.index("weight")] = weight
    lines[1] = ",".join(first)
    lexicon.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        read_csv(lexicon)
    message = str(err.value)
    assert "topic_lexicon.csv" in message and "row" in message and "weight" in message
    assert "not a finite number" in message or "outside" in message


# Hostile data files that used to crash the build with a traceback, or hang it. Each one
# is a build over copies of data/ and geo/ next to a database that must stay untouched.


def _replace_first(path: Path, key: str, value: str, after: str = "") -> None:
    """Set the first `key = …` line (after the text `after`) of a TOML file to `value`."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"{key} = ", text.index(after) if after else 0)
    end = text.index("\n", start)
    path.write_text(text[:start] + f"{key} = {value}" + text[end:], encoding="utf-8")


def _set_file(data: Path, value: str) -> None:
    registry = data / "sources.toml"
    text = registry.read_text(encoding="utf-8")
    anchor = 'file = "manifestos/volt_ruhr_2025.md"'
    registry.write_text(text.replace(anchor, f"file = {value}", 1), encoding="utf-8")


def _set_cell(path: Path, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _boundaries(geo: Path, change) -> None:
    path = geo / "rvr_municipalities.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection)
    path.write_text(json.dumps(collection), encoding="utf-8")


def _symlink_loop(data, geo):
    (data / "manifestos" / "loop.md").symlink_to(data / "manifestos" / "loop.md")
    _set_file(data, '"manifestos/loop.md"')


def _only_sections(geo, text):
    (geo / "role_cues.toml").write_text(text, encoding="utf-8")


def _truncated(path: Path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


HOSTILE = {
    "file: a symlink loop": (
        _symlink_loop,
        r"sources.toml: document #2 .*loop.md.* cannot be opened",
    ),
    "file: a NUL byte": (
        lambda data, geo: _set_file(data, r'"manifestos/a\u0000b.md"'),
        r"sources.toml: document #2 .* cannot be opened \(embedded null byte\)",
    ),
    "file: a 300-character name": (
        lambda data, geo: _set_file(data, '"' + "a" * 300 + '.md"'),
        r"sources.toml: document #2 .* cannot be opened \(File name too long\)",
    ),
    "csv: a field over 131,072 characters": (
        lambda data, geo: _set_cell(geo / "place_words.csv", "note", "x" * 140_000),
        r"place_words.csv, row 2: not valid CSV \(field larger than field limit",
    ),
    "rules: rule = 'x'": (
        lambda data, geo: (data / "commitment_rules.toml").write_text('rule = "x"\n'),
        r"commitment_rules.toml: rule must be an array of tables \(\[\[rule\]\]\)",
    ),
    "rules: pattern = 5": (
        lambda data, geo: _replace_first(data / "commitment_rules.toml", "pattern", "5"),
        r"commitment_rules.toml: rule #1 \(\w+\): bad pattern \(must be text, not int\)",
    ),
    "role cues: example = 5": (
        lambda data, geo: _only_sections(geo, "example = 5\n"),
        r"role_cues.toml: example must be an array of tables",
    ),
    "role cues: pattern = 5": (
        lambda data, geo: _replace_first(geo / "role_cues.toml", "pattern", "5", "[[example]]"),
        r"role_cues.toml: \[\[example\]\] #1 .*: bad pattern \(must be text, not int\)",
    ),
    "embeddings: truncated": (
        lambda data, geo: _truncated(data / "embeddings.npz"),
        r"embeddings.npz: not a readable embeddings file .*python -m etl embed",
    ),
    "embeddings: zeroed": (
        lambda data, geo: (data / "embeddings.npz").write_bytes(b"\0" * 4096),
        r"embeddings.npz: not a readable embeddings file",
    ),
    "embeddings: empty": (
        lambda data, geo: (data / "embeddings.npz").write_bytes(b""),
        r"embeddings.npz: not a readable embeddings file \(EOFError",
    ),
    "boundaries: features = 5": (
        lambda data, geo: _boundaries(geo, lambda c: c.update(features=5)),
        r"rvr_municipalities.geojson: 'features' must be a list, not int",
    ),
    "boundaries: geometry type Foo": (
        lambda data, geo: _boundaries(
            geo, lambda c: c["features"][0]["geometry"].update(type="Foo")
        ),
        r"rvr_municipalities.geojson: feature 1: .*Unknown geometry type",
    ),
    "backtracking cue in feature_cues.csv": (
        lambda data, geo: _set_cell(geo / "feature_cues.csv", "pattern", r"(\w+\s?)+!"),
        r"feature_cues.csv, row 2: column pattern: .* is refused: a repetition inside a "
        r"repetition can take exponential time",
    ),
    "backtracking scope in role_cues.toml": (
        lambda data, geo: _replace_first(
            geo / "role_cues.toml", "pattern", r"'(?P<scope>(\w+\s?)+)!'", "[[example]]"
        ),
        r"role_cues.toml: \[\[example\]\] #1 .*repetition inside a repetition",
    ),
    "backtracking alternatives in commitment_rules.toml": (
        lambda data, geo: _replace_first(data / "commitment_rules.toml", "pattern", "'(a|a)*b'"),
        r"commitment_rules.toml: rule #1 .*alternatives that start alike, repeated",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_data_file_is_one_line_and_the_old_database_stays(tmp_path, data_copy, case):
    geo = tmp_path / "geo"
    shutil.copytree(paths.GEO, geo)
    change, message = HOSTILE[case]
    change(data_copy, geo)
    db = tmp_path / "ruhr.duckdb"
    db.write_bytes(b"the last good database")
    with pytest.raises(BuildError, match=message) as caught:
        build(db, inputs_for(data_copy, geo))
    assert "\n" not in str(caught.value)
    assert db.read_bytes() == b"the last good database"


def test_the_cli_prints_one_line_for_a_truncated_pdf_and_keeps_the_old_database(
    tmp_path, data_copy
):
    """Nothing of a PDF library's own warnings stands before the error line."""
    whole = make_pdf(tmp_path / "whole.pdf", [column(72, 72, ["Wir bauen Radwege."] * 40)] * 3)
    bad = data_copy / "manifestos" / "bad.pdf"
    bad.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    add_programme(data_copy, "bad-2030", "bad", "Bad", "", file_format="pdf", file_name="bad.pdf")
    db = tmp_path / "ruhr.duckdb"
    db.write_bytes(b"the last good database")
    done = cli.run("build", "--registry", data_copy / "sources.toml", "--db", db)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith(f"error: {bad}: not a readable PDF")
    assert db.read_bytes() == b"the last good database"
