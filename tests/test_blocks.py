"""Block.where: the source line of a sentence inside a block that spans many lines, found
by one pass over the block (not a count from its start for every sentence)."""

import random

from etl.parse.blocks import Block, alnum_count


def _counted(block: Block, offset: int) -> tuple[int, int | None]:
    """The definition: the last line whose first letter comes at or before `offset`."""
    count = alnum_count(block.text[:offset])
    line, page = block.line, block.page
    for before, number, on_page in block.marks:
        if before > count:
            break
        line, page = number, on_page
    return line, page


def test_each_sentence_gets_the_line_it_starts_on():
    lines = ["Wir bauen Radwege.", "Wir fördern Busse. Wir", "pflanzen Bäume.", "Ende."]
    marks, before = [], 0
    for number, line in enumerate(lines, start=10):
        marks.append((before, number, 2))
        before += alnum_count(line)
    block = Block("paragraph", " ".join(lines), "X", line=10, page=2, marks=tuple(marks))
    assert block.where(block.text.index("Wir fördern")) == (11, 2)
    assert block.where(block.text.index("Wir pflanzen")) == (11, 2)  # starts on line 11
    assert block.where(block.text.index("Ende")) == (13, 2)
    assert block.where(0) == (10, 2)


def test_the_lookup_agrees_with_counting_on_random_blocks():
    rng = random.Random(25)
    for _ in range(200):
        words = ["".join(rng.choice("ab- .,") for _ in range(rng.randint(0, 6))) for _ in range(30)]
        text = " ".join(words)
        total = alnum_count(text)
        befores = sorted(rng.randint(0, total + 2) for _ in range(rng.randint(0, 6)))
        marks = tuple((b, 100 + n, n) for n, b in enumerate(befores))
        block = Block("paragraph", text, "X", line=1, page=None, marks=marks)
        for offset in range(len(text) + 1):
            assert block.where(offset) == _counted(block, offset)
