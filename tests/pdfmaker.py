"""Small PDFs made for the tests: text placed as a layout program places it (in any order,
any size and weight, at an angle), written by matplotlib with TrueType fonts, so the
file has a real text layer; bookmarks added with pypdf."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

A4 = (8.27, 11.69)  # inches
LINE = 0.022  # a body line's height on an A4 page, in figure units


@dataclass(frozen=True)
class Text:
    x: float  # 0 (left) to 1 (right)
    y: float  # 0 (bottom) to 1 (top)
    text: str
    size: float = 10.5
    bold: bool = False
    rotation: float = 0.0


def column(x: float, top: float, lines: list[str], size: float = 10.5, bold=False) -> list[Text]:
    """Lines set one under the other from `top` down."""
    return [Text(x, top - i * LINE, t, size, bold) for i, t in enumerate(lines)]


def make_pdf(path: Path, pages: list[list[Text]], size=A4, outline=()) -> Path:
    """`outline`: (title, page index, level) bookmarks, level 0 at the top."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(path) as pdf:
        for items in pages:
            fig = plt.figure(figsize=size)
            for t in items:
                fig.text(
                    t.x,
                    t.y,
                    t.text,
                    fontsize=t.size,
                    fontweight="bold" if t.bold else "normal",
                    rotation=t.rotation,
                )
            pdf.savefig(fig)
            plt.close(fig)
    if outline:
        from pypdf import PdfWriter

        writer = PdfWriter(clone_from=str(path))
        parents = {}
        for title, page, level in outline:
            parent = parents.get(level - 1)
            parents[level] = writer.add_outline_item(title=title, page_number=page, parent=parent)
        with open(path, "wb") as f:
            writer.write(f)
    return path
