"""Kinds are data: a new site kind is a row in geo/site_kinds.csv and shows in the map legend
and the static export without a code change; unknown kinds and registry keys fail clearly."""

import shutil

import duckdb
import pytest

from dashboard import export_map, map_html, map_spec, queries
from dashboard.filters import Filters
from etl import kinds, paths
from etl.build import build
from etl.errors import BuildError
from tests.conftest import inputs_for, query
from tests.test_export import GEO


@pytest.fixture
def geo_copy(tmp_path):
    target = tmp_path / "geo"
    shutil.copytree(paths.GEO, target)
    return target


def add_halde(geo, kind_row="halde,Halde,H,#56B4E9,test kind\n"):
    """A site of a kind the code has never heard of, inside Herten."""
    with (geo / "site_kinds.csv").open("a", encoding="utf-8") as f:
        f.write(kind_row)
    with (geo / "sites.csv").open("a", encoding="utf-8") as f:
        f.write('halde-hoheward,Halde Hoheward,halde,05562020,51.5610,7.1520,Hoheward,"test"\n')


def test_a_new_site_kind_reaches_legend_and_static_map(tmp_path, data_copy, geo_copy):
    import matplotlib.pyplot as plt

    add_halde(geo_copy)
    db = tmp_path / "k.duckdb"
    build(db, inputs_for(data_copy, geo_copy))
    assert query(db, "SELECT label, letter, color FROM site_kinds WHERE kind = 'halde'") == [
        ("Halde", "H", "#56B4E9")
    ]
    con = duckdb.connect(str(db), read_only=True)
    try:
        ref = queries.reference(con)
        counts = queries.municipality_counts(con, Filters())
        site_pledges = queries.site_pledges(con, Filters())
    finally:
        con.close()
    colouring = map_spec.place_colouring(counts, list(ref["municipalities"]["ags"]))
    spec = map_spec.map_spec(
        counts,
        ref["parties"],
        site_pledges,
        map_spec.base(ref["municipalities"], ref["sites"], ref["features"]),
        colouring,
        ("Titel", "Untertitel"),
    )
    legend = map_html.legend(spec)
    assert ">H</span>Halde" in legend and "#56B4E9" in legend
    fig = export_map.static_figure(spec, GEO)
    try:
        entries = [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
        assert "Halde" in entries  # beside a dot with the letter H (a tuple handle)
    finally:
        plt.close(fig)


def test_a_site_of_an_unknown_kind_fails_naming_file_and_row(data_copy, geo_copy, tmp_path):
    add_halde(geo_copy, kind_row="")
    with pytest.raises(BuildError, match=r"sites.csv, row 14: unknown site kind 'halde'"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("halde,Halde,HH,#56B4E9,x\n", "letter must be one character"),
        ("halde,Halde,H,#56B4E9\\n,x\n", "color must look like #RRGGBB"),
        ("revierpark,Park,P,#009E73,x\n", "duplicate kind 'revierpark'"),
    ],
)
def test_malformed_site_kinds_fail(data_copy, geo_copy, tmp_path, row, message):
    add_halde(geo_copy, kind_row=row)
    with pytest.raises(BuildError, match=r"site_kinds.csv, row \d+: " + message):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))


def test_link_types_file_names_exactly_the_link_types_of_the_code(data_copy, geo_copy, tmp_path):
    path = geo_copy / "link_types.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last type
    with pytest.raises(
        BuildError,
        match=rf"link_types.csv: no row for link type\(s\) "
        rf"{kinds.LINK_TYPES[-1]}",
    ):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))
    path.write_text("".join(lines) + "thematisch,Thema,x\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"unknown link_type 'thematisch'"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))


def test_an_unknown_registry_key_fails_with_one_line_naming_document_and_key(data_copy, tmp_path):
    registry = data_copy / "sources.toml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("skip_sections = [", "skip_section = [", 1), encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        build(tmp_path / "x.duckdb", inputs_for(data_copy))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        str(registry) + ": document #2 (volt-2025): unknown key 'skip_section'"
    )


def test_the_database_lists_every_kind_of_the_code(built_db):
    assert [r[0] for r in query(built_db, "SELECT kind FROM pledge_kinds")] == list(
        kinds.PLEDGE_KINDS
    )
    assert [r[0] for r in query(built_db, "SELECT link_type FROM link_types")] == list(
        kinds.LINK_TYPES
    )
