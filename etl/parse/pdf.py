"""Programmes given as PDF (format "pdf"): text from pypdf, running headers, footers and
page numbers removed, then the same parser and clean-up as text extracted from a PDF.

pypdf is pure Python (a PyPI package with no external binaries), reads the text layer
page by page in reading order, and extracts the test suite's PDFs and ordinary
programme PDFs faithfully; layout analysis beyond lines is not needed, because the
pdf-text parser repairs line breaks and hyphenation itself.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from pathlib import Path

from etl.errors import BuildError

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:Seite\s+)?\d{1,4}(?:\s*(?:/|von)\s*\d{1,4})?"
    r"(?:\s*[-–—])?\s*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
EDGE_LINES = 3  # lines at the top and bottom of a page that may be running heads/feet
RUNNING_SHARE = 0.5  # a line on at least half of the pages (and two) is a running line


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise BuildError(path, "encrypted PDF (no text layer can be read)")
        return [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise BuildError(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None


def strip_running_lines(pages: list[str]) -> str:
    """The pages' text without headers, footers and page numbers; pages joined by lines."""
    return strip_running(pages)[0]


def strip_running(pages: list[str]) -> tuple[str, list[int]]:
    """As strip_running_lines, plus the 1-based line at which each page's text starts,
    so a pledge can say on which page of the original it stands."""
    split = [page.splitlines() for page in pages]
    edges: Counter = Counter()
    for lines in split:
        edge = {_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:] if line.strip()}
        edges.update(edge)
    threshold = max(2, RUNNING_SHARE * len(pages))
    running = {key for key, n in edges.items() if n >= threshold}
    kept = []
    starts = []
    for lines in split:
        starts.append(len(kept) + 1)
        for n, line in enumerate(lines):
            at_edge = n < EDGE_LINES or n >= len(lines) - EDGE_LINES
            if _PAGE_NUMBER.match(line) or (at_edge and _key(line) in running):
                continue
            kept.append(line)
    return "\n".join(kept), starts


def _key(line: str) -> str:
    """Running lines differ only in their page number."""
    return _DIGITS.sub("#", " ".join(line.split()))


def pdf_text(path: Path) -> tuple[str, list[int]]:
    """The text and the line at which each page starts."""
    text, starts = strip_running(pdf_pages(path))
    if not text.strip():
        raise BuildError(path, "PDF without a text layer (scanned pages need OCR first)")
    return text, starts


def page_of(line: int, starts: list[int]) -> int:
    """The 1-based page on which a line of the joined text stands."""
    return max(1, bisect.bisect_right(starts, line))
