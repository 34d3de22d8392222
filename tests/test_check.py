"""`python -m etl check`: a report per document and an exit status that says whether to look."""

from etl import cli, paths
from etl.build import build
from etl.check import (
    check,
    common_nouns,
    duplicates,
    load_noun_endings,
    place_like_words,
    report,
)
from tests.conftest import add_programme


def test_report_on_the_real_programmes(extracted):
    results = {r.document_id: r for r in check()}
    spd, volt = results["spd-2020"], results["volt-2025"]
    assert len(spd.sections) == 6 and len(volt.sections) == 11
    assert spd.kinds["bullet"] == 113 and volt.kinds["goal"] == 63
    assert sum(spd.topics.values()) == len(extracted["spd-2020"])
    text = report(list(results.values()))
    assert (
        f"== spd-2020: {len(extracted['spd-2020'])} pledges" in text
        and "note: no topic evidence" in text
    )
    assert "NRW" in spd.unmatched_places  # a place outside the gazetteer, worth a look
    assert len(spd.no_commitment) >= 5 and "note: classed 'keine' (no commitment)" in text
    assert "statements by cue" in text and "note: leans on a sentence before" in text
    cues = dict(spd.statement_cues)
    assert len(cues) == spd.kinds["statement"] and all(":" in c for c in cues.values())


def test_duplicates_are_near_identical_word_sets():
    found = duplicates(
        [
            ("a", "Wir bauen Radwege im ganzen Revier."),
            ("b", "Wir bauen Radwege im ganzen Revier!"),
            ("c", "Wir bauen Schulen im ganzen Revier."),
        ]
    )
    assert found == [("a", "b")]


def test_place_like_words_skip_common_nouns():
    text = "Wir fördern Projekte in Düsseldorf, in Kooperation mit Partnern und nach Wien."
    nouns = common_nouns("Die Projekte laufen.")
    endings = load_noun_endings(paths.DATA / "check_nouns.csv")
    assert place_like_words(text, nouns, endings=endings) == ["Düsseldorf", "Wien"]
    assert "Kooperation" in place_like_words(text, nouns)  # without the endings


def test_the_real_programmes_have_no_problems_only_notes():
    done = cli.run("check")
    assert done.returncode == 0, done.stdout
    assert "needs attention: nothing" in done.stdout
    assert "notes to look at (exit status only with --strict): spd-2020, volt-2025" in done.stdout
    strict = cli.run("check", "--strict")
    assert strict.returncode == 1
    assert "needs attention: spd-2020, volt-2025" in strict.stdout


def test_a_duplicated_pledge_is_a_problem_that_sets_the_exit_status(data_copy):
    add_programme(
        data_copy,
        "dup-2030",
        "dup",
        "Dup",
        "# 1 Mobilität\n\n## Unsere Ziele auf einem Blick\n\n"
        "- Wir bauen Radwege im ganzen Revier aus.\n- Wir bauen Radwege im ganzen Revier aus!\n",
    )
    done = cli.run("check", "--registry", data_copy / "sources.toml")
    assert done.returncode == 1
    assert "needs attention: dup-2030" in done.stdout
    assert "problem: possible duplicates (1)" in done.stdout


def test_build_reports_progress_per_document(tmp_path, extracted):
    seen = []
    build(tmp_path / "p.duckdb", progress=lambda *args: seen.append(args))
    spd, volt = len(extracted["spd-2020"]), len(extracted["volt-2025"])
    assert seen == [(1, 2, "spd-2020", spd), (2, 2, "volt-2025", volt)]


def test_cli_build_is_quiet_when_not_on_a_terminal(tmp_path):
    done = cli.run("build", "--db", tmp_path / "q.db")
    assert done.returncode == 0 and done.stderr == ""
