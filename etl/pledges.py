"""Which blocks are pledges: every bullet and goal item, and prose sentences that commit.

Pure functions: blocks in, pledges out. The commitment cues are data
(data/pledge_cues.toml), so a reader can see and extend what counts as a pledge.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from etl import patterns
from etl.errors import BuildError
from etl.kinds import STATEMENT
from etl.parse.blocks import BULLET, GOAL, PARAGRAPH, Block
from etl.parse.sentences import split_sentences


@dataclass(frozen=True)
class ContextCues:
    """data/pledge_cues.toml [context], besides the anaphor itself."""

    internal: re.Pattern  # looks back but points forward or inside its own sentence
    referent: re.Pattern  # the noun a demonstrative names (group `noun`)
    min_words: int = 4
    lookback: int = 3


@dataclass(frozen=True)
class Cues:
    commit: tuple[tuple[str, str], ...]  # (id, pattern with {party})
    exclude: tuple[tuple[str, re.Pattern, frozenset[str]], ...]  # (id, pattern, vetoed cues)
    abbreviations: tuple[str, ...]
    anaphor: re.Pattern  # a pledge that leans on a sentence before
    fragment: re.Pattern  # a bullet that continues the one before
    context: ContextCues | None = None  # which sentence before it leans on
    # a sentence that completes the one before ("… nicht nur … . Sondern …"): (first, second)
    completes: tuple[re.Pattern, re.Pattern] | None = None

    def split(self, text: str) -> list[str]:
        return split_sentences(text, self.abbreviations)

    def statements(self, text: str) -> list[str]:
        """The sentences of a paragraph as pledges read them: a sentence that only
        completes the one before ("Sondern …" after "nicht nur …") joined to it."""
        sentences = self.split(text)
        if self.completes is None:
            return sentences
        first, second = self.completes
        joined: list[str] = []
        for sentence in sentences:
            if joined and second.search(sentence) and first.search(joined[-1]):
                joined[-1] = f"{joined[-1]} {sentence}"
            else:
                joined.append(sentence)
        return joined

    def for_document(self, self_names: tuple[str, ...]) -> Cues:
        """The cues with the party's own dotted names kept whole: in "DIE LINKE. NRW
        fordert ..." the full stop ends no sentence."""
        extra = tuple(
            name[: i + 1]
            for name in self_names
            for i, ch in enumerate(name)
            if ch == "." and name[i + 1 : i + 2] == " "
        )
        if not extra:
            return self
        return replace(self, abbreviations=tuple(dict.fromkeys(self.abbreviations + extra)))

    def for_party(self, self_names: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
        return list(_party_patterns(self.commit, tuple(self_names)))


@functools.cache
def _party_patterns(
    commit: tuple[tuple[str, str], ...], self_names: tuple[str, ...]
) -> tuple[tuple[str, re.Pattern], ...]:
    """The commit cues with a document's names for its party, compiled once per document
    (extraction, the demand sentences and the role rules all ask for them)."""
    names = "|".join(re.escape(n) for n in sorted(self_names, key=len, reverse=True))
    party = f"(?:die\\s+|Die\\s+)?(?:{names})" if names else r"(?!x)x"
    return tuple((cid, patterns.compile(p.replace("{party}", party))) for cid, p in commit)


@dataclass(frozen=True)
class Pledge:
    pledge_id: str
    document_id: str
    position: int
    kind: str
    text: str
    section: str
    subsection: str | None
    parent_id: str | None
    cue: str | None
    line: int
    context: str | None = None  # the sentence before, for a pledge that leans on it
    page: int | None = None  # the PDF page it starts on


def load_cues(path: Path) -> Cues:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        commit = tuple((c["id"], c["pattern"]) for c in raw["commit"])
        exclude = tuple(
            (c["id"], patterns.compile(c["pattern"]), frozenset(c.get("cues", ())))
            for c in raw.get("exclude", [])
        )
        known = {cid for cid, _ in commit}
        for eid, _, vetoed in exclude:
            if vetoed - known:
                raise KeyError(f"exclude {eid}: unknown cue(s) {', '.join(sorted(vetoed - known))}")
        for _, pattern in commit:
            patterns.compile(pattern.replace("{party}", "Party"))
        abbreviations = tuple(raw["sentences"]["abbreviations"])
        anaphor = patterns.compile(raw["context"]["anaphor"])
        context = ContextCues(
            patterns.compile(raw["context"]["internal"]),
            patterns.compile(raw["context"]["referent"]),
            int(raw["context"]["min_words"]),
            int(raw["context"]["lookback"]),
        )
        fragment = patterns.compile(raw["continuation"]["fragment"])
        completes = (
            patterns.compile(raw["continuation"]["first"]),
            patterns.compile(raw["continuation"]["second"]),
        )
    except FileNotFoundError:
        raise BuildError(path, "file not found") from None
    except (
        KeyError,
        TypeError,
        ValueError,
        re.error,
        tomllib.TOMLDecodeError,
        UnicodeDecodeError,
    ) as exc:
        raise BuildError(path, f"invalid cue file ({type(exc).__name__}: {exc})") from None
    return Cues(commit, exclude, abbreviations, anaphor, fragment, context, completes)


def commitment(sentence: str, patterns: list[tuple[str, re.Pattern]], cues: Cues) -> str | None:
    """The first cue that makes a prose sentence a pledge ("we-commit: wollen wir") and that
    no exclusion vetoes, or None."""
    vetoes = [(p, vetoed) for _, p, vetoed in cues.exclude if p.search(sentence)]
    for cid, pattern in patterns:
        if any(not vetoed or cid in vetoed for _, vetoed in vetoes):
            continue
        match = pattern.search(sentence)
        if match:
            return f"{cid}: {match.group(0)}"
    return None


def demand_sentences(
    text: str, patterns: list[tuple[str, re.Pattern]], cues: Cues
) -> tuple[str, ...]:
    """The later sentences that commit: in "Sozialer Wohnungsbau ist Daseinsvorsorge. Wir
    fordern mehr geförderte Wohnungen." the demand is the second, and the similarity
    weighs it like a first sentence, while explanations stay discounted."""
    return tuple(s for s in cues.split(text)[1:] if commitment(s, patterns, cues))


@dataclass
class _Draft:
    block: Block
    kind: str
    text: str
    cue: str | None
    context: str | None
    line: int = 0  # where the draft's own first words stand
    page: int | None = None


def extract_pledges(
    document_id: str,
    blocks: list[Block],
    self_names: tuple[str, ...],
    cues: Cues,
    join_fragments: bool = True,
) -> list[Pledge]:
    """`join_fragments`: the reader may have split an item in two (see Parsed.split_items);
    where items are certain (a glyph opened each), a lower-case item stands alone."""
    cues = cues.for_document(tuple(self_names))
    drafts, block_draft = _drafts(blocks, cues, cues.for_party(self_names), join_fragments)
    ids = _stable_ids(document_id, [(d.kind, d.text) for d in drafts])
    pledges = []
    for n, (draft, pid) in enumerate(zip(drafts, ids, strict=True)):
        block = draft.block
        parent = None
        if block.parent is not None and draft.kind != STATEMENT:
            parent = ids[block_draft[block.parent]]
        pledges.append(
            Pledge(
                pid,
                document_id,
                n + 1,
                draft.kind,
                draft.text,
                block.section,
                block.subsection,
                parent,
                draft.cue,
                draft.line,
                draft.context,
                draft.page,
            )
        )
    return pledges


def _drafts(
    blocks: list[Block], cues: Cues, patterns, join_fragments: bool
) -> tuple[list[_Draft], dict[int, int]]:
    """Every item and every committing sentence, with the sentence before where it leans
    on it; and for each block the draft it went into (sub-bullets find their parent)."""
    drafts: list[_Draft] = []
    block_draft: dict[int, int] = {}
    before: list[str] = []  # the sentences before, within the chapter and subchapter
    heading = None
    for index, block in enumerate(blocks):
        if (block.section, block.subsection) != heading:
            heading, before = (block.section, block.subsection), []
        if block.kind in (BULLET, GOAL):
            previous = drafts[-1] if drafts else None
            if (
                block.kind == BULLET
                and previous is not None
                and previous.kind == BULLET
                and previous.block.section == block.section
                and join_fragments
                and cues.fragment.search(block.text)
            ):
                previous.text = f"{previous.text} {block.text}"  # one item the PDF split
                block_draft[index] = len(drafts) - 1
            else:
                block_draft[index] = len(drafts)
                context = _context(block.text, before, cues)
                drafts.append(
                    _Draft(block, block.kind, block.text, None, context, block.line, block.page)
                )
            before.append(cues.split(block.text)[-1])
        elif block.kind == PARAGRAPH:
            cursor = 0
            for sentence in cues.statements(block.text):
                found = block.text.find(sentence, cursor)
                start = found if found >= 0 else cursor
                cursor = start + len(sentence) if found >= 0 else cursor
                cue = commitment(sentence, patterns, cues)
                if cue:
                    context = _context(sentence, before, cues)
                    line, page = block.where(start)
                    drafts.append(_Draft(block, STATEMENT, sentence, cue, context, line, page))
                before.append(sentence)
        else:
            before.append(block.text)
    return drafts, block_draft


def _context(text: str, before: list[str], cues: Cues) -> str | None:
    """The sentence a pledge leans on, if it leans on one: the nearest sentence before
    that names what its demonstrative names ("diese Strategie"), else the one right
    before; never a piece too short to be a sentence, never across a heading."""
    rules = cues.context
    if rules is None:  # cues made by hand in a test
        return before[-1] if before and cues.anaphor.search(text) else None
    own = rules.internal.sub(" ", text)
    if not before or not cues.anaphor.search(own):
        return None
    sentences = [s for s in reversed(before) if len(s.split()) >= rules.min_words]
    sentences = sentences[: rules.lookback]
    if not sentences:
        return None
    named = rules.referent.search(own)
    if named:
        stem = named.group("noun")[:6].casefold()
        for sentence in sentences:
            if stem in sentence.casefold():
                return sentence
    return sentences[0]


def _stable_ids(document_id: str, items: list[tuple[str, str]]) -> list[str]:
    """Ids from the pledge's own words, so edits elsewhere in the document keep them."""
    seen: dict[str, int] = {}
    ids = []
    for kind, text in items:
        digest = hashlib.sha1(f"{kind}\x1f{text}".encode()).hexdigest()[:10]
        base = f"{document_id}-{digest}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids
