"""The pledge list against a blind reading of both programmes (tests/data/pledge_units_*.csv):
prose commitments found and nothing else, every list item kept, the commitment class as a
careful reader gives it. Figures per part: the tuning part was looked at while writing
the cues and rules, the sealed quarter only at the end (tests/data/README.md)."""

import csv

import pytest

from etl import paths
from etl.commitment import classify_commitment, load_rules
from tests.pledge_eval import (
    DATA,
    commitment_confusion,
    evaluate_items,
    evaluate_prose,
)

DOCUMENTS = ["spd-2020", "volt-2025"]


@pytest.mark.parametrize("document_id", DOCUMENTS)
def test_prose_commitments_are_found_and_nothing_else(extracted, document_id):
    """Goal: 95 % recall and precision on each programme (all units). Measured: SPD
    27/28 and 27/28 (before: 20/28, 20/22), Volt 190/194 and 190/193 (before: 171/194,
    171/177)."""
    parts = [evaluate_prose(document_id, extracted[document_id], s) for s in (False, True)]
    hits = sum(r.recall_hits for r in parts)
    total = sum(r.recall_total for r in parts)
    kept = sum(r.precision_hits for r in parts)
    stated = sum(r.precision_total for r in parts)
    missed = "; ".join(u.text[:60] for r in parts for u in r.misses)
    extra = "; ".join(p.text[:60] for r in parts for p, _ in r.extras)
    assert total >= 20 and stated >= 20
    assert hits / total >= 0.95, f"recall {hits}/{total}: {missed}"
    assert kept / stated >= 0.95, f"precision {kept}/{stated}: {extra}"


def test_the_sealed_quarter_holds_up(extracted):
    """Measured once, at the end: SPD 3/4 and 3/4, Volt 36/38 and 36/38 (before the new
    cues: Volt 32/38 and 32/33): 39/42 = 92.9 % both ways, below the tuning part."""
    parts = [evaluate_prose(d, extracted[d], True) for d in DOCUMENTS]
    hits, total = sum(r.recall_hits for r in parts), sum(r.recall_total for r in parts)
    kept, stated = sum(r.precision_hits for r in parts), sum(r.precision_total for r in parts)
    assert total >= 40
    assert hits / total >= 0.92 and kept / stated >= 0.92


@pytest.mark.parametrize("document_id", DOCUMENTS)
def test_every_list_item_is_a_pledge(extracted, document_id):
    found, total, missing = evaluate_items(document_id, extracted[document_id])
    assert total >= 60 and not missing, [u.text[:60] for u in missing]


@pytest.fixture(scope="module")
def classify(extracted):
    rules = load_rules(paths.DATA / "commitment_rules.toml")
    by_id = {p.pledge_id: p for pledges in extracted.values() for p in pledges}

    def decide(pledge_id: str) -> str | None:
        p = by_id.get(pledge_id)  # None: a pledge the extraction no longer keeps
        return (
            None if p is None else classify_commitment(p.text, p.cue is not None, rules).commitment
        )

    return decide


@pytest.fixture(scope="module")
def confusion(extracted, classify):
    return {"all": commitment_confusion(extracted, lambda p: classify(p.pledge_id), None)}


def checkability_labels(name: str) -> dict[str, dict[str, str]]:
    """reader -> pledge id -> class, from tests/data/commitment_labels_<name>.csv."""
    readers: dict[str, dict[str, str]] = {}
    with (DATA / f"commitment_labels_{name}.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            readers.setdefault(r["reader"], {})[r["pledge_id"]] = r["commitment"]
    return readers


def agreement(labels: dict[str, str], classify) -> tuple[int, int, float, float]:
    """(agreeing, compared, share pruefbar by the rules, share pruefbar by the reader)."""
    pairs = [(label, classify(pid)) for pid, label in labels.items() if classify(pid)]
    agree = sum(a == b for a, b in pairs)
    rules_p = sum(b == "pruefbar" for _, b in pairs) / len(pairs)
    reader_p = sum(a == "pruefbar" for a, _ in pairs) / len(pairs)
    return agree, len(pairs), rules_p, reader_p


# The class asks whether a reader could later tell that a pledge was kept (issue 23).
# Tuning labels (two blind readers, one half each, 267 pledges): written against, 88.7 %,
# pruefbar 23.7 % against the readers' 27.1 %. Sealed labels (130 other pledges, two
# blind readers each labelling all): measured once at the end, 100/129 and 102/129 (the
# readers agree with each other on 128/130); the rules' pruefbar share 22.5 % against
# the readers' 34.9 % and 34.1 % (tests/data/README.md).
def test_commitment_class_by_checkability_agrees_with_the_tuning_readers(classify):
    for reader, labels in checkability_labels("tuning").items():
        agree, total, rules_p, reader_p = agreement(labels, classify)
        assert total >= 130
        assert agree / total >= 0.86, f"reader {reader}: {agree}/{total}"
        assert abs(rules_p - reader_p) <= 0.07, (reader, rules_p, reader_p)


@pytest.mark.parametrize("reader", ["a", "b"])
def test_commitment_class_on_the_sealed_readers_holds_what_was_measured(classify, reader):
    agree, total, rules_p, _ = agreement(checkability_labels("fresh")[reader], classify)
    assert total >= 120
    assert agree / total >= 0.77, f"{agree}/{total}"
    assert rules_p >= 0.20


def test_the_sealed_readers_agree_with_each_other():
    readers = checkability_labels("fresh")
    a, b = readers["a"], readers["b"]
    assert set(a) == set(b) and len(a) >= 120
    assert sum(a[k] == b[k] for k in a) / len(a) >= 0.95


def test_no_commitment_is_called_none(confusion, classify):
    """The costly error: hiding a real commitment by default."""
    matrix = confusion["all"]
    hidden = sum(
        n for (reader, rules), n in matrix.items() if rules == "keine" and reader != "keine"
    )
    assert hidden <= 2, matrix
    for reader, labels in checkability_labels("tuning").items():
        called_none = [
            p for p, label in labels.items() if label != "keine" and classify(p) == "keine"
        ]
        assert len(called_none) <= 1, (reader, called_none)


def context_scores(name: str, extracted) -> dict[str, tuple[int, int, int, int]]:
    """Per reader: (contexts stored, of them needless or another sentence than the
    reader's, pledges the reader says need one, of them given the reader's sentence)."""
    by_id = {p.pledge_id: p for pledges in extracted.values() for p in pledges}

    def plain(text: str) -> str:
        return "".join(ch.lower() for ch in text if ch.isalnum())[:40]

    def same(ours: str, theirs: str) -> bool:
        return plain(theirs) in plain(ours) or plain(ours) in plain(theirs)

    scores: dict[str, list[int]] = {}
    with (DATA / f"commitment_labels_{name}.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            p = by_id.get(r["pledge_id"])
            if p is None:
                continue
            s = scores.setdefault(r["reader"], [0, 0, 0, 0])
            needed = r["needs_context"] == "yes"
            s[0] += p.context is not None
            s[1] += p.context is not None and not (needed and same(p.context, r["context"]))
            s[2] += needed
            s[3] += needed and p.context is not None and same(p.context, r["context"])
    return {reader: tuple(s) for reader, s in scores.items()}


# Contexts (issue 23): the figures as measured, the sealed readers once at the end. Before
# the issue the sealed set had 21 contexts, 10 of them needless or wrong, and 11 of the
# 14 (reader a) and 16 (reader b) that need one right; the goal (at most 5 % needless or
# wrong, 90 % of the needed right) is not reached (tests/data/README.md). Measured on the
# sealed readers: (11, 4, 14, 7) and (11, 4, 16, 7); a later change (a "Sondern …"
# sentence joined to the "nicht nur" one it completes) took one needless context away.
PINNED_CONTEXTS = {
    ("tuning", "d"): (6, 2, 10, 4),
    ("tuning", "e"): (12, 3, 17, 9),
    ("fresh", "a"): (10, 3, 14, 7),
    ("fresh", "b"): (10, 3, 16, 7),
}


@pytest.mark.parametrize("name", ["tuning", "fresh"])
def test_contexts_are_no_worse_than_measured(extracted, name):
    for reader, (stored, bad, needed, right) in context_scores(name, extracted).items():
        pinned = PINNED_CONTEXTS[(name, reader)]
        assert needed == pinned[2]
        assert bad <= pinned[1] and right >= pinned[3], (reader, stored, bad, needed, right)
