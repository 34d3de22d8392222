"""From a document's lines to blocks: the structure rules shared by the formats read with
layout analysis (pdf, html, text).

A format reader says per line what it knows: the heading level it found and how, whether
a paragraph break comes before it, and where it stands (page, line). This module does
the rest the same way for every format: a heading ends what came before and is never glued
to the sentence after it; a line that opens with a bullet glyph, a dash or an item number
("1.", "a)") opens an item; other lines continue the paragraph or item before them.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.kinds import REGISTRY
from etl.parse.blocks import BULLET, BlockWriter, Parsed
from etl.parse.cues import LayoutCues
from etl.parse.textclean import fold_ws, strip_glyphs


@dataclass(frozen=True)
class DocLine:
    text: str
    number: int  # 1-based position in the document's stream of lines (pledges.source_line)
    page: int | None = None
    heading: int | None = None  # 1 chapter, 2 subchapter
    found_by: str | None = None  # etl.kinds.FOUND_BY, for headings
    gap: bool = False  # a paragraph break before the line (space, blank line, dedent)
    continues_item: bool = False  # indented under the item before it (PDF geometry)
    item: bool = False  # an item by markup (HTML <li>), whatever its first character


def assemble(
    lines: list[DocLine],
    source,
    split_sentences,
    cues: LayoutCues,
    join_unterminated: bool = False,
) -> Parsed:
    """Blocks and headings; `source.lost_headings` open chapters at the lines they name.
    `join_unterminated`: prose without closing punctuation goes on after a blank line
    (plain text, where page breaks left blank lines); an item never does."""
    anchors = lost_heading_anchors([fold_ws(ln.text) for ln in lines], source)
    writer = BlockWriter(split_sentences, join_unterminated, items_end_at_gap=True)
    counter = _Counter()
    previous: DocLine | None = None
    for i, line in enumerate(lines):
        if i in anchors:
            writer.chapter(anchors[i], REGISTRY, line.page, line.number)
        text = fold_ws(line.text)
        if line.heading == 1:
            writer.chapter(text, line.found_by or REGISTRY, line.page, line.number)
            continue
        if line.heading is not None:
            writer.subheading(text, line.found_by, line.page, line.number)
            continue
        before, previous = previous, line
        if not line.continues_item:
            item = cues.bullet(text) if dash_allowed(text, before, line.gap, cues) else None
            number = cues.numbered_item(text)
            if item is None and number and counter.next_in_line(number.group(0)):
                item = text[number.end() :]
            if item is None and line.item:
                item = text
            if item is not None:
                writer.item(BULLET, fold_ws(strip_glyphs(item)), line.number, line.page)
                continue
        if line.gap and not line.continues_item:
            writer.blank()
        writer.text(text, line.number, line.page)
    numbered = {line.number: line.text for line in lines}
    return Parsed(writer.finish(), writer.headings, split_items=False, numbered=numbered)


_ENDS = (".", "!", "?", ":", ";", "“", '"')


def dash_allowed(text: str, before: DocLine | None, gap: bool, cues: LayoutCues) -> bool:
    """A dash opens an item only where a list can stand: after a paragraph break, a
    finished sentence, a colon or another item. "… und muss – trotz des …" at a line's
    start is a dash inside a sentence."""
    if not cues.is_dash_item(text):
        return True
    if gap or before is None or before.heading is not None:
        return True
    previous = before.text.rstrip()
    return previous.endswith(_ENDS) or before.continues_item or cues.bullet(previous) is not None


class _Counter:
    """Numbered items count: "1." opens a list, and each item is the one after the last
    ("25. Mai 2014 ..." after a line break is a date, not item 25)."""

    def __init__(self):
        self.last: int | None = None

    def next_in_line(self, label: str) -> bool:
        mark = label.strip().strip("().").lower()
        if mark.isdigit():
            value = int(mark)
        elif len(mark) == 1 and mark.isalpha():
            value = ord(mark) - ord("a") + 1
        else:
            return True  # roman numerals: no sequence is kept
        if value == 1 or (self.last is not None and value == self.last + 1):
            self.last = value
            return True
        return False


def lost_heading_anchors(texts: list[str], source) -> dict[int, str]:
    """Line index -> title of each registry `lost_headings` entry: the one line whose
    text begins with its `starts_with` (none or several is a build error)."""
    from etl.errors import BuildError

    anchors: dict[int, str] = {}
    for lost in getattr(source, "lost_headings", ()):
        prefix = fold_ws(lost.starts_with)
        hits = [i for i, text in enumerate(texts) if text.startswith(prefix)]
        if len(hits) != 1:
            found = "no line" if not hits else f"{len(hits)} lines"
            raise BuildError(
                source.path, f"lost heading {lost.title!r}: {found} start with {prefix!r}"
            )
        anchors[hits[0]] = lost.title
    return anchors
