"""Format dispatch: one parser per registry `format`."""

from __future__ import annotations

from etl.errors import BuildError
from etl.parse.blocks import Block
from etl.parse.markdown import parse_markdown
from etl.parse.pdftext import parse_pdftext
from etl.registry import Source

PARSERS = {
    "pdf-text": parse_pdftext,
    "pdf": parse_pdftext,  # text from etl.parse.pdf, then the same rules
    "markdown": parse_markdown,
}


def parse_document(text: str, source: Source, split_sentences) -> list[Block]:
    parser = PARSERS.get(source.format)
    if parser is None:
        raise BuildError(source.path, f"unknown format {source.format!r}")
    return parser(text, source, split_sentences)
