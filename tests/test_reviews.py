"""A person's decisions (data/reviews/*.csv, etl/reviews.py): applied after the rules,
kept beside what the rules said, surviving rebuilds, and orphaned (never applied to other
words, never dropped) when their pledge's words change."""

import csv
import datetime
import shutil

import pytest

from etl import cli
from etl.build import build
from etl.errors import BuildError
from etl.reviews import Review, apply, apply_to_pairs, fingerprint, load_reviews
from tests.conftest import inputs_for, query

COLUMNS = ["pledge_id", "text_sha", "field", "target", "value", "reason", "reviewer", "date"]


def _pledge(pid, text, party="a", **more):
    row = {
        "pledge_id": pid,
        "party_id": party,
        "text": text,
        "commitment": "allgemein",
        "context": None,
        "topic_id": "mobilitaet",
        "topic_ids": ["mobilitaet", "klima"],
        "reviewed": False,
    }
    return {**row, **more}


def _review(pid, text, field, value="", target="", date="2026-12-01", row=2):
    return Review("r.csv", row, pid, fingerprint(text), field, target, value, "weil", "L", date, "")


PLEDGES = [_pledge("a-1", "Wir bauen Radwege."), _pledge("b-1", "Radwege bauen!", party="b")]
TOPICS = [
    {"pledge_id": "a-1", "topic_id": "mobilitaet", "rank": 1, "score": 2.0, "terms": ["radweg"]},
    {"pledge_id": "a-1", "topic_id": "klima", "rank": 2, "score": 1.0, "terms": []},
]
PLACES = [
    {
        "pledge_id": "a-1",
        "ags": "05562020",
        "site_id": None,
        "link_type": "explicit",
        "role": "target",
        "evidence": "Herten",
        "role_evidence": "",
    }
]


def test_a_class_record_shows_the_reviewed_value_and_keeps_the_rules_one():
    done = apply([_review("a-1", "Wir bauen Radwege.", "commitment", "pruefbar")], PLEDGES, [], [])
    assert done.pledges[0]["commitment"] == "pruefbar" and done.pledges[0]["reviewed"]
    assert PLEDGES[0]["commitment"] == "allgemein"  # the rules' rows are not changed
    [record] = done.records
    assert (record["before"], record["value"], record["status"]) == (
        "allgemein",
        "pruefbar",
        "applied",
    )


def test_a_record_for_other_words_is_an_orphan_and_changes_nothing():
    stale = _review("a-1", "Wir bauen breite Radwege.", "commitment", "pruefbar")
    done = apply([stale], PLEDGES, [], [])
    assert done.pledges[0]["commitment"] == "allgemein" and not done.pledges[0]["reviewed"]
    assert done.records[0]["status"] == "orphan"


def test_not_a_pledge_hides_it_with_its_topics_and_links_and_a_later_no_brings_it_back():
    text = "Wir bauen Radwege."
    hide = _review("a-1", text, "not_a_pledge", "yes")
    done = apply([hide], PLEDGES, TOPICS, PLACES)
    assert [p["pledge_id"] for p in done.pledges] == ["b-1"] and done.kept == [1]
    assert done.topics == [] and done.places == []
    assert done.records[0]["before"] == text  # the hidden words stay in the open
    back = _review("a-1", text, "not_a_pledge", "no", date="2026-12-02", row=3)
    assert len(apply([back, hide][::-1], PLEDGES, TOPICS, PLACES).pledges) == 2


def test_a_topic_record_makes_its_topic_primary():
    done = apply([_review("a-1", "Wir bauen Radwege.", "topic", "klima")], PLEDGES, TOPICS, [])
    assert done.pledges[0]["topic_id"] == "klima"
    assert done.pledges[0]["topic_ids"] == ["klima", "mobilitaet"]
    assert [(t["topic_id"], t["rank"]) for t in done.topics] == [("klima", 1), ("mobilitaet", 2)]


def test_a_place_record_changes_a_role_or_removes_the_link():
    text = "Wir bauen Radwege."
    as_example = apply([_review("a-1", text, "place", "example", "05562020")], PLEDGES, [], PLACES)
    assert as_example.places[0]["role"] == "example"
    assert as_example.places[0]["role_evidence"] == "Redaktion: weil"
    removed = apply([_review("a-1", text, "place", "none", "05562020")], PLEDGES, [], PLACES)
    assert removed.places == [] and removed.records[0]["before"] == "target"
    missing = apply([_review("a-1", text, "place", "none", "05913000")], PLEDGES, [], PLACES)
    assert missing.records[0]["status"] == "orphan"  # no such link to decide on


def test_a_confirmed_pair_is_common_ground_both_ways_and_a_rejected_one_is_marked():
    records = [_review("a-1", "Wir bauen Radwege.", "pair", "confirmed", "b-1")]
    done = apply(records, PLEDGES, [], [])
    pairs = apply_to_pairs(records, [], done.pledges, done.records)
    assert {(p["pledge_id"], p["other_pledge_id"], p["rank"], p["review"]) for p in pairs} == {
        ("a-1", "b-1", 0, "confirmed"),  # rank 0, no level: the machine did not propose it
        ("b-1", "a-1", 0, "confirmed"),
    }
    assert {p["level"] for p in pairs} == {None}
    machine = [{**pairs[0], "review": None, "level": "possible"}]
    records = [_review("a-1", "Wir bauen Radwege.", "pair", "rejected", "b-1")]
    done = apply(records, PLEDGES, [], [])
    [pair] = apply_to_pairs(records, machine, done.pledges, done.records)
    assert (pair["review"], pair["level"]) == ("rejected", "possible")
    assert done.records[0]["before"] == "possible"


def _write(folder, rows):
    folder.mkdir(exist_ok=True)
    with (folder / "first.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[*COLUMNS, "source_url"])
        writer.writeheader()
        writer.writerows([{**dict.fromkeys(COLUMNS, ""), "source_url": "", **r} for r in rows])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value": "sehr"}, r"first.csv, row 2: column value: 'sehr' is not one of pruefbar"),
        ({"date": "6.12.2026"}, r"first.csv, row 2: column date: '6.12.2026' is not a date"),
        ({"text_sha": "xyz"}, r"first.csv, row 2: column text_sha: 'xyz' is not a fingerprint"),
        ({"reason": ""}, r"first.csv, row 2: column reason: is empty"),
        ({"field": "place", "value": "example"}, r"row 2: column target: a place record names"),
    ],
)
def test_a_bad_record_is_one_line_naming_file_row_and_column(tmp_path, change, message):
    row = {
        "pledge_id": "spd-2020-x",
        "text_sha": "0123456789ab",
        "field": "commitment",
        "value": "pruefbar",
        "reason": "r",
        "reviewer": "L",
        "date": "2026-12-06",
    }
    _write(tmp_path / "reviews", [{**row, **change}])
    with pytest.raises(BuildError, match=message) as caught:
        load_reviews(tmp_path / "reviews", frozenset({"mobilitaet"}))
    assert "\n" not in str(caught.value)


def _pick(db, party, n):
    return query(
        db,
        "SELECT pledge_id, text FROM pledges WHERE party_id = ? ORDER BY position LIMIT ?",
        (party, n),
    )


def test_records_survive_rebuilds_and_a_changed_text_orphans_exactly_its_records(
    tmp_path, data_copy, built_db
):
    (spd1, spd1_text), (spd2, spd2_text) = _pick(built_db, "spd", 2)
    [(volt1, volt1_text)] = _pick(built_db, "volt", 1)
    day = "2026-12-06"
    records = [
        {"pledge_id": spd1, "text_sha": fingerprint(spd1_text), "field": "commitment"},
        {"pledge_id": spd2, "text_sha": fingerprint(spd2_text), "field": "not_a_pledge"},
        {"pledge_id": volt1, "text_sha": fingerprint(volt1_text), "field": "pair"},
    ]
    values = [
        {"value": "keine", "reason": "ein Leitsatz"},
        {"value": "yes", "reason": "Überschrift"},
        {"value": "confirmed", "target": spd1, "reason": "dieselbe Verpflichtung"},
    ]
    shutil.rmtree(data_copy / "reviews")  # only this test's records
    _write(
        data_copy / "reviews",
        [{**r, **v, "reviewer": "L", "date": day} for r, v in zip(records, values, strict=True)],
    )
    inputs = inputs_for(data_copy)
    db = tmp_path / "r.duckdb"
    build(db, inputs)
    assert query(db, "SELECT commitment, reviewed FROM pledges WHERE pledge_id = ?", (spd1,)) == [
        ("keine", True)
    ]
    assert query(db, "SELECT count(*) FROM pledges WHERE pledge_id = ?", (spd2,)) == [(0,)]
    assert query(
        db,
        "SELECT review FROM pledge_similarity WHERE pledge_id = ? AND other_pledge_id = ?",
        (volt1, spd1),
    ) == [("confirmed",)]
    statuses = query(db, "SELECT field, status, before FROM reviews ORDER BY row")
    assert [s[:2] for s in statuses] == [
        ("commitment", "applied"),
        ("not_a_pledge", "applied"),
        ("pair", "applied"),
    ]
    # an unrelated rule changes: the records still apply
    with (data_copy / "topic_lexicon.csv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("mobilitaet,seilbahn*,1\n")
    build(db, inputs)
    assert query(db, "SELECT count(*) FROM reviews WHERE status = 'applied'") == [(3,)]
    # one SPD pledge gets other words: its records, and only they, are orphaned
    programme = data_copy / "manifestos" / "spd_ruhr_2020.txt"
    text = programme.read_text(encoding="utf-8")
    words = spd1_text.split()
    phrase = next(
        p for p in (" ".join(words[i : i + 3]) for i in range(len(words))) if text.count(p) == 1
    )
    programme.write_text(text.replace(phrase, phrase + " ausdrücklich"), encoding="utf-8")
    build(db, inputs)
    orphaned = query(db, "SELECT pledge_id, field FROM reviews WHERE status = 'orphan'")
    assert sorted(orphaned) == sorted([(spd1, "commitment"), (volt1, "pair")])  # pair: with spd1
    assert query(db, "SELECT status FROM reviews WHERE pledge_id = ?", (spd2,)) == [("applied",)]
    done = cli.run("check", "--registry", data_copy / "sources.toml")
    assert done.returncode == 1
    assert f"first.csv row 2: {spd1} commitment" in done.stdout
    assert f"first.csv row 4: {volt1} pair {spd1}" in done.stdout


STATUS_ROW = {
    "pledge_id": "spd-2020-x",
    "text_sha": "0123456789ab",
    "field": "status",
    "target": "",
    "value": "umgesetzt",
    "reason": "Beschluss gefasst",
    "reviewer": "L",
    "date": "2026-12-06",
    "source_url": "https://example.org/vorlage/1",
    "evidence_title": "Drucksache 14/0815",
    "evidence_date": "2023-03-10",
    "evidence_quote": "Die Verbandsversammlung beschließt …",
}
TERM_ENDS = {"spd-2020": datetime.date(2025, 11, 28)}


def _write_status(folder, **change):
    folder.mkdir(exist_ok=True)
    row = {**STATUS_ROW, **change}
    with (folder / "first.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"pledge_id": "volt-2025-x"},
            r"row 2: a status is only for a programme whose term has ended",
        ),
        (
            {"date": "2025-06-01"},
            r"row 2: column date: the term ended on 2025-11-28, after 2025-06-01",
        ),
        (
            {"evidence_quote": ""},
            r"row 2: a status needs its evidence: column\(s\) evidence_quote empty",
        ),
        ({"value": "erledigt"}, r"row 2: column value: 'erledigt' is not one of umgesetzt"),
    ],
)
def test_a_status_needs_an_ended_term_and_its_evidence(tmp_path, change, message):
    _write_status(tmp_path / "reviews", **change)
    with pytest.raises(BuildError, match=message):
        load_reviews(tmp_path / "reviews", frozenset(), TERM_ENDS)


def test_a_status_record_sets_the_status_and_its_evidence(tmp_path):
    _write_status(tmp_path / "reviews")
    [record] = load_reviews(tmp_path / "reviews", frozenset(), TERM_ENDS)
    pledge = _pledge("spd-2020-x", "Wir bauen Radwege.", status="nicht_bewertet")
    record = Review(**{**record.__dict__, "text_sha": fingerprint("Wir bauen Radwege.")})
    done = apply([record], [pledge], [], [])
    shown = done.pledges[0]
    assert (shown["status"], shown["status_title"], shown["status_date"]) == (
        "umgesetzt",
        "Drucksache 14/0815",
        "2023-03-10",
    )
    assert done.records[0]["before"] == "nicht_bewertet"


def test_the_card_shows_the_status_with_its_evidence_or_that_it_is_not_rated():
    from types import SimpleNamespace

    from dashboard import views

    rated = SimpleNamespace(
        status="umgesetzt",
        status_label="umgesetzt",
        status_url="https://example.org/vorlage/1",
        status_title="Drucksache 14/0815",
        status_date=datetime.date(2023, 3, 10),
    )
    html = views.status_line(rated)
    assert "Umsetzung" in html and 'href="https://example.org/vorlage/1"' in html
    assert "Drucksache 14/0815</a> (10.03.2023)" in html
    unrated = SimpleNamespace(status="nicht_bewertet", status_label="noch nicht bewertet")
    assert "noch nicht bewertet" in views.status_line(unrated) and "href" not in views.status_line(
        unrated
    )
    assert views.status_line(SimpleNamespace(status=None, status_label=None)) == ""
    import pandas as pd

    for none in (None, pd.NA, float("nan")):  # a pledge no person rated: no history
        row = SimpleNamespace(**vars(unrated), status_history=none)
        assert "früher" not in views.status_line(row)


def test_status_history_is_append_only_the_latest_shows_and_earlier_ones_are_listed(
    tmp_path, data_copy, built_db
):
    import duckdb

    from dashboard import queries, views
    from dashboard.filters import Filters

    [(pledge_id, text)] = query(
        built_db,
        "SELECT pledge_id, text FROM pledges WHERE document_id = 'spd-2020' "
        "AND commitment = 'pruefbar' ORDER BY pledge_id LIMIT 1",
    )
    rows = [
        {**STATUS_ROW, "pledge_id": pledge_id, "text_sha": fingerprint(text), **change}
        for change in (
            {"value": "begonnen", "date": "2025-12-01", "evidence_date": "2022-05-01"},
            {"value": "umgesetzt", "date": "2026-01-15"},
        )
    ]
    with (data_copy / "reviews" / "status.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    db = tmp_path / "ruhr.duckdb"
    build(db, inputs_for(data_copy))
    con = duckdb.connect(str(db), read_only=True)
    card = queries.all_pledges(con, Filters(commitments=("pruefbar",), q=text[:40]))
    con.close()
    row = next(card[card["pledge_id"] == pledge_id].itertuples())
    assert row.status == "umgesetzt"
    assert [h["status"] for h in row.status_history] == ["umgesetzt", "begonnen"]
    html = views.status_line(row)
    assert "umgesetzt</span>" in html and "früher: begonnen (01.12.2025)" in html
