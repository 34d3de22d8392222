"""Signposts outside the type that say where chapters begin: the PDF's outline
(bookmarks) and its table of contents (etl.parse.furniture keeps the entries)."""

from __future__ import annotations

from collections import Counter

from etl.kinds import OUTLINE, TOC
from etl.parse.furniture import TocEntry
from etl.parse.pdf import OutlineEntry
from etl.parse.rows import Mark, Row, normal, run_title


def from_outline(
    rows: list[Row], groups: list[tuple[int, int]], outline: tuple[OutlineEntry, ...]
) -> list[Mark]:
    top = min(e.level for e in outline)
    roots = [e for e in outline if e.level == top]
    shift = top + (1 if len(roots) == 1 and len(outline) > 2 else 0)
    marks = []
    by_page: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        by_page.setdefault(row.page, []).append(i)
    group_at = {start: end for start, end in groups}
    for entry in outline:
        level = entry.level - shift + 1
        if level < 1:
            continue  # the document's title as the outline's single root
        level = min(level, 2)
        want = normal(entry.title)
        if not want:
            continue
        candidates = by_page.get(entry.page or -1, []) if entry.page else range(len(rows))
        hit = _find_title(rows, candidates, want, group_at)
        if hit:
            marks.append(Mark(hit[0], hit[1], level, OUTLINE, run_title(rows, *hit)))
        elif entry.page in by_page:
            # not in the text (set as an image, say): the chapter opens where the bookmark
            # points, or at the top of its page
            on_page = by_page[entry.page]
            below = [i for i in on_page if entry.top is None or rows[i].line.top >= entry.top - 2]
            first = below[0] if below else on_page[-1] + 1
            marks.append(Mark(first, first, level, OUTLINE, entry.title))
    return marks


def _find_title(rows: list[Row], candidates, want: str, group_at: dict[int, int]):
    """The first rows[i:end] (up to three lines on one page) whose words are `want`, or
    begin with it and are not much longer (a title with its subtitle)."""
    for i in candidates:
        for end in (group_at.get(i), i + 1, i + 2, i + 3):
            if end is None or end > len(rows) or rows[end - 1].page != rows[i].page:
                continue
            got = normal(run_title(rows, i, end))
            if got == want or (got.startswith(want) and len(want) >= 0.6 * len(got)):
                return i, end
    return None


def from_toc(rows: list[Row], toc: list[TocEntry], marks: dict[int, Mark]) -> list[Mark]:
    if not toc:
        return []
    found = []
    offsets: Counter = Counter()
    cursor = 0
    pending = []
    for entry in toc:
        want = normal(entry.title)
        if len(want) < 3:
            continue
        hit = None
        for i in range(cursor, len(rows)):
            for end in (i + 1, i + 2, i + 3):
                if end > len(rows) or rows[end - 1].page != rows[i].page:
                    break
                got = normal(run_title(rows, i, end))
                if got == want:
                    hit = (i, end)
                    break
                if not want.startswith(got):
                    break
            if hit:
                break
        if hit:
            i, end = hit
            if entry.page:
                offsets[rows[i].page - entry.page] += 1
            cursor = end
            if i in marks:
                continue
            found.append(Mark(i, end, entry.level, TOC, run_title(rows, i, end)))
        elif entry.page:
            pending.append(entry)
    if pending and offsets:
        offset = offsets.most_common(1)[0][0]
        starts = {}
        for i, row in enumerate(rows):
            starts.setdefault(row.page, i)
        near = {rows[m.start].page for m in [*marks.values(), *found] if m.level == 1}
        for entry in pending:
            page = entry.page + offset
            if page in starts and not near & {page - 1, page, page + 1}:
                # the title is not in the text (an image, or worded otherwise nearby)
                first = starts[page]
                found.append(Mark(first, first, entry.level, TOC, entry.title))
    return found
