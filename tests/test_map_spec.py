"""The map as data (dashboard/map_spec.py): the "Umsetzung" colouring on hand-made rows."""

import pandas as pd

from dashboard import map_spec, style


def _rows(*triples):
    return pd.DataFrame(triples, columns=["ags", "pledge_id", "status"])


def test_fulfilment_colours_the_share_implemented_among_the_rated_and_says_how_many_are_rated():
    rows = _rows(
        ("a", "p1", "umgesetzt"),
        ("a", "p2", "nicht_umgesetzt"),
        ("a", "p3", "nicht_bewertet"),
        ("b", "p3", "nicht_bewertet"),
        ("c", "p4", "teilweise_umgesetzt"),
        ("c", "p1", "umgesetzt"),
    )
    colouring, texts = map_spec.fulfilment_colouring(rows, ["a", "b", "c", "d"])
    assert colouring.fills["a"] == style.FULFILMENT[2]  # 1 of 2 rated: 50–74 %
    assert colouring.fills["b"] == style.UNRATED  # checkable pledges, none rated yet
    assert colouring.fills["c"] == style.FULFILMENT[3]  # all rated ones (partly) done
    assert colouring.fills["d"] == style.ZERO  # nothing to rate
    assert "3 von 4" in colouring.title  # distinct pledges, not town links
    assert texts["a"] == (
        "umgesetzt: 1, nicht umgesetzt: 1, noch nicht bewertet: 1 (2 von 3 bewertet)"
    )
    assert "d" not in texts
    labels = [label for _, label in colouring.legend]
    assert labels[:2] == [
        "Kein prüfbares Versprechen einer abgelaufenen Wahlperiode",
        "Noch keines bewertet",
    ]


def test_fulfilment_of_nothing_is_an_honest_empty_map():
    colouring, texts = map_spec.fulfilment_colouring(_rows(), ["a"])
    assert colouring.fills == {"a": style.ZERO} and texts == {}
    assert "0 von 0" in colouring.title
