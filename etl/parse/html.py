"""The parser for format "html": a programme exported from a word processor as HTML.

Headings come from markup where the export has it (`<h1>` … `<h6>`: the highest level used
is the chapter level, the next the subchapter level); word processors mostly export
headings as bold paragraphs instead, so a paragraph that is bold throughout is a chapter
and a bold first line of a paragraph (ended by `<br>`) is a subchapter, never glued to
the text after it. Every paragraph and every `<br>` line starts a new paragraph (word
processors export one paragraph per line); list items are `<li>` or lines that open with
a bullet glyph or dash. Text outside `<body>`, scripts and styles are not programme text.
Bold also counts where a class of the export's own style sheet sets `font-weight: bold`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from etl.kinds import MARKUP, TYPOGRAPHY
from etl.parse.blocks import Parsed
from etl.parse.cues import LayoutCues
from etl.parse.structure import DocLine, assemble
from etl.parse.textclean import fold_ws, windows_controls
from etl.parse.words import control_repairs, repair_split_words

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "dd"}
SKIP = {"script", "style", "head", "title", "noscript"}
BOLD = {"b", "strong"}
MAX_WORDS = 25
_RULE = re.compile(r"([\w.#-]*)\s*\{([^}]*)\}")


@dataclass
class _Line:
    runs: list[tuple[str, bool]] = field(default_factory=list)  # (text, bold)
    block: int = 0
    tag: str = "p"
    first: bool = True  # the first line of its block

    @property
    def text(self) -> str:
        return fold_ws("".join(t for t, _ in self.runs))

    @property
    def bold(self) -> bool:
        letters = [(sum(c.isalnum() for c in t), b) for t, b in self.runs]
        total = sum(n for n, _ in letters)
        return total > 0 and sum(n for n, b in letters if b) >= 0.9 * total


class _Reader(HTMLParser):
    def __init__(self, bold_classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.bold_classes = bold_classes
        self.lines: list[_Line] = []
        self.current = _Line()
        self.block = 0
        self.tag = "p"
        self.skip = 0
        self.bold: list[bool] = []  # per open element: does it make its text bold
        self.body_seen = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.body_seen = True
        if tag in SKIP:
            self.skip += 1
            return
        if tag == "br":
            self._end_line()
            return
        if tag in BLOCKS:
            self._end_line()
            self.block += 1
            self.tag = tag
            self.current = _Line(block=self.block, tag=tag)
        classes = set((dict(attrs).get("class") or "").split())
        if tag not in ("br", "img", "hr", "meta", "link", "input"):
            self.bold.append(tag in BOLD or bool(classes & self.bold_classes))

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in BLOCKS:
            self._end_line()
        if tag not in ("br", "img", "hr", "meta", "link", "input") and self.bold:
            self.bold.pop()

    def handle_data(self, data):
        if self.skip:
            return
        self.current.runs.append((data, any(self.bold)))

    def _end_line(self) -> None:
        if self.current.text:
            self.lines.append(self.current)
        self.current = _Line(block=self.block, tag=self.tag, first=False)

    def close(self):
        super().close()
        self._end_line()


def _bold_classes(html: str) -> set[str]:
    """Classes whose rule in the page's own style sheet sets a bold weight."""
    found = set()
    for style in re.findall(r"<style[^>]*>(.*?)</style>", html, re.S | re.I):
        for selector, body in _RULE.findall(style):
            if re.search(r"font-weight\s*:\s*(bold|[6-9]00)", body):
                found.add(selector.split(".")[-1])
    return found


def parse_html(html: str, source, split_sentences, cues: LayoutCues) -> Parsed:
    html, controls = windows_controls(html)
    reader = _Reader(_bold_classes(html))
    reader.feed(html)
    reader.close()
    lines = reader.lines
    levels = sorted({int(ln.tag[1]) for ln in lines if re.fullmatch(r"h[1-6]", ln.tag)})
    doc: list[DocLine] = []
    for n, line in enumerate(lines, start=1):
        text = line.text
        heading, found_by = None, None
        if line.tag in {f"h{i}" for i in range(1, 7)}:
            heading, found_by = (1 if int(line.tag[1]) == levels[0] else 2), MARKUP
        elif _is_bold_heading(line, text, cues):
            alone = line.first and (n == len(lines) or lines[n].block != line.block)
            heading, found_by = (1 if alone else 2), TYPOGRAPHY
            if not line.first:
                heading = None  # a bold line inside a paragraph is emphasis
        doc.append(DocLine(text, n, None, heading, found_by, gap=True, item=line.tag == "li"))
    parsed = assemble(doc, source, split_sentences, cues)
    parsed.lines = [(None, ln.text) for ln in lines]
    repair_split_words(parsed, "\n".join(ln.text for ln in lines))
    parsed.repairs += control_repairs(controls)
    return parsed


def _is_bold_heading(line: _Line, text: str, cues: LayoutCues) -> bool:
    return (
        line.bold
        and len(text.split()) <= MAX_WORDS
        and not text.endswith((":", ",", ";"))
        and cues.bullet(text) is None
        and sum(c.isalpha() for c in text) >= 3
    )
