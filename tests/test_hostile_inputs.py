"""Hostile data files (issue 25): one line that names the file and the problem, called on
the loaders directly (no build)."""

import shutil

import pytest

from etl import paths
from etl.datafiles import read_csv
from etl.errors import BuildError
from etl.registry import load_registry


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
