"""URL parameters: valid ones become filters, invalid and hostile ones are dropped with a note."""

from dashboard.filters import Filters, Valid, parse, to_params

VALID = Valid(
    parties=frozenset({"spd", "volt"}),
    topics=frozenset({"mobilitaet", "wohnen"}),
    ags=frozenset({"05916000", "05170040"}),
    sites=frozenset({"revierpark-gysenberg"}),
    pledges=frozenset({"spd-2020-715a62afee"}),
)


def test_valid_parameters_become_filters():
    f = parse(
        {
            "party": "spd,volt",
            "topic": "mobilitaet",
            "ags": "05916000",
            "site": "revierpark-gysenberg",
            "link": "explicit,site",
            "q": "ÖPNV Ausbau",
            "basemap": "none",
            "mode": "screenshot",
        },
        VALID,
    )
    assert f == Filters(
        parties=("spd", "volt"),
        topics=("mobilitaet",),
        ags="05916000",
        site="revierpark-gysenberg",
        links=("explicit", "site"),
        q="ÖPNV Ausbau",
        basemap="none",
        screenshot=True,
    )
    assert f.notes == ()
    assert f.search == "oepnv ausbau"


def test_filters_round_trip_through_the_url():
    f = Filters(parties=("volt",), topics=("wohnen", "mobilitaet"), ags="05170040", q="Radweg")
    assert parse(to_params(f), VALID) == f
    assert to_params(Filters()) == {}


def test_unknown_ids_are_dropped_with_a_note():
    f = parse({"party": "spd,cdu", "topic": "raumfahrt", "ags": "05111000"}, VALID)
    assert f.parties == ("spd",) and f.topics == () and f.ags is None
    assert set(f.notes) == {"party", "topic", "ags"}


def test_hostile_values_are_dropped_never_echoed():
    f = parse(
        {
            "party": "spd' OR 1=1; DROP TABLE pledges; --",
            "q": "<script>alert(1)</script>",
            "ags": "../../etc/passwd",
            "basemap": "javascript:alert(1)",
            "mode": "admin",
        },
        VALID,
    )
    assert f.parties == () and f.q == "" and f.ags is None and f.basemap == "light"
    assert not f.screenshot
    assert set(f.notes) == {"party", "q", "ags", "basemap", "mode"}
    assert all("<" not in note and "DROP" not in note for note in f.notes)


def test_overlong_search_is_dropped():
    assert parse({"q": "a" * 81}, VALID).notes == ("q",)
    assert parse({"q": "Grünflächen in Bottrop"}, VALID).q == "Grünflächen in Bottrop"


def test_several_municipalities_keep_the_first_and_say_so():
    f = parse({"ags": "05916000,05170040"}, VALID)
    assert f.ags == "05916000" and f.notes == ("ags",)


def test_list_values_from_repeated_keys_are_accepted():
    assert parse({"party": ["spd", "volt"]}, VALID).parties == ("spd", "volt")


def test_every_filter_is_one_row_of_the_spec_and_makes_its_way_everywhere():
    """URL, widgets and the queries' cache key all come from dashboard/filters.py FIELDS:
    a filter that is a Filters field and no row there, or the other way, fails here."""
    from dataclasses import fields

    from dashboard.filters import FIELDS, from_widgets, read_by_queries, widget_state

    assert {f.name for f in FIELDS} == {f.name for f in fields(Filters)} - {"notes"}
    assert len({f.url for f in FIELDS}) == len({f.widget for f in FIELDS}) == len(FIELDS)
    full = Filters(
        parties=("spd",),
        topics=("wohnen",),
        commitments=("pruefbar",),
        statuses=("nicht_bewertet",),
        fulfilment=True,
        ags="05916000",
        site="revierpark-gysenberg",
        links=("site",),
        groups=True,
        themes=True,
        features=True,
        q="Radweg",
        basemap="none",
        screenshot=True,
        view="vergleich",
        party_a="spd",
        party_b="volt",
        compare_counts="alone",
        pledge="spd-2020-715a62afee",
    )
    assert len(to_params(full)) == len(FIELDS)  # every field has its URL form
    assert parse(to_params(full), VALID) == full
    assert from_widgets(widget_state(full)) == full
    cached = read_by_queries(full)  # the view's own fields are no part of the cache key
    assert (cached.basemap, cached.view, cached.party_a, cached.features) == (
        "light",
        "karte",
        None,
        False,
    )
    assert cached.compare_counts == "all"
    assert cached.topics == ("wohnen",) and cached.groups


def test_the_status_filter_reads_from_the_url_and_names_itself_in_the_title():
    from dashboard.filters import Valid, parse, to_params

    valid = Valid(frozenset({"spd"}), frozenset(), frozenset(), frozenset())
    f = parse({"status": ["nicht_bewertet,erfunden"]}, valid)
    assert f.statuses == ("nicht_bewertet",) and "status" in f.notes
    assert to_params(f.without_notes())["status"] == "nicht_bewertet"
