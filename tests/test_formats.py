"""The formats html and text, the registry's reading options, `etl preview` and the
structure problems of `etl check`, on small hand-made files."""

from __future__ import annotations

import pytest

from etl.cli import run
from etl.errors import BuildError
from etl.preview import read_programme
from etl.registry import load_registry
from tests.conftest import add_programme, inputs_for
from tests.pdfmaker import Text, column, make_pdf


def read(path, file_format, **registry):
    _, parsed, pledges, _ = read_programme(path, file_format, ("Testpartei",), "t", **registry)
    return parsed, pledges


HTML = """<!DOCTYPE html><html><head><title>\x00\x00</title>
<style>p.h {font-weight: bold} p.p {margin: 0}</style></head><body>
<p class="h">Wohnen für alle</p>
<p class="p"><b>Mieten begrenzen</b><br>
Die Testpartei fordert eine Mietpreisbremse in der ganzen Stadt.<br>
Wir wollen<br>
· mehr Sozialwohnungen bauen,<br>
· Leerstand nutzbar machen.</p>
<h2>Verkehr</h2>
<ul><li>Ein Ticket für alle Busse</li><li>Radwege an jeder Hauptstraße</li></ul>
<p>Die Stadt hat viele Busse.</p>
</body></html>"""


def test_a_word_processor_html_export(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(HTML, encoding="utf-8")
    parsed, pledges = read(path, "html")
    assert [(h.title, h.level, h.found_by) for h in parsed.headings] == [
        ("Wohnen für alle", 1, "typography"),
        ("Mieten begrenzen", 2, "typography"),
        ("Verkehr", 1, "markup"),
    ]
    assert [(p.kind, p.text, p.section) for p in pledges] == [
        (
            "statement",
            "Die Testpartei fordert eine Mietpreisbremse in der ganzen Stadt.",
            "Wohnen für alle",
        ),
        ("bullet", "mehr Sozialwohnungen bauen,", "Wohnen für alle"),
        ("bullet", "Leerstand nutzbar machen.", "Wohnen für alle"),
        ("bullet", "Ein Ticket für alle Busse", "Verkehr"),
        ("bullet", "Radwege an jeder Hauptstraße", "Verkehr"),
    ]


def test_a_nul_byte_in_an_html_body_is_still_refused(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(HTML.replace("Verkehr</h2>", "Verkehr\x00</h2>"), encoding="utf-8")
    with pytest.raises(BuildError, match=r"p.html: NUL byte"):
        read(path, "html")


TEXT = """Wahlprogramm der Testpartei

Inhalt
Wohnen 2
Bezahlbare Mieten 2
Verkehr 3

Wohnen

Bezahlbare Mieten
Die Testpartei fordert eine Mietpreisbremse. Wir wollen mehr
Sozialwohnungen bauen, denn viele Menschen finden keine Wohnung.

Wir setzen uns ein FÜR:
\x95 Leerstand nutzbar machen
\x95 Genossenschaften fördern

Verkehr
Die Testpartei fordert ein Ticket für alle Busse und Bahnen in der Region.
"""


def test_a_plain_text_programme_with_a_table_of_contents(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text(TEXT, encoding="utf-8")
    parsed, pledges = read(path, "text")
    assert [(h.title, h.found_by) for h in parsed.headings] == [
        ("Wohnen", "toc"),
        ("Bezahlbare Mieten", "toc"),
        ("Verkehr", "toc"),
    ]
    assert [(p.kind, p.text) for p in pledges] == [
        ("statement", "Die Testpartei fordert eine Mietpreisbremse."),
        (
            "statement",
            "Wir wollen mehr Sozialwohnungen bauen, denn viele Menschen finden keine Wohnung.",
        ),
        ("bullet", "Leerstand nutzbar machen"),
        ("bullet", "Genossenschaften fördern"),
        ("statement", "Die Testpartei fordert ein Ticket für alle Busse und Bahnen in der Region."),
    ]
    assert sum(r.kind == "table of contents" for r in parsed.furniture) == 4


def test_registry_furniture_patterns_remove_what_rules_cannot_guess(tmp_path):
    body = ["Die Testpartei fordert mehr Bäume in jeder Straße der Stadt."] * 3
    pages = [[Text(0.1, 0.5, "Stand: Entwurf vom 3. März"), *column(0.1, 0.85, body)]]
    pdf = make_pdf(tmp_path / "f.pdf", pages)
    parsed, pledges = read(pdf, "pdf", furniture=(r"^Stand: Entwurf",))
    assert not any("Entwurf" in p.text for p in pledges)
    assert [r.kind for r in parsed.furniture] == ["registry pattern"]


def test_registry_reading_options_are_checked(tmp_path, data_copy):
    add_programme(data_copy, "x-2030", "x", "X", "# Kapitel\n\n- Wir bauen.\n")
    registry = data_copy / "sources.toml"
    registry.write_text(
        registry.read_text(encoding="utf-8") + "skip_pages = [0]\n", encoding="utf-8"
    )
    with pytest.raises(BuildError, match=r"x-2030.*skip_pages must be a list of page numbers"):
        load_registry(registry)
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("skip_pages = [0]", 'furniture = ["(x"]'),
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match=r"furniture pattern '\(x' is not a regular expression"):
        load_registry(registry)


def long_pdf_without_chapters(path):
    things = ["Schulen", "Kitas", "Busse", "Radwege", "Parks", "Bäder", "Büchereien", "Sportplätze"]
    pages = []
    for page in range(12):
        lines = [
            f"Die Testpartei fordert mehr Geld für {things[(page + n) % 8]} im {w} Bezirk."
            for n, w in enumerate(["ersten", "zweiten", "dritten", "vierten", "fünften"])
        ]
        pages.append(column(0.1, 0.8, lines))
    return make_pdf(path, pages)


def test_preview_shows_chapters_furniture_and_problems(tmp_path):
    pages = [
        [
            Text(0.1, 0.9, "Wohnen", 16, bold=True),
            *column(0.1, 0.86, ["Die Testpartei fordert mehr Wohnungen in der Stadt."] * 3),
            Text(0.5, 0.03, "Seite 1", 8),
        ],
        [
            Text(0.1, 0.9, "Verkehr", 16, bold=True),
            *column(0.1, 0.86, ["Die Testpartei fordert mehr Busse in der Stadt."] * 3),
            Text(0.5, 0.03, "Seite 2", 8),
        ],
    ]
    pdf = make_pdf(tmp_path / "p.pdf", pages)
    result = run("preview", pdf, "--self-name", "Testpartei")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "p.pdf as pdf" in out and "2 pages, 2 chapters" in out
    assert "Wohnen (p. 1, typography): 0 bullets, 3 statements" in out
    assert "page number (2): 'Seite 1'; 'Seite 2'" in out
    long = run("preview", long_pdf_without_chapters(tmp_path / "l.pdf"))
    assert "problem: 12 pages but 0 chapter(s)" in long.stdout
    assert "no --self-name given" in long.stdout


def test_preview_of_an_unknown_file_type_is_one_line(tmp_path):
    path = tmp_path / "p.docx"
    path.write_bytes(b"PK")
    result = run("preview", path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {path}: unknown file type: give --format (pdf, html, text, markdown)"
    ]


def test_check_makes_a_long_document_without_chapters_a_problem(tmp_path, data_copy):
    long_pdf_without_chapters(data_copy / "manifestos" / "long.pdf")
    add_programme(
        data_copy,
        "long-2030",
        "long",
        "Testpartei",
        "",
        file_format="pdf",
        file_name="long.pdf",
        self_names=("Testpartei",),
    )
    result = run("check", "--registry", inputs_for(data_copy).registry)
    assert result.returncode == 1
    assert "problem: structure (1): 12 pages but 0 chapter(s)" in result.stdout
    assert "spd-2020" in result.stdout and "needs attention: long-2030" in result.stdout
