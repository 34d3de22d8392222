"""The lines of a PDF as chapter finding reads them (etl.parse.headings and
etl.parse.signposts): each with its place on the page, and a heading as a run of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.parse.pdf import PdfLine
from etl.parse.textclean import is_caps_heading, join_lines, title_from_caps

_ALNUM = re.compile(r"[^0-9a-zäöüß]+")


@dataclass(frozen=True)
class Row:
    """A line of the cleaned document, with what its place on the page says."""

    line: PdfLine
    text: str
    indent: float  # left edge minus its column's left edge, in points
    gap: bool  # vertical space (a paragraph break) before it
    column_start: bool  # the first line of a column or page
    width: float  # its column's width

    @property
    def page(self) -> int:
        return self.line.page


@dataclass(frozen=True)
class Mark:
    """A heading: rows[start:end] read as one title."""

    start: int
    end: int
    level: int
    found_by: str
    title: str


def normal(text: str) -> str:
    """For matching titles: lower case, letters and digits only, numbering dropped."""
    text = re.sub(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[A-H]\.)\s+", "", text)
    return _ALNUM.sub("", text.casefold())


def run_title(rows: list[Row], start: int, end: int) -> str:
    """The rows' words as one title; a title in capitals as the pdf-text parser gives it
    ("2. TALENTE UND INNOVATIONEN" -> "Talente und Innovationen")."""
    title = join_lines([r.text for r in rows[start:end]])
    if is_caps_heading(title):
        title = title_from_caps(re.sub(r"^\d{1,2}\.\s+", "", title))
    return title
