"""Parser for programmes given as Markdown (format "markdown").

Heading levels in converted programmes are inconsistent ("# 06" beside "## 07"),
so structure comes from heading text, not depth: numbered headings ("01 Soziale
Teilhabe und Wohnen") are chapters (if the document numbers none, its top-level
headings are); the registry's `goal_heading` opens a goal list; headings in
`skip_sections` open material that is not programme text (title page, table of
contents, about us, imprint), which lasts until the next chapter or a heading
no deeper than the skipped one.
"""

from __future__ import annotations

import re

from etl.kinds import MARKUP
from etl.parse.blocks import BULLET, GOAL, BlockWriter, Parsed
from etl.parse.textclean import fold_ws, strip_markdown
from etl.registry import Source

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]?\s+(\S.*)$")
_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,2}[.)])\s+(.*)$")


def parse_markdown(text: str, source: Source, split_sentences, layout=None) -> Parsed:
    lines = text.splitlines()
    headings = {
        i: (len(m.group(1)), fold_ws(strip_markdown(m.group(2))))
        for i, line in enumerate(lines)
        if (m := _HEADING.match(line))
    }
    numbered = any(_NUMBERED.match(title) for _, title in headings.values())
    top_level = min((level for level, _ in headings.values()), default=1)
    writer = BlockWriter(split_sentences, join_unterminated=False)
    skip_level: int | None = None
    in_goals = False
    started = False  # content before the first chapter is front matter
    for i, line in enumerate(lines):
        if i in headings:
            level, title = headings[i]
            chapter = _chapter_title(title, level, numbered, top_level)
            if _is_skipped(title, source.skip_sections):
                writer.subheading(None)
                skip_level = level if skip_level is None else min(skip_level, level)
                continue
            if skip_level is not None and chapter is None and level > skip_level:
                continue
            skip_level = None
            in_goals = (
                bool(source.goal_heading) and title.casefold() == source.goal_heading.casefold()
            )
            if chapter is not None:
                started = True
                writer.chapter(chapter, MARKUP, line=i + 1)
            elif not in_goals:
                writer.subheading(title, MARKUP, line=i + 1)
            continue
        if skip_level is not None or not started:
            continue
        if not line.strip():
            writer.blank()
            continue
        item = _LIST_ITEM.match(line)
        content = fold_ws(strip_markdown(item.group(1) if item else line))
        if item:
            writer.item(GOAL if in_goals else BULLET, content, i + 1)
        elif content:
            in_goals = False  # prose ends a goal list
            writer.text(content, i + 1)
    return Parsed(writer.finish(), writer.headings, numbered=dict(enumerate(lines, start=1)))


def _chapter_title(title: str, level: int, numbered: bool, top_level: int) -> str | None:
    if numbered:
        match = _NUMBERED.match(title)
        return match.group(2) if match else None
    return title if level == top_level else None


def _is_skipped(title: str, skip_sections: tuple[str, ...]) -> bool:
    folded = title.casefold()
    return any(
        folded == entry.casefold() or folded.startswith(entry.casefold() + " ")
        for entry in skip_sections
    )
