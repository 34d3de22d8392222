"""The parsers' common output: a document as an ordered list of blocks.

A parser only recognises layout (headings, bullets, goal lists, paragraphs) and
repairs it; deciding which blocks are pledges happens once, in etl.pledges.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from etl.kinds import BULLET, GOAL  # noqa: F401 (block kinds that become pledge kinds)
from etl.parse.textclean import join_lines

# Block kinds besides BULLET and GOAL
PARAGRAPH = "paragraph"  # prose
LEAD_IN = "lead-in"  # prose that only introduces the list after it ("... anpacken:")


@dataclass(frozen=True)
class Block:
    kind: str
    text: str
    section: str
    subsection: str | None = None
    parent: int | None = None  # index of the parent block (sub-bullets)
    line: int = 0  # 1-based line in the source where the block starts
    page: int | None = None  # 1-based page of a PDF where the block starts
    # where each source line of the block begins: (letters and digits before it, line,
    # page). Counting only letters and digits survives hyphens undone and spaces folded.
    marks: tuple[tuple[int, int, int | None], ...] = ()

    def where(self, offset: int) -> tuple[int, int | None]:
        """(line, page) of the character at `offset` of the text: a sentence's own line,
        not the paragraph's first."""
        found = bisect.bisect_right(self._mark_offsets, offset) - 1
        if found < 0:
            return self.line, self.page
        _, line, page = self.marks[found]
        return line, page

    @functools.cached_property
    def _mark_offsets(self) -> list[int]:
        """The text offset where each mark's line begins: found in one pass over the text,
        so that a block's every sentence costs a lookup, not a count from its start (a
        programme that is one paragraph of 59,000 sentences: issue 25)."""
        offsets, count, pending = [], 0, iter(self.marks)
        mark = next(pending, None)
        for offset, ch in enumerate(self.text):
            while mark is not None and mark[0] <= count:
                offsets.append(offset)
                mark = next(pending, None)
            count += ch.isalnum()
        while mark is not None:
            offsets.append(len(self.text) if mark[0] <= count else len(self.text) + 1)
            mark = next(pending, None)
        return offsets


def alnum_count(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


@dataclass(frozen=True)
class Heading:
    """A chapter (level 1) or subchapter (level 2) and how it was found (etl.kinds.FOUND_BY)."""

    title: str
    level: int
    found_by: str
    page: int | None = None
    line: int = 0


@dataclass
class Parsed:
    """What a parser made of a document: its blocks, its headings, and for reading reports
    the page furniture it removed and the words it repaired."""

    blocks: list[Block]
    headings: list[Heading] = field(default_factory=list)
    furniture: list = field(default_factory=list)  # etl.parse.furniture.Removed
    repairs: list = field(default_factory=list)  # etl.parse.words.Repair
    # the document's lines as read (page, text), furniture removed; and its pages (a PDF)
    lines: list[tuple[int | None, str]] = field(default_factory=list)
    pages: int | None = None
    # every line number a block or heading may carry (Block.line, pledges.source_line)
    # with its text: the sentence-exact source is checked against it
    numbered: dict[int, str] = field(default_factory=dict)
    # the reading may split one item in two (plain text extracted from a PDF): a bullet
    # that only continues the one before is joined to it (etl.pledges, `continuation`)
    split_items: bool = True


_TERMINAL = (".", "!", "?", ":", "“", '"', ")", "»")


class BlockWriter:
    """Turns a parser's classified lines into blocks; the rules shared by all formats live here.

    - a paragraph ending in ':' continues into the next paragraph ("... vertrauen können:
      Wir sind bei euch ..."); before a list or heading its last sentence is a lead-in,
      not a pledge, and a lead-in that stands alone names the list after it;
    - with `join_unterminated` (text from PDFs), a block whose text has no final
      punctuation continues across a blank line: page breaks split sentences;
    - a bullet ending in ':' owns the following bullets as children until a bullet
      that is a full sentence of its own ("Wir ..."), a heading or prose.
    """

    def __init__(self, split_sentences, join_unterminated: bool, items_end_at_gap: bool = False):
        self._split = split_sentences
        self._join_unterminated = join_unterminated
        self._items_end_at_gap = items_end_at_gap
        self.blocks: list[Block] = []
        self.section = ""
        self.subsection: str | None = None
        self._kind: str | None = None
        self._lines: list[str] = []
        self._alnum = 0
        self._marks: list[tuple[int, int, int | None]] = []
        self._line_no = 0
        self._page: int | None = None
        self._gap = False
        self._list_parent: int | None = None
        self.headings: list[Heading] = []

    # -- structure -------------------------------------------------------
    def chapter(self, title: str, found_by: str, page: int | None = None, line: int = 0) -> None:
        self._flush("heading")
        self.section, self.subsection = title, None
        self.headings.append(Heading(title, 1, found_by, page, line))

    def subheading(
        self, title: str | None, found_by: str | None = None, page: int | None = None, line: int = 0
    ) -> None:
        self._flush("heading")
        self.subsection = title
        if title and found_by:
            self.headings.append(Heading(title, 2, found_by, page, line))

    def item(self, kind: str, text: str, line_no: int, page: int | None = None) -> None:
        self._flush(kind)
        self._start(kind, text, line_no, page)

    def blank(self) -> None:
        if self._kind is not None:
            self._gap = True

    def text(self, text: str, line_no: int, page: int | None = None) -> None:
        if self._kind is not None and (not self._gap or self._continues_after_gap()):
            self._marks.append((self._alnum, line_no, page))
            self._lines.append(text)
            self._alnum += alnum_count(text)
            self._gap = False
            return
        self._flush(PARAGRAPH)
        self._start(PARAGRAPH, text, line_no, page)

    def finish(self) -> list[Block]:
        self._flush("end")
        return self.blocks

    # -- internals -------------------------------------------------------
    def _continues_after_gap(self) -> bool:
        sofar = self._lines[-1].rstrip() if self._lines else ""
        if self._kind == PARAGRAPH and sofar.endswith(":"):
            return True
        if self._kind != PARAGRAPH and self._items_end_at_gap:
            return False
        return self._join_unterminated and not sofar.endswith(_TERMINAL)

    def _start(self, kind: str, text: str, line_no: int, page: int | None = None) -> None:
        self._kind, self._lines, self._line_no, self._gap = kind, [text], line_no, False
        self._alnum = alnum_count(text)  # letters and digits in self._lines, kept as they grow
        self._page = page
        self._marks = [(0, line_no, page)]

    def _emit(self, kind: str, text: str, parent: int | None = None, skip: int = 0) -> int:
        """`skip`: letters and digits of the paragraph before this block's text (a lead-in
        split from its paragraph starts on a later line)."""
        marks = tuple((before - skip, line, page) for before, line, page in self._marks)
        kept = [m for m in marks if m[0] <= 0][-1:] + [m for m in marks if m[0] > 0]
        first = kept[0] if kept else (0, self._line_no, self._page)
        self.blocks.append(
            Block(
                kind,
                text,
                self.section,
                self.subsection,
                parent,
                first[1],
                first[2],
                tuple((max(0, before), line, page) for before, line, page in kept),
            )
        )
        return len(self.blocks) - 1

    def _flush(self, next_kind: str) -> None:
        kind, self._kind = self._kind, None
        if kind is None:
            return
        text = join_lines(self._lines)
        if not text:
            return
        if kind == PARAGRAPH:
            self._list_parent = None
            self._flush_paragraph(text, next_kind)
        elif kind == BULLET:
            self._flush_bullet(text)
        else:
            self._list_parent = None
            self._emit(kind, text)

    def _flush_paragraph(self, text: str, next_kind: str) -> None:
        # "DIE LINKE tritt ein für" before a list introduces it as a colon would
        unfinished = next_kind in (BULLET, GOAL) and not text.endswith(_TERMINAL)
        if not (text.endswith(":") or unfinished) or next_kind == PARAGRAPH:
            self._emit(PARAGRAPH, text)
            return
        sentences = self._split(text)
        body, lead = " ".join(sentences[:-1]), sentences[-1]
        if body:
            self._emit(PARAGRAPH, body)
        self._emit(LEAD_IN, lead, skip=alnum_count(body))
        if not body and next_kind in (BULLET, GOAL):
            self.subsection = lead.rstrip(":").strip()

    def _flush_bullet(self, text: str) -> None:
        if self._list_parent is not None and not text.startswith("Wir "):
            self._emit(BULLET, text, parent=self._list_parent)
            return
        index = self._emit(BULLET, text)
        self._list_parent = index if text.endswith(":") else None
