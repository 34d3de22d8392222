"""What concerns a town through its features: the named-feature gazetteer, thematic links
on hand-made sentences and on the real programmes against two blind readings."""

import csv
import shutil
from pathlib import Path

import pytest

from etl import paths
from etl.build import build
from etl.errors import BuildError
from etl.gazetteer import GeoInputs, load_geo
from etl.kinds import EXAMPLE, TARGET, THEMATIC
from tests.conftest import inputs_for, query

DATA = Path(__file__).parent / "data"
GEO = load_geo(GeoInputs())
HALTERN, BOTTROP, HERTEN, DORTMUND = "05562016", "05512000", "05562020", "05913000"


def links(text: str):
    from tests.test_place_roles import hand_made_rules

    return GEO.features.link(text, hand_made_rules())


def test_a_pledge_for_the_rvr_forests_links_the_towns_that_have_them():
    found = {link.ags: link for link in links("Die RVR-Wälder sollen Mischwälder werden.")}
    assert HALTERN in found and BOTTROP in found and HERTEN not in found
    assert found[HALTERN].link_type == THEMATIC and found[HALTERN].role == TARGET
    assert found[HALTERN].evidence == "RVR-Wald: Haard, Hohe Mark (RVR-Wälder)"


@pytest.mark.parametrize(
    "text",
    [
        "Wir beleben die Innenstädte.",
        "Quartiere brauchen Treffpunkte.",
        "Brachflächen sollen schneller entwickelt werden.",
        "Die Wälder der Region brauchen Schutz.",  # forests in general, not the RVR's
        "Das regionale Radwegenetz wird ausgebaut.",  # cycle paths, not fast cycle routes
        "Die Emschergenossenschaft plant mit.",  # the water board, not the river
        "Eine neue Universität für das nördliche Ruhrgebiet.",  # one to be founded
    ],
)
def test_a_generic_word_links_nothing(text):
    assert links(text) == []


def test_the_new_fachhochschulen_are_the_three_of_2009_not_every_hochschule():
    found = {link.ags for link in links("Insbesondere bei den neuen Fachhochschulen.")}
    assert found == {"05117000", BOTTROP, "05915000", "05170020"}  # Mülheim, Bottrop, Hamm, K-L


def test_the_role_rules_apply_to_features():
    model = links("Weitere Gewässer sollen analog des Emscherumbaus umgebaut werden.")
    assert model and {link.role for link in model} == {EXAMPLE}
    # a kind only in the background names no town: no link at all (issue 23: "link as
    # context or not at all"; a blind reader rejected 28 of 37 such links)
    premise = (
        "Wir wollen eine Industrie, die Maßstäbe setzt. Hierzu brauchen wir unsere Hochschulen."
    )
    assert links(premise) == []
    assert links("Einbindung von Hochschulen und Forschungsinstituten in das Management") == []
    assert {link.role for link in links("Wir bauen neue Hochschulen.")} == {TARGET}


def labels(name: str) -> dict[tuple[str, str], dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return {(r["pledge_id"], r["kind"]): r for r in csv.DictReader(f)}


@pytest.fixture(scope="module")
def thematic(built_db) -> dict[tuple[str, str], set[str]]:
    """(pledge, feature kind) -> the roles of its thematic links in the real programmes."""
    kinds = dict(query(built_db, "SELECT label, kind FROM feature_kinds"))
    found: dict[tuple[str, str], set[str]] = {}
    rows = query(
        built_db,
        "SELECT pledge_id, role, evidence FROM pledge_places WHERE link_type = 'thematic'",
    )
    for pledge_id, role, evidence in rows:
        for part in evidence.split("; "):
            found.setdefault((pledge_id, kinds[part.split(":")[0]]), set()).add(role)
    return found


def link_verdicts(built_db, reading: str) -> dict[str, list[bool]]:
    """Role -> for every thematic link (pledge and town) of that role, whether a blind
    reader gives the pledge that role for the kind and means a feature in that town
    (tests/data/README.md: the readers saw the pledges and the feature list, no links)."""
    towns_of: dict[str, set[str]] = {}
    by_kind: dict[str, set[str]] = {}
    for feature_id, kind, ags in query(built_db, "SELECT feature_id, kind, ags FROM features"):
        towns_of.setdefault(feature_id, set()).add(ags)
        by_kind.setdefault(kind, set()).add(ags)
    meant: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for (pledge_id, kind), row in labels(reading).items():
        ids = row["features"].strip()
        towns = by_kind[kind] if ids in ("", "all") else set()
        for feature_id in ids.split("|") if ids not in ("", "all") else ():
            towns |= towns_of.get(feature_id.strip(), set())
        meant[(pledge_id, kind)] = (row["role"], towns)
    kinds = dict(query(built_db, "SELECT label, kind FROM feature_kinds"))
    verdicts: dict[str, list[bool]] = {}
    rows = query(
        built_db,
        "SELECT pledge_id, ags, role, evidence FROM pledge_places WHERE link_type = 'thematic'",
    )
    for pledge_id, ags, role, evidence in rows:
        kind = kinds[evidence.split(":")[0]]
        their_role, towns = meant.get((pledge_id, kind), ("none", set()))
        verdicts.setdefault(role, []).append(their_role == role and ags in towns)
    return verdicts


# Issue 23: measured per link against two blind readings. The tuning reading was looked at
# while the role cues and the feature cues were changed (target 74/126 right before, 74/78
# after: the 4 left are towns of Halden the reader's older feature list did not have yet);
# the sealed reading only once, at the end: target 78/78, example 13/13 (before the
# changes 70/118 and 13/37).
@pytest.mark.parametrize(
    "reading, floor",
    [("thematic_labels_roles_tuning.csv", 0.94), ("thematic_labels_roles_sealed.csv", 0.95)],
)
def test_thematic_targets_and_examples_are_links_a_reader_accepts(built_db, reading, floor):
    verdicts = link_verdicts(built_db, reading)
    assert len(verdicts[TARGET]) >= 60
    assert sum(verdicts[TARGET]) / len(verdicts[TARGET]) >= floor
    assert sum(verdicts[EXAMPLE]) / len(verdicts[EXAMPLE]) >= 0.90


def test_the_halden_pledges_reach_every_town_with_an_rvr_halde(built_db):
    """Issue 23: the RVR's own Halden (not Haniel, still the RAG's, nor Rheinelbe) are all
    reached by the pledge for "RVR eigene Flächen, wie den Halden"."""
    owned = {
        ags
        for (ags,) in query(
            built_db,
            "SELECT ags FROM features WHERE kind = 'halde' "
            "AND feature_id NOT IN ('halde-haniel', 'halde-rheinelbe')",
        )
    }
    reached = {
        ags
        for (ags,) in query(
            built_db,
            "SELECT pp.ags FROM pledge_places pp JOIN pledges p USING (pledge_id) "
            "WHERE pp.link_type = 'thematic' AND pp.role = 'target' "
            "AND p.text LIKE '%RVR eigenen Flächen, wie den Halden%'",
        )
    }
    assert len(owned) >= 14 and owned <= reached


def test_every_thematic_link_was_judged_by_the_second_reader(thematic):
    # a subset since background mentions link no town (issue 23, second round)
    assert thematic and set(thematic) <= set(labels("thematic_judgements.csv"))


def test_the_towns_of_the_issue_see_what_concerns_them(built_db):
    rows = query(
        built_db,
        "SELECT ags, evidence FROM pledge_places WHERE link_type = 'thematic' AND role = 'target'",
    )
    evidence: dict[str, str] = {}
    for ags, text in rows:
        evidence[ags] = evidence.get(ags, "") + text
    assert "Halde: Halde Hoheward" in evidence[HERTEN]
    assert "RVR-Wald: Kirchheller Heide" in evidence[BOTTROP]
    assert "Hochschule: Hochschule Ruhr West (Bottrop)" in evidence[BOTTROP]
    assert "Radschnellweg: Radschnellweg Ruhr RS1" in evidence[DORTMUND]
    assert "RVR-Wald: Haard, Hohe Mark" in evidence[HALTERN]


@pytest.fixture
def geo_copy(tmp_path):
    target = tmp_path / "geo"
    shutil.copytree(paths.GEO, target)
    return target


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(line)


def test_a_feature_point_outside_its_town_fails_the_build(tmp_path, data_copy, geo_copy):
    append(geo_copy / "features.csv", 'halde-x,halde,Halde X,05562020,51.51,7.46,,"test"\n')
    with pytest.raises(BuildError, match=r"features.csv, row \d+: feature 'halde-x' .* outside"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))  # Dortmund, not Herten


def test_a_cue_for_features_of_another_kind_fails_the_build(tmp_path, data_copy, geo_copy):
    append(geo_copy / "feature_cues.csv", 'x,halde,"Abraum",rub-bochum,"test"\n')
    with pytest.raises(BuildError, match=r"feature_cues.csv, row \d+: not a feature of kind"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))


def test_every_feature_row_cites_a_source():
    assert all(len(f.source) > 20 for f in GEO.features.features)
    assert {f.kind for f in GEO.features.features} == set(GEO.features.kinds)


def test_check_lists_feature_words_no_documented_kind_matched():
    from etl.check import check

    results = {r.document_id: r for r in check()}
    words = results["volt-2025"].unmatched_features
    assert any(w.startswith("Stadtwälder") for w in words)  # forests, not the RVR's
    assert not any(w.startswith("Radschnellweg") for w in words)  # a documented kind
