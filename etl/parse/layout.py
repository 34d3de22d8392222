"""Page layout of a PDF: where a page's lines divide into columns, and the order to read them.

A gutter is a vertical strip of a page that no line's ink crosses while lines have words
on both sides of it: the space between two columns, or between a line-number column and
the text. Justified text has wide word gaps too, but they wander from line to line, so
they never line up into a strip. Lines are split where they cross a gutter, and a page with
columns is read column by column within each band between full-width lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import accumulate

from etl.parse.pdf import PdfLine, PdfPage

MIN_GUTTER = 0.7  # a gutter is at least this many body sizes wide
SPLIT_GAP = 0.8  # a line divides at a gutter only where its own gap is this many sizes
CROSSING = 0.04  # share of a page's lines that may cross a gutter (a heading over columns)


@dataclass(frozen=True)
class Gutter:
    x0: float
    x1: float

    @property
    def mid(self) -> float:
        return (self.x0 + self.x1) / 2


def body_size(pages: list[PdfPage]) -> float:
    """The size most characters of the document have."""
    sizes: Counter = Counter()
    for page in pages:
        for line in page.lines:
            for word in line.words:
                sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def gutters(page: PdfPage, size: float) -> list[Gutter]:
    """The page's gutters, left to right."""
    lines = [line for line in page.lines if not line.rotated]
    if len(lines) < 6:
        return []
    width = int(page.width) + 2
    steps = [0] * (width + 1)  # words of a line do not overlap: a difference array counts
    for line in lines:
        for word in line.words:
            steps[min(width, max(0, int(word.x0)))] += 1
            steps[min(width, max(0, int(word.x1) + 1))] -= 1
    ink = list(accumulate(steps))
    left = min(int(line.x0) for line in lines)
    right = max(int(line.x1) for line in lines)
    allowed = max(1, int(CROSSING * len(lines)))
    found = []
    x = left
    while x <= right:
        if ink[x] <= allowed:
            start = x
            while x <= right and ink[x] <= allowed:
                x += 1
            if x <= right and x - start >= MIN_GUTTER * size:
                gutter = Gutter(float(start), float(x))
                if _divides(lines, gutter, size):
                    found.append(gutter)
        x += 1
    return found


def _divides(lines: list[PdfLine], gutter: Gutter, size: float) -> bool:
    """Words on both sides of the gutter, on at least three lines or a fifth of them."""
    both = sum(1 for line in lines if _gap_at(line, gutter, size) is not None)
    return both >= max(3, len(lines) // 5) or _one_side_each(lines, gutter, size)


def _one_side_each(lines: list[PdfLine], gutter: Gutter, size: float) -> bool:
    """Columns read one after the other: lines that end at the gutter and lines that
    start at it, three or more of each."""
    left = sum(1 for line in lines if gutter.x0 - size <= line.x1 <= gutter.x0 + 1)
    right = sum(1 for line in lines if gutter.x1 - 1 <= line.x0 <= gutter.x1 + size)
    return left >= 3 and right >= 3


def _gap_at(line: PdfLine, gutter: Gutter, size: float) -> int | None:
    """The index of the first word right of the gutter when the line divides there."""
    for i in range(1, len(line.words)):
        before, after = line.words[i - 1], line.words[i]
        if before.x1 <= gutter.x0 + 1 and after.x0 >= gutter.x1 - 1:
            if i == 1 and len(before.text) == 1 and not before.text.isalnum():
                return None  # an item's glyph and its text, not two columns
            if after.x0 - before.x1 >= SPLIT_GAP * min(size, before.size):
                return i
    return None


def split_at_gutters(page: PdfPage, size: float) -> tuple[list[PdfLine], list[Gutter]]:
    """The page's lines divided at its gutters, in PDFium's order."""
    found = gutters(page, size)
    if not found:
        return list(page.lines), []
    out: list[PdfLine] = []
    for line in page.lines:
        pieces = [line]
        for gutter in found:
            last = pieces[-1]
            i = _gap_at(last, gutter, size)
            if i is not None:
                pieces[-1:] = [
                    PdfLine(last.page, last.words[:i], last.row),
                    PdfLine(last.page, last.words[i:], last.row),
                ]
        out.extend(pieces)
    return out, found


def attach_glyphs(lines: list[PdfLine], is_glyph) -> list[PdfLine]:
    """A bullet glyph that PDFium reads as a line of its own (set in another font, a little
    off the baseline) joins the line it stands before."""
    glyphs = [ln for ln in lines if is_glyph(ln.text)]
    if not glyphs:
        return lines
    taken: dict[int, PdfLine] = {}
    for glyph in glyphs:
        mid = (glyph.top + glyph.bottom) / 2
        best = None
        for ln in lines:
            if ln is glyph or is_glyph(ln.text) or id(ln) in taken:
                continue
            size = ln.size
            if ln.top - 0.5 * size <= mid <= ln.bottom + 0.5 * size and (
                -1 <= ln.x0 - glyph.x1 <= 4 * size
            ):
                if best is None or ln.x0 < best.x0:
                    best = ln
        if best is not None:
            taken[id(best)] = PdfLine(best.page, (*glyph.words, *best.words), best.row)
    if not taken:
        return lines
    used = {id(g) for g in glyphs}
    out = []
    for ln in lines:
        if id(ln) in taken:
            out.append(taken[id(ln)])
        elif id(ln) in used and any(
            taken_line.words[0] is ln.words[0] for taken_line in taken.values()
        ):
            continue
        else:
            out.append(ln)
    return out


def reading_order(lines: list[PdfLine], found: list[Gutter]) -> list[PdfLine]:
    """Column by column within bands that full-width lines divide; PDFium's order where the
    page has no columns or its order already reads one column after the other."""
    if not found or not _interleaved(lines, found):
        return lines

    def column(line: PdfLine) -> int | None:
        if any(line.x0 < g.x0 and line.x1 > g.x1 for g in found):
            return None  # ink on both sides of a gutter: full width
        return sum(1 for g in found if line.x0 >= g.x0)

    ordered: list[PdfLine] = []
    band: list[tuple[int, float, PdfLine]] = []
    for line in sorted(lines, key=lambda ln: ln.top):
        col = column(line)
        if col is None:
            ordered.extend(item[2] for item in sorted(band, key=lambda t: (t[0], t[1])))
            band = []
            ordered.append(line)
        else:
            band.append((col, line.top, line))
    ordered.extend(item[2] for item in sorted(band, key=lambda t: (t[0], t[1])))
    return ordered


ISLAND = 4  # a group of at most this many lines beside the page's text columns


def islands_last(lines: list[PdfLine]) -> tuple[list[PdfLine], list[PdfLine]]:
    """Islands: up to four lines whose horizontal span meets no column of five or more
    lines. PDFium reads them where the layout program placed them, often first. An island
    of one or two lines without a sentence is a caption ("Carola Möllemann-Appelhoff /
    - Vorsitzende der Ratsfraktion -"); one of narrow lines is moved behind the page's text;
    lines as wide as a column are text (a column's end under a photo) and stay."""
    groups: list[list[PdfLine]] = []
    for line in lines:
        for group in groups:
            if any(_overlaps(line, other) for other in group):
                group.append(line)
                break
        else:
            groups.append([line])
    main = [g for g in groups if len(g) > ISLAND]
    if not main:
        return lines, []
    width = max(max(ln.x1 for ln in m) - min(ln.x0 for ln in m) for m in main)
    captions: set[int] = set()
    moved: set[int] = set()
    for g in groups:
        if len(g) > ISLAND or any(_overlaps(a, b) for a in g for m in main for b in m):
            continue
        if len(g) <= 2 and not any(_sentence(ln.text) for ln in g):
            captions |= {id(ln) for ln in g}
        elif max(ln.x1 - ln.x0 for ln in g) < 0.9 * width:
            moved |= {id(ln) for ln in g}
    kept = [ln for ln in lines if id(ln) not in captions | moved]
    kept += [ln for ln in lines if id(ln) in moved]
    return kept, [ln for ln in lines if id(ln) in captions]


def _sentence(text: str) -> bool:
    """Eight words or more, or an end like a sentence's."""
    return len(text.split()) >= 8 or text.rstrip().endswith((".", "!", "?", ":"))


def _overlaps(a: PdfLine, b: PdfLine) -> bool:
    """Horizontal spans that share more than half of the narrower one."""
    shared = min(a.x1, b.x1) - max(a.x0, b.x0)
    return shared > 0.5 * min(a.x1 - a.x0, b.x1 - b.x0)


def _interleaved(lines: list[PdfLine], found: list[Gutter]) -> bool:
    """PDFium's order jumps between columns more often than a column-by-column reading
    would (once per column and band)."""
    columns = [sum(1 for g in found if line.x0 >= g.x0) for line in lines]
    jumps = sum(1 for a, b in zip(columns, columns[1:], strict=False) if a != b)
    return jumps > 2 * (len(found) + 1)
