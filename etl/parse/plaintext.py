"""The parser for format "text": a programme as plain text, with or without a table of
contents.

Structure comes from the text itself, by the same rules as for a PDF where it can:
the table of contents (etl.parse.furniture.find_toc) is removed and its entries are
found among the lines as chapters (entries under an unnumbered group line are
subchapters); numbered chapter lines ("3. Wohnen") that count up; lines in capitals; and
short lines standing alone between blank lines become subchapters, so no heading is
glued to the sentence after it. Blank lines end paragraphs and items; a paragraph
without closing punctuation goes on after a blank line (a page break in the export).
"""

from __future__ import annotations

import re

from etl.kinds import NUMBERING, TOC, TYPOGRAPHY
from etl.parse.blocks import Parsed
from etl.parse.cues import LayoutCues
from etl.parse.furniture import TOC as TOC_FURNITURE
from etl.parse.furniture import Removed, find_toc
from etl.parse.rows import normal
from etl.parse.structure import DocLine, assemble
from etl.parse.textclean import fold_ws, is_caps_heading, title_from_caps, windows_controls
from etl.parse.words import control_repairs, repair_split_words

_TERMINAL = (".", ",", ";", ":", "-")


def parse_text(text: str, source, split_sentences, cues: LayoutCues) -> Parsed:
    text, controls = windows_controls(text)
    raw = text.splitlines()
    lines = [fold_ws(line) for line in raw]
    nonblank = [i for i, line in enumerate(lines) if line]
    found = find_toc([lines[i] for i in nonblank], cues)
    removed: list[Removed] = []
    skip: set[int] = set()
    toc = []
    if found is not None:
        drop, toc = found
        skip = {nonblank[k] for k in drop}
        removed = [Removed(0, TOC_FURNITURE, lines[i]) for i in sorted(skip)]
    headings = _toc_headings(lines, skip, toc)
    doc: list[DocLine] = []
    blank = True
    chapters = _numbered_chapters(lines, skip, cues)
    lengths = sorted(len(ln) for ln in lines if ln)
    usual = lengths[len(lengths) // 2] if lengths else 0  # the median line's length
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if not line:
            blank = True
            continue
        heading, found_by = headings.get(i, (None, None))
        if heading is None and i in chapters:
            heading, found_by = 1, NUMBERING
        if heading is None and is_caps_heading(line) and len(line.split()) <= 12:
            heading, found_by = 2, TYPOGRAPHY
            line = title_from_caps(line)
        if heading is None and blank and len(line) < 0.6 * usual and _stands_alone(lines, i, cues):
            heading, found_by = 2, TYPOGRAPHY
        doc.append(DocLine(line, i + 1, None, heading, found_by, gap=blank))
        blank = False
    parsed = assemble(doc, source, split_sentences, cues, join_unterminated=True)
    parsed.furniture = removed
    parsed.lines = [(None, line) for i, line in enumerate(lines) if line and i not in skip]
    repair_split_words(parsed, text)
    parsed.repairs += control_repairs(controls)
    return parsed


def _toc_headings(lines: list[str], skip: set[int], toc) -> dict[int, tuple[int, str]]:
    """Lines that are table-of-contents entries, in the contents' order."""
    found: dict[int, tuple[int, str]] = {}
    cursor = 0
    for entry in toc:
        want = normal(entry.title)
        if len(want) < 3:
            continue
        for i in range(cursor, len(lines)):
            if i not in skip and lines[i] and normal(lines[i]) == want:
                found[i] = (entry.level, TOC)
                cursor = i + 1
                break
    return found


def _numbered_chapters(lines: list[str], skip: set[int], cues: LayoutCues) -> set[int]:
    """Lines opening with 1., 2., 3. … that stand alone and count up, with text between."""
    chosen: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if i in skip or not line or line.endswith(_TERMINAL) or len(line.split()) > 14:
            continue
        match = cues.heading_number.match(line)
        if not match or not re.fullmatch(r"\d{1,2}\.?", match.group("number")):
            continue
        n = int(match.group("number").rstrip("."))
        if not chosen and n in (1, 2):
            chosen = [(i, n)]
        elif chosen and n == chosen[-1][1] + 1 and i - chosen[-1][0] >= 5:
            chosen.append((i, n))
    return {i for i, _ in chosen} if len(chosen) >= 3 else set()


def _stands_alone(lines: list[str], i: int, cues: LayoutCues) -> bool:
    """A short line after a blank line, without closing punctuation, before a line that
    starts a sentence."""
    line = lines[i]
    following = next((ln for ln in lines[i + 1 :] if ln), "")
    return (
        1 <= len(line.split()) <= 10
        and not line.endswith(_TERMINAL)
        and line[:1].isupper()
        and cues.bullet(line) is None
        and not cues.numbered_item(line)
        and bool(following)
        and (following[:1].isupper() or following[:1] in '„"')
    )
