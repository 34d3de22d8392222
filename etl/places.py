"""Linking pledges to RVR municipalities and named sites: pure functions over a Gazetteer.

A pledge links to a municipality when it names it ('explicit'), names a site in it
('site', with site_id), or names a group it belongs to ('group'); collective
mentions of a site kind ("die Revierparks") link every site of that kind. Longer
names win over shorter ones inside them ("Kreis Unna" is the Kreis, not the town).

Municipality names are matched case-sensitively as whole words, so the verb
"kamen" is not Kamen and "Hamm" does not match inside "Hamminkeln". Names that are
also ordinary words (Essen, Wetter, Alpen, Datteln, …; `needs_context` in
geo/place_names.csv) count only in place context: after "in", "aus", "nach",
"zwischen", "Stadt", "Gemeinde"; as the first part of a district name
("Essen-Katernberg"); or in an enumeration with another municipality.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from etl.kinds import CONTEXT, EXAMPLE, EXPLICIT, GROUP, SITE, TARGET

_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
_ENUMERATION = re.compile(r"^\s*(,|und|oder|sowie|bzw\.|/|–|-)\s*$")


@dataclass(frozen=True)
class NameForm:
    form: str
    ags: str
    needs_context: bool


@dataclass(frozen=True)
class Site:
    site_id: str
    name: str
    kind: str
    ags: str
    lat: float
    lon: float
    aliases: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class Group:
    group_id: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # AGS; empty for a site kind
    site_kind: str | None
    source: str


@dataclass(frozen=True)
class Link:
    ags: str
    site_id: str | None
    link_type: str
    evidence: str
    role: str = TARGET
    role_evidence: str = ""  # the cue that decided an example or context role


@dataclass(frozen=True)
class RoleCue:
    cue_id: str
    pattern: re.Pattern  # with a group `scope` where the role applies


@dataclass(frozen=True)
class RoleRules:
    """How to tell a target from an example, a describing sentence or an attribute
    (geo/role_cues.toml), with the document's sentence splitter and commitment test."""

    example: tuple[RoleCue, ...] = ()
    context: tuple[RoleCue, ...] = ()
    attribute: tuple[RoleCue, ...] = ()
    premise: tuple[RoleCue, ...] = ()  # context even in a committing sentence
    split: Callable[[str], list[str]] = lambda text: [text]
    commits: Callable[[str], bool] = lambda sentence: True


def sentence_spans(text: str, split) -> list[tuple[int, int]]:
    spans, at = [], 0
    for sentence in split(text):
        start = text.find(sentence, at)
        if start < 0:
            continue
        spans.append((start, start + len(sentence)))
        at = start + len(sentence)
    return spans or [(0, len(text))]


def _in_scope(cues, sentence: str, start: int, end: int) -> tuple[RoleCue, re.Match] | None:
    for cue in cues:
        for m in cue.pattern.finditer(sentence):
            scope = m.span("scope") if "scope" in cue.pattern.groupindex else m.span()
            if scope[0] <= start and end <= scope[1]:
                return cue, m
    return None


def role_of(
    text: str, start: int, end: int, rules: RoleRules, spans: list[tuple[int, int]] | None = None
) -> tuple[str | None, str]:
    """The role of a place named at text[start:end], and the words that decided it;
    None for a mention inside a describing clause (not linked). `spans`: the text's
    sentences, when the caller has them already."""
    spans = spans or sentence_spans(text, rules.split)
    s0, s1 = next(((a, b) for a, b in spans if a <= start < b), spans[-1])
    sentence, local = text[s0:s1], (start - s0, end - s0)
    found = _in_scope(rules.attribute, sentence, *local)
    if found:
        return None, f"{found[0].cue_id}: {found[1].group(0).strip(' ,')}"
    found = _in_scope(rules.example, sentence, *local)
    if found:
        return EXAMPLE, f"{found[0].cue_id}: {_short(found[1].group(0))}"
    found = _in_scope(rules.premise, sentence, *local)
    if found:
        return CONTEXT, f"{found[0].cue_id}: {_short(found[1].group(0))}"
    if not rules.commits(sentence):
        others = [text[a:b] for a, b in spans if (a, b) != (s0, s1)]
        if any(rules.commits(o) for o in others):
            return CONTEXT, "beschreibender Satz; die Zusage steht in einem anderen Satz"
        for cue in rules.context:
            m = cue.pattern.search(sentence)
            if m:
                return CONTEXT, f"{cue.cue_id}: {m.group(0)}"
    return TARGET, ""


def _short(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    text: str
    target: object  # Group, Site or NameForm


def _alternation(words, flags=0) -> re.Pattern | None:
    words = sorted(set(words), key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?!\w)", flags)


class Gazetteer:
    def __init__(
        self,
        names: list[NameForm],
        sites: list[Site],
        groups: list[Group],
        place_words: frozenset[str] = frozenset(),  # geo/place_words.csv
    ):
        self.place_words = place_words
        self.sites = sites
        self.groups = groups
        self._by_form = {n.form: n for n in names}
        self._group_alias = {a.casefold(): g for g in groups for a in g.aliases}
        self._site_alias = {a.casefold(): s for s in sites for a in s.aliases}
        self._group_re = _alternation(self._group_alias, re.IGNORECASE)
        self._site_re = _alternation(self._site_alias, re.IGNORECASE)
        self._name_re = _alternation(self._by_form)
        self._sites_by_kind: dict[str, list[Site]] = {}
        for s in sites:
            self._sites_by_kind.setdefault(s.kind, []).append(s)

    def link(self, text: str, rules: RoleRules | None = None) -> list[Link]:
        rules = rules or RoleRules()
        found: dict[tuple[str, str | None, str, str], tuple[list[str], list[str]]] = {}

        def add(ags, site_id, link_type, role, evidence, why):
            words, whys = found.setdefault((ags, site_id, link_type, role), ([], []))
            if evidence not in words:
                words.append(evidence)
            if why and why not in whys:
                whys.append(why)

        hits = self._hits(text)
        spans = sentence_spans(text, rules.split) if hits else []
        for hit in hits:
            role, why = role_of(text, hit.start, hit.end, rules, spans)
            if role is None:
                continue  # named in a clause that describes something else
            target = hit.target
            if isinstance(target, Group):
                if target.site_kind:
                    for site in self._sites_by_kind.get(target.site_kind, []):
                        add(site.ags, site.site_id, SITE, role, hit.text, why)
                for ags in target.members:
                    add(ags, None, GROUP, role, hit.text, why)
            elif isinstance(target, Site):
                add(target.ags, target.site_id, SITE, role, hit.text, why)
            else:
                add(target.ags, None, EXPLICIT, role, hit.text, why)
        return [
            Link(ags, site_id, link_type, "; ".join(words), role, "; ".join(whys))
            for (ags, site_id, link_type, role), (words, whys) in sorted(
                found.items(), key=lambda kv: (kv[0][0], kv[0][1] or "", kv[0][2], kv[0][3])
            )
        ]

    def _hits(self, text: str) -> list[_Hit]:
        taken: list[tuple[int, int]] = []
        hits: list[_Hit] = []
        for regex, lookup in (
            (self._group_re, lambda m: self._group_alias[m.casefold()]),
            (self._site_re, lambda m: self._site_alias[m.casefold()]),
        ):
            for m in regex.finditer(text) if regex else ():
                if not _overlaps(m.span(), taken):
                    taken.append(m.span())
                    hits.append(_Hit(m.start(), m.end(), m.group(0), lookup(m.group(0))))
        names = [
            _Hit(m.start(), m.end(), m.group(0), self._by_form[m.group(0)])
            for m in (self._name_re.finditer(text) if self._name_re else ())
            if not _overlaps(m.span(), taken)
        ]
        return hits + _in_context(text, names, self.place_words)


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def _in_context(text: str, names: list[_Hit], words: frozenset[str]) -> list[_Hit]:
    """Keep unambiguous names, and ambiguous ones in place context (to a fixed point)."""
    accepted = [not h.target.needs_context or _place_context(text, h, words) for h in names]
    changed = True
    while changed:
        changed = False
        for i, hit in enumerate(names):
            if accepted[i]:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(names) and accepted[j]:
                    left, right = sorted((hit, names[j]), key=lambda h: h.start)
                    if _ENUMERATION.match(text[left.end : right.start]):
                        accepted[i] = changed = True
                        break
    return [h for h, ok in zip(names, accepted, strict=True) if ok]


def _place_context(text: str, hit: _Hit, words: frozenset[str]) -> bool:
    previous = _PREVIOUS_WORD.search(text[: hit.start])
    if previous and previous.group(1) in words:
        return True
    after = text[hit.end : hit.end + 2]
    return len(after) == 2 and after[0] == "-" and after[1].isupper()
