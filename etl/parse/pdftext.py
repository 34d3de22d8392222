"""Parser for programmes given as text extracted from a PDF (format "pdf-text").

Recognises numbered chapter headings ("2. TALENTE UND INNOVATIONEN"), all-caps
sub-headings, bullets (•, with the U+FFFD debris behind them), prose, the back
cover (registry `back_matter`) and chapters whose heading the extraction lost
(registry `lost_headings`).
"""

from __future__ import annotations

import re

from etl.errors import BuildError
from etl.kinds import NUMBERING, REGISTRY, TYPOGRAPHY
from etl.parse.blocks import BULLET, BlockWriter, Parsed
from etl.parse.structure import lost_heading_anchors
from etl.parse.textclean import fold_ws, is_caps_heading, strip_glyphs, title_from_caps
from etl.registry import Source

_CHAPTER = re.compile(r"^\d{1,2}\.\s+(\S.*)$")


def parse_pdftext(text: str, source: Source, split_sentences, layout=None) -> Parsed:
    lines = text.splitlines()
    clean = [fold_ws(strip_glyphs(line)) for line in lines]
    end = _back_matter_start(clean, source)
    anchors = lost_heading_anchors(clean[:end], source)
    writer = BlockWriter(split_sentences, join_unterminated=True)
    for i in range(end):
        line, raw = clean[i], lines[i]
        if i in anchors:
            writer.chapter(anchors[i], REGISTRY, line=i + 1)
        if not line:
            writer.blank()
            continue
        chapter = _CHAPTER.match(line)
        if chapter and is_caps_heading(chapter.group(1)):
            writer.chapter(title_from_caps(chapter.group(1)), NUMBERING, line=i + 1)
        elif raw.lstrip().startswith("•"):
            writer.item(BULLET, line, i + 1)
        elif is_caps_heading(line):
            writer.subheading(line.rstrip(":").strip(), TYPOGRAPHY, line=i + 1)
        else:
            writer.text(line, i + 1)
    numbered = dict(enumerate(lines, start=1))
    return Parsed(writer.finish(), writer.headings, numbered=numbered)


def _back_matter_start(clean: list[str], source: Source) -> int:
    if not source.back_matter:
        return len(clean)
    for i, line in enumerate(clean):
        if line == source.back_matter:
            return i
    raise BuildError(source.path, f"back_matter line {source.back_matter!r} not found")
