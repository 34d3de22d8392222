"""The Streamlit app through AppTest: filters, URL parameters, empty and quiet places."""

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import views
from etl import paths
from tests.conftest import SHOWN, count, query

APP = str(paths.ROOT / "dashboard" / "app.py")


@pytest.fixture
def app(built_db, monkeypatch):
    monkeypatch.setenv("RUHR_DB", str(built_db))

    def start(**params):
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return start


def texts(at):
    return (
        [e.value for e in at.subheader] + [e.value for e in at.info] + [e.value for e in at.warning]
    )


def markdown(at):
    return "\n".join(str(e.value) for e in at.markdown)


def test_default_view_lists_every_pledge_that_commits(app, built_db):
    at = app()
    assert not at.exception
    shown = count(built_db, SHOWN)
    assert shown < count(built_db)  # slogans and definitions in lists are hidden
    assert f"Alle Versprechen ({shown})" in texts(at)
    assert not at.warning
    assert len(at.sidebar.multiselect) == 5 and len(at.sidebar.selectbox) == 2


def test_the_commitment_filter_shows_what_is_asked_for(app, built_db):
    at = app(commitment="keine")
    assert (
        f"Alle Versprechen ({count(built_db, 'commitment = ' + chr(39) + 'keine' + chr(39))})"
        in texts(at)
    )
    assert not at.exception


def test_url_parameters_set_the_filters(app):
    at = app(party="volt", topic="mobilitaet")
    assert at.sidebar.multiselect(key="w_party").value == ["volt"]
    assert at.sidebar.multiselect(key="w_topic").value == ["mobilitaet"]
    heading = next(t for t in texts(at) if t.startswith("Alle Versprechen"))
    assert 10 < int(heading.split("(")[1].rstrip(")")) < 100
    assert "RuhrSPD 2020" not in markdown(at)


def test_a_filter_change_updates_the_url(app):
    at = app()
    at.sidebar.multiselect(key="w_topic").set_value(["wohnen"]).run()
    at.sidebar.text_input(key="w_q").set_value("quartier").run()
    assert dict(at.query_params) == {"topic": "wohnen", "q": "quartier"}


def test_municipality_view_shows_profile_reasons_and_region(app):
    at = app(ags="05916000")
    assert "Profil: Herne" in texts(at) and "Nennen Herne oder einen Ort dort (2)" in texts(at)
    assert "Für eine Gruppe, zu der Herne gehört (1)" in texts(at)  # 5-Standorte-Programm
    html = markdown(at)
    assert "ruhrvalley" in html and "Ort in der Kommune genannt" in html
    expanders = [e.label for e in at.expander]
    assert any(label.startswith("Für die ganze Region") for label in expanders)
    assert "Nur beschreibend erwähnt (1)" in expanders  # "… hat bereits begonnen."
    assert [m.label for m in at.metric][:1] == ["RuhrSPD (2020)"]
    assert at.metric[0].value == "2"


def test_bottrop_as_a_model_is_not_a_promise_for_bottrop(app):
    """Innovation City is named as the source of a transfer to the region: listed under
    'Als Vorbild genannt', not among the promises for Bottrop, not in its count."""
    at = app(ags="05512000", party="spd")
    assert not at.exception
    assert at.metric[0].value == "0"
    assert not any(x.startswith("Nennen Bottrop") for x in texts(at))
    example = next(e for e in at.expander if e.label.startswith("Als Vorbild genannt"))
    html = "\n".join(str(m.value) for m in example.markdown)
    assert "Innovation City" in html
    # and one that names a kind of feature Bottrop has as a model ("analog des
    # Emscherumbaus"); "neben den Gymnasien und Universitäten" is a comparison, and
    # Bottrop has a Fachhochschule, no university (issue 23): no link at all
    assert example.label == "Als Vorbild genannt (2)"
    assert "Emscher: Emscher" in html and "Hochschule" not in html
    on = app(ags="05512000", party="spd", groups="1")  # the northern Ruhr university
    assert on.metric[0].value == "1"


def test_a_municipality_without_specific_pledges(app):
    at = app(ags="05170040")
    assert not at.exception
    assert any(t.startswith("Keine Partei nennt Sonsbeck") for t in texts(at))
    assert any(e.label.startswith("Für die ganze Region (3") for e in at.expander)


def test_empty_results_say_so(app):
    at = app(q="Raumfahrtbahnhof")
    assert "Alle Versprechen (0)" in texts(at)
    assert "Keine Versprechen passen zu diesen Filtern." in texts(at)


@pytest.mark.parametrize(
    "params",
    [
        {"party": "cdu", "topic": "raumfahrt"},
        {"q": "<script>alert('x')</script>"},
        {"party": "spd' OR '1'='1", "ags": "1; DROP TABLE pledges"},
        {"basemap": "<img src=x onerror=alert(1)>", "site": "nirgendwo"},
    ],
)
def test_invalid_and_hostile_parameters_are_dropped_with_a_note(app, built_db, params):
    at = app(**params)
    assert not at.exception
    assert len(at.warning) == 1
    note = at.warning[0].value
    assert note.startswith("Ungültige Angabe in der Adresse ignoriert:")
    for value in params.values():
        assert value not in note
    assert "<script>" not in markdown(at) and "onerror" not in markdown(at)
    assert f"Alle Versprechen ({count(built_db, SHOWN)})" in texts(at)


def test_screenshot_mode_hides_every_control(app):
    at = app(mode="screenshot", topic="mobilitaet")
    assert not at.exception
    assert len(at.sidebar.multiselect) == 0 and len(at.text_input) == 0
    assert not at.subheader and not at.title


def test_comparison_view_shows_shares_common_ground_and_single_party_pledges(app):
    at = app(view="vergleich")
    assert not at.exception
    assert "Parteien vergleichen" in [h.value for h in at.header]
    common = next(s.value for s in at.subheader if s.value.startswith("Gemeinsamkeiten"))
    assert int(common.split("(")[1].split()[0]) >= 8
    html = markdown(at)
    assert "Wasserstoffwirtschaft" in html and "Gemeinsame Begriffe" in html
    labels = [e.label for e in at.expander]
    assert any(x.startswith("Nur bei RuhrSPD (2020)") for x in labels)
    assert any(x.startswith("Nur bei Volt Ruhr (2025)") for x in labels)
    assert (at.session_state["w_a"], at.session_state["w_b"]) == ("spd", "volt")
    assert any("verschiedenen Wahlen (2020, 2025)" in i.value for i in at.info)


def test_comparison_follows_topic_filter_and_party_order(app):
    at = app(view="vergleich", topic="mobilitaet", a="volt", b="spd")
    assert not at.exception
    assert at.session_state["w_a"] == "volt"
    assert "Wasserstoffwirtschaft etablieren" not in markdown(at)  # economy and climate
    assert dict(at.query_params) == {
        "topic": "mobilitaet",
        "view": "vergleich",
        "a": "volt",
        "b": "spd",
    }


def test_a_programme_added_through_the_registry_alone_shows_in_the_dashboard(
    tmp_path, data_copy, monkeypatch
):
    from etl.build import build
    from tests.conftest import add_programme, inputs_for

    add_programme(
        data_copy,
        "fiktiv-2030",
        "fiktiv",
        "Die Fiktiven",
        "# 1 Mobilität\n\n## Unsere Ziele auf einem Blick\n\n"
        "- Seilbahn über den Rhein-Herne-Kanal\n- Nachtbusse in Herten\n\n"
        "Die Fiktiven fordern kostenlose Fahrräder für alle.\n",
        self_names=("Die Fiktiven", "Fiktiven"),
    )
    db = tmp_path / "fiktiv.duckdb"
    build(db, inputs_for(data_copy))
    monkeypatch.setenv("RUHR_DB", str(db))
    monkeypatch.setenv("RUHR_DB_AS_IS", "1")
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["party"] = "fiktiv"
    at.run()
    assert not at.exception
    assert "Die Fiktiven (2030)" in at.sidebar.multiselect(key="w_party").options
    assert "Alle Versprechen (3)" in texts(at)
    assert "Nachtbusse in Herten" in markdown(at)


def test_pledge_cards_follow_a_rebuilt_database():
    """Card pages are cached, keyed by the database version: a rebuild keeps pledge ids
    (they hash kind and text) but may change a pledge's topic or class."""
    import pandas as pd

    from dashboard import views

    row = {
        "pledge_id": "x-1",
        "party": "P",
        "year": 2030,
        "color": "#000000",
        "kind": "goal",
        "section": "S",
        "subsection": None,
        "text": "Wir bauen Radwege.",
        "topic_ids": ["mobilitaet"],
        "topic_evidence": "{}",
        "document": "D",
        "source_line": 1,
        "commitment": "allgemein",
    }
    labels = {"mobilitaet": "Mobilität", "wohnen": "Wohnen"}
    before = views.pledge_cards(pd.DataFrame([row]), labels, version="v1")
    changed = pd.DataFrame([{**row, "topic_ids": ["wohnen"], "commitment": "pruefbar"}])
    assert views.pledge_cards(changed, labels, version="v1") == before  # same version: cached
    after = views.pledge_cards(changed, labels, version="v2")
    assert "Wohnen" in after and "prüfbar" in after and "Mobilität" not in after


def test_the_counts_are_a_table_of_numbers_with_bars_in_party_colours(app, built_db):
    """The counts under the list: one HTML table whose cells are the numbers (the text a
    screen reader reads and a report copies), with a bar in the party's colour."""
    import re

    at = app(party="volt", topic="mobilitaet")
    html = next(str(m.value) for m in at.markdown if "ruhr-bars" in str(m.value))
    assert "<caption>Versprechen je Partei und Thema</caption>" in html
    assert '<th scope="col">Volt Ruhr 2025</th>' in html and "RuhrSPD" not in html
    volt = SHOWN + " AND party_id = 'volt'"
    primary = count(built_db, volt + " AND topic_id = 'mobilitaet'")  # rows: primary topic
    row = re.search(r'<th scope="row">Mobilität &amp; Verkehr</th><td><span class="n">(\d+)<', html)
    assert row and int(row.group(1)) == primary
    cells = [int(n) for n in re.findall(r'<span class="n">(\d+)</span>', html)]
    assert sum(cells) == count(built_db, volt + " AND list_contains(topic_ids, 'mobilitaet')")
    assert "background:#502379" in html  # Volt purple


def test_a_hostile_key_name_in_the_address_is_shown_never_run_as_markdown(app):
    """Issue 25: a key named twice in an address reached the warning as Markdown: an
    image from any host, a link."""
    at = app(
        **{"![x](http://127.0.0.1:9/x)": ["1", "2"], "[Hier](http://127.0.0.1:9/)": ["1", "2"]}
    )
    assert not at.exception and len(at.warning) == 1
    note = at.warning[0].value
    assert "](" not in note.replace("\\](", "") and "![" not in note.replace("!\\[", "")
    assert "\\[" in note  # escaped: Streamlit shows the brackets as text


def test_the_corrections_page_lists_each_decision_with_before_and_reason(app, built_db):
    [(pledge, other, reason)] = query(
        built_db,
        "SELECT pledge_id, target, reason FROM reviews WHERE field = 'pair' "
        "AND status = 'applied' ORDER BY file, row LIMIT 1",
    )
    at = app(view="korrekturen")
    assert not at.exception
    page = markdown(at)
    assert "Korrekturen" in " ".join(h.value for h in at.header)
    assert views.esc(reason) in page and "dieselbe Verpflichtung" in page
    assert "Gegenstück" in page


def test_confirmed_pairs_are_common_ground_marked_as_checked(app, built_db):
    confirmed = query(
        built_db,
        "SELECT count(*) FROM (SELECT DISTINCT least(pledge_id, other_pledge_id), "
        "greatest(pledge_id, other_pledge_id) FROM pledge_similarity WHERE review = 'confirmed')",
    )[0][0]
    at = app(view="vergleich")
    assert not at.exception
    assert confirmed >= 60  # the first records (data/reviews)
    heading = next(s.value for s in at.subheader if s.value.startswith("Gemeinsamkeiten"))
    assert int(heading.split("(")[1].split()[0]) >= confirmed
    assert 'class="checked">geprüft' in markdown(at)


def test_similar_candidates_are_a_tier_below_and_never_repeat_common_ground(app, built_db):
    from dashboard import compare_queries
    from dashboard.filters import Filters

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        common = compare_queries.common_ground(con, Filters())
        similar = compare_queries.similar_candidates(con, Filters())
    finally:
        con.close()
    pairs = lambda frame: set(zip(frame["a_id"], frame["b_id"], strict=True))  # noqa: E731
    assert len(similar) > 0 and not pairs(common) & pairs(similar)
    assert not similar["confirmed"].any()
    at = app(view="vergleich")
    assert not at.exception
    assert any(s.value.startswith("Ähnliche Versprechen (") for s in at.subheader)


def test_the_comparison_says_what_became_of_the_ended_terms_pledges(app, built_db):
    [(rated, total)] = query(
        built_db,
        "SELECT count(*) FILTER (WHERE status <> 'nicht_bewertet'), count(*) FROM pledges "
        "WHERE status IS NOT NULL AND commitment = 'pruefbar'",
    )
    at = app(view="vergleich")
    assert not at.exception
    assert "Umsetzung abgelaufener Wahlperioden" in [s.value for s in at.subheader]
    assert any(f"{rated} von {total} sind mit einem Beleg bewertet" in c.value for c in at.caption)


def test_each_view_links_its_page_of_the_static_site(app, monkeypatch):
    """Issue 28: where a static site is online (RUHR_SITE_URL or data/publish.toml), the app
    links each view to its page; where none is, no link (a dead one helps nobody)."""
    assert "Statische Fassung" not in markdown(app())  # data/publish.toml names none yet
    site = "https://daten.example.org/ruhr"
    monkeypatch.setenv("RUHR_SITE_URL", site)
    for params, page in (
        ({"ags": "05562020"}, "kommune/05562020.html"),
        ({"party": "volt"}, "partei/volt.html"),
        ({"topic": "mobilitaet"}, "thema/mobilitaet.html"),
        ({}, "index.html"),
    ):
        shown = markdown(app(**params))
        assert f"[Statische Fassung dieser Seite]({site}/{page})" in shown, params
