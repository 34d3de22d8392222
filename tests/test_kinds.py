"""Kinds are data: a new site kind is a row in geo/site_kinds.csv and shows in the map legend
and the static export without a code change; unknown kinds and registry keys fail clearly."""

import shutil

import duckdb
import pytest

from dashboard import export_map, map_html, map_spec, queries, style
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
        ("halde,Halde,HH,#56B4E9,x\n", "column letter: 'HH' is not one character"),
        ("halde,Halde,H,#56B4E9\\n,x\n", r"column color: '#56B4E9\\\\n' is not a colour"),
        ("revierpark,Park,P,#009E73,x\n", "duplicate kind 'revierpark' \\(first in row 2\\)"),
    ],
)
def test_malformed_site_kinds_fail(data_copy, geo_copy, tmp_path, row, message):
    add_halde(geo_copy, kind_row=row)
    with pytest.raises(BuildError, match=r"site_kinds.csv, row \d+: " + message):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))


def test_link_types_file_needs_every_type_of_the_linkers_and_a_known_reach(
    data_copy, geo_copy, tmp_path
):
    path = geo_copy / "link_types.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last type
    with pytest.raises(
        BuildError,
        match=rf"link_types.csv: no row for link type\(s\) "
        rf"{kinds.LINK_TYPES[-1]}",
    ):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))
    path.write_text("".join(lines) + "fluss,Fluss,nah,x\n", encoding="utf-8")
    with pytest.raises(
        BuildError,
        match=r"link_types.csv, row 6: column reach: 'nah' is not one of direct, group, feature",
    ):
        build(tmp_path / "x.duckdb", inputs_for(data_copy, geo_copy))


def test_a_new_link_type_is_one_row_and_reaches_filter_counts_map_cards_and_exports(
    data_copy, geo_copy, tmp_path
):
    """One edit: a row in geo/link_types.csv. Its linker (here: the links it would
    make, written into the built database) is the only other part; no query, view or
    script names a link type."""
    from dashboard import export, views
    from dashboard.filters import Valid, parse

    with (geo_copy / "link_types.csv").open("a", encoding="utf-8") as f:
        f.write('fluss,Fluss genannt,direct,"test: the pledge names a river the town lies on"\n')
    db = tmp_path / "fluss.duckdb"
    build(db, inputs_for(data_copy, geo_copy))
    con = duckdb.connect(str(db))
    try:
        before = queries.municipality_counts(con, Filters())
        quiet = con.execute(
            "SELECT ags, name FROM municipalities WHERE ags NOT IN "
            "(SELECT DISTINCT ags FROM pledge_places) ORDER BY ags LIMIT 1"
        ).fetchone()
        pledge = con.execute(
            "SELECT pledge_id FROM pledges WHERE commitment = 'pruefbar' ORDER BY pledge_id LIMIT 1"
        ).fetchone()[0]
        con.execute(
            "INSERT INTO pledge_places VALUES (?, ?, NULL, 'fluss', 'target', 'Lippe', '')",
            [pledge, quiet[0]],
        )
        ref = queries.reference(con)
        counts = queries.municipality_counts(con, Filters())
        only = queries.municipality_counts(con, Filters(links=("fluss",)))
        town = queries.place_pledges(con, Filters(ags=quiet[0]))
    finally:
        con.close()
    labels = views.link_labels(ref)
    assert labels["fluss"] == "Fluss genannt"  # the filter's options
    valid = Valid(frozenset(), frozenset(), frozenset(), frozenset(), frozenset(labels))
    assert parse({"link": "fluss"}, valid).links == ("fluss",)  # and its URL form
    assert before[before["ags"] == quiet[0]].empty
    assert int(counts[counts["ags"] == quiet[0]]["n"].sum()) == 1  # counted as direct
    assert set(only[only["n"] > 0]["ags"]) == {quiet[0]}  # the link type filter
    assert bool(town.iloc[0]["direct"]) and town.iloc[0]["link_types"] == "fluss"
    colouring = map_spec.place_colouring(counts, list(ref["municipalities"]["ags"]))
    assert colouring.fills[quiet[0]] != style.ZERO  # a class of the legend, not "keine"
    cards = views.pledge_cards(town, {}, labels, "v")
    assert "Fluss genannt" in cards
    table = export.pledge_table(town, {}, labels)
    assert list(table["Art des Ortsbezugs"]) == ["Fluss genannt"]


def test_no_query_view_or_script_names_a_link_type():
    """The dashboard goes by a link's reach (table link_types), never by its name.
    ('site' and 'group' are also a filter and a reach, so the two with no other meaning
    stand for the rest; no SQL compares link_type with a literal.)"""
    import re

    dashboard = paths.ROOT / "dashboard"
    for path in [*dashboard.glob("*.py"), *dashboard.glob("static/*.js")]:
        text = path.read_text(encoding="utf-8")
        for name in (kinds.EXPLICIT, kinds.THEMATIC):
            assert f"'{name}'" not in text and f'"{name}"' not in text, (path.name, name)
        assert not re.search(r"link_type\s*(=|<>|!=|IN)\s*\(?\s*'", text), path.name


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
