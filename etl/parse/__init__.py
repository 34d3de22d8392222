"""Format dispatch: one parser per registry `format`."""

from __future__ import annotations

from etl.errors import BuildError
from etl.parse.blocks import Parsed
from etl.parse.cues import LayoutCues, load_layout_cues
from etl.parse.markdown import parse_markdown
from etl.parse.pdftext import parse_pdftext
from etl.registry import Source


def _pdf(content, source, split_sentences, cues):
    from etl.parse.pdfdoc import parse_pdf

    return parse_pdf(content, source, split_sentences, cues)


def _html(content, source, split_sentences, cues):
    from etl.parse.html import parse_html

    return parse_html(content, source, split_sentences, cues)


def _text(content, source, split_sentences, cues):
    from etl.parse.plaintext import parse_text

    return parse_text(content, source, split_sentences, cues)


PARSERS = {
    "pdf-text": parse_pdftext,
    "markdown": parse_markdown,
    "pdf": _pdf,
    "html": _html,
    "text": _text,
}


def parse_document(
    content, source: Source, split_sentences, cues: LayoutCues | None = None
) -> Parsed:
    """`content` is what etl.registry.read_document read: text, or a PDF's layout."""
    parser = PARSERS.get(source.format)
    if parser is None:
        raise BuildError(source.path, f"unknown format {source.format!r}")
    return parser(content, source, split_sentences, cues or load_layout_cues())
