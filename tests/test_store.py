"""Rows go into the database by column name: a new column is one line in the schema and one
entry where it is computed, and a row that does not fit its table fails by name."""

import pytest

from etl import build as build_module
from etl import store
from etl.build import Inputs, build
from tests.conftest import count, query


def schema_with_word_count(tmp_path):
    """A copy of the schema with a column added in the middle of `pledges`."""
    text = store.SCHEMA.read_text(encoding="utf-8")
    anchor = "    text           VARCHAR NOT NULL,"
    assert anchor in text
    copy = tmp_path / "schema.sql"
    copy.write_text(
        text.replace(anchor, "    word_count     INTEGER NOT NULL,\n" + anchor), encoding="utf-8"
    )
    return copy


def test_a_column_the_build_does_not_compute_fails_by_name(tmp_path):
    inputs = Inputs(schema=schema_with_word_count(tmp_path))
    with pytest.raises(ValueError, match=r"table pledges: row lacks column\(s\) word_count"):
        build(tmp_path / "x.duckdb", inputs)
    assert not (tmp_path / "x.duckdb").exists()


def test_a_new_column_is_one_schema_line_and_one_entry_in_pledge_row(
    tmp_path, monkeypatch, built_db
):
    original = build_module.pledge_row

    def with_word_count(*args, **kwargs):
        row = original(*args, **kwargs)
        return {**row, "word_count": len(row["text"].split())}

    monkeypatch.setattr(build_module, "pledge_row", with_word_count)
    db = tmp_path / "x.duckdb"
    build(db, Inputs(schema=schema_with_word_count(tmp_path)))
    rows = query(db, "SELECT text, word_count, kind, topic_id, position FROM pledges")
    assert len(rows) == count(built_db)
    for text, word_count, kind, topic_id, position in rows:
        assert word_count == len(text.split())  # every value in its own column
        assert kind in ("bullet", "goal", "statement") and topic_id and position >= 1


def test_a_row_with_an_unknown_column_is_refused():
    with pytest.raises(ValueError, match=r"table t: row has unknown column\(s\) colour"):
        store.frame("t", ["a", "b"], [{"a": 1, "b": 2}, {"a": 1, "b": 2, "colour": "x"}])


def test_frames_follow_the_table_order_not_the_row_order():
    frame = store.frame("t", ["a", "b"], [{"b": 2, "a": 1}])
    assert list(frame.columns) == ["a", "b"] and frame.iloc[0].tolist() == [1, 2]


def test_schema_version_is_a_fingerprint_of_the_schema(tmp_path):
    assert store.schema_version() == store.schema_version(store.SCHEMA)
    assert store.schema_version(schema_with_word_count(tmp_path)) != store.schema_version()
