"""A data release of the built database (issue 28): a valid Frictionless Data Package with a
schema, keys and licences per resource, byte-identical data for the same database, a
version and a changelog that follow the data, CITATION.cff and DCAT-AP.de metadata."""

import csv
import json
import shutil

import pytest
import yaml

from etl import cli
from etl.publish import publish

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def release(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "v1"
    publish(built_db, out)
    return out


def _package(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_frictionless_validates_the_release(release):
    from frictionless import validate

    report = validate(str(release / "datapackage.json"))
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]


def test_every_table_is_csv_and_parquet_with_its_schema_keys_and_licences(release):
    resources = {r["name"]: r for r in _package(release)["resources"]}
    pledges = resources["pledges"]
    assert pledges["schema"]["primaryKey"] == ["pledge_id"]
    assert {"name": "CC-BY-4.0"}.items() <= pledges["licenses"][0].items()
    assert pledges["licenses"][1]["name"] == "party-quotes"  # the parties' words, quoted
    assert resources["municipalities"]["licenses"][-1]["name"] == "dl-de-by-2.0"
    assert "pledges-parquet" in resources and (release / "data" / "pledges.parquet").exists()
    places = resources["pledge_places"]["schema"]["foreignKeys"]
    assert {"fields": ["ags"], "reference": {"resource": "municipalities", "fields": ["ags"]}} in (
        places
    )
    described = [f for r in resources.values() for f in r["schema"]["fields"] if "description" in f]
    fields = [f for r in resources.values() for f in r["schema"]["fields"]]
    assert len(described) / len(fields) > 0.9  # from the comments in etl/schema.sql
    assert not any(n.startswith(("council_", "build_info")) for n in resources)


def test_the_same_database_gives_byte_identical_data_and_keeps_its_version(built_db, release):
    again = release.with_name("again")
    done = publish(built_db, again, previous=release)
    assert not done.changed and done.version == _package(release)["version"] == "1.0.0"
    for path in sorted((release / "data").iterdir()):
        assert path.read_bytes() == (again / "data" / path.name).read_bytes(), path.name
    assert "Neue Versprechen: 0" in (again / "CHANGELOG.md").read_text(encoding="utf-8")


def test_changed_data_raises_the_patch_and_the_changelog_names_the_pledges(
    built_db, release, tmp_path
):
    """The previous release edited by hand: one pledge it lacks (added since), one it has
    that the database lacks (removed since), one whose class differs (changed since)."""
    old = tmp_path / "old"
    shutil.copytree(release, old)
    path = old / "data" / "pledges.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    added, changed = rows[0]["pledge_id"], rows[1]["pledge_id"]
    rows[1]["commitment"] = "keine" if rows[1]["commitment"] != "keine" else "allgemein"
    rows = rows[1:] + [{**rows[2], "pledge_id": "spd-2020-0000000000", "text": "Weg."}]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    package = _package(old)
    (old / "datapackage.json").write_text(json.dumps({**package, "dataSha256": "older"}))
    done = publish(built_db, tmp_path / "new", previous=old)
    assert done.changed and done.version == "1.0.1"
    log = (tmp_path / "new" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "Verglichen mit Version 1.0.0" in log
    assert f"## Neue Versprechen: 1\n\n- `{added}`" in log
    assert "## Entfernte Versprechen: 1\n\n- `spd-2020-0000000000`: Weg." in log
    heading = "## Geänderte Versprechen (Text, Verbindlichkeit, Thema, Kontext oder Umsetzung)"
    assert f"{heading}: 1\n\n- `{changed}`" in log


def test_citation_and_dcat_name_the_release_and_the_region(release):
    citation = yaml.safe_load((release / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0" and citation["version"] == "1.0.0"
    assert citation["license"] == "CC-BY-4.0" and citation["authors"]
    dcat = json.loads((release / "dcat.jsonld").read_text(encoding="utf-8"))
    places = [p["@id"] for p in dcat["dcatde:politicalGeocodingURI"]]
    towns = [p for p in places if "/municipalityKey/" in p]
    assert len(towns) == 53
    assert "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05562020" in towns
    assert "http://dcat-ap.de/def/politicalGeocoding/districtKey/05913" in places  # Dortmund
    assert len([p for p in places if "/districtKey/" in p]) == 15  # 11 Städte, 4 Kreise
    assert len(dcat["dcat:distribution"]) == len(_package(release)["resources"])


def test_a_missing_database_is_one_line_and_the_previous_release_stays(release, capsys, tmp_path):
    before = sorted(p.name for p in release.iterdir())
    code = cli.main(["publish", str(release), "--db", str(tmp_path / "none.duckdb"), "--no-site"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1 and len(err) == 1 and "none.duckdb: no such database" in err[0]
    assert sorted(p.name for p in release.iterdir()) == before
