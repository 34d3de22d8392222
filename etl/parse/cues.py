"""The layout cues (data/layout_cues.toml): bullet glyphs, item and heading numbering, the
table of contents and page numbers, as compiled patterns with small pure tests."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from etl import paths, patterns
from etl.datafiles import read_toml
from etl.errors import BuildError

LAYOUT_CUES = paths.DATA / "layout_cues.toml"


@dataclass(frozen=True)
class LayoutCues:
    glyphs: frozenset[str]
    dashes: frozenset[str]
    private_use: tuple[str, str]
    item: re.Pattern
    heading_number: re.Pattern
    toc_titles: frozenset[str]
    toc_after: re.Pattern
    toc_before: re.Pattern
    page_number: re.Pattern

    def bullet(self, text: str) -> str | None:
        """The item's text without its glyph when the line opens a bulleted item."""
        stripped = text.lstrip()
        if not stripped:
            return None
        first = stripped[0]
        rest = stripped[1:]
        if first in self.glyphs or self.private_use[0] <= first <= self.private_use[1]:
            return rest.strip() if rest.strip() else None
        if first in self.dashes and rest[:1] in (" ", "\t") and rest.strip():
            return rest.strip()
        return None

    def is_dash_item(self, text: str) -> bool:
        """The line opens with a dash and a space (a bullet only where a list can stand)."""
        stripped = text.lstrip()
        return stripped[:1] in self.dashes and stripped[1:2] in (" ", "\t")

    def is_glyph(self, text: str) -> bool:
        """A line that is nothing but a bullet glyph (set apart from its text)."""
        t = text.strip()
        return len(t) == 1 and (
            t in self.glyphs or t in self.dashes or self.private_use[0] <= t <= self.private_use[1]
        )

    def numbered_item(self, text: str) -> re.Match | None:
        return self.item.match(text)

    def is_page_number(self, text: str) -> bool:
        return bool(self.page_number.match(text))

    def is_toc_title(self, text: str) -> bool:
        return text.strip().rstrip(":").strip().casefold() in self.toc_titles

    def toc_entry(self, text: str) -> tuple[str, int] | None:
        """(title, page) of a line that reads like a table-of-contents entry."""
        match = self.toc_after.match(text) or self.toc_before.match(text)
        if not match:
            return None
        title = match.group("title").strip(" .…_")
        if sum(c.isalpha() for c in title) < 3:
            return None
        return title, int(match.group("page"))


@functools.cache
def _load(path: Path, stamp: float) -> LayoutCues:
    raw = read_toml(path, "layout cue file")
    try:
        bullets, numbering, toc = raw["bullets"], raw["numbering"], raw["toc"]
        low, high = bullets["private_use"]
        return LayoutCues(
            glyphs=frozenset(bullets["glyphs"]),
            dashes=frozenset(bullets["dashes"]),
            private_use=(str(low), str(high)),
            item=patterns.compile(numbering["item"]),
            heading_number=patterns.compile(numbering["heading"]),
            toc_titles=frozenset(t.casefold() for t in toc["titles"]),
            toc_after=patterns.compile(toc["entry_after"]),
            toc_before=patterns.compile(toc["entry_before"]),
            page_number=patterns.compile(raw["page_number"]["pattern"], re.IGNORECASE),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise BuildError(path, f"invalid layout cues ({type(exc).__name__}: {exc})") from None


def load_layout_cues(path: Path = LAYOUT_CUES) -> LayoutCues:
    """Compiled once per file version."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime
    except OSError:
        stamp = 0.0
    return _load(path, stamp)
