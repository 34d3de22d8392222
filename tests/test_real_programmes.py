"""Real programmes as parties publish them (../shared/real-programmes/muenster-2014): the
figures of issue 21 pinned, measured as tests/real_eval.py defines them. The sealed parts
of the blind labels were each measured once before they were pinned here
(tests/data/README.md says when and what they gave).
"""

import os

import pytest

from tests import real_eval as E

if not E.available():  # pragma: no cover - CI always has ../shared beside the project
    if os.environ.get("CI"):
        raise RuntimeError(f"{E.SHARED} is missing: CI runs with ../shared beside the project")
    pytest.skip(f"{E.SHARED} not found (../shared beside the project)", allow_module_level=True)


@pytest.mark.parametrize("name", E.WITH_REFERENCE)
def test_nine_in_ten_reference_headings_are_chapters_or_subchapters(name):
    found, total, missing = E.heading_recall(name)
    assert found >= 0.9 * total, missing


@pytest.mark.parametrize("name", E.WITH_REFERENCE)
def test_no_heading_is_glued_into_a_pledge(name):
    assert E.glued_headings(name) == []


@pytest.mark.parametrize("name", [n for n in E.PROGRAMMES if n not in E.WITH_REFERENCE])
def test_every_other_file_has_five_chapters_or_more(name):
    assert E.chapters(E.read(name)) >= 5


@pytest.mark.parametrize("name", list(E.PROGRAMMES))
def test_no_pledge_holds_page_furniture(name):
    assert E.furniture_in_pledges(name) == []


@pytest.mark.parametrize("name", list(E.PROGRAMMES))
def test_broken_words_are_at_most_three_in_a_thousand_tokens(name):
    broken = E.broken_candidates(name)
    assert len(broken) <= 0.003 * E.pledge_tokens(name), broken[:5]


@pytest.mark.parametrize("name", E.WITH_REFERENCE)
def test_the_reference_items_are_bullet_pledges(name):
    found, total, missing = E.bullet_recall(name)
    assert found >= 0.95 * total, missing[:3]


@pytest.mark.parametrize("round", [1, 2])
def test_blind_labelled_chapters_pledge_recall_and_precision(round):
    """The issue's measure, recall >= 95 % and precision >= 90 %, on the blind labels:
    round 1 (three chapters per PDF; its sealed third was measured once and is tuning data
    since) and round 2 (one more chapter per PDF, sealed, measured once at the end; pinned
    here so that no later change loses it). Figures: tests/data/README.md."""
    total = E.Scores()
    for name in E.PDFS:
        total.add(E.pledge_scores(name, sealed=None, round=round))
    assert total.recall_hits >= 0.95 * total.recall_total, total.misses
    assert total.precision_hits >= 0.90 * total.precision_total, total.extras


def test_chapters_say_how_they_were_found():
    found_by = {h.found_by for name in E.PROGRAMMES for h in E.read(name).headings}
    assert {"typography", "toc"} <= found_by
    fdp = {h.title: h for h in E.read("fdp.pdf").headings}
    assert fdp["Vorwort"].found_by == "toc"  # its heading is an image; the contents name it
    assert fdp["Wirtschaftsstandort"].page == 14


def test_the_designed_pdf_reads_its_columns_in_order():
    """FDP p. 18: the left column's sentence goes on in the left column, not in the right
    column's bullets that PDFium reads between its lines."""
    texts = [p.text for p in E.read("fdp.pdf").pledges]
    assert any(t.startswith("dass die Vereinbarkeit von Familie und Beruf") for t in texts)
    assert not any("Frauen und verbessert wird" in t for t in texts)


def test_numbered_lines_do_not_break_sentences():
    """Die Linke numbers every line in the margin; the pypdf reading had "erzielt werden 573
    durch barrierefreie" and "Schuttle-574 Services"."""
    text = " ".join(p.text for p in E.read("linke.pdf").pledges)
    assert "erzielt werden durch barrierefreie mobile Arztpraxen" in text
    assert "eines barrierefreien Schuttle-Services zu Arztpraxen" in text


def test_a_word_processor_export_and_a_text_file_read_like_a_pdf():
    gruene = {h.title for h in E.read("gruene.html").headings if h.level == 1}
    assert {"Wohnen muss bezahlbar sein", "Gutes Klima mit sauberer Energie"} <= gruene
    piraten = [h for h in E.read("piraten.txt").headings if h.found_by == "toc"]
    assert len(piraten) >= 50  # its table of contents names the chapters and subchapters
    bullets = [p.text for p in E.read("piraten.txt").pledges if p.kind == "bullet"]
    assert "Steigende Mieten und Mangel an preisgünstigem Wohn- und Kulturraum." in bullets


def test_the_word_joiner_on_a_broken_text_layer_joins_what_a_reader_confirmed():
    """pypdf's text layer of the CDU programme splits words ("Müns teranerinnen"); a blind
    reader judged each of the 332 joins the joiner made there against the page: all right
    (tests/data/real_joins_pypdf_cdu.csv). The joiner, with the document's own words,
    still makes every one of them and only a few more."""
    import csv

    from etl.parse.words import Vocabulary, join_split_words

    with (E.LABELS / "real_joins_pypdf_cdu.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["verdict"] for r in rows} == {"right"} and len(rows) == 332
    lines = {r["line"] for r in rows}
    vocabulary = Vocabulary(E.read("cdu.pdf").text + "\n" + "\n".join(lines))
    made = {(r.before, r.after) for line in lines for r in join_split_words(line, vocabulary)[1]}
    judged = {(r["before"], r["after"]) for r in rows}
    assert judged <= made
    assert len(made - judged) <= 20, sorted(made - judged)


@pytest.mark.parametrize("name", list(E.PROGRAMMES))
def test_every_pledge_stands_on_its_source_line(name):
    """The line a card cites holds the pledge's own first words, for a sentence in the
    middle of a paragraph too (not the paragraph's first line)."""
    r = E.read(name)
    off = [p.text[:50] for p in r.pledges if not E.starts_on(r.numbered.get(p.line, ""), p.text)]
    assert off == []


@pytest.mark.parametrize(
    "labelled_set, at_least, pruefbar_at_least",
    [
        # set 1: measured once (88/140 before issue 23's later rules, 86 after them), then
        # tuned on: the rules for local programmes' short items
        ("1", 103, 0.22),
        # set 2, sealed: measured once at the end (85 and 88 of 140 before that tuning,
        # 86 and 89 after); the readers call 33 % checkable, the rules 12 %; tuned on since
        # the session of 2026-12-07 (second part), like sets 1 and 3: 96 and 99 now
        ("2", 96, 0.19),
        # set 3, sealed: drawn and labelled in the session of 2026-12-07 after every rule
        # change, measured once: 91 and 86 of 140; the readers call 32 % and 36 %
        # checkable, the rules 15 % (tests/data/README.md); tuned on since: 101 and 96
        ("3", 96, 0.22),
        # set 4, sealed: drawn and labelled before the rules tuned on sets 1-3 were written,
        # measured once after them: 90 and 92 of 140 (91 and 93 before them); the readers
        # call 29 % checkable, the rules 16 % (14 % before)
        ("4", 90, 0.16),
    ],
)
def test_the_commitment_class_of_local_programmes_holds_what_was_measured(
    labelled_set, at_least, pruefbar_at_least
):
    """Two blind readers per set labelled 140 pledges of the seven Münster files by
    checkability (tests/data/commitment_labels_muenster.csv); the rules agree with each
    at least as often as measured, and call at least that share checkable."""
    import csv

    from etl import paths
    from etl.commitment import classify_commitment, load_rules

    rules = load_rules(paths.DATA / "commitment_rules.toml")
    pledges = {p.pledge_id: p for name in E.PROGRAMMES for p in E.read(name).pledges}
    readers: dict[str, dict[str, str]] = {}
    with (E.LABELS / "commitment_labels_muenster.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["set"] == labelled_set:
                readers.setdefault(r["reader"], {})[r["pledge_id"]] = r["commitment"]
    assert len(readers) == 2
    for labels in readers.values():
        assert len(labels) == 140 and set(labels) <= set(pledges)
        rules_say = {
            pid: classify_commitment(pledges[pid].text, pledges[pid].cue is not None, rules)
            for pid in labels
        }
        agree = sum(labels[pid] == d.commitment for pid, d in rules_say.items())
        checkable = sum(d.commitment == "pruefbar" for d in rules_say.values()) / len(labels)
        assert agree >= at_least and checkable >= pruefbar_at_least, (agree, checkable)
