"""Dashboard queries against the real database: filters, search, place links, aggregation."""

import shutil

import duckdb
import pytest

from dashboard import compare_queries, queries
from dashboard.filters import Filters
from etl.kinds import COMMITMENTS, LINK_TYPES
from tests.conftest import SHOWN, count


@pytest.fixture(scope="module")
def con(built_db):
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


def test_search_ignores_case_and_umlaut_spellings(con):
    oepnv = queries.all_pledges(con, Filters(q="oepnv"))
    assert len(oepnv) > 3 and all("ÖPNV" in t or "öpnv" in t.lower() for t in oepnv["text"])
    green = queries.all_pledges(con, Filters(q="gruenflaechen"))
    assert len(green) >= 1 and any("Grünflächen" in t for t in green["text"])
    assert len(queries.all_pledges(con, Filters(q="GRÜNFLÄCHEN"))) == len(green)


def test_party_and_topic_filters(con, built_db):
    spd = queries.all_pledges(con, Filters(parties=("spd",)))
    assert len(spd) == count(built_db, f"party_id = 'spd' AND {SHOWN}")
    assert set(spd["party_id"]) == {"spd"}
    mobility = queries.all_pledges(con, Filters(topics=("mobilitaet",)))
    assert all("mobilitaet" in ids for ids in mobility["topic_ids"])
    both = queries.all_pledges(con, Filters(parties=("volt",), topics=("mobilitaet", "wohnen")))
    assert set(both["party_id"]) == {"volt"}
    assert all({"mobilitaet", "wohnen"} & set(ids) for ids in both["topic_ids"])


def test_municipality_pledges_carry_their_reasons(con):
    herne = queries.place_pledges(con, Filters(ags="05916000"))
    assert len(herne) >= 3
    assert any("ruhrvalley" in e for e in herne["evidence"])
    assert set(",".join(herne["link_types"]).split(",")) <= set(LINK_TYPES)


def test_region_wide_pledges_name_no_place(con, built_db):
    """A pledge that reaches towns only through their features stays regional elsewhere."""
    region = queries.region_pledges(con, Filters(commitments=COMMITMENTS))
    named = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT pledge_id FROM pledge_places WHERE link_type <> 'thematic'"
        ).fetchall()
    }
    assert len(region) + len(named) == count(built_db)
    assert not set(region["pledge_id"]) & named
    haltern = queries.region_pledges(con, Filters(commitments=COMMITMENTS, ags="05562016"))
    forests = {
        r[0]
        for r in con.execute(
            "SELECT pledge_id FROM pledge_places WHERE ags = '05562016' AND link_type = 'thematic'"
        ).fetchall()
    }
    assert forests and not forests & set(haltern["pledge_id"])  # listed as its own, not twice
    assert forests <= set(region["pledge_id"])


def test_sonsbeck_has_no_place_specific_pledges(con):
    assert queries.place_pledges(con, Filters(ags="05170040")).empty
    assert len(queries.region_pledges(con, Filters(ags="05170040"))) > 300


def test_choropleth_counts_are_aggregated_in_duckdb(con):
    counts = queries.municipality_counts(con, Filters())
    per_town = counts.groupby("ags")["n"].sum()
    # Dortmund: ECCE and the Revierpark (targets); not the campus or the IGA (models)
    assert per_town["05913000"] == 2
    assert per_town.get("05512000", 0) == 0  # Bottrop: Innovation City is only a model
    with_groups = queries.municipality_counts(con, Filters(groups=True)).groupby("ags")["n"].sum()
    assert with_groups["05512000"] == 1  # the university for the northern Ruhr
    assert with_groups["05913000"] == 3  # + Universitätsallianz Ruhr
    only_groups = queries.municipality_counts(con, Filters(links=("group",)))
    assert only_groups["n"].sum() < with_groups.sum()
    # selecting a municipality does not change the map's colours
    assert queries.municipality_counts(con, Filters(ags="05916000")).equals(counts)


def test_site_filter_and_popups(con):
    gysenberg = queries.place_pledges(con, Filters(site="revierpark-gysenberg"))
    assert len(gysenberg) >= 1
    assert all("Revierparks" in t or "Reviersparks" in t for t in gysenberg["text"])
    popups = queries.site_pledges(con, Filters())
    assert set(popups["site_id"]) >= {"ecce-dortmund", "revierpark-gysenberg"}


def test_hostile_text_is_only_ever_a_parameter(built_db, tmp_path):
    """On a writable connection, where an injected DROP would succeed if it ran."""
    copy = tmp_path / "writable.duckdb"
    shutil.copy(built_db, copy)
    writable = duckdb.connect(str(copy))
    try:
        before = writable.execute("SELECT count(*) FROM pledges").fetchone()[0]
        hostile = Filters(q="x'); DROP TABLE pledges; --")
        assert queries.all_pledges(writable, hostile).empty
        assert writable.execute("SELECT count(*) FROM pledges").fetchone() == (before,)
    finally:
        writable.close()


def test_topic_shares_sum_to_one_per_party(con):
    shares = queries.topic_shares(con, Filters())
    assert shares.groupby("party_id")["share"].sum().round(6).tolist() == [1.0, 1.0]


def test_common_ground_has_one_row_per_pair_and_respects_topics(con):
    pairs = compare_queries.common_ground(con, Filters())
    assert len(pairs) == len(set(zip(pairs["a_id"], pairs["b_id"], strict=True))) >= 8
    assert (pairs["a_party"] != pairs["b_party"]).all()
    mobility = compare_queries.common_ground(con, Filters(topics=("mobilitaet",)))
    assert set(mobility["topic_id"]) <= {"mobilitaet"}


@pytest.mark.parametrize(
    "f",
    [
        Filters(),
        Filters(groups=True),
        Filters(groups=True, themes=True, commitments=COMMITMENTS),
        Filters(parties=("volt",), groups=True, themes=True),
    ],
    ids=["named", "groups", "everything", "one party against the others"],
)
def test_the_comparison_map_counts_each_town_by_the_tiers_of_the_lists(con, f):
    """Per town and party the tiers add up to the main map's count, and each pledge
    counts in the tier where the comparison's lists put it: in a common-ground pair, else
    in a similar pair, else under "Nur bei …"."""
    tiers = compare_queries.town_tiers(con, f)
    counts = queries.municipality_counts(con, f)
    counted = counts[counts["n"] > 0].set_index(["ags", "party_id"])["n"].sort_index()
    assert tiers.groupby(["ags", "party_id"])["n"].sum().sort_index().equals(counted)
    common = compare_queries.common_ground(con, f)
    similar = compare_queries.similar_candidates(con, f)
    in_common = set(common["a_id"]) | set(common["b_id"])
    in_similar = set(similar["a_id"]) | set(similar["b_id"])
    alone = set(compare_queries.without_counterpart(con, f)["pledge_id"])
    params: list = []
    rows = con.execute(
        f"SELECT ags, party_id, pledge_id FROM ({queries.counted_per_pledge(f, params)}) "
        "WHERE counted",
        params,
    ).fetchall()
    expected: dict = {}
    for ags, party, pledge in rows:
        tier = "common" if pledge in in_common else "similar" if pledge in in_similar else "alone"
        assert (tier == "alone") == (pledge in alone), pledge
        expected[(ags, party, tier)] = expected.get((ags, party, tier), 0) + 1
    assert {(r.ags, r.party_id, r.tier): r.n for r in tiers.itertuples()} == expected
    assert len(set(tiers["tier"])) >= (1 if f.parties else 3 if f.themes else 2)
    assert not f.parties or set(common["a_party"]) | set(common["b_party"]) > {"Volt Ruhr"}


def test_pledges_without_counterpart_exclude_those_with_a_possible_one(con):
    alone = set(compare_queries.without_counterpart(con, Filters())["pledge_id"])
    pairs = compare_queries.common_ground(con, Filters())
    assert not alone & (set(pairs["a_id"]) | set(pairs["b_id"]))
    possible = {
        pledge
        for row in con.execute(
            "SELECT pledge_id, other_pledge_id FROM pledge_similarity WHERE level = 'possible' "
            "AND review IS DISTINCT FROM 'rejected'"
        ).fetchall()
        for pledge in row
    }
    assert possible and not alone & possible
    # less than half: after two readers rejected 446 possible pairs (data/reviews/), 172
    # pledges stand alone; a blind sample of 20 of them was right for 19
    assert 0 < len(alone) < 397 / 2


def test_a_query_is_cached_by_the_filters_it_reads():
    """Choosing a town or another basemap does not run the map's counts again; a site,
    which the counts do read, does."""
    from dataclasses import replace

    from dashboard.data import read_filters

    base = Filters(topics=("wohnen",))
    town = replace(base, ags="05562020", basemap="none", features=True)
    assert read_filters("municipality_counts", town) == read_filters("municipality_counts", base)
    site = replace(base, site="revierpark-gysenberg")
    assert read_filters("municipality_counts", site) != read_filters("municipality_counts", base)
    assert read_filters("site_pledges", site) == read_filters("site_pledges", base)
    assert read_filters("place_pledges", town).ags == "05562020"


def test_the_status_filter_keeps_the_ended_terms_pledges_of_that_status(con, built_db):
    ended = Filters(commitments=COMMITMENTS, statuses=("nicht_bewertet",))
    found = queries.all_pledges(con, ended)
    assert len(found) == count(built_db, "status = 'nicht_bewertet'") > 0
    assert set(found["party_id"]) == {"spd"}  # the only programme whose term has ended
    done = queries.all_pledges(con, Filters(commitments=COMMITMENTS, statuses=("umgesetzt",)))
    assert len(done) == count(built_db, "status = 'umgesetzt'")


def test_the_fulfilment_map_counts_checkable_pledges_of_ended_terms_per_town(con):
    """`umsetzung=1`: only checkable pledges of programmes whose term has ended, and only
    where they count for a town (targets), each with its status."""
    rows = queries.town_statuses(con, Filters(fulfilment=True))
    assert len(rows) > 0
    pledges = tuple(rows["pledge_id"].unique())
    kinds = con.execute(
        "SELECT DISTINCT p.commitment, d.term_end IS NOT NULL FROM pledges p "
        "JOIN documents d USING (document_id) WHERE list_contains(?, p.pledge_id)",
        [list(pledges)],
    ).fetchall()
    assert kinds == [("pruefbar", True)]
    counted = queries.municipality_counts(con, Filters(commitments=("pruefbar",), parties=("spd",)))
    for town, n in counted.groupby("ags")["n"].sum().items():
        assert (rows["ags"] == town).sum() == n  # the same towns and pledges as the count map
    volt = queries.town_statuses(con, Filters(fulfilment=True, parties=("volt",)))
    assert len(volt) == 0  # a running term has nothing to rate
