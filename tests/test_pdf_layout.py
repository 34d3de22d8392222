"""Reading designed PDFs, case by case: each test makes a small PDF the way a layout program
would (tests/pdfmaker.py) and pins what a reader would expect of its pledges, chapters
and furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.preview import read_programme
from tests.pdfmaker import LINE, Text, column, make_pdf

BODY = [
    "Die Testpartei fordert mehr Wohnungen für alle Menschen in der Stadt.",
    "Wir wollen die Busse im ganzen Stadtgebiet alle zehn Minuten fahren lassen.",
    "Der Radverkehr hat in den letzten Jahren stark zugenommen und wächst weiter.",
    "Wir setzen uns dafür ein, dass jede Schule eine eigene Mensa bekommt.",
]


def read(path: Path, **registry):
    _, parsed, pledges, _ = read_programme(path, "pdf", ("Testpartei",), "test-2030", **registry)
    return parsed, pledges


def texts(pledges) -> list[str]:
    return [p.text for p in pledges]


def chapter_page(title: str, body: list[str], top: float = 0.88) -> list[Text]:
    return [Text(0.1, top, title, 16, bold=True), *column(0.1, top - 2 * LINE, body)]


def test_chapters_come_from_typography_and_a_heading_is_never_glued(tmp_path):
    pdf = make_pdf(
        tmp_path / "t.pdf",
        [
            chapter_page("Wohnen", BODY[:2] + [""] * 0)
            + [Text(0.1, 0.7, "Bezahlbare Mieten", 10.5, bold=True)]
            + column(0.1, 0.7 - 1.6 * LINE, BODY[2:]),
            chapter_page("Mobilität", BODY),
            chapter_page("Bildung", BODY[1:]),
        ],
    )
    parsed, pledges = read(pdf)
    chapters = [(h.title, h.level, h.page, h.found_by) for h in parsed.headings]
    assert chapters == [
        ("Wohnen", 1, 1, "typography"),
        ("Bezahlbare Mieten", 2, 1, "typography"),
        ("Mobilität", 1, 2, "typography"),
        ("Bildung", 1, 3, "typography"),
    ]
    assert not any(t.startswith(("Bezahlbare", "Wohnen", "Mobilität")) for t in texts(pledges))
    assert {p.section for p in pledges} == {"Wohnen", "Mobilität", "Bildung"}


def test_a_pdf_outline_names_the_chapters(tmp_path):
    """Bookmarks decide, even where a heading is set like body text."""
    pages = [
        [Text(0.1, 0.88, "Arbeit und Wirtschaft"), *column(0.1, 0.85, BODY)],
        [Text(0.1, 0.88, "Klima und Umwelt"), *column(0.1, 0.85, BODY[1:])],
    ]
    outline = [("Arbeit und Wirtschaft", 0, 0), ("Klima und Umwelt", 1, 0)]
    parsed, pledges = read(make_pdf(tmp_path / "o.pdf", pages, outline=outline))
    assert [(h.title, h.found_by) for h in parsed.headings] == [
        ("Arbeit und Wirtschaft", "outline"),
        ("Klima und Umwelt", "outline"),
    ]
    assert pledges[0].section == "Arbeit und Wirtschaft"
    assert not any("Klima und Umwelt" in t for t in texts(pledges))


def test_running_headers_margin_labels_and_page_numbers_go_and_are_reported(tmp_path):
    pages = []
    for n, label in enumerate(["Wohnen", "Wohnen", "Verkehr", "Verkehr", "Schule"], start=1):
        pages.append(
            [
                Text(0.1, 0.96, "Testpartei | Wahlprogramm 2030", 8),
                Text(0.8, 0.96, label, 8),  # a margin label: the chapter at the top
                *column(0.1, 0.88, BODY),
                Text(0.5, 0.03, f"| {n}", 8),
            ]
        )
    parsed, pledges = read(make_pdf(tmp_path / "h.pdf", pages))
    joined = " ".join(texts(pledges))
    assert "Wahlprogramm 2030" not in joined and "|" not in joined
    assert not any(t.endswith(("Wohnen", "Verkehr", "Schule")) for t in texts(pledges))
    kinds = {r.kind for r in parsed.furniture}
    assert {"running header", "page number"} <= kinds


def test_line_numbers_in_the_margin_never_enter_a_sentence(tmp_path):
    lines = [
        "Die Testpartei fordert, dass die Erreichbarkeit von Ärzten strukturell",
        "verbessert wird durch barrierefreie mobile Arztpraxen und einen Shuttle-",
        "Service zu den Praxen. Wir wollen außerdem die Pflege stärken und die",
        "Beratung in den Stadtteilen ausbauen, damit niemand allein bleibt.",
        "Wir setzen uns für mehr Personal in der Pflege und gute Löhne ein.",
        "Die Kommunen brauchen dafür mehr Geld vom Land und vom Bund.",
    ]
    page = []
    for i, line in enumerate(lines):
        y = 0.85 - i * LINE
        page += [Text(0.05, y, str(571 + i), 9), Text(0.12, y, line)]
    parsed, pledges = read(make_pdf(tmp_path / "n.pdf", [page]))
    joined = " ".join(texts(pledges))
    assert "wird durch barrierefreie mobile Arztpraxen und einen Shuttle-Service zu" in joined
    assert not any(str(n) in joined for n in range(571, 577))
    assert sum(r.kind == "line number" for r in parsed.furniture) == 6


def test_two_columns_are_read_one_after_the_other(tmp_path):
    """The layout program wrote the columns line by line across the page; a reader reads
    the left column first."""
    left = [
        "Die Testpartei fordert einen neuen",
        "Radweg entlang des ganzen Kanals",
        "von Westen bis Osten. Wir wollen",
        "außerdem mehr Bänke am Wasser.",
    ]
    right = [
        "Wir wollen die Stadtbücherei auch",
        "am Sonntag öffnen und mehr Geld",
        "für neue Bücher ausgeben. Die Test-",
        "partei fordert längere Öffnungszeiten.",
    ]
    page = []
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        page += [Text(0.08, 0.85 - i * LINE, a), Text(0.55, 0.85 - i * LINE, b)]
    page += column(0.08, 0.85 - 5 * LINE, ["Ein Satz unter beiden Spalten gehört dazu."] * 3)
    _, pledges = read(make_pdf(tmp_path / "c.pdf", [page]))
    first = (
        "Die Testpartei fordert einen neuen Radweg entlang des ganzen Kanals von Westen bis Osten."
    )
    assert first in texts(pledges)
    assert "Die Testpartei fordert längere Öffnungszeiten." in texts(pledges)


@pytest.mark.parametrize("glyph", ["•", "▪", "✓", "–", "·", "➢"])
def test_bullets_of_any_glyph_are_items(tmp_path, glyph):
    page = chapter_page("Umwelt", ["Unsere Forderungen:"]) + [
        Text(0.1, 0.84 - i * LINE, f"{glyph} {t}")
        for i, t in enumerate(["mehr Bäume in allen Straßen", "saubere Luft an den Schulen"])
    ]
    page += column(0.1, 0.84 - 3 * LINE, BODY)
    _, pledges = read(make_pdf(tmp_path / "b.pdf", [page]))
    bullets = [p.text for p in pledges if p.kind == "bullet"]
    assert bullets == ["mehr Bäume in allen Straßen", "saubere Luft an den Schulen"]


def test_numbered_and_lettered_items_are_items_but_a_date_is_not(tmp_path):
    items = [
        "1. mehr Kitas in allen Stadtteilen",
        "2. kleinere Klassen",
        "a) mit Lehrkräften",
        "b) mit Räumen",
    ]
    page = chapter_page("Bildung", ["Wir fordern:"])
    page += column(0.1, 0.84, items)
    page += column(0.1, 0.84 - 5 * LINE, ["Wählen Sie uns am", "25. Mai 2030 mit Ihrer Stimme."])
    _, pledges = read(make_pdf(tmp_path / "i.pdf", [page]))
    bullets = [p.text for p in pledges if p.kind == "bullet"]
    assert bullets == [
        "mehr Kitas in allen Stadtteilen",
        "kleinere Klassen",
        "mit Lehrkräften",
        "mit Räumen",
    ]


def test_a_table_of_contents_is_furniture_and_names_chapters(tmp_path):
    toc = [Text(0.1, 0.9, "Inhalt", 14, bold=True)] + column(
        0.1, 0.86, ["Wohnen ........ 2", "Verkehr ........ 3", "Schule ........ 4"]
    )
    pages = [toc] + [
        [Text(0.1, 0.88, t), *column(0.1, 0.85, BODY)] for t in ("Wohnen", "Verkehr", "Schule")
    ]
    parsed, pledges = read(make_pdf(tmp_path / "toc.pdf", pages))
    assert [(h.title, h.found_by) for h in parsed.headings] == [
        ("Wohnen", "toc"),
        ("Verkehr", "toc"),
        ("Schule", "toc"),
    ]
    assert not any("....." in t or "Inhalt" in t for t in texts(pledges))
    assert sum(r.kind == "table of contents" for r in parsed.furniture) == 4


def test_a_banner_set_at_an_angle_is_a_callout_not_text(tmp_path):
    page = chapter_page("Sport", BODY) + [
        Text(0.55, 0.8, "Mit den Vereinen für gute Bedingungen", 12, rotation=5)
    ]
    parsed, pledges = read(make_pdf(tmp_path / "r.pdf", [page]))
    assert not any("Vereinen" in t for t in texts(pledges))
    assert [r.text for r in parsed.furniture if r.kind.startswith("callout")] == [
        "Mit den Vereinen für gute Bedingungen"
    ]


def test_split_words_are_joined_and_real_words_never(tmp_path):
    lines = [
        "Die Testpartei fordert, dass die Wünsche der Eltern berücksichti gt werden.",
        "Die Testpartei fordert die Weit erentwicklung der Musiksc hulen im Süden.",
        "Die Testpartei fordert mehr Musikschulen und die Weiterentwicklung der Kitas.",
        "Wir wollen, dass in der Stadt mehr gebaut wird.",
    ]
    parsed, pledges = read(make_pdf(tmp_path / "w.pdf", [column(0.1, 0.85, lines)]))
    joined = " ".join(texts(pledges))
    assert "berücksichtigt werden" in joined and "Weiterentwicklung der Musikschulen" in joined
    assert "in der Stadt" in joined  # two real words stay two
    assert {(r.before, r.after) for r in parsed.repairs} == {
        ("berücksichti gt", "berücksichtigt"),
        ("Weit erentwicklung", "Weiterentwicklung"),
        ("Musiksc hulen", "Musikschulen"),
    }


def test_a_cover_page_and_pages_the_registry_skips_are_not_read(tmp_path):
    cover = [Text(0.3, 0.6, "Wahlprogramm 2030", 30, bold=True), Text(0.3, 0.5, "Testpartei")]
    imprint = column(0.1, 0.85, ["Impressum: Die Testpartei fordert nichts, sie druckt."] * 3)
    pages = [cover, chapter_page("Wohnen", BODY), imprint, chapter_page("Schule", BODY)]
    parsed, pledges = read(make_pdf(tmp_path / "s.pdf", pages), skip_pages=(3,))
    assert {r.kind for r in parsed.furniture} >= {"cover page", "skipped page (registry)"}
    assert not any("Impressum" in t or "Wahlprogramm" in t for t in texts(pledges))


def test_footnotes_and_their_marks_stay_out_of_sentences(tmp_path):
    top = [
        Text(0.1, 0.9, "Wohnen", 16, bold=True),
        *column(0.1, 0.86, BODY),
        Text(0.1, 0.86 - 4 * LINE, "Die Testpartei fordert 5.000 neue Wohnungen$^{1}$ in der"),
        Text(0.1, 0.08, "1 Quelle: Wohnungsmarktbericht der Stadt 2029", 7),
    ]
    rest = [*column(0.1, 0.9, ["ganzen Stadt bis zum Jahr 2035.", *BODY])]
    parsed, pledges = read(make_pdf(tmp_path / "f.pdf", [top, rest]))
    assert (
        "Die Testpartei fordert 5.000 neue Wohnungen in der ganzen Stadt bis zum Jahr 2035."
        in texts(pledges)
    )
    kinds = [(r.kind, r.text) for r in parsed.furniture]
    assert ("footnote", "1 Quelle: Wohnungsmarktbericht der Stadt 2029") in kinds
    assert ("footnote mark", "Wohnungen1") in kinds
