"""The commitment class of a pledge: checkable (`pruefbar`), a direction (`allgemein`) or
none (`keine`), by the rules in data/commitment_rules.toml, with the words that decided.

Pure functions: text in, class and evidence out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.datafiles import read_toml
from etl.errors import BuildError
from etl.kinds import ALLGEMEIN, KEINE, PRUEFBAR


@dataclass(frozen=True)
class Rule:
    rule_id: str
    commitment: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Decision:
    commitment: str
    evidence: str  # "rule: matched words; ..." or "" for the default


def load_rules(path: Path) -> tuple[Rule, ...]:
    raw = read_toml(path, "commitment rules")
    rules = []
    for n, entry in enumerate(raw.get("rule", []), start=1):
        try:
            rule = Rule(entry["id"], entry["class"], re.compile(entry["pattern"]))
        except KeyError as exc:
            raise BuildError(path, f"rule #{n}: missing {exc.args[0]!r}") from None
        except re.error as exc:
            raise BuildError(path, f"rule #{n} ({entry.get('id')}): bad pattern ({exc})") from None
        if rule.commitment not in (PRUEFBAR, KEINE):
            raise BuildError(
                path,
                f"rule #{n} ({rule.rule_id}): class must be {PRUEFBAR} or {KEINE} "
                f"({ALLGEMEIN} is the default), not {rule.commitment!r}",
            )
        rules.append(rule)
    if not rules:
        raise BuildError(path, "no [[rule]] entries")
    return tuple(rules)


def classify_commitment(text: str, has_cue: bool, rules: tuple[Rule, ...]) -> Decision:
    """`keine` rules only speak for pledges without a commitment cue (bullets, goal items):
    a sentence that commits is a commitment, whatever else it says."""
    if not has_cue:
        for rule in rules:
            if rule.commitment == KEINE:
                match = rule.pattern.search(text)
                if match:
                    return Decision(KEINE, f"{rule.rule_id}: {_evidence(match)}")
    found = []
    for rule in rules:
        if rule.commitment == PRUEFBAR:
            match = rule.pattern.search(text)
            if match:
                found.append(f"{rule.rule_id}: {_evidence(match)}")
    if found:
        return Decision(PRUEFBAR, "; ".join(found))
    return Decision(ALLGEMEIN, "")


def _evidence(match: re.Match) -> str:
    """The words that decided: the group named `ev` where the pattern has one."""
    if "ev" in match.re.groupindex and match.group("ev"):
        return match.group("ev").strip()
    return match.group(0).strip()
