"""The parser for format "pdf": a PDF read with its layout, as parties publish them.

read (etl.parse.pdf) → columns and reading order (.layout) → page furniture removed
(.furniture) → rows with their place on the page → chapters and subchapters (.headings)
→ blocks by the shared structure rules (.structure) → split words joined (.words).
"""

from __future__ import annotations

from statistics import median

from etl.parse.blocks import Parsed
from etl.parse.cues import LayoutCues
from etl.parse.furniture import CAPTION, FOOTNOTE_MARK, Page, Removed, remove_furniture
from etl.parse.headings import find_headings
from etl.parse.layout import (
    attach_glyphs,
    body_size,
    islands_last,
    reading_order,
    split_at_gutters,
)
from etl.parse.pdf import PdfDocument, PdfLine
from etl.parse.rows import Row
from etl.parse.structure import DocLine, assemble, dash_allowed
from etl.parse.textclean import normalise_hyphens
from etl.parse.words import repair_split_words

GAP = 1.45  # a paragraph break: more than this many line pitches from the line before


def parse_pdf(doc: PdfDocument, source, split_sentences, cues: LayoutCues) -> Parsed:
    size = body_size(list(doc.pages))
    pages = []
    for page in doc.pages:
        lines, found = split_at_gutters(page, size)
        lines = attach_glyphs(lines, cues.is_glyph)
        lines = reading_order(lines, found)
        pages.append(Page(page.number, page.width, page.height, tuple(lines)))
    pages, removed, toc = remove_furniture(
        pages, size, cues, source.skip_pages, source.furniture_patterns
    )
    pages = [_islands(page, removed) for page in pages]
    removed += [
        Removed(page.number, FOOTNOTE_MARK, f"{word.text}{word.mark}")
        for page in pages
        for line in page.lines
        for word in line.words
        if word.mark
    ]
    rows = _rows(pages, size, cues)
    marks = find_headings(rows, doc.outline, toc, cues)
    lines = _doc_lines(rows, marks, cues)
    parsed = assemble(lines, source, split_sentences, cues)
    parsed.furniture = removed
    parsed.lines = [(row.page, row.text) for row in rows]
    parsed.pages = len(doc.pages)
    repair_split_words(parsed, "\n".join(row.text for row in rows))
    return parsed


def _islands(page: Page, removed: list) -> Page:
    """Captions beside the columns set apart (reported), other islands after the text."""
    lines, captions = islands_last(list(page.lines))
    removed += [Removed(page.number, CAPTION, ln.text) for ln in captions]
    return Page(page.number, page.width, page.height, tuple(lines))


def document_text(doc: PdfDocument) -> str:
    """The text layer as lines, pages in order: what `documents.sha256` is taken of."""
    return "\n".join(line.text for page in doc.pages for line in page.lines)


def _rows(pages: list[Page], size: float, cues: LayoutCues) -> list[Row]:
    """Each line with its indent in its column, and whether a paragraph break or a new
    column comes before it."""
    pitch = _pitch(pages, size)
    rows: list[Row] = []
    for page in pages:
        columns = _columns(page.lines)
        previous: PdfLine | None = None
        for line in page.lines:
            left, width = columns[_column_of(line, columns)]
            column_start = previous is None or _column_of(previous, columns) != _column_of(
                line, columns
            )
            column_start = column_start or (previous is not None and line.top < previous.top)
            gap = False
            if previous is not None and not column_start:
                natural = max(pitch, 1.25 * max(line.size, previous.size) / 1.2)
                gap = line.top - previous.top > GAP * natural
            rows.append(
                Row(
                    line=line,
                    text=normalise_hyphens(line.text),
                    indent=line.x0 - left,
                    gap=gap,
                    column_start=column_start,
                    width=width,
                )
            )
            previous = line
    return rows


def _pitch(pages: list[Page], size: float) -> float:
    """The usual distance from one body line to the next."""
    steps = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            if abs(a.size - size) < 0.1 * size and 0 < b.top - a.top < 3 * size:
                steps.append(b.top - a.top)
    return median(steps) if steps else 1.2 * size


def _columns(lines: tuple[PdfLine, ...]) -> list[tuple[float, float]]:
    """(left edge, width) of each column: lines whose spans do not overlap horizontally
    with the first column's are another column."""
    spans: list[list[float]] = []
    for line in sorted(lines, key=lambda ln: ln.x0):
        for span in spans:
            if line.x0 < span[1] - 2:
                span[1] = max(span[1], line.x1)
                break
        else:
            spans.append([line.x0, line.x1])
    if not spans:
        return [(0.0, 1.0)]
    return [(a, b - a) for a, b in spans]


def _column_of(line: PdfLine, columns: list[tuple[float, float]]) -> int:
    for i, (left, width) in enumerate(columns):
        if left - 2 <= line.x0 <= left + width:
            return i
    return 0


def _doc_lines(rows: list[Row], marks, cues: LayoutCues) -> list[DocLine]:
    """Rows as the structure rules read them: a heading's rows as one line, breaks where
    the page shows them, item continuations by their indent."""
    heading_at = {m.start: m for m in marks}
    out: list[DocLine] = []
    item: tuple[float, float] | None = None  # the open item's (glyph, text) indents
    i = 0
    number = 0
    while i < len(rows):
        mark = heading_at.pop(i, None)
        if mark is not None:
            number += 1
            out.append(
                DocLine(mark.title, number, rows[i].page, mark.level, mark.found_by, gap=True)
            )
            item = None
            if mark.end > i:
                i = mark.end
            continue  # a heading without rows of its own (one the outline or contents
            # name) opens its chapter before the row it points to, read next
        row = rows[i]
        number += 1
        text = row.text
        before = out[-1] if out else None
        opens_item = _opens_item(row.text, cues) and dash_allowed(row.text, before, row.gap, cues)
        continues = False
        if opens_item:
            item = (row.indent, _text_indent(row))
        elif item is not None:
            continues = _continues(row, item, out[-1].text)
            if not continues:
                item = None
            elif row.column_start:  # the item goes on in a new column: its indents move
                item = (row.indent - (item[1] - item[0]), row.indent)
        gap = row.gap or (row.column_start and _ends_sentence(out) and _starts_sentence(text))
        if not opens_item and not continues and out and _was_item(out[-1], cues):
            gap = True  # the text after an item is not part of it
        out.append(DocLine(text, number, row.page, gap=gap, continues_item=continues))
        i += 1
    return out


def _continues(row: Row, item: tuple[float, float], before: str) -> bool:
    """An item goes on in a line under its text (a hanging indent), or, where the item's
    lines all start at its glyph, in a line that follows on without space while the item's
    sentence is not finished."""
    glyph, text = item
    tolerance = 0.4 * row.line.size
    if abs(row.indent - text) <= tolerance:
        return True
    if row.column_start and not before.rstrip().endswith((".", "!", "?", ":", ";")):
        return True  # the item's sentence goes on at the top of the next column or page
    if text - glyph > row.line.size:
        return False  # a hanging indent, and the line is not under the item's text
    return (
        not row.gap
        and abs(row.indent - glyph) <= tolerance
        and not before.rstrip().endswith((".", "!", "?", ":", ";"))
    )


def _opens_item(text: str, cues: LayoutCues) -> bool:
    return cues.bullet(text) is not None or bool(cues.numbered_item(text))


def _text_indent(row: Row) -> float:
    """Where an item's text starts (after its glyph or number)."""
    words = row.line.words
    if len(words) > 1:
        return row.indent + (words[1].x0 - words[0].x0)
    return row.indent


def _ends_sentence(out: list[DocLine]) -> bool:
    return bool(out) and out[-1].text.rstrip().endswith((".", "!", "?", ":", "“", '"'))


def _starts_sentence(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text[:1] in '„"»'


def _was_item(last: DocLine, cues: LayoutCues) -> bool:
    """The line belongs to an item (opens one or continues one)."""
    return last.heading is None and (last.continues_item or _opens_item(last.text, cues))
