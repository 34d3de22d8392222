"""The PDF libraries on PyPI compared on the real programmes (the five Münster 2014 PDFs,
208 pages): seconds to get every page's text with what layout analysis needs (positions,
size and weight per span), best of three runs, and what each gives. Libraries that are
not installed are named, not measured (`pip install pymupdf pdfplumber` to compare them;
the project depends on pypdfium2 only).

Usage: python benchmarks/bench_pdf_libraries.py
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.real_eval import PDFS, SHARED  # noqa: E402

FILES = [SHARED / name for name in PDFS]


def pypdfium2_lines() -> None:
    from etl.parse.pdf import read_pdf

    for f in FILES:
        read_pdf(f)  # words with boxes, size, weight, colour, angle; the outline


def pymupdf_spans() -> None:
    import pymupdf

    for f in FILES:
        doc = pymupdf.open(f)
        for page in doc:
            page.get_text("dict")  # spans with boxes, font, size, flags
        doc.get_toc()


def pdfplumber_words() -> None:
    import pdfplumber

    for f in FILES:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_words(extra_attrs=["fontname", "size"])


def pypdf_text() -> None:
    from pypdf import PdfReader

    for f in FILES:
        reader = PdfReader(f)
        for page in reader.pages:
            page.extract_text()  # text only, no positions
        _ = reader.outline


CANDIDATES = [
    (
        "pypdfium2",
        "pypdfium2",
        pypdfium2_lines,
        "Apache-2.0 or BSD-3-Clause (PDFium: BSD-3/Apache-2.0)",
        "char boxes, font size, weight and name, fill colour, angle, outline",
    ),
    (
        "PyMuPDF",
        "pymupdf",
        pymupdf_spans,
        "AGPL-3.0 or commercial",
        "spans with boxes, font, size, flags, colour; outline",
    ),
    (
        "pdfplumber",
        "pdfplumber",
        pdfplumber_words,
        "MIT (pdfminer.six: MIT)",
        "char/word boxes, font name and size; no outline helper",
    ),
    ("pypdf", "pypdf", pypdf_text, "BSD-3-Clause", "text per page (no positions); outline"),
]


def main() -> None:
    pages = 208
    print(f"Five Münster 2014 PDFs, {pages} pages; best of 3 runs")
    for label, module, fn, licence, gives in CANDIDATES:
        if importlib.util.find_spec(module) is None:
            print(f"  {label:<11} not installed  | {licence} | {gives}")
            continue
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        per_page = best / pages * 1000
        print(f"  {label:<11} {best:6.2f} s ({per_page:5.1f} ms a page) | {licence} | {gives}")


if __name__ == "__main__":
    main()
