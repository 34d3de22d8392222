"""Linking pledges to municipalities, sites and groups: German forms and the traps."""

import pytest

from etl.gazetteer import GeoInputs, load_geo
from tests.conftest import query

GEO = load_geo(GeoInputs())
MUNICIPALITIES, GAZETTEER = GEO.municipalities, GEO.gazetteer
AGS = {m.name: m.ags for m in MUNICIPALITIES.values()}


def links(text):
    return {
        (MUNICIPALITIES[link.ags].name, link.site_id, link.link_type)
        for link in GAZETTEER.link(text)
    }


def named(text):
    return {MUNICIPALITIES[link.ags].name for link in GAZETTEER.link(text)}


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Der Hafen Dortmunds wird ausgebaut.", "Dortmund"),
        ("Die Dortmunder Nordstadt braucht Hilfe.", "Dortmund"),
        ("Bottroper Halden werden begrünt.", "Bottrop"),
        ("Der Gelsenkirchener Süden.", "Gelsenkirchen"),
        ("Die Herner Innenstadt.", "Herne"),
        ("Ein Projekt in Mülheim an der Ruhr.", "Mülheim an der Ruhr"),
        ("Ein Projekt in Mülheim.", "Mülheim an der Ruhr"),
        ("Die Feuerwache in Wetter (Ruhr).", "Wetter (Ruhr)"),
        ("Der Bahnhof Fröndenberg/Ruhr.", "Fröndenberg/Ruhr"),
        ("Der Rheindeich in Voerde (Niederrhein).", "Voerde (Niederrhein)"),
        ("Ein Stadtteilzentrum in Essen-Katernberg.", "Essen"),
        ("Der Recklinghäuser Festspielhügel.", "Recklinghausen"),
        ("Die Hochschulallianz Ruhr/ruhrvalley in Herne.", "Herne"),
    ],
)
def test_inflected_derived_and_official_forms_link(text, town):
    assert town in named(text)


@pytest.mark.parametrize(
    "text",
    [
        "Wir senken die Gefahr durch extremes Wetter in den Innenstädten.",
        "Gesundes Essen in allen Kitas und Schulen.",
        "Essen auf Rädern für ältere Menschen.",
        "Als die Fördermittel endlich kamen, war es zu spät.",
        "Klimaschutz wie in den Alpen.",
        "Mit der Emschergenossenschaft/Lippeverband entwickeln wir Konzepte.",
        "Der Nahverkehr Westfalen-Lippe (NWL) koordiniert.",
        "Wir fahren mit dem Hammer auf die Baustelle.",
        "Partnerschaften mit Düsseldorf, Wien, Helsinki und Graubünden.",
        "Wir sichern die Datteln und Feigen im Supermarkt.",
    ],
)
def test_words_that_are_also_town_names_do_not_link(text):
    assert named(text) == set()


def test_hamm_matches_as_a_word_not_inside_another():
    assert named("Projekte in Hamminkeln.") == {"Hamminkeln"}
    assert named("Der Hammer Westen und Hamm-Heessen.") == {"Hamm"}
    assert named("Das Hamm-Heessener Schloss.") == {"Hamm"}


def test_ambiguous_names_count_in_place_context():
    assert named("Ein Jugendzentrum in Essen.") == {"Essen"}
    assert named("Die Stadt Essen und der Kreis Wesel.") >= {"Essen", "Wesel", "Xanten"}
    assert named("Radwege zwischen Witten, Wetter und Herdecke.") == {
        "Witten",
        "Wetter (Ruhr)",
        "Herdecke",
    }
    assert named("Die Gemeinde Alpen und Sonsbeck.") == {"Alpen", "Sonsbeck"}
    assert named("Bochum, Dortmund, Duisburg und Essen.") == {
        "Bochum",
        "Dortmund",
        "Duisburg",
        "Essen",
    }
    assert named("Neue Wege in Kamen.") == {"Kamen"}


def test_a_kreis_is_the_group_not_its_namesake_town():
    result = links("Wir stärken den ÖPNV im Kreis Unna.")
    assert {t for t, _, kind in result if kind == "group"} == {
        name for name, ags in AGS.items() if ags.startswith("05978")
    }
    assert ("Unna", None, "explicit") not in result
    assert len(named("im Ennepe-Ruhr-Kreis")) == 9


@pytest.mark.parametrize(
    ("text", "members"),
    [
        (
            "Eine Universität im nördlichen Ruhrgebiet.",
            {"Bottrop", "Gelsenkirchen"} | {n for n, a in AGS.items() if a.startswith("05562")},
        ),
        (
            "Die Emscher-Lippe-Region stärken.",
            {"Bottrop", "Gelsenkirchen"} | {n for n, a in AGS.items() if a.startswith("05562")},
        ),
        (
            "Das 5-Standorte-Programm nutzen.",
            {"Duisburg", "Gelsenkirchen", "Hamm", "Herne"}
            | {n for n, a in AGS.items() if a.startswith("05978")},
        ),
        ("Die Universitätsallianz Ruhr stärken.", {"Bochum", "Dortmund", "Duisburg", "Essen"}),
        (
            "Die Städte entlang der Emscher.",
            {
                "Holzwickede",
                "Dortmund",
                "Castrop-Rauxel",
                "Recklinghausen",
                "Herten",
                "Herne",
                "Gelsenkirchen",
                "Essen",
                "Bottrop",
                "Oberhausen",
                "Duisburg",
                "Dinslaken",
                "Voerde (Niederrhein)",
            },
        ),
    ],
)
def test_groups_link_their_members(text, members):
    result = links(text)
    assert {t for t, _, kind in result if kind == "group"} == members


def test_collective_site_kinds_link_every_site_of_the_kind():
    for text in ("Die Revierparks werden modernisiert.", "Fünf Reviersparks werden fit gemacht."):
        sites = {s for _, s, kind in links(text) if kind == "site"}
        assert sites == {
            "revierpark-gysenberg",
            "revierpark-nienhausen",
            "revierpark-vonderort",
            "revierpark-wischlingen",
            "revierpark-mattlerbusch",
        }


def test_named_sites_link_with_their_municipality():
    assert links("Wir fördern mit dem ECCE die Kreativwirtschaft.") == {
        ("Dortmund", "ecce-dortmund", "site")
    }
    assert ("Bottrop", "innovation-city-bottrop", "site") in links(
        "Erfahrungen von Innovation City in Bottrop."
    )
    assert ("Gelsenkirchen", "iga-gelsenkirchen-nordsternpark", "site") in links(
        "Der Zukunftsgarten im Nordsternpark."
    )


def test_evidence_holds_the_matched_words():
    evidence = {link.evidence for link in GAZETTEER.link("Die Dortmunder U und Bottroper Halden.")}
    assert evidence == {"Dortmunder U", "Bottroper"}


def test_links_in_the_real_programmes(built_db):
    rows = query(
        built_db,
        "SELECT m.name, pp.site_id, pp.link_type, p.text FROM pledge_places pp "
        "JOIN pledges p USING (pledge_id) JOIN municipalities m USING (ags)",
    )
    wetter_pledge = query(
        built_db, "SELECT pledge_id FROM pledges WHERE text LIKE '%extremes Wetter%'"
    )
    linked = {r[0] for r in query(built_db, "SELECT DISTINCT pledge_id FROM pledge_places")}
    revierpark = {
        (t, s) for t, s, k, text in rows if text.startswith("Die Modernisierung der Revierparks")
    }
    assert {t for t, s in revierpark if s is None} == {
        "Duisburg",
        "Oberhausen",
        "Gelsenkirchen",
        "Herne",
        "Dortmund",
    }
    assert len({s for _, s in revierpark if s}) == 5
    assert ("Herne", "ruhrvalley-herne", "site") in {r[:3] for r in rows}
    assert ("Dortmund", "technologiecampus-dortmund", "site") in {r[:3] for r in rows}
    assert len(wetter_pledge) == 1 and wetter_pledge[0][0] not in linked
    assert not any(t == "Wetter (Ruhr)" for t, *_ in rows)
