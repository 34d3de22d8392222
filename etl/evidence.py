"""The build's evidence stage (issue 27): the council records imported by
`python -m etl council` (data/council.duckdb) are copied into the database, and their
papers are ranked as evidence candidates for the checkable pledges of ended terms
(etl/candidates.py). Without a council database there are no candidates, and nothing
else changes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.candidates import Paper, Pledge, paper_text, rank_candidates
from etl.council.tables import RECORDS
from etl.embeddings import embed
from etl.errors import BuildError
from etl.kinds import PRUEFBAR, TARGET
from etl.terms import Terms

COPIED = RECORDS  # what the app shows of the council: the records, not the bookkeeping
_PAPERS = """SELECT p.id, p.name, p.date, f.text FROM council_papers p
    LEFT JOIN council_files f ON f.paper_id = p.id AND f.id = p.main_file_id
    WHERE NOT p.deleted AND p.name IS NOT NULL ORDER BY p.id"""


@dataclass
class Council:
    tables: dict[str, list[dict]] = field(default_factory=dict)
    papers: list[Paper] = field(default_factory=list)


def read_council(path: Path | None) -> Council:
    """The council records of `path`; none when there is no such file."""
    if path is None or not Path(path).exists():
        return Council()
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise BuildError(path, f"cannot read the council records ({_first(exc)})") from None
    try:
        tables = {name: con.execute(f"SELECT * FROM {name}").df() for name in COPIED}
        papers = [
            Paper(paper_id, name, text or "", date)
            for paper_id, name, date, text in con.execute(_PAPERS).fetchall()
        ]
    except duckdb.Error as exc:
        raise BuildError(path, f"not a council database ({_first(exc)})") from None
    finally:
        con.close()
    rows = {
        name: table.astype(object).where(table.notna(), None).to_dict("records")
        for name, table in tables.items()
    }
    return Council(rows, papers)


def _first(exc: Exception) -> str:
    return str(exc).splitlines()[0]


def pledges_to_rate(sources, pledge_rows: list[dict], place_rows: list[dict]) -> list[Pledge]:
    """Checkable pledges of programmes whose term has ended, with their target towns and
    term (from the registry; without `term_start`, from the election year's first day)."""
    terms = {
        s.id: (s.term_start or datetime.date(s.year, 1, 1), s.term_end)
        for s in sources
        if s.term_end
    }
    towns: dict[str, set[str]] = {}
    for row in place_rows:
        if row["role"] == TARGET:
            towns.setdefault(row["pledge_id"], set()).add(row["ags"])
    return [
        Pledge(
            r["pledge_id"],
            r["text"],
            frozenset(towns.get(r["pledge_id"], ())),
            terms[r["document_id"]],
        )
        for r in pledge_rows
        if r["commitment"] == PRUEFBAR and r["document_id"] in terms
    ]


def candidate_rows(res, pledges: list[Pledge], papers: list[Paper], embeddings: Path) -> list[dict]:
    """The ranked candidates as rows of `paper_candidates`."""
    if not pledges or not papers:
        return []
    texts = [paper_text(p) for p in papers]
    terms = Terms([p.text for p in pledges] + texts, res.stopwords, res.lexicon, res.concepts)
    pledge_vectors, _ = embed([p.text for p in pledges], embeddings)
    paper_vectors, _ = embed(texts, embeddings)

    def towns_of(text: str) -> set[str]:
        return {link.ags for link in res.geo.gazetteer.link(text)}

    found = rank_candidates(pledges, papers, terms, towns_of, (pledge_vectors, paper_vectors))
    return [
        {
            "pledge_id": c.pledge_id,
            "paper_id": c.paper_id,
            "rank": c.rank,
            "score": c.score,
            "shared_terms": list(c.shared_terms),
            "shared_towns": list(c.shared_towns),
        }
        for c in found
    ]
