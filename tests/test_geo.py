"""The committed RVR boundaries, the gazetteer of sites, and bad geodata."""

import hashlib
import json
from collections import Counter

import pytest
from shapely.geometry import Point, shape

from etl import paths
from etl.build import build
from etl.errors import BuildError
from etl.geo import derive
from tests.conftest import inputs_for


def features(name):
    return json.loads((paths.GEO / name).read_text(encoding="utf-8"))["features"]


MUNICIPALITIES = {f["properties"]["ags"]: f for f in features("rvr_municipalities.geojson")}


def test_the_53_members_with_their_kreise():
    assert len(MUNICIPALITIES) == 53
    kreise = Counter(f["properties"]["kreis"] for f in MUNICIPALITIES.values())
    assert kreise == {
        "kreisfrei": 11,
        "Kreis Recklinghausen": 10,
        "Kreis Unna": 10,
        "Kreis Wesel": 13,
        "Ennepe-Ruhr-Kreis": 9,
    }
    names = {f["properties"]["name"] for f in MUNICIPALITIES.values()}
    assert {
        "Mülheim an der Ruhr",
        "Wetter (Ruhr)",
        "Fröndenberg/Ruhr",
        "Voerde (Niederrhein)",
        "Herten",
        "Sonsbeck",
    } <= names
    kinds = Counter(f["properties"]["kind"] for f in MUNICIPALITIES.values())
    assert kinds["kreisfreie Stadt"] == 11 and kinds["Gemeinde"] > 0


def test_coordinates_are_rounded_to_about_a_metre():
    for feature in MUNICIPALITIES.values():
        text = json.dumps(feature["geometry"]["coordinates"])
        decimals = [
            len(x.split(".")[1])
            for x in text.replace("[", "").replace("]", "").split(",")
            if "." in x
        ]
        assert max(decimals) <= 5


def test_kreise_and_outline_are_dissolved_without_holes():
    kreise = features("rvr_kreise.geojson")
    assert sorted(f["properties"]["kreis"] for f in kreise) == [
        "Ennepe-Ruhr-Kreis",
        "Kreis Recklinghausen",
        "Kreis Unna",
        "Kreis Wesel",
    ]
    outline = shape(features("rvr_outline.geojson")[0]["geometry"])
    assert outline.geom_type == "Polygon" and len(outline.interiors) == 0
    for feature in MUNICIPALITIES.values():
        assert outline.contains(shape(feature["geometry"]).representative_point())


def test_geo_command_reproduces_the_committed_files(tmp_path):
    if not paths.SHARED_BOUNDARIES.exists():
        pytest.skip("../shared/geo is not beside the project")
    counts = derive(paths.SHARED_BOUNDARIES, tmp_path, static_dir=tmp_path / "static")
    assert counts == {
        "rvr_municipalities.geojson": 53,
        "rvr_kreise.geojson": 4,
        "rvr_outline.geojson": 1,
    }
    for name in counts:
        assert (tmp_path / name).read_bytes() == (paths.GEO / name).read_bytes(), name
        assert (tmp_path / "static" / name).read_bytes() == (paths.GEO / name).read_bytes()


def test_attribution_travels_with_the_boundaries():
    data = json.loads((paths.GEO / "rvr_municipalities.geojson").read_text(encoding="utf-8"))
    assert "GeoBasis-DE / BKG 2013" in data["attribution"]
    assert "dl-de/by-2-0" in (paths.GEO / "README.md").read_text(encoding="utf-8")


def sites():
    import csv

    with (paths.GEO / "sites.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_site_lies_inside_the_municipality_it_is_filed_under():
    for row in sites():
        polygon = shape(MUNICIPALITIES[row["ags"]]["geometry"])
        assert polygon.contains(Point(float(row["lon"]), float(row["lat"]))), row["site_id"]


def test_the_gazetteer_has_the_named_sites():
    by_id = {row["site_id"]: row["ags"] for row in sites()}
    expected = {
        "revierpark-gysenberg": "05916000",
        "revierpark-nienhausen": "05513000",
        "revierpark-vonderort": "05119000",
        "revierpark-wischlingen": "05913000",
        "revierpark-mattlerbusch": "05112000",
        "iga-duisburg-rheinpark": "05112000",
        "iga-gelsenkirchen-nordsternpark": "05513000",
        "iga-dortmund-emscher-nordwaerts": "05913000",
        "innovation-city-bottrop": "05512000",
        "technologiecampus-dortmund": "05913000",
        "ecce-dortmund": "05913000",
        "ruhrvalley-herne": "05916000",
    }
    assert expected.items() <= by_id.items()
    assert all(row["source"] for row in sites())


def test_database_holds_municipalities_sites_groups(built_db):
    import duckdb

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM municipalities").fetchone() == (53,)
        lat, lon, geometry = con.execute(
            "SELECT lat, lon, geometry FROM municipalities WHERE name = 'Herten'"
        ).fetchone()
        assert shape(json.loads(geometry)).contains(Point(lon, lat))
        assert con.execute("SELECT count(*) FROM sites").fetchone()[0] >= 12
        members = con.execute(
            "SELECT count(*) FROM group_members WHERE group_id = 'kreis-wesel'"
        ).fetchone()
        assert members == (13,)
    finally:
        con.close()


def _edit_csv(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (
            lambda g: _edit_csv(
                g / "sites.csv", ",05916000,51.5528,7.2462,", ",05999000,51.5528,7.2462,"
            ),
            r"sites.csv, row 2: unknown AGS '05999000'",
        ),
        (
            lambda g: _edit_csv(
                g / "sites.csv", ",05916000,51.5528,7.2462,", ",05916000,51.5137,7.4653,"
            ),
            r"sites.csv, row 2: site 'revierpark-gysenberg' at \(51.5137, 7.4653\) lies outside "
            r"Herne \(05916000\)",
        ),
        (
            lambda g: _edit_csv(g / "sites.csv", "revierpark-nienhausen,", "revierpark-gysenberg,"),
            r"sites.csv, row 3: duplicate site_id 'revierpark-gysenberg'",
        ),
        (
            lambda g: _edit_csv(g / "sites.csv", ",51.5528,7.2462,", ",51.5528,7°24',"),
            r"sites.csv, row 2: column lon: \"7°24'\" is not a number",
        ),
        (
            lambda g: _edit_csv(g / "groups.csv", "05512000 05513000 05562*", "05512000 05111000"),
            r"groups.csv, row 6: unknown AGS '05111000'",
        ),
        (
            lambda g: _edit_csv(g / "place_names.csv", "05113000,Essen,", "05111000,Essen,"),
            r"place_names.csv, row \d+: unknown AGS '05111000'",
        ),
    ],
    ids=["unknown-ags", "outside", "duplicate-id", "bad-coordinate", "group-ags", "name-ags"],
)
def test_bad_geodata_fails_the_build_naming_file_and_row(tmp_path, data_copy, breakage, message):
    geo = tmp_path / "geo"
    import shutil

    shutil.copytree(paths.GEO, geo)
    inputs = inputs_for(data_copy, geo)
    db = tmp_path / "ruhr.duckdb"
    build(db, inputs)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    breakage(geo)
    with pytest.raises(BuildError, match=message):
        build(db, inputs)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_the_live_map_serves_the_same_boundaries():
    """The browser fetches the boundaries from dashboard/static/geo: byte for byte the
    committed files (python -m etl geo writes both)."""
    for name in ("rvr_municipalities.geojson", "rvr_kreise.geojson", "rvr_outline.geojson"):
        assert (paths.STATIC_GEO / name).read_bytes() == (paths.GEO / name).read_bytes()
