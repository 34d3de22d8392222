"""What counts as a pledge, on small hand-made cases."""

import pytest

from etl.parse.blocks import BULLET, PARAGRAPH, Block, BlockWriter
from etl.pledges import commitment, extract_pledges
from tests.real_eval import starts_on


@pytest.mark.parametrize(
    "sentence",
    [
        "Volt fordert einen Europatag in allen Städten.",
        "Deshalb schlägt Volt ein öffentliches Mietkaufmodell vor.",
        "Die RuhrSPD wird den RVR stärker nutzen.",
        "Wir setzen uns für ein einheitliches Ticket ein.",
        "Vorantreiben wollen wir den Ausbau erneuerbarer Energien.",
        "Der RVR soll eine steuernde Rolle übernehmen.",
        "Unser Ziel ist eine gerechte Mobilität für alle.",
        "Dazu braucht es eine koordinierende Struktur auf regionaler Ebene.",
        "Wir, als RuhrSPD, möchten die Fragen gemeinsam beantworten.",
        # future passive, "Es gilt", "von zentraler Bedeutung, dass", proposals with
        # kann/können, "Denkbar ist", elaborations
        "Für die Halden werden Konzepte erarbeitet, um Energielandschaften zu etablieren.",
        "Fünf Revierparks werden bis 2022 wieder fit gemacht.",
        "Dabei wird sichergestellt, dass Wohnraum dauerhaft dem Gemeinwohl dient.",
        "Es gilt, alle Menschen mitzunehmen.",
        "Es ist von zentraler Bedeutung, dass die Rahmenbedingungen stimmen.",
        "Ein regionales Label kann faire Produkte kennzeichnen.",
        "Digitale Plattformen können als Ort der Beteiligung dienen.",
        "Denkbar ist auch ein Wissensmanagement-System für die Verwaltung.",
        "Dazu gehört die Stärkung des Ruhrparlaments.",
        "Die RuhrSPD sucht den Dialog mit den Bürger*innen.",
    ],
)
def test_commitments_are_recognised(sentence, cues):
    assert commitment(sentence, cues.for_party(("Volt", "RuhrSPD", "SPD")), cues)


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Ruhrgebiet hat sich von einer Montanregion zur Industrielandschaft gewandelt.",
        "So liegt die Eigentumsquote im Ruhrgebiet zwischen 23 - 28 %.",
        "Denn es bleibt dabei: Wer aufholt, muss sich mehr anstrengen als andere.",
        "So soll durch die IGA 2027, so prognostiziert das Institut, ein Impuls erwartbar sein.",
        "Volt glaubt an die Kraft einer modernen Verwaltung.",
        # forecasts, slogans, justifications, what the region can be
        "Das Ruhrgebiet wird sich weiter verändern müssen.",
        "Jugend braucht Räume.",
        "Demokratie muss gelernt werden.",
        "Ein starker RVR ist dafür unverzichtbar.",
        "Eine solche Datenbasis ist notwendig, um die Strategie zu steuern.",
        "Das Ruhrgebiet kann so zur Modellregion werden.",
        "So können Investitionen zielgerichtet erfolgen.",
        "Die Themen Umwelt und Gesundheit sind in jeder Lebensphase von zentraler Bedeutung.",
    ],
)
def test_descriptions_are_not_commitments(sentence, cues):
    assert commitment(sentence, cues.for_party(("Volt", "RuhrSPD")), cues) is None


def test_another_party_name_is_not_the_subject(cues):
    assert commitment("Die CDU fordert mehr Parkplätze.", cues.for_party(("Volt",)), cues) is None


def _doc(*texts):
    return [Block(BULLET, t, "Kapitel", line=i + 1) for i, t in enumerate(texts)]


def test_ids_survive_edits_elsewhere_in_the_document(cues):
    before = extract_pledges("x-2030", _doc("Wir bauen Radwege.", "Wir pflanzen Bäume."), (), cues)
    after = extract_pledges(
        "x-2030",
        _doc("Neu: Wir sanieren Schulen.", "Wir bauen Radwege.", "Wir pflanzen Bäume!"),
        (),
        cues,
    )
    assert before[0].pledge_id == after[1].pledge_id
    assert before[1].pledge_id != after[2].pledge_id  # its own text changed
    assert [p.position for p in after] == [1, 2, 3]


def test_repeated_text_gets_distinct_ids(cues):
    pledges = extract_pledges("x-2030", _doc("Wir bauen Radwege.", "Wir bauen Radwege."), (), cues)
    assert pledges[0].pledge_id != pledges[1].pledge_id
    assert pledges[1].pledge_id == pledges[0].pledge_id + "-2"


def test_prose_is_split_into_sentences_and_only_commitments_kept(cues):
    block = Block(
        PARAGRAPH,
        "Die Mieten steigen seit 2015 um ca. 3 % jährlich, z. B. in Essen. Wir fordern "
        "einen Mietendeckel. Das ist gerecht.",
        "Wohnen",
    )
    pledges = extract_pledges("x-2030", [block], ("X",), cues)
    assert [(p.kind, p.text) for p in pledges] == [("statement", "Wir fordern einen Mietendeckel.")]
    assert pledges[0].cue == "we-commit: Wir fordern"


def test_a_pledge_that_leans_on_the_sentence_before_keeps_it_as_context(cues):
    blocks = [
        Block(
            PARAGRAPH,
            "Wir fordern eine Leitstelle für die Region. Diese soll rund um die "
            "Uhr erreichbar sein. Der RVR soll sie finanzieren.",
            "Sicherheit",
        ),
    ]
    pledges = extract_pledges("t", blocks, ("Volt",), cues)
    assert [p.context for p in pledges] == [
        None,
        "Wir fordern eine Leitstelle für die Region.",
        None,
    ]
    assert pledges[1].text == "Diese soll rund um die Uhr erreichbar sein."  # text stays


def test_context_does_not_cross_chapters(cues):
    blocks = [
        Block(PARAGRAPH, "Das Revier ist groß.", "Eins"),
        Block(PARAGRAPH, "Dafür müssen wir mehr tun.", "Zwei"),
    ]
    assert extract_pledges("t", blocks, (), cues)[0].context is None


def test_a_bullet_that_continues_the_one_before_is_joined_to_it(cues):
    blocks = [
        Block(BULLET, "Eine gesunde Mobilität ist auch eine emissionsarme Mobilität.", "M"),
        Block(BULLET, "Emissionsarm nicht nur für Nutzer*innen, sondern für alle.", "M"),
        Block(BULLET, "sowie mehr Busse in der Nacht.", "M"),
        Block(BULLET, "Wir bauen Radwege.", "M"),
    ]
    pledges = extract_pledges("t", blocks, (), cues)
    assert [p.text for p in pledges] == [
        "Eine gesunde Mobilität ist auch eine emissionsarme Mobilität. Emissionsarm nicht "
        "nur für Nutzer*innen, sondern für alle. sowie mehr Busse in der Nacht.",
        "Wir bauen Radwege.",
    ]


def test_glued_sentences_are_split_for_statements_without_changing_the_text(cues):
    blocks = [Block(PARAGRAPH, "Die Ranger informieren zur Fauna.Wir wollen Radwege-Scouts.", "M")]
    pledges = extract_pledges("t", blocks, (), cues)
    assert [p.text for p in pledges] == ["Wir wollen Radwege-Scouts."]


def test_a_sentence_cites_the_line_its_own_words_start_on(cues):
    writer = BlockWriter(cues.split, join_unterminated=False)
    writer.text("Das Revier wächst. Wir bauen", 10, 3)
    writer.text("Radwege entlang der Ruhr. Wir for-", 11, 3)
    writer.text("dern einen Mietendeckel.", 12, 4)
    pledges = extract_pledges("t", writer.finish(), (), cues)
    assert [(p.text, p.line, p.page) for p in pledges] == [
        ("Wir bauen Radwege entlang der Ruhr.", 10, 3),
        ("Wir fordern einen Mietendeckel.", 11, 3),
    ]


def test_every_shipped_pledge_stands_on_its_source_line(sources, extracted):
    for sid, source in sources.items():
        lines = source.path.read_text(encoding="utf-8").splitlines()
        off = [p.text[:50] for p in extracted[sid] if not starts_on(lines[p.line - 1], p.text)]
        assert off == [], sid


def _contexts(cues, *paragraphs, subsections=None):
    subsections = subsections or [None] * len(paragraphs)
    blocks = [
        Block(PARAGRAPH, text, "K", sub) for text, sub in zip(paragraphs, subsections, strict=True)
    ]
    return [(p.text, p.context) for p in extract_pledges("t", blocks, (), cues)]


@pytest.mark.parametrize(
    "pledge",
    [
        "Wir setzen uns dafür ein, dass der Wohnungsmarktbericht fortgeschrieben wird.",
        "Wir schaffen Grünflächen und sorgen dafür, dass die Hitze sinkt.",
        "Das regionale Radwegenetz wollen wir ausbauen.",
        "Wir treiben die Digitalisierung voran, da diese viele Chancen bereithält.",
        "Wir koordinieren die Geodaten im Ruhrgebiet; Vorbild hierfür ist Dortmund.",
        # after the Münster readings: openers that do not look back, "entsprechend" after
        # the noun it agrees with
        "Doch wir wollen den Sportvereinen neue Hallen zur Verfügung stellen.",
        "So wollen wir jedem Kind einen Platz in der Ganztagsschule anbieten.",
        "Jeder soll einen seinen Fähigkeiten entsprechenden Abschluss erreichen können.",
    ],
)
def test_a_pledge_that_points_forward_or_into_itself_needs_no_context(cues, pledge):
    assert _contexts(cues, f"Das Revier wächst seit Jahren stark. {pledge}") == [(pledge, None)]


def test_a_demonstrative_finds_the_sentence_that_names_its_noun(cues):
    text = (
        "Wir brauchen eine Strategie für die grüne Industrie der Region. "
        "Grün ist unsere Zukunft und unser Weg! "
        "Ein Herzstück dieser Strategie wollen wir 2026 beschließen."
    )
    assert _contexts(cues, text)[-1][1] == (
        "Wir brauchen eine Strategie für die grüne Industrie der Region."
    )


def test_a_context_is_never_a_piece_of_a_name_nor_from_before_a_heading(cues):
    assert _contexts(
        cues, "Wir nutzen das Geonetzwerk.Metropoleruhr. Dies wollen wir stärken."
    ) == [
        ("Wir nutzen das Geonetzwerk.", None),
        ("Dies wollen wir stärken.", "Wir nutzen das Geonetzwerk."),
    ]
    assert _contexts(
        cues,
        "Wir fördern die Kreativwirtschaft im ganzen Revier.",
        "Dieser Ansatz soll ausgeweitet werden.",
        subsections=["ECCE", "Tourismus"],
    )[-1] == ("Dieser Ansatz soll ausgeweitet werden.", None)


def test_a_pronoun_inside_a_clause_still_takes_the_sentence_it_leans_on(cues):
    assert _contexts(
        cues, "Wir planen ein Leitstellen-Netz. Auch wenn dies teuer ist, wollen wir es bauen."
    )[-1] == ("Auch wenn dies teuer ist, wollen wir es bauen.", "Wir planen ein Leitstellen-Netz.")


def test_a_sentence_that_completes_the_one_before_is_one_pledge_with_it(cues):
    text = "Dafür müssen nicht nur neue Radwege her. Sondern es gilt auch, Busse zu stärken."
    assert [p.text for p in extract_pledges("t", [Block(PARAGRAPH, text, "M")], (), cues)] == [text]


@pytest.mark.parametrize(
    "slogan",
    [
        "Ein demokratisches Ruhrgebiet braucht starke, junge Stimmen – heute, nicht erst morgen.",
        "Nicht zuletzt ist gute Arbeit ein zentrales Anliegen.",
    ],
)
def test_a_closing_slogan_is_no_pledge(cues, slogan):
    assert extract_pledges("t", [Block(PARAGRAPH, slogan, "M")], (), cues) == []


def test_an_item_of_a_list_of_demands_set_side_by_side_is_a_pledge(cues):
    text = "Ein gemeinsamer Materialpool ist dabei genauso wichtig wie abgestimmte Notfallpläne."
    assert [p.text for p in extract_pledges("t", [Block(PARAGRAPH, text, "M")], (), cues)] == [text]
