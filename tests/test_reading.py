"""The "Im Programm lesen" view: the programme's text at the pledge, its lines marked."""

import duckdb

from dashboard import queries, reading


def test_the_span_follows_the_pledge_over_its_lines():
    lines = [
        (10, "Das Revier wächst. Wir fordern, dass weitere Investitionen in die Struk-"),
        (11, "turwandelregionen folgen müssen. Eine Universität soll"),
        (12, "kommen."),
        (13, "Wir bauen Radwege."),
    ]
    text = "Wir fordern, dass weitere Investitionen in die Strukturwandelregionen folgen müssen."
    assert reading.pledge_span(lines, 10, text) == (10, 11)
    assert reading.pledge_span(lines, 13, "Wir bauen Radwege.") == (13, 13)


def test_the_text_marks_the_pledge_and_anchors_every_line():
    html = reading.text_html([(1, "Eins & <x"), (2, "Zwei"), (3, "Drei")], (2, 3), "Programm")
    assert '<html lang="de">' in html and 'id="z1"' in html and "Eins &amp; &lt;x" in html
    assert html.count("<mark>") == 2 and "getElementById('z2')" in html


def test_every_shipped_pledge_is_marked_where_it_stands(built_db):
    """Every pledge of both programmes: its marked lines hold all its words."""
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        rows = con.execute(
            "SELECT pledge_id, document_id, source_line, text FROM pledges"
        ).fetchall()
        lines = {d: queries.document_lines(con, d) for d in {r[1] for r in rows}}
    finally:
        con.close()

    def plain(text):
        return "".join(ch.lower() for ch in text if ch.isalnum())

    for pledge_id, document_id, line, text in rows:
        first, last = reading.pledge_span(lines[document_id], line, text)
        marked = "".join(plain(t) for n, t in lines[document_id] if first <= n <= last)
        assert plain(text) in marked, pledge_id


def test_the_reader_sees_text_not_markup():
    assert reading.readable("## Unsere Ziele auf einem Blick") == (
        "Unsere Ziele auf einem Blick",
        True,
    )
    assert reading.readable('- Förderung und "*Wohnen gegen Hilfe*"') == (
        '- Förderung und "Wohnen gegen Hilfe"',
        False,
    )
    assert reading.readable("<b>Impressum</b> <b>33</b>") == ("Impressum 33", False)
