"""The commitment class of a pledge: checkable (`pruefbar`), a direction (`allgemein`) or
none (`keine`), by the rules in data/commitment_rules.toml, with the words that decided.

Pure functions: text in, class and evidence out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl import patterns
from etl.datafiles import read_toml, tables
from etl.errors import BuildError
from etl.kinds import ALLGEMEIN, KEINE, PRUEFBAR


@dataclass(frozen=True)
class Rule:
    rule_id: str
    commitment: str
    pattern: re.Pattern
    label: str = ""  # German, for readers: what the rule found ("Zahl, Betrag oder Frist")


@dataclass(frozen=True)
class Rules:
    """The rules, and the masks that blank what only illustrates (an example, a model, a
    parenthesis, a status report) before the `pruefbar` rules look."""

    rules: tuple[Rule, ...]
    masks: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class Decision:
    commitment: str
    evidence: str  # "label: „matched words“; ..." (German, for readers) or "" for the default


def load_rules(path: Path) -> Rules:
    raw = read_toml(path, "commitment rules")
    rules = []
    for n, entry in enumerate(tables(path, raw, "rule"), start=1):
        try:
            rule = Rule(
                entry["id"], entry["class"], patterns.compile(entry["pattern"]), entry["label"]
            )
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
    masks = []
    for n, entry in enumerate(tables(path, raw, "mask"), start=1):
        try:
            masks.append(patterns.compile(entry["pattern"]))
        except KeyError as exc:
            raise BuildError(path, f"mask #{n}: missing {exc.args[0]!r}") from None
        except (re.error, TypeError) as exc:
            raise BuildError(path, f"mask #{n} ({entry.get('id')}): bad pattern ({exc})") from None
    return Rules(tuple(rules), tuple(masks))


def classify_commitment(text: str, has_cue: bool, rules: Rules) -> Decision:
    """`keine` rules only speak for pledges without a commitment cue (bullets, goal items):
    a sentence that commits is a commitment, whatever else it says. The `pruefbar` rules
    read the text with its examples, models and status reports blanked: a number or name
    there is not what the pledge commits to."""
    if not has_cue:
        for rule in rules.rules:
            if rule.commitment == KEINE:
                match = rule.pattern.search(text)
                if match:
                    return Decision(KEINE, f"{rule.label}: {_quoted(_evidence(match))}")
    own = masked(text, rules.masks)
    found = []
    for rule in rules.rules:
        if rule.commitment == PRUEFBAR:
            match = rule.pattern.search(own)
            if match:
                found.append(f"{rule.label}: {_quoted(_evidence(match))}")
    if found:
        return Decision(PRUEFBAR, "; ".join(found))
    return Decision(ALLGEMEIN, "")


def masked(text: str, masks: tuple[re.Pattern, ...]) -> str:
    """The text with every mask's matches blanked, same length (offsets stay)."""
    for mask in masks:
        text = mask.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _quoted(words: str) -> str:
    return words if words[:1] in "'„\"‚‘" else f"„{words}“"


def _evidence(match: re.Match) -> str:
    """The words that decided: the group named `ev` where the pattern has one."""
    if "ev" in match.re.groupindex and match.group("ev"):
        return match.group("ev").strip()
    return match.group(0).strip()
