"""Page furniture: what a PDF prints on its pages that is not programme text, found, removed
and reported (nothing disappears without a line in `etl check --verbose`).

- running headers and footers: a line near the top or bottom edge whose text (numbers
  aside) recurs on many pages, or that sits in a slot (position and type) that recurs and
  is set unlike the body ("Inklusion | Sport" over the chapters of a designed PDF);
- page numbers near an edge ("12", "- 12 -", "Seite 12 von 60", "| 12");
- line numbers: a column of numbers counting up beside the text, or numbers that open
  line after line and count up;
- the table of contents: three or more entries with page numbers counting up (its entries
  are kept as hints for chapter headings);
- footnotes: small lines at a page's foot that open with a number or an asterisk;
- a cover or back page with hardly any words; text set at an angle (banners, callouts);
  a caption beside the columns (etl.parse.layout);
- pages and patterns the registry names (`skip_pages`, `furniture`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from etl.parse.cues import LayoutCues
from etl.parse.pdf import PdfLine, PdfPage

EDGE = 0.12  # top and bottom share of a page where running lines and page numbers stand
RUNNING_SHARE = 0.25  # a running line recurs on at least this share of pages (and 3)
SLOT_SHARE = 0.3  # a furniture slot is filled on at least this share of pages (and 3)
COVER_WORDS = 40  # a first or last page with fewer words is a cover or back page
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"^\d{1,4}$")

# what the report calls each kind of furniture
PAGE_NUMBER = "page number"
RUNNING_HEADER = "running header"
RUNNING_FOOTER = "running footer"
LINE_NUMBER = "line number"
TOC = "table of contents"
COVER = "cover page"
BACK = "back page"
CALLOUT = "callout (set at an angle)"
FOOTNOTE = "footnote"
CAPTION = "caption (beside the columns)"  # found in etl.parse.layout
FOOTNOTE_MARK = "footnote mark"  # taken off a word in etl.parse.pdf
SKIPPED = "skipped page (registry)"
REGISTRY = "registry pattern"


@dataclass(frozen=True)
class Removed:
    page: int
    kind: str
    text: str


@dataclass(frozen=True)
class TocEntry:
    title: str
    page: int  # the page number printed in the table of contents
    level: int  # 1 for a chapter; 2 for an entry under an unnumbered group line


Page = PdfPage  # a page as furniture removal hands it on: the same shape, fewer lines


def remove_furniture(
    pages: list[Page],
    size: float,
    cues: LayoutCues,
    skip_pages: tuple[int, ...] = (),
    patterns: tuple[re.Pattern, ...] = (),
) -> tuple[list[Page], list[Removed], list[TocEntry]]:
    """The pages without furniture, what was removed, and the table of contents."""
    removed: list[Removed] = []
    kept: list[Page] = []
    for page in pages:
        if page.number in skip_pages:
            removed += [Removed(page.number, SKIPPED, ln.text) for ln in page.lines]
            continue
        lines = []
        for line in page.lines:
            if line.rotated:
                removed.append(Removed(page.number, CALLOUT, line.text))
            elif any(p.search(line.text) for p in patterns):
                removed.append(Removed(page.number, REGISTRY, line.text))
            else:
                lines.append(line)
        kept.append(Page(page.number, page.width, page.height, tuple(lines)))
    kept = [_without_line_numbers(page, removed) for page in kept]
    kept = _without_running_lines(kept, size, cues, removed)
    kept = [_without_footnotes(page, size, removed) for page in kept]
    kept, toc = _without_toc(kept, cues, removed)
    kept = _without_covers(kept, size, removed)
    return kept, removed, toc


# -- line numbers ---------------------------------------------------------------------


def _without_line_numbers(page: Page, removed: list[Removed]) -> Page:
    alone = [ln for ln in page.lines if _NUMBER.match(ln.text)]
    drop: set[int] = set()
    for group in _aligned(alone):
        if len(group) >= 5 and _counts_up([int(ln.text) for ln in sorted(group, key=_top)]):
            drop |= {id(ln) for ln in group}
    lines = []
    for ln in page.lines:
        if id(ln) in drop:
            removed.append(Removed(page.number, LINE_NUMBER, ln.text))
        else:
            lines.append(ln)
    # numbers glued to the text they open: line after line counting up, or standing in
    # the column of line numbers found above (a line the gutter did not divide)
    column = [ln.x1 for ln in page.lines if id(ln) in drop]
    opening = [ln for ln in lines if len(ln.words) > 1 and _NUMBER.match(ln.words[0].text)]
    counting = len(opening) >= 5 and _counts_up([int(ln.words[0].text) for ln in opening])
    glued = {
        id(ln) for ln in opening if counting or any(abs(ln.words[0].x1 - x) <= 3 for x in column)
    }
    if glued:
        stripped = []
        for ln in lines:
            if id(ln) in glued:
                removed.append(Removed(page.number, LINE_NUMBER, ln.words[0].text))
                ln = PdfLine(ln.page, ln.words[1:], ln.row)
            stripped.append(ln)
        lines = stripped
    return Page(page.number, page.width, page.height, tuple(lines))


def _top(line: PdfLine) -> float:
    return line.top


def _aligned(lines: list[PdfLine]) -> list[list[PdfLine]]:
    """Lines whose right (or left) edges line up within 3 points."""
    groups: dict[tuple[str, int], list[PdfLine]] = defaultdict(list)
    for ln in lines:
        groups[("r", round(ln.x1 / 3))].append(ln)
    best: list[list[PdfLine]] = []
    seen: set[int] = set()
    for group in sorted(groups.values(), key=len, reverse=True):
        fresh = [ln for ln in group if id(ln) not in seen]
        if fresh:
            best.append(fresh)
            seen |= {id(ln) for ln in fresh}
    return best


LINE_STEPS = (1, 5, 10)  # line numbers count every line, or every fifth or tenth


def _counts_up(values: list[int]) -> bool:
    """One step, again and again: every line numbered (1, 2, 3), or every fifth or tenth
    (5, 10, 15); a number may fall on a line the page leaves out. Page numbers in a table
    of contents rise by uneven steps."""
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    if not steps:
        return False
    step = Counter(steps).most_common(1)[0][0]
    return step in LINE_STEPS and sum(1 for s in steps if s == step) >= 0.8 * len(steps)


# -- running headers, footers and page numbers -----------------------------------------


def _zone(line: PdfLine, page: Page) -> str | None:
    if line.top < EDGE * page.height:
        return "top"
    if line.bottom > (1 - EDGE) * page.height:
        return "bottom"
    return None


def _key(text: str) -> str:
    """Running lines differ only in their numbers."""
    return _DIGITS.sub("#", " ".join(text.split())).casefold()


def _without_running_lines(
    pages: list[Page], size: float, cues: LayoutCues, removed: list[Removed]
) -> list[Page]:
    texts: Counter = Counter()
    slots: Counter = Counter()
    placed: Counter = Counter()  # the same text in the same slot
    for page in pages:
        seen_text, seen_slot, seen_placed = set(), set(), set()
        for line in page.lines:
            zone = _zone(line, page)
            if zone is None:
                continue
            seen_text.add((zone, _key(line.text), round(line.size)))
            seen_slot.add(_slot(line, page, zone))
            if _outer(line, page, zone):
                seen_placed.add((_slot(line, page, zone), _key(line.text)))
        texts.update(seen_text)
        slots.update(seen_slot)
        placed.update(seen_placed)
    n = len(pages)
    running_texts = {k for k, c in texts.items() if c >= max(3, RUNNING_SHARE * n)}
    running_slots = {k for k, c in slots.items() if c >= max(3, SLOT_SHARE * n)}
    # a chapter's name over its pages, set like the body: the same words in the same
    # place of the outer margin on two pages or more
    running_placed = {k for k, c in placed.items() if c >= 2}
    out = []
    for page in pages:
        lines = []
        for line in page.lines:
            zone = _zone(line, page)
            kind = None
            if zone is not None:
                if cues.is_page_number(line.text):
                    kind = PAGE_NUMBER
                elif (
                    (zone, _key(line.text), round(line.size)) in running_texts
                    or (_slot(line, page, zone) in running_slots and _small(line, size))
                    or (_slot(line, page, zone), _key(line.text)) in running_placed
                ):
                    kind = RUNNING_HEADER if zone == "top" else RUNNING_FOOTER
            if kind:
                removed.append(Removed(page.number, kind, line.text))
            else:
                lines.append(line)
        out.append(Page(page.number, page.width, page.height, tuple(lines)))
    return out


def _slot(line: PdfLine, page: Page, zone: str) -> tuple:
    edge = line.top if zone == "top" else page.height - line.bottom
    return (zone, round(edge / 4), round(line.size), line.bold, line.color)


OUTER = 0.08  # the outer margin: running lines stand this close to the page's edge


def _outer(line: PdfLine, page: Page, zone: str) -> bool:
    edge = line.top if zone == "top" else page.height - line.bottom
    return edge < OUTER * page.height


def _small(line: PdfLine, size: float) -> bool:
    """Set smaller than the body: headers and margin labels are; a chapter heading that
    opens every page at the same place is not."""
    return line.size < 0.95 * size


# -- footnotes ---------------------------------------------------------------------------

FOOTNOTE_ZONE = 0.3  # footnotes stand in the bottom 30 % of a page
_FOOTNOTE_START = re.compile(r"^(\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+|\(\d{1,3}\))\s*\S")


def _without_footnotes(page: Page, size: float, removed: list[Removed]) -> Page:
    """Lines set smaller than the body at the page's foot that open with a number or an
    asterisk, and the small lines after them: footnotes, which would otherwise sit inside
    a sentence that goes on over the page."""
    lines = []
    in_note = False
    for line in page.lines:
        foot = line.top > (1 - FOOTNOTE_ZONE) * page.height and line.size < 0.9 * size
        if foot and (in_note or _FOOTNOTE_START.match(line.text)):
            in_note = True
            removed.append(Removed(page.number, FOOTNOTE, line.text))
            continue
        in_note = False
        lines.append(line)
    return Page(page.number, page.width, page.height, tuple(lines))


# -- table of contents -------------------------------------------------------------------


def _rows(page: Page) -> list[list[PdfLine]]:
    """Pieces of one baseline together again, in reading order of their first piece."""
    rows: dict[int, list[PdfLine]] = {}
    for line in page.lines:
        rows.setdefault(line.row, []).append(line)
    return [sorted(pieces, key=lambda ln: ln.x0) for pieces in rows.values()]


def _row_text(pieces: list[PdfLine]) -> str:
    return " ".join(p.text for p in pieces)


def find_toc(
    texts: list[str], cues: LayoutCues, page: int | None = None, continued: bool = False
) -> tuple[set[int], list[TocEntry]] | None:
    """A table of contents among `texts` (a page's rows, or a text file's lines): the
    indices it covers and its entries, or None. Three or more entries whose page numbers
    count up, under a title such as "Inhalt" (or five and more, or on the page after a
    table of contents); short lines between entries are group lines (chapters whose
    entries follow)."""
    entries = {i: cues.toc_entry(t) for i, t in enumerate(texts)}
    numbered = [i for i, e in entries.items() if e is not None]
    titled = [i for i, t in enumerate(texts) if cues.is_toc_title(t)]
    block = _densest_run(numbered)
    if len(block) < 3:
        return None
    listed = [entries[i][1] for i in block]
    title = [i for i in titled if i < block[0]]
    if not (
        _non_decreasing(listed)
        and (title or continued or len(block) >= 5)
        and (page is None or max(listed) > page - 3)
    ):
        return None
    first, last = (title[-1] if title else block[0]), block[-1]
    group_lines = [
        i
        for i in range(first + 1, last)
        if entries[i] is None and texts[i].strip() and len(texts[i].split()) <= 12
    ]
    grouped = bool(group_lines)
    seen_group = False
    toc: list[TocEntry] = []
    drop = set(title[-1:])
    for i in range(block[0] if not title else first + 1, last + 1):
        entry = entries[i]
        if entry is not None:
            toc.append(TocEntry(entry[0], entry[1], 2 if grouped and seen_group else 1))
        elif i in group_lines:
            toc.append(TocEntry(texts[i].strip(), 0, 1))
            seen_group = True
        else:
            continue
        drop.add(i)
    return drop, toc


def _densest_run(indices: list[int], gap: int = 4) -> list[int]:
    """The longest run of indices no more than `gap` apart."""
    best: list[int] = []
    run: list[int] = []
    for i in indices:
        if run and i - run[-1] > gap:
            run = []
        run.append(i)
        if len(run) > len(best):
            best = list(run)
    return best


def _without_toc(
    pages: list[Page], cues: LayoutCues, removed: list[Removed]
) -> tuple[list[Page], list[TocEntry]]:
    toc: list[TocEntry] = []
    out = []
    previous_was_toc = False
    for page in pages:
        rows = _rows(page)
        found = find_toc([_row_text(r) for r in rows], cues, page.number, previous_was_toc)
        previous_was_toc = found is not None
        if found is None:
            out.append(page)
            continue
        drop, entries = found
        toc += entries
        kept: set[int] = set()
        for i, r in enumerate(rows):
            if i in drop:
                removed.append(Removed(page.number, TOC, _row_text(r)))
            else:
                kept |= {id(ln) for ln in r}
        lines = tuple(ln for ln in page.lines if id(ln) in kept)
        out.append(Page(page.number, page.width, page.height, lines))
    return out, toc


def _non_decreasing(values: list[int]) -> bool:
    drops = sum(1 for a, b in zip(values, values[1:], strict=False) if b < a)
    return drops <= max(1, len(values) // 10)


# -- cover and back pages ----------------------------------------------------------------


def _without_covers(pages: list[Page], size: float, removed: list[Removed]) -> list[Page]:
    """The first and last page when they hold fewer than COVER_WORDS words, most of them
    not in the body's size (display type, an imprint in small print) and no sentence."""
    if len(pages) < 3:
        return pages
    out = list(pages)
    for index, kind in ((0, COVER), (len(out) - 1, BACK)):
        page = out[index]
        words = [w for ln in page.lines for w in ln.words]
        body = sum(1 for w in words if abs(w.size - size) <= 0.05 * size)
        sentences = any(
            len(ln.words) >= 8 and ln.text.rstrip().endswith((".", "!", "?")) for ln in page.lines
        )
        if len(words) < COVER_WORDS and body < 0.5 * len(words) and not sentences:
            removed += [Removed(page.number, kind, ln.text) for ln in page.lines]
            out[index] = Page(page.number, page.width, page.height, ())
    return out
