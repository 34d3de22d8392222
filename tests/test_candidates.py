"""Council papers proposed as evidence of what became of a pledge (issue 27): only papers of
the programme's term, the ones that share rare words, meaning or a target town first, and
the paper a blind reader picked among the top 5 (tests/data/paper_labels_27.csv)."""

import csv
import dataclasses
import datetime

import pytest

from etl import candidates as C
from etl.build import Inputs, build
from etl.council import importer
from etl.council.client import Client
from etl.terms import Terms, load_concepts, load_stopwords
from etl.topics import load_lexicon, load_topics
from tests.conftest import query
from tests.oparl_fixture import OParlServer, labelled_papers

LABELS = "tests/data/paper_labels_27.csv"
TERM = (datetime.date(2020, 11, 1), datetime.date(2025, 11, 28))


def _terms(texts):
    inputs = Inputs()
    topics = {t.topic_id for t in load_topics(inputs.topics)}
    return Terms(
        texts,
        load_stopwords(inputs.stopwords),
        load_lexicon(inputs.lexicon, topics),
        load_concepts(inputs.concepts),
    )


def _rank(pledges, papers, towns_of=lambda text: ()):
    texts = [p.text for p in pledges] + [C.paper_text(p) for p in papers]
    return C.rank_candidates(pledges, papers, _terms(texts), towns_of)


RADWEG = C.Pledge("p1", "Wir bauen das regionale Radwegenetz in Herten aus.", frozenset(), TERM)


def _paper(paper_id, name, text="", day=datetime.date(2023, 5, 1)):
    return C.Paper(paper_id, name, text, day)


def test_a_paper_outside_the_term_is_never_a_candidate():
    papers = [
        _paper("before", "Regionales Radwegenetz: Konzept", day=datetime.date(2019, 6, 28)),
        _paper("during", "Regionales Radwegenetz: Umsetzungskonzept"),
        _paper("after", "Regionales Radwegenetz: Bilanz", day=datetime.date(2026, 2, 1)),
        _paper("undated", "Regionales Radwegenetz", day=None),
    ]
    assert [c.paper_id for c in _rank([RADWEG], papers)] == ["during"]


def test_rare_shared_words_rank_first_and_are_named():
    papers = [
        _paper("budget", "Haushalt 2024 der Metropole Ruhr", "Die Region beschließt den Haushalt."),
        _paper("radweg", "Umsetzung des Radwegenetzes", "Der Ausbau beginnt in Dortmund."),
        _paper("wald", "Waldbericht", "Die Region pflegt ihre Wälder."),
    ]
    found = _rank([RADWEG], papers)
    assert found[0].paper_id == "radweg" and found[0].rank == 1
    assert "Radwegenetz" in found[0].shared_terms or "Radwegenetzes" in found[0].shared_terms
    assert "wald" not in [c.paper_id for c in found]  # nothing in common: not proposed


def test_a_paper_naming_a_target_town_ranks_above_an_equal_one_that_does_not():
    pledge = dataclasses.replace(RADWEG, towns=frozenset({"05562020"}))
    papers = [
        _paper("elsewhere", "Radwegenetz: Ausbau in Bottrop"),
        _paper("herten", "Radwegenetz: Ausbau in Herten"),
    ]

    def towns_of(text):
        return {"05562020"} if "Herten" in text else {"05512000"}

    found = _rank([pledge], papers, towns_of)
    assert [c.paper_id for c in found] == ["herten", "elsewhere"]
    assert found[0].shared_towns == ("05562020",) and found[1].shared_towns == ()


def test_at_most_five_candidates_a_pledge():
    papers = [_paper(f"r{i}", f"Radwegenetz, Abschnitt {i}") for i in range(12)]
    assert len(_rank([RADWEG], papers)) == C.PER_PLEDGE


# End to end: the fixture papers served as OParl, imported, and built beside the programmes


@pytest.fixture(scope="module")
def council_db(tmp_path_factory):
    """A full build beside the fixture's papers (the tests using it are marked slow)."""
    folder = tmp_path_factory.mktemp("council")
    with OParlServer(labelled_papers(), page_size=25) as server:
        importer.run(server.url, folder / "council.duckdb", Client(rate=0))
    db = folder / "ruhr.duckdb"
    build(db, dataclasses.replace(Inputs(), council=folder / "council.duckdb"))
    return db


def _top(db) -> dict[str, list[str]]:
    rows = query(db, "SELECT pledge_id, paper_id FROM paper_candidates ORDER BY pledge_id, rank")
    top: dict[str, list[str]] = {}
    for pledge_id, paper_id in rows:
        top.setdefault(pledge_id, []).append(paper_id.rsplit("/", 1)[1])
    return top


@pytest.mark.slow
def test_the_build_copies_the_papers_and_proposes_only_papers_of_the_term(council_db):
    assert query(council_db, "SELECT count(*) FROM council_papers")[0][0] == 91
    outside = query(
        council_db,
        """SELECT count(*) FROM paper_candidates c JOIN council_papers p ON p.id = c.paper_id
           JOIN pledges l USING (pledge_id) JOIN documents d USING (document_id)
           WHERE p.date NOT BETWEEN d.term_start AND d.term_end""",
    )[0][0]
    assert outside == 0
    kinds = query(
        council_db,
        "SELECT DISTINCT l.commitment, l.document_id FROM paper_candidates JOIN pledges l "
        "USING (pledge_id)",
    )
    assert kinds == [("pruefbar", "spd-2020")]  # checkable pledges of the ended term only


def _share(db, part: str) -> tuple[int, int]:
    top = _top(db)
    with open(LABELS, encoding="utf-8") as f:
        labelled = [r for r in csv.DictReader(f) if r["part"] == part and r["best_paper"]]
    return sum(r["best_paper"] in top.get(r["pledge_id"], []) for r in labelled), len(labelled)


@pytest.mark.slow
def test_the_paper_a_blind_reader_picked_is_in_the_top_5_tuning_part(council_db):
    hits, n = _share(council_db, "tune")
    assert n == 10 and hits >= 8, (hits, n)  # 9 of 10 when the weights were chosen


@pytest.mark.slow
def test_the_paper_a_blind_reader_picked_is_in_the_top_5_sealed_part(council_db):
    """The sealed half, measured once the method was fixed (issue 27's goal: 80 %)."""
    hits, n = _share(council_db, "sealed")
    assert n == 10 and hits >= 8, (hits, n)
