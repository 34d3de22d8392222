"""The Volt Ruhr 2025 programme (Markdown converted from its PDF)."""

from collections import Counter


def volt(extracted):
    return extracted["volt-2025"]


def test_every_goal_of_the_at_a_glance_lists_is_a_pledge(extracted):
    goals = [p for p in volt(extracted) if p.kind == "goal"]
    assert len(goals) == 63
    per_chapter = Counter(p.section for p in goals)
    assert list(per_chapter.values()) == [6, 7, 7, 5, 5, 5, 5, 7, 5, 5, 6]


def test_chapters_come_from_numbered_headings_whatever_their_level(extracted):
    sections = list(dict.fromkeys(p.section for p in volt(extracted)))
    assert sections == [
        "Soziale Teilhabe und Wohnen",
        "Bildung, Wissenschaft und Vielfalt",
        "Nachhaltige Mobilität und Verkehrswende",
        "Digitalisierung und Verwaltungsinnovation",
        "Klima, Umwelt und Lebensqualität",
        "Wirtschaftliche Transformation und Innovation",
        "Europäische Zusammenarbeit lokal gestalten",
        "Kultur, Tourismus und Identität",
        "Jugend, Beteiligung und Demokratie",
        "Regionalentwicklung und Governance im RVR",
        "Katastrophenschutz - Krisensicher und vernetzt für mehr Resilienz",
    ]


def test_markup_is_gone_and_text_is_faithful(extracted):
    texts = [p.text for p in volt(extracted)]
    for text in texts:
        assert "**" not in text and "\\" not in text and "<" not in text
    assert (
        'Förderung von Mehrgenerationenprojekten, Wohnraumtausch und "Wohnen gegen Hilfe"' in texts
    )
    assert any("Bürger*innen den Zugang zu EU-Programmen erleichtern" in t for t in texts)
    assert any("CO2 wird eingespart" in t for t in texts) is False  # a description, not a pledge


def test_front_matter_toc_appeal_about_and_imprint_are_not_pledges(extracted):
    joined = "\n".join(p.text for p in volt(extracted))
    for absent in [
        "#VoteVolt",
        "Inhaltsverzeichnis",
        "Wer neu will, muss neu wählen",
        "Volt ist die erste gesamteuropäische Partei",
        "Haroldstraße",
        "Wolfgang Heckmann",
        "Volt steht für eine neue politische Generation",
    ]:
        assert absent not in joined


def test_commitments_in_prose_are_statements(extracted):
    statements = {p.text for p in volt(extracted) if p.kind == "statement"}
    for present in [
        "Volt fordert die Einrichtung eines Kinder- und Jugendbüros auf RVR-Ebene.",
        "Deshalb fordern wir den Aufbau einer zentralen IT-Sicherheitsstelle für alle "
        "Ruhrgebietsstädte.",
        "Der RVR soll ein regionales Resilienznetzwerk aufbauen, das Städte, Kreise, "
        "Hilfsorganisationen, Feuerwehren und die Zivilgesellschaft einbindet.",
        "Gleichzeitig wollen wir den Radverkehr stärken.",
    ]:
        assert present in statements
    # a sentence ending in a colon continues into the next paragraph
    assert any(
        t.startswith("Volt setzt sich dafür ein, dass in der Entwicklung digitaler Anwendungen")
        and t.endswith("Software, die offen, wiederverwendbar und sicher ist.")
        for t in statements
    )


def test_descriptions_statistics_and_examples_are_not_statements(extracted):
    statements = " ".join(p.text for p in volt(extracted) if p.kind == "statement")
    for absent in [
        "So liegt die Eigentumsquote im Ruhrgebiet zwischen 23 - 28 %.",
        "Die Stadt Herdecke hat im Jahr 2025",
        "Diese Mülleimer sind barrierefrei",
        'Die Plattform "Tourismus Monitor Österreich"',
        "Volt glaubt an die Kraft",
    ]:
        assert absent not in statements
