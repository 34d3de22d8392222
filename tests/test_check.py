"""`python -m etl check`: a report per document and an exit status that says whether to look."""

import subprocess
import sys

from etl import paths
from etl.build import build
from etl.check import check, common_nouns, duplicates, place_like_words, report


def test_report_on_the_real_programmes():
    results = {r.document_id: r for r in check()}
    spd, volt = results["spd-2020"], results["volt-2025"]
    assert len(spd.sections) == 6 and len(volt.sections) == 11
    assert spd.kinds["bullet"] == 114 and volt.kinds["goal"] == 63
    assert sum(spd.topics.values()) == 136
    text = report(list(results.values()))
    assert "== spd-2020: 136 pledges" in text and "no topic evidence" in text
    assert "NRW" in spd.unmatched_places  # a place outside the gazetteer, worth a look


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
    assert place_like_words(text, nouns) == ["Düsseldorf", "Wien"]


def test_cli_exit_status_says_whether_anything_needs_attention():
    done = subprocess.run(
        [sys.executable, "-m", "etl", "check"],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "needs attention: spd-2020, volt-2025" in done.stdout


def test_build_reports_progress_per_document(tmp_path):
    seen = []
    build(tmp_path / "p.duckdb", progress=lambda *args: seen.append(args))
    assert seen == [(1, 2, "spd-2020", 136), (2, 2, "volt-2025", 240)]


def test_cli_build_is_quiet_when_not_on_a_terminal(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "q.db")],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == ""
