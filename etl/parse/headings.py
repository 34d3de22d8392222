"""Chapters and subchapters of a PDF, and how each was found.

In this order, each source filling what the one before left open:

1. the outline (bookmarks), where the PDF has one: its entries are matched to the lines
   on their pages; an entry whose words are not on the page opens its chapter there;
2. typography: lines set apart from the body (larger, bold, coloured or italic) and
   standing on their own; the largest style that recurs is the chapter level, the next
   ones subchapters; a style used once at the start is the document's title; within one
   style, a second numbering scheme ("III." under "1.") is one level down;
3. numbering: lines in body type that open with a chapter number counting up ("1.", "2.",
   …) and stand alone between paragraphs;
4. the table of contents: its entries are found among the lines (or, if a heading is an
   image, open their chapter on the page the contents name);
5. short lines that stand alone between paragraphs (an underlined heading, say) become
   subchapters, so they are never glued to the sentence after them.
"""

from __future__ import annotations

import re
from collections import Counter

from etl.kinds import NUMBERING, TYPOGRAPHY
from etl.parse.cues import LayoutCues
from etl.parse.furniture import TocEntry
from etl.parse.pdf import OutlineEntry, PdfLine
from etl.parse.rows import Mark, Row, run_title
from etl.parse.signposts import from_outline, from_toc
from etl.parse.textclean import is_caps_heading

MAX_WORDS = 25  # a heading is short
SIZE_CLASS = 0.06  # sizes within 6 % are one size
_TERMINAL = (".", "!", "?", "“", '"', "»", ")")
_ALNUM = re.compile(r"[^0-9a-zäöüß]+")


def find_headings(
    rows: list[Row],
    outline: tuple[OutlineEntry, ...],
    toc: list[TocEntry],
    cues: LayoutCues,
) -> list[Mark]:
    if not rows:
        return []
    body = _body_style(rows)
    groups = _candidate_groups(rows, body, cues)
    marks: dict[int, Mark] = {}
    outlined = from_outline(rows, groups, outline) if len(outline) >= 2 else []
    for mark in outlined:
        marks[mark.start] = mark
    for mark in _from_typography(rows, groups, body, cues, outlined):
        marks.setdefault(mark.start, mark)
    if sum(1 for m in marks.values() if m.level == 1) < 3:
        for mark in _from_numbering(rows, cues, marks):
            marks.setdefault(mark.start, mark)
    for mark in from_toc(rows, toc, marks):
        marks.setdefault(mark.start, mark)
    for mark in _standalone(rows, marks, cues):
        marks.setdefault(mark.start, mark)
    return _without_overlaps(sorted(marks.values(), key=lambda m: (m.start, -m.end)))


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    out: list[Mark] = []
    for mark in marks:
        if out and mark.start < out[-1].end:
            continue
        out.append(mark)
    return out


# -- styles ----------------------------------------------------------------------------


def _style(line: PdfLine) -> tuple[float, bool, bool, bool, bool]:
    """Size, bold, colour, italic, capitals: what can set a heading apart."""
    return (line.size, line.bold, line.color, line.italic, is_caps_heading(line.text))


def _body_style(rows: list[Row]) -> tuple[float, bool, bool, bool]:
    counts: Counter = Counter()
    for row in rows:
        counts[_style(row.line)] += len(row.text)
    return counts.most_common(1)[0][0]


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= SIZE_CLASS * max(a, b)


def _emphasised(line: PdfLine, body: tuple) -> bool:
    size, bold, color, italic, caps = _style(line)
    if size < body[0] * 0.95:
        return False
    return (
        size >= body[0] * 1.08
        or (bold and not body[1])
        or (color and not body[2])
        or (italic and not body[3] and size >= body[0])
        or (caps and not body[4])
    )


def _style_classes(groups: list[tuple[int, int]], rows: list[Row]) -> tuple[list[int], list]:
    """Each group's style class, and the classes: sizes within SIZE_CLASS are one size."""
    styles: list[tuple] = []
    of_group = []
    for start, _ in groups:
        style = _style(rows[start].line)
        for c, known in enumerate(styles):
            if _same_size(style[0], known[0]) and style[1:] == known[1:]:
                of_group.append(c)
                break
        else:
            styles.append(style)
            of_group.append(len(styles) - 1)
    return of_group, styles


def _candidate_groups(rows: list[Row], body: tuple, cues: LayoutCues) -> list[tuple[int, int]]:
    """Runs of emphasised rows in one style that read as a title: (start, end)."""
    groups: list[tuple[int, int]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if not _emphasised(row.line, body) or cues.bullet(row.text) is not None:
            i += 1
            continue
        j = i + 1
        while (
            j < len(rows)
            and rows[j].page == row.page
            and not rows[j].gap
            and not rows[j].column_start
            and _style(rows[j].line)[1:] == _style(row.line)[1:]
            and _same_size(rows[j].line.size, row.line.size)
            and j - i < 4
        ):
            j += 1
        title = run_title(rows, i, j)
        after = rows[j] if j < len(rows) else None
        inline = after is not None and not after.gap and after.text[:1].islower()
        if (
            not title.endswith((":", ",", ";"))
            and len(title.split()) <= MAX_WORDS
            and sum(c.isalpha() for c in title) >= 3
            and (title[:1].isupper() or title[:1].isdigit() or title[:1] in "„\"'")
            and not inline
        ):
            groups.append((i, j))
        i = j
    return groups


# -- typography --------------------------------------------------------------------------


def _numbering_scheme(title: str) -> str | None:
    match = re.match(r"^\s*(\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.|[A-H]\.)\s", title)
    if not match:
        return None
    number = match.group(1)
    if re.fullmatch(r"\d{1,2}\.\d.*", number):
        return "dotted"
    if number[0].isdigit():
        return "arabic"
    if set(number) <= set("IVX."):
        return "roman"
    return "letter"


def _from_typography(
    rows: list[Row],
    groups: list[tuple[int, int]],
    body: tuple,
    cues: LayoutCues,
    outlined: list[Mark],
) -> list[Mark]:
    standing = [(s, e) for s, e in groups if _stands_alone(rows, s, e)]
    if not standing:
        return []
    classes, styles = _style_classes(standing, rows)
    level_of = _levels(rows, standing, classes, styles, outlined)
    marks = []
    first_scheme: dict[int, str] = {}
    for g, (start, end) in enumerate(standing):
        c = classes[g]
        title = run_title(rows, start, end)
        level = level_of.get(c, 2)
        found_by = TYPOGRAPHY
        scheme = _numbering_scheme(title)
        if scheme == "dotted":
            level = 2
        elif scheme is not None:
            first = first_scheme.setdefault(c, scheme)
            if scheme != first:
                level, found_by = min(level + 1, 2), NUMBERING
        marks.append(Mark(start, end, level, found_by, title))
    return marks


def _levels(
    rows: list[Row],
    standing: list[tuple[int, int]],
    classes: list[int],
    styles: list[tuple],
    outlined: list[Mark],
) -> dict[int, int]:
    """Style class -> level: a style used once at the start is the title (chapter level);
    the largest recurring style is the chapter level, the others subchapters; where the
    outline placed headings, their styles take the outline's levels."""
    count = Counter(classes)
    order = sorted(
        range(len(styles)),
        key=lambda c: (
            -styles[c][0],
            not styles[c][1],
            not styles[c][4],
            not styles[c][2],
            styles[c][3],
        ),
    )
    level_of: dict[int, int] = {}
    title_class = None
    first_page = min(rows[s].page for s, _ in standing)
    if order and count[order[0]] == 1:
        (only,) = [g for g in range(len(standing)) if classes[g] == order[0]]
        if rows[standing[only][0]].page <= first_page + 1 and len(order) > 1:
            title_class = order[0]
            level_of[title_class] = 1
    rest = [c for c in order if c != title_class]
    outline_levels = {
        classes[g]: mark.level
        for mark in outlined
        for g, (s, _) in enumerate(standing)
        if s == mark.start
    }
    if outline_levels:
        level_of.update({c: outline_levels.get(c, 2) for c in rest})
        return level_of
    recurring = [c for c in rest if count[c] >= 2]
    chapter = recurring[0] if recurring else (rest[0] if rest else None)
    level_of.update({c: 1 if c == chapter else 2 for c in rest})
    return level_of


def _stands_alone(rows: list[Row], start: int, end: int) -> bool:
    """Space or a column's top before it, or a heading of another style right before."""
    row = rows[start]
    if row.gap or row.column_start or start == 0:
        return True
    before = rows[start - 1]
    return before.text.rstrip().endswith(_TERMINAL + (":",)) or (
        _style(before.line) != _style(row.line) and before.line.size > row.line.size
    )


# -- numbering ---------------------------------------------------------------------------


def _from_numbering(rows: list[Row], cues: LayoutCues, marks: dict[int, Mark]) -> list[Mark]:
    found = []
    for i, row in enumerate(rows):
        if i in marks:
            continue
        match = cues.heading_number.match(row.text)
        if not match or len(row.text.split()) > 14 or row.text.rstrip().endswith((".", ",")):
            continue
        if not (row.gap or row.column_start or i == 0 or rows[i - 1].text.endswith(_TERMINAL)):
            continue
        after = rows[i + 1] if i + 1 < len(rows) else None
        if after is not None and after.text[:1].islower() and not after.gap:
            continue
        number = match.group("number").rstrip(".")
        if not number.isdigit():
            continue
        found.append((i, int(number)))
    # a chapter sequence counts up from 1 or 2, with text between its numbers
    chosen = []
    expected = None
    for i, n in found:
        if expected is None and n in (1, 2):
            chosen, expected = [(i, n)], n + 1
        elif expected is not None and n == expected and i - chosen[-1][0] >= 5:
            chosen.append((i, n))
            expected = n + 1
    if len(chosen) < 3:
        return []
    return [Mark(i, i + 1, 1, NUMBERING, rows[i].text) for i, _ in chosen]


# -- standalone lines --------------------------------------------------------------------


def _standalone(rows: list[Row], marks: dict[int, Mark], cues: LayoutCues) -> list[Mark]:
    """A short line without closing punctuation, standing between two paragraphs."""
    covered = set()
    for m in marks.values():
        covered.update(range(m.start, max(m.end, m.start + 1)))
    found = []
    for i, row in enumerate(rows):
        if i in covered or i + 1 >= len(rows):
            continue
        text = row.text.strip()
        words = text.split()
        after = rows[i + 1]
        before_ends = i == 0 or rows[i - 1].text.rstrip().endswith(_TERMINAL + (":",))
        if (
            1 <= len(words) <= 10
            and (row.gap or row.column_start)
            and before_ends
            and not text.endswith((".", ",", ";", ":", "-"))
            and text[:1].isupper()
            and row.line.x1 - row.line.x0 < 0.6 * row.width
            and (after.text[:1].isupper() or after.text[:1] in '„"')
            and (after.gap or after.line.x1 - after.line.x0 > 0.6 * row.width)
            and cues.bullet(text) is None
            and not cues.numbered_item(text)
            and not after.column_start
        ):
            found.append(Mark(i, i + 1, 2, TYPOGRAPHY, text))
    return found
