"""Which blocks are pledges: every bullet and goal item, and prose sentences that commit.

Pure functions: blocks in, pledges out. The commitment cues are data
(data/pledge_cues.toml), so a reader can see and extend what counts as a pledge.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from etl.errors import BuildError
from etl.kinds import STATEMENT
from etl.parse.blocks import BULLET, GOAL, PARAGRAPH, Block
from etl.parse.sentences import split_sentences


@dataclass(frozen=True)
class Cues:
    commit: tuple[tuple[str, str], ...]  # (id, pattern with {party})
    exclude: tuple[tuple[str, re.Pattern], ...]
    abbreviations: tuple[str, ...]

    def split(self, text: str) -> list[str]:
        return split_sentences(text, self.abbreviations)

    def for_party(self, self_names: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
        names = "|".join(re.escape(n) for n in sorted(self_names, key=len, reverse=True))
        party = f"(?:die\\s+|Die\\s+)?(?:{names})" if names else r"(?!x)x"
        return [(cid, re.compile(p.replace("{party}", party))) for cid, p in self.commit]


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


def load_cues(path: Path) -> Cues:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        commit = tuple((c["id"], c["pattern"]) for c in raw["commit"])
        exclude = tuple((c["id"], re.compile(c["pattern"])) for c in raw.get("exclude", []))
        for _, pattern in commit:
            re.compile(pattern.replace("{party}", "Party"))
        abbreviations = tuple(raw["sentences"]["abbreviations"])
    except FileNotFoundError:
        raise BuildError(path, "file not found") from None
    except (KeyError, TypeError, re.error, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BuildError(path, f"invalid cue file ({type(exc).__name__}: {exc})") from None
    return Cues(commit, exclude, abbreviations)


def commitment(sentence: str, patterns: list[tuple[str, re.Pattern]], cues: Cues) -> str | None:
    """The cue that makes a prose sentence a pledge ("we-commit: wollen wir"), or None."""
    for _, pattern in cues.exclude:
        if pattern.search(sentence):
            return None
    for cid, pattern in patterns:
        match = pattern.search(sentence)
        if match:
            return f"{cid}: {match.group(0)}"
    return None


def extract_pledges(
    document_id: str, blocks: list[Block], self_names: tuple[str, ...], cues: Cues
) -> list[Pledge]:
    patterns = cues.for_party(self_names)
    drafts: list[tuple[Block, str, str, str | None]] = []  # block, kind, text, cue
    block_draft: dict[int, int] = {}
    for index, block in enumerate(blocks):
        if block.kind in (BULLET, GOAL):
            block_draft[index] = len(drafts)
            drafts.append((block, block.kind, block.text, None))
        elif block.kind == PARAGRAPH:
            for sentence in cues.split(block.text):
                cue = commitment(sentence, patterns, cues)
                if cue:
                    drafts.append((block, STATEMENT, sentence, cue))
    ids = _stable_ids(document_id, [(kind, text) for _, kind, text, _ in drafts])
    pledges = []
    for n, ((block, kind, text, cue), pid) in enumerate(zip(drafts, ids, strict=True)):
        parent = None
        if block.parent is not None and kind != STATEMENT:
            parent = ids[block_draft[block.parent]]
        pledges.append(
            Pledge(
                pid,
                document_id,
                n + 1,
                kind,
                text,
                block.section,
                block.subsection,
                parent,
                cue,
                block.line,
            )
        )
    return pledges


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
