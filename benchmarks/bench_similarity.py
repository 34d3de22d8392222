"""Similarity benchmark: time of etl.similarity.similar_pairs for 1, 10 and 100 programmes.

Synthetic programmes are recombined from the real pledges: each synthetic pledge joins
the first half of one real pledge with the second half of another, so vocabularies
overlap as real programmes do. Each programme is its own party.

The work per pledge is bounded (POSTING_BUDGET, CANDIDATES, MAX_PER_PLEDGE), so the time
per pledge rises while programmes are few (more counterparts to find and store) and then
stays flat: that is linear growth, which the sizes beyond 100 show.

Usage: python benchmarks/bench_similarity.py [sizes ...]   (default: 1 10 100)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from etl import paths  # noqa: E402
from etl.build import build  # noqa: E402
from etl.similarity import similar_pairs  # noqa: E402
from etl.terms import load_concepts, load_stopwords  # noqa: E402
from etl.topics import load_lexicon, load_topics  # noqa: E402


def programmes(rows, count, seed=7):
    rng = random.Random(seed)
    texts, parties, topics = [], [], []
    per = len(rows) // 2
    for p in range(count):
        for _ in range(per):
            a, b = rng.choice(rows), rng.choice(rows)
            wa, wb = a[1].split(), b[1].split()
            texts.append(" ".join(wa[: len(wa) // 2] + wb[len(wb) // 2 :]))
            parties.append(f"party{p}")
            topics.append(tuple(a[2]))
    return texts, parties, topics


def main(sizes: list[int]) -> None:
    db = ROOT / "data" / "ruhr.duckdb"
    if not db.exists():
        build(db)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT pledge_id, text, topic_ids FROM pledges").fetchall()
    con.close()
    lexicon = load_lexicon(
        paths.DATA / "topic_lexicon.csv",
        {t.topic_id for t in load_topics(paths.DATA / "topics.csv")},
    )
    stopwords = load_stopwords(paths.DATA / "stopwords_de.txt")
    concepts = load_concepts(paths.DATA / "similarity_concepts.csv")
    for count in sizes:
        texts, parties, topics = (
            programmes(rows, count)
            if count > 1
            else (
                [r[1] for r in rows],
                ["spd" if r[0].startswith("spd") else "volt" for r in rows],
                [tuple(r[2]) for r in rows],
            )
        )
        ids = [f"p{i}" for i in range(len(texts))]
        start = time.perf_counter()
        pairs = similar_pairs(ids, parties, texts, topics, stopwords, lexicon, concepts)
        seconds = time.perf_counter() - start
        label = "real programmes" if count == 1 else f"{count} programmes"
        print(
            f"{label:>16}: {len(texts):6d} pledges, {len(pairs):7d} pairs, {seconds:6.2f} s, "
            f"{seconds / len(texts) * 1000:.2f} ms per pledge"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 10, 100])
