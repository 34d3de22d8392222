"""Topic classification: explainable words, a section prior, and agreement with human labels."""

import pytest

from etl import paths
from etl.errors import BuildError
from etl.topics import classify, fallback_topic, load_lexicon, load_topics
from tests.topic_eval import classifier, evaluate

ALL = load_topics(paths.DATA / "topics.csv")
TOPICS = [t.topic_id for t in ALL]
FALLBACK = fallback_topic(ALL)
LEXICON = load_lexicon(paths.DATA / "topic_lexicon.csv", set(TOPICS))


def topic_of(text, prior=None):
    return classify(text, prior or {}, LEXICON, TOPICS, FALLBACK)


@pytest.mark.parametrize(
    ("text", "topic", "word"),
    [
        ("Wir bauen Radschnellwege durch das Revier.", "mobilitaet", "Radschnellwege"),
        ("Das Fernwärmenetz behalten wir in öffentlicher Hand.", "klima_energie", "Fernwärmenetz"),
        (
            "Auf landwirtschaftlichen Flächen sollen Blühstreifen entstehen.",
            "umwelt_gruen",
            "Blühstreifen",
        ),
        ("Wir sanieren Schulen und schaffen Kita-Plätze.", "bildung", "Schulen"),
        (
            "Wir fordern einen Altschuldenschnitt für die Kommunen.",
            "region_governance",
            "Altschuldenschnitt",
        ),
        ("Die Kriminalprävention wird regional abgestimmt.", "sicherheit", "Kriminalprävention"),
    ],
)
def test_compounds_are_classified_by_their_parts(text, topic, word):
    result = topic_of(text)
    assert result.topic_id == topic
    assert word in result.terms[topic]  # the evidence names the word that decided


def test_the_most_specific_pattern_decides_a_words_weight():
    # 'umweltfreundlich*' (0.5) overrides 'umwelt*' (1): the section prior wins
    result = topic_of("Moderne Infrastruktur ist umweltfreundlich.", {"mobilitaet": 1.0})
    assert result.topic_id == "mobilitaet"


def test_without_any_matching_word_the_section_decides():
    result = topic_of("Daran halten wir fest.", {"sicherheit": 1.0})
    assert result.topic_id == "sicherheit" and result.terms == {}


def test_without_words_or_section_the_region_is_the_topic():
    assert topic_of("Daran halten wir fest.").topic_id == "region_governance"


def test_at_most_three_topics_primary_first():
    text = (
        "Wir bauen Radwege, sanieren Schulen, fördern Solaranlagen, schützen Wälder "
        "und digitalisieren die Verwaltung."
    )
    result = topic_of(text)
    assert 1 <= len(result.topic_ids) <= 3
    assert result.topic_ids[0] == result.topic_id
    assert len(set(result.topic_ids)) == len(result.topic_ids)


def test_examples_count_less_than_the_demand():
    result = topic_of("Wir fordern mehr Städtepartnerschaften – etwa für Sportvereine.")
    assert result.topic_id == "europa"


def test_heading_words_give_a_prior_for_unlisted_sections():
    predict = classifier()
    result = predict("Daran halten wir fest.", "new-2030", "Bezahlbar wohnen", None)
    assert result.topic_id == "wohnen"
    assert result.prior == {"wohnen": 0.75}


def test_lexicon_rejects_unknown_topics(tmp_path):
    bad = tmp_path / "topic_lexicon.csv"
    bad.write_text("topic_id,pattern,weight,note\nverkehr,radweg*,1,\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"topic_lexicon.csv, row 2: unknown topic_id 'verkehr'"):
        load_lexicon(bad, set(TOPICS))


def test_lexicon_rejects_bad_weights_and_duplicates(tmp_path):
    bad = tmp_path / "topic_lexicon.csv"
    bad.write_text("topic_id,pattern,weight,note\nmobilitaet,radweg*,viel,\n", encoding="utf-8")
    with pytest.raises(BuildError, match="row 2: column weight: 'viel' is not a number"):
        load_lexicon(bad, set(TOPICS))
    bad.write_text("topic_id,pattern,weight,note\nmobilitaet,radweg*,0,\n", encoding="utf-8")
    with pytest.raises(BuildError, match="row 2: column weight: '0' is below 0.01"):
        load_lexicon(bad, set(TOPICS))
    bad.write_text(
        "topic_id,pattern,weight,note\nmobilitaet,radweg*,1,\nmobilitaet,Radweg*,2,\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match="row 3: duplicate entry"):
        load_lexicon(bad, set(TOPICS))


@pytest.fixture(scope="module")
def agreement(extracted):
    by_id = {p.pledge_id: p for pledges in extracted.values() for p in pledges}
    return {r.name: r for r in evaluate(by_id)}


# Misses when the sets were last tuned on; the second half has 189 of its 192 pledges
# left (three that a blind reader judged no commitment are no longer pledges), so its
# share moved from 173/192 to 170/189 with the same 19 misses.
MISSES = {"tuning half": 15, "second half": 19, "written, tuned": 3, "written, sealed": 11}


@pytest.mark.parametrize("name", list(MISSES))
def test_primary_topic_agrees_with_a_careful_reader(agreement, name):
    result = agreement[name]
    assert result.total >= 60
    assert len(result.misses) <= MISSES[name], f"{name}: {result.agree}/{result.total}"
    assert result.accuracy >= 0.895, f"{name}: {result.agree}/{result.total}"


# Slogans the blind reading of issue 23 named, dropped by the `closing-slogan` exclusion
# (the first unit reader had called the second `allgemein`)
CLOSING_SLOGANS = {
    "Ein demokratisches Ruhrgebiet braucht starke, junge Stimmen – heute, nicht erst morgen.",
    "Nicht zuletzt ist gute Arbeit ein zentrales Anliegen.",
}


def test_labelled_pledges_that_are_gone_were_no_commitments(agreement, extracted):
    """Every pledge of the topic labels still exists, except those the new exclusions
    dropped or the fragment rule joined: each of those a blind reader judged `keine`."""
    import csv

    from tests.pledge_eval import DATA, best_match, load_units

    ids = {p.pledge_id for pledges in extracted.values() for p in pledges}
    texts = " ".join(p.text for pledges in extracted.values() for p in pledges)
    with (DATA / "topic_labels.csv").open(encoding="utf-8", newline="") as f:
        missing = [r for r in csv.DictReader(f) if r["pledge_id"] not in ids]
    # a sentence joined to the one it completes ("… nicht nur … . Sondern …") lives on
    gone = [r for r in missing if r["text"] not in texts]
    units = load_units("spd-2020") + load_units("volt-2025")
    assert len(gone) <= 10
    for row in gone:
        if row["text"] in CLOSING_SLOGANS:
            continue
        unit, _ = best_match(row["text"], units)
        assert unit is not None and unit.commitment == "keine", row["text"]
    assert agreement["tuning half"].total + agreement["second half"].total == 376 - len(missing)
