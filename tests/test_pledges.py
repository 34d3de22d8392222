"""What counts as a pledge, on small hand-made cases."""

import pytest

from etl.parse.blocks import BULLET, PARAGRAPH, Block
from etl.pledges import commitment, extract_pledges


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
