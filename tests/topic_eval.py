"""Agreement of the topic classifier with the hand-labelled check sets in tests/data/.

topic_labels.csv labels every pledge of the two programmes; it is split by pledge id
into a tuning half (the lexicon was tuned on its mistakes) and a second half (held out at
first, then tuned on as well). Two sets of pledges written for this check, not taken from
any programme: topic_labels_written_tuned.csv (60, tuned on after its first measurement)
and topic_labels_written_sealed.csv (130 by a second annotator, sealed: never tuned on).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from etl import paths
from etl.topics import (
    classify,
    fallback_topic,
    load_lexicon,
    load_section_priors,
    load_topics,
    prior_for,
)

LABELS = Path(__file__).parent / "data" / "topic_labels.csv"
WRITTEN_TUNED = Path(__file__).parent / "data" / "topic_labels_written_tuned.csv"
WRITTEN_SEALED = Path(__file__).parent / "data" / "topic_labels_written_sealed.csv"


def is_held_out(pledge_id: str) -> bool:
    """Half the pledges, fixed by their id's hash digits, never used for tuning."""
    digest = pledge_id.split("-")[2]
    return digest[0] in "89abcdef"


@dataclass
class Result:
    name: str
    total: int
    agree: int
    any_topic: int  # the label's primary is among the classifier's topics
    misses: list

    @property
    def accuracy(self) -> float:
        return self.agree / self.total if self.total else 0.0


def classifier():
    topics = load_topics(paths.DATA / "topics.csv")
    ids = [t.topic_id for t in topics]
    fallback = fallback_topic(topics)
    lexicon = load_lexicon(paths.DATA / "topic_lexicon.csv", set(ids))
    priors = load_section_priors(paths.DATA / "section_topics.csv", set(ids))

    def predict(text, document_id, section, subsection):
        return classify(
            text,
            prior_for(priors, document_id, section, subsection, lexicon),
            lexicon,
            ids,
            fallback,
        )

    return predict


def _score(name, cases, predict) -> Result:
    result = Result(name, 0, 0, 0, [])
    for label, text, args in cases:
        c = predict(text, *args)
        result.total += 1
        result.agree += c.topic_id == label
        result.any_topic += label in c.topic_ids
        if c.topic_id != label:
            result.misses.append((label, c.topic_id, text))
    return result


def evaluate(pledges_by_id: dict) -> list[Result]:
    """pledges_by_id: pledge_id -> object with document_id, section, subsection, text."""
    predict = classifier()
    tuning, held_out = [], []
    with LABELS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            p = pledges_by_id.get(row["pledge_id"])
            if p is None:
                continue
            case = (row["primary"], p.text, (p.document_id, p.section, p.subsection))
            (held_out if is_held_out(row["pledge_id"]) else tuning).append(case)
    return [
        _score("tuning half", tuning, predict),
        _score("second half", held_out, predict),
        _score("written, tuned", _written(WRITTEN_TUNED), predict),
        _score("written, sealed", _written(WRITTEN_SEALED), predict),
    ]


def _written(path: Path) -> list:
    """Pledges written for the check set, with a plausible chapter heading each."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            (row["primary"], row["text"], ("check-set", row["section"], None))
            for row in csv.DictReader(handle)
        ]
