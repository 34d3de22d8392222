"""PDF input: a programme PDF made here goes in, the expected pledges come out."""

import pytest

from etl.build import build
from etl.errors import BuildError
from tests.conftest import add_programme, inputs_for, query

PAGES = [
    [
        "1. MOBILITÄT",
        "Unsere Ziele für das Revier:",
        "• Wir bauen Radschnell-",
        "wege durch das ganze Revier.",
        "• Wir fordern ein Ticket für alle Bus- und",
        "Bahnlinien im VRR.",
    ],
    [
        "2. WOHNEN",
        "Die Testpartei fordert bezahlbaren Wohnraum in Herten.",
        "Das Ruhrgebiet ist groß.",
        "• Wir schaffen Quartierszentren in allen Stadtteilen.",
    ],
    ["• Wir sanieren die Schulen in Gelsenkirchen-Buer."],
]
HEADER = "Testpartei – Wahlprogramm 2030"


def make_pdf(path):
    """Two to three A4 pages with a running header, a page-number footer and a line-break
    hyphen, written by matplotlib with TrueType fonts (a real text layer)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for number, lines in enumerate(PAGES, start=1):
            fig = plt.figure(figsize=(8.27, 11.69))
            fig.text(0.1, 0.96, HEADER, fontsize=9)
            for i, line in enumerate(lines):
                fig.text(0.1, 0.88 - i * 0.03, line, fontsize=11)
            fig.text(0.5, 0.03, f"Seite {number} von {len(PAGES)}", fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)


def register(data, file_name):
    add_programme(
        data,
        "test-2030",
        "test",
        "Testpartei",
        "",
        colour="#009E73",
        file_format="pdf",
        file_name=file_name,
    )


def test_a_pdf_programme_becomes_pledges(tmp_path, data_copy):
    make_pdf(data_copy / "manifestos" / "test_2030.pdf")
    register(data_copy, "test_2030.pdf")
    db = tmp_path / "pdf.duckdb"
    report = build(db, inputs_for(data_copy))
    assert report.documents["test-2030"] == 5
    rows = query(
        db, "SELECT kind, section, text FROM pledges WHERE party_id = 'test' ORDER BY position"
    )
    herten = query(
        db,
        "SELECT m.name FROM pledge_places pp JOIN pledges p USING (pledge_id) "
        "JOIN municipalities m USING (ags) WHERE p.party_id = 'test' "
        "AND pp.link_type <> 'thematic' ORDER BY 1",
    )
    assert rows == [
        ("bullet", "Mobilität", "Wir bauen Radschnellwege durch das ganze Revier."),
        ("bullet", "Mobilität", "Wir fordern ein Ticket für alle Bus- und Bahnlinien im VRR."),
        ("statement", "Wohnen", "Die Testpartei fordert bezahlbaren Wohnraum in Herten."),
        ("bullet", "Wohnen", "Wir schaffen Quartierszentren in allen Stadtteilen."),
        ("bullet", "Wohnen", "Wir sanieren die Schulen in Gelsenkirchen-Buer."),
    ]
    assert herten == [("Gelsenkirchen",), ("Herten",)]  # named; "Radschnellwege": the RS1's
    rs1 = query(
        db,
        "SELECT count(DISTINCT ags) FROM pledge_places JOIN pledges p USING (pledge_id) "
        "WHERE link_type = 'thematic' AND p.party_id = 'test'",
    )
    assert rs1 == [(10,)]
    pages = query(db, "SELECT source_page FROM pledges WHERE party_id = 'test' ORDER BY position")
    assert pages == [(1,), (1,), (2,), (2,), (3,)]  # where each stands in the original


def test_text_programmes_have_lines_not_pages(built_db):
    assert query(built_db, "SELECT count(*) FROM pledges WHERE source_page IS NOT NULL") == [(0,)]
    assert query(built_db, "SELECT min(source_line) FROM pledges") > [(0,)]


def test_a_broken_pdf_fails_with_a_clear_line(tmp_path, data_copy):
    (data_copy / "manifestos" / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf")
    register(data_copy, "broken.pdf")
    with pytest.raises(BuildError, match=r"broken.pdf: not a readable PDF"):
        build(tmp_path / "x.duckdb", inputs_for(data_copy))
