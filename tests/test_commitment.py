"""The commitment class by checkability (issue 23): could a reader later tell whether the
pledge was kept? Small hand-made cases in the programmes' phrasing; the measured
agreement with blind readers is in tests/test_pledge_quality.py."""

import pytest

from etl import paths
from etl.commitment import classify_commitment, load_rules

RULES = load_rules(paths.DATA / "commitment_rules.toml")


def cls(text: str, has_cue: bool = True) -> str:
    return classify_commitment(text, has_cue, RULES).commitment


@pytest.mark.parametrize(
    "text",
    [
        "Das Zentrum für Katastrophenschutz soll über ein eigenes Übungsgelände sowie "
        "einsatzbereite Fahrzeuge verfügen.",
        "Wir entwickeln ein Klimaschutzkonzept mit einer regionalen CO2-Bilanz.",
        "Wir möchten erreichen, dass die Busse der Verkehrsbetriebe Strom und Wasserstoff "
        "als ihre Haupttreibstoffe verwenden.",
        "Wir wollen prüfen, ob Radwege-Ranger*innen eingesetzt werden können.",
        "Wir fordern, dass alle öffentlichen Verkehrsmittel im Ruhrgebiet barrierefrei "
        "nutzbar sein müssen.",
        "Wir führen bis 2027 ein Ruhr-Ticket für 29 Euro ein.",
        # made after the blind readings of issue 23 (Ruhr and Münster phrasing)
        "Auf Flächen des Verbands wird der Einsatz von Photovoltaik und Windkraft geprüft.",
        "Reform der Finanzierungs- und Kompetenzverteilung innerhalb des Verbands",
        "Unterirdische Abfallsauganlagen sollen in Neubaugebieten pilotiert werden.",
        "Die Gesellschaft soll Leerstände systematisch erfassen.",
        "Die Leitstelle soll rund um die Uhr ansprechbar sein.",
        "Bereitstellung eines öffentlichen und kostenfreien WLAN",
        "Keine weiteren LKW-Parkplätze neben der Raststätte",
        "KiTa-Plätze für alle Kinder, deren Eltern das wünschen",
        "Angliederung aller Gesundheitsfachberufe an die Berufskollegs",
        "Der Umweltpreis soll wieder alle zwei Jahre vergeben werden.",
        "Das werden wir durch verbindliche Qualitätsvorgaben sicherstellen.",
        "Priorität hat die Aktivierung der Bahnhaltepunkte in Mecklenbeck und Roxel.",
        # families the readers of Münster sets 1-3 agreed on (issue 23, seventh session)
        "Beibehaltung des Sozialtickets",
        "Der Seniorenbeirat der Stadt muss erhalten bleiben.",  # a body, kept
        "Die Erhöhung der Grundsteuer lehnen wir ab.",
        "Keine Bebauung der Kleingartenanlage",
        "Die städtischen Wohnungen dürfen nicht privatisiert werden.",
        "Ein Verbot von Heizpilzen in der Innenstadt",
        "Schulklassen mit höchstens 24 Kindern",
        "Wir wollen den Ausstieg aus der Beteiligung am Kohlekraftwerk.",
        "Mehr Mittel für die Sanierung der Turnhallen bereitstellen",
        "Die Regionalbahn nach Coesfeld muss elektrifiziert werden.",
        "Wir wollen einen Jugendrat mit eigenem Budget.",
        "Wir führen eine Stellplatzsatzung mit weniger Pflichtstellplätzen ein.",
    ],
)
def test_a_delimited_object_is_checkable(text):
    assert cls(text) == "pruefbar"


@pytest.mark.parametrize(
    "text",
    [
        "Um die Sicherheit auf den Radwegen zu erhöhen, wollen wir mögliche Maßnahmen prüfen.",
        "Volt fordert regionale Aufforstungsprogramme für klimaresiliente Stadtwälder.",
        "Auch ehrenamtliches Engagement soll durch Fortbildungen und Seminare gefördert werden.",
        "Volt will klimaneutralen Tourismus fördern – etwa durch einen 'Revier-Railpass'.",
        "Wir fördern die Verzahnung von Wirtschaft und Wissenschaft, wie im "
        "Technologiecampus in Dortmund.",
        "Die Modernisierung der Revierparks hat bereits begonnen.",
        "Wir wollen prüfen, wo die regionale Kooperation verbessert werden kann.",
        "Daneben fördern wir alternative Wohnformen wie Mehrgenerationenhäuser oder "
        "„Wohnen gegen Hilfe“.",
        "Der Verband soll zum Motor einer demokratischen Jugendstrategie werden.",
        "Ziel ist die Erhöhung der Resilienz der Infrastruktur.",
        "Wir fördern die Umweltwirtschaft. Schon jetzt erwirtschaftet sie ein Drittel des "
        "Umsatzes.",
        "Wir wollen die Zusammenarbeit im Stadtrat verbessern.",  # the council is no new body
        "Der Verband darf kein Verwaltungsapparat ohne Gestaltungsanspruch sein.",
    ],
)
def test_a_generic_plural_an_example_or_a_status_is_not(text):
    assert cls(text) == "allgemein"


def test_a_maxim_in_a_list_is_no_commitment():
    assert cls("Regionalentwicklung braucht verbindliche gemeinsame Ziele.", False) == "keine"


def test_the_evidence_names_the_rule_and_the_words():
    decision = classify_commitment("Wir gründen eine Wohnbaugesellschaft.", True, RULES)
    assert decision.evidence.startswith("neue Einrichtung oder neues Instrument: „gründen eine")


def test_a_bad_mask_is_one_line_naming_the_file(tmp_path):
    from etl.errors import BuildError

    path = tmp_path / "commitment_rules.toml"
    path.write_text(
        (paths.DATA / "commitment_rules.toml").read_text(encoding="utf-8")
        + '\n[[mask]]\nid = "broken"\npattern = "(unclosed"\n',
        encoding="utf-8",
    )
    with pytest.raises(BuildError) as err:
        load_rules(path)
    assert "commitment_rules.toml" in str(err.value) and "mask #" in str(err.value)
    assert "\n" not in str(err.value)
