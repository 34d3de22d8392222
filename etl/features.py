"""Thematic links: a pledge that names a kind of feature ("die RVR-Wälder", "auf Halden",
"Radschnellwege", "die Hochschulen der Region") concerns the municipalities that have
such features. The features are a documented gazetteer (geo/features.csv, one row per
feature and municipality, each with its source), the words that name a kind are cues
(geo/feature_cues.csv); a generic word ("Innenstädte", "Brachflächen") is no cue and
links nothing. The role rules of etl.places apply: a kind named as a model is an example,
not a target; a kind named only in the background (a partner, a describing sentence)
links no town at all, since the pledge names none (in a blind sample, 28 of 37 such
links were judged "does not concern this place").

Pure functions over validated data; loading and checks are in etl.gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.kinds import CONTEXT, THEMATIC
from etl.places import Link, RoleRules, role_of, sentence_spans


@dataclass(frozen=True)
class FeatureKind:
    kind: str
    label: str  # German: "RVR-Wald"
    letter: str  # on the map's point
    color: str  # '#RRGGBB'
    completeness: str  # how complete the list of this kind is (README, legend help)
    as_of: str  # the year of the newest source


@dataclass(frozen=True)
class Feature:
    feature_id: str
    kind: str
    name: str
    ags: str
    lat: float | None  # None for a line (RS1, Emscher) or a forest without a sourced point
    lon: float | None
    source: str


@dataclass(frozen=True)
class FeatureCue:
    cue_id: str
    kind: str
    pattern: re.Pattern
    features: tuple[str, ...]  # feature ids it names: every feature of the kind, or a few


class Features:
    def __init__(self, kinds: dict[str, FeatureKind], features: list[Feature], cues):
        self.kinds = kinds
        self.features = features
        self.cues: tuple[FeatureCue, ...] = tuple(cues)
        self._by_id = {f.feature_id: f for f in features}

    def spans(self, text: str) -> list[tuple[int, int, FeatureCue]]:
        """Where cues match, earlier cues first (a specific cue before the general one of
        its kind: "neuen Fachhochschulen" before "Fachhochschulen")."""
        taken: list[tuple[int, int, FeatureCue]] = []
        for cue in self.cues:
            for m in cue.pattern.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b, _ in taken):
                    taken.append((m.start(), m.end(), cue))
        return sorted(taken, key=lambda hit: hit[0])

    def link(self, text: str, rules: RoleRules | None = None) -> list[Link]:
        """One link per municipality and role; the evidence names the kind, the features
        in that municipality and the words of the pledge: "RVR-Wald: Haard (RVR-Wälder)"."""
        rules = rules or RoleRules()
        hits = self.spans(text)
        if not hits:
            return []
        sentences = sentence_spans(text, rules.split)
        found: dict[tuple[str, str], tuple[dict[str, None], dict[str, None]]] = {}
        for start, end, cue in hits:
            role, why = role_of(text, start, end, rules, sentences)
            if role is None or role == CONTEXT:  # background: concerns none of the towns
                continue
            by_town: dict[str, list[str]] = {}
            for feature_id in cue.features:
                feature = self._by_id[feature_id]
                by_town.setdefault(feature.ags, []).append(feature.name)
            words = " ".join(text[start:end].split())
            label = self.kinds[cue.kind].label
            for ags, names in by_town.items():
                evidence = f"{label}: {', '.join(dict.fromkeys(names))} ({words})"
                texts, whys = found.setdefault((ags, role), ({}, {}))
                texts[evidence] = None
                if why:
                    whys[why] = None
        return [
            Link(ags, None, THEMATIC, "; ".join(texts), role, "; ".join(whys))
            for (ags, role), (texts, whys) in found.items()
        ]
