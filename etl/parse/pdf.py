"""Reading a programme PDF (format "pdf"): lines with position and style, and the outline.

PDFium (through pypdfium2, Apache-2.0 / BSD-3-Clause, a PyPI wheel with no external
binaries) gives every character with its box, its text object's font and colour, and
the document outline (bookmarks). That is what layout analysis needs: headings are told
by size, weight and colour, furniture by position, columns and line-number gutters by
horizontal gaps. Everything after this module is pure (etl.parse.layout, .furniture,
.structure); this module only turns the file into `PdfDocument`.

A line here is the words on one baseline in PDFium's order; where columns, gutters and
line numbers divide it is decided per page, in etl.parse.layout.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import median

from etl.errors import BuildError

HYPHEN_MARK = "\ufffe"  # PDFium's mark for a hyphen it found at a line end
_SYMBOL_NAME = re.compile(r"wingding|webding|dingbat|symbol", re.IGNORECASE)
SYMBOL_BULLET = "•"  # what a lone character of a symbol font stands for
_ITALIC_NAME = re.compile(r"italic|oblique|kursiv", re.IGNORECASE)
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|fett|[-,]bd\b|extrab", re.IGNORECASE)


@dataclass(frozen=True)
class PdfWord:
    text: str  # may end in HYPHEN_MARK
    x0: float  # points from the page's left edge
    x1: float
    top: float  # points from the page's top edge
    bottom: float
    bold: bool  # a bold face (weight >= 600 or a bold font name)
    color: bool  # a colour, not black or grey
    rotated: bool  # set at an angle (banners, vertical margin text)
    italic: bool = False
    mark: str = ""  # a footnote mark taken off the word's end ("¹", "12")

    @property
    def size(self) -> float:
        """Character height (loose box): the font size, for comparisons."""
        return self.bottom - self.top


@dataclass(frozen=True)
class PdfLine:
    """Words on one baseline, in the order PDFium reads them."""

    page: int  # 1-based
    words: tuple[PdfWord, ...]
    row: int = 0  # the baseline it came from: pieces of one divided line share it

    @property
    def text(self) -> str:
        parts: list[str] = []
        for word in self.words:
            if parts and not parts[-1].endswith(HYPHEN_MARK):
                parts.append(" ")
            parts.append(word.text)
        return "".join(parts)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return round(median(w.size for w in self.words), 1)

    def _share(self, flag: str) -> bool:
        weights = [len(w.text) for w in self.words]
        return sum(n for w, n in zip(self.words, weights, strict=True) if getattr(w, flag)) > (
            sum(weights) / 2
        )

    @property
    def bold(self) -> bool:
        return self._share("bold")

    @property
    def color(self) -> bool:
        return self._share("color")

    @property
    def rotated(self) -> bool:
        return self._share("rotated")

    @property
    def italic(self) -> bool:
        return self._share("italic")


@dataclass(frozen=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: tuple[PdfLine, ...]


@dataclass(frozen=True)
class OutlineEntry:
    level: int  # 0 = top level
    title: str
    page: int | None  # 1-based target page
    top: float | None = None  # points from the page's top where the target is, if given


@dataclass(frozen=True)
class PdfDocument:
    pages: tuple[PdfPage, ...]
    outline: tuple[OutlineEntry, ...]


def read_pdf(path: Path) -> PdfDocument:
    """The PDF's lines and outline; an unreadable, encrypted or text-less PDF is a
    BuildError naming the file."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise BuildError(path, "encrypted PDF (no text layer can be read)") from None
        raise BuildError(path, f"not a readable PDF ({message})") from None
    try:
        pages = tuple(_page(doc[i], i + 1) for i in range(len(doc)))
        outline = _outline(doc)
    finally:
        doc.close()
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise BuildError(path, "PDF without a text layer (scanned pages need OCR first)")
    return PdfDocument(pages, outline)


def _outline(doc) -> tuple[OutlineEntry, ...]:
    """The bookmarks with the page (and, where the target says, the height) they point to.
    A bookmark may hold its target directly or in a GoTo action."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    entries = []
    try:
        for item in doc.get_toc(max_depth=6):
            title = " ".join((item.get_title() or "").split())
            if not title:
                continue
            page, top = _target(raw, doc, item)
            entries.append(OutlineEntry(item.level, title, page, top))
    except pdfium.PdfiumError:
        return ()  # a broken outline is no outline; the text is still read
    return tuple(entries)


def _target(raw, doc, item) -> tuple[int | None, float | None]:
    dest = item.get_dest()
    handle = dest.raw if dest is not None else None
    if handle is None:
        action = raw.FPDFBookmark_GetAction(item.raw)
        if action:
            handle = raw.FPDFAction_GetDest(doc.raw, action) or None
    if handle is None:
        return None, None
    index = raw.FPDFDest_GetDestPageIndex(doc.raw, handle)
    if index < 0:
        return None, None
    has_x, has_y, has_zoom = (ctypes.c_int() for _ in range(3))
    x, y, zoom = (ctypes.c_float() for _ in range(3))
    top = None
    if raw.FPDFDest_GetLocationInPage(handle, has_x, has_y, has_zoom, x, y, zoom) and has_y.value:
        height = doc[index].get_height()
        top = height - y.value
    return index + 1, top


@dataclass
class _Style:
    bold: bool
    color: bool
    rotated: bool
    italic: bool
    symbol: bool = False  # a symbol font (Wingdings, Symbol): its letters are glyphs


_TOKEN = re.compile("[^\\s\ufffe]+\ufffe?|\ufffe")


def _page(page, number: int) -> PdfPage:
    """Lines from the page's words, in PDFium's order: a word on another baseline, or
    back to the left, starts a new line."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    lines: list[PdfLine] = []
    words: list[PdfWord] = []
    for word in _words(textpage.raw, height):
        if words and _raised_after(words[-1], word):
            words[-1] = replace(words[-1], mark=words[-1].mark + word.text)
            continue  # a footnote mark set small and high right after a word
        if words:
            prev = words[-1]
            size = max(prev.bottom - prev.top, 1.0)
            mid = (word.top + word.bottom) / 2
            new_line = not prev.top - 0.2 * size <= mid <= prev.bottom + 0.2 * size
            if new_line or word.x0 < prev.x0 - size:
                _flush(lines, number, words)
        words.append(word)
    _flush(lines, number, words)
    textpage.close()
    page.close()
    return PdfPage(number, width, height, tuple(lines))


def _words(tp, height: float):
    """The page's words with box and style. Boxes are read only for each word's first and
    last character and styles once per text object: a fifth of the calls into PDFium that
    reading every character would take."""
    import pypdfium2.raw as raw

    styles: dict[int, _Style] = {}
    rect = raw.FS_RECTF()

    def box(k: int) -> tuple[float, float, float, float]:
        raw.FPDFText_GetLooseCharBox(tp, k, rect)
        return rect.left, rect.right, height - rect.top, height - rect.bottom

    for match in _TOKEN.finditer(_page_text(raw, tp)):
        first, last = match.start(), match.end() - 1
        token = match.group(0)
        x0, x1, top, bottom = box(first)
        mark = ""
        if last != first:
            lx0, lx1, ltop, lbottom = box(last)
            if _raised(token, (top, bottom), (ltop, lbottom)):
                # a footnote mark set small and high after the word ("Wohnungen¹")
                digits = _TRAILING_DIGITS.search(token)
                token, mark = token[: digits.start()], digits.group(0)
            else:
                x1, top, bottom = max(x1, lx1), min(top, ltop), max(bottom, lbottom)
        obj = raw.FPDFText_GetTextObject(tp, first)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        style = styles.get(key)
        if style is None:
            style = styles[key] = _style(raw, obj)
        if style.symbol and len(token) <= 3:
            token = SYMBOL_BULLET  # "ñ" in Wingdings is a square bullet
        yield PdfWord(
            token, x0, x1, top, bottom, style.bold, style.color, style.rotated, style.italic, mark
        )


_TRAILING_DIGITS = re.compile(r"[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]+$")


def _raised(token: str, first: tuple[float, float], last: tuple[float, float]) -> bool:
    """The word ends in digits set smaller and higher than its first letter."""
    if not _TRAILING_DIGITS.search(token) or not token[:1].isalpha():
        return False
    height, last_height = first[1] - first[0], last[1] - last[0]
    return last_height < 0.8 * height and last[1] < first[1] - 0.15 * height


def _raised_after(prev: PdfWord, word: PdfWord) -> bool:
    height = prev.bottom - prev.top
    return (
        bool(_TRAILING_DIGITS.fullmatch(word.text))
        and prev.text[-1:].isalpha()
        and word.bottom - word.top < 0.8 * height
        and word.bottom < prev.bottom - 0.15 * height
        and -1 <= word.x0 - prev.x1 <= 0.35 * height
    )


def _page_text(raw, tp) -> str:
    """The page's characters, one per index (PDFium's own line ends and tabs included)."""
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return ""
    buffer = (ctypes.c_ushort * (n + 1))()
    raw.FPDFText_GetText(tp, 0, n, buffer)
    text = bytes(buffer)[: 2 * n].decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters outside the BMP: read them one by one
        text = "".join(_char(raw.FPDFText_GetUnicode(tp, k)) for k in range(n))
    return text


def _flush(lines: list[PdfLine], page: int, words: list[PdfWord]) -> None:
    if words:
        lines.append(PdfLine(page, tuple(words), len(lines)))
        words.clear()


def _char(code: int) -> str:
    try:
        return chr(code)
    except ValueError:
        return "\ufffd"


def _style(raw, obj) -> _Style:
    if not obj:
        return _Style(False, False, False, False)
    font = raw.FPDFTextObj_GetFont(obj)
    bold = italic = False
    name = ""
    if font:
        weight = raw.FPDFFont_GetWeight(font)
        buffer = ctypes.create_string_buffer(256)
        n = raw.FPDFFont_GetBaseFontName(font, buffer, 256)
        name = buffer.raw[: max(n - 1, 0)].decode("latin-1", "replace")
        bold = weight >= 600 or bool(_BOLD_NAME.search(name))
        angle = ctypes.c_int()
        slanted = raw.FPDFFont_GetItalicAngle(font, ctypes.byref(angle)) and angle.value != 0
        italic = bool(_ITALIC_NAME.search(name)) or bool(slanted)
    # fill and stroke (render modes 2 and 6): the "fake bold" of word processors
    bold = bold or raw.FPDFTextObj_GetTextRenderMode(obj) in (2, 6)
    symbol = bool(font) and bool(_SYMBOL_NAME.search(name))
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    color = False
    if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        values = (r.value, g.value, b.value)
        color = max(values) - min(values) > 60
    matrix = raw.FS_MATRIX()
    rotated = False
    if raw.FPDFPageObj_GetMatrix(obj, matrix):
        rotated = abs(matrix.b) > 0.05 * max(abs(matrix.a), 1e-6) or matrix.a < 0
        # an upright font slanted by the text matrix: the "italic" of word processors
        italic = italic or (not rotated and abs(matrix.c) > 0.1 * max(abs(matrix.d), 1e-6))
    return _Style(bold, color, rotated, italic, symbol)
