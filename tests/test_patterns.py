"""Patterns from data files: the constructs that make Python's backtracking engine take
exponential time are refused at load time; the bounded ones the cue files use pass."""

import re

import pytest

from etl import patterns

EXPONENTIAL = [
    r"(\w+\s?)+!",  # the attack on geo/feature_cues.csv (issue 25): > 240 s
    r"(?P<scope>(\w+\s?)+)!",  # the same as a role cue's scope
    r"(a*)*b",
    r"(?:x+y?)*z",
    r"([a-z]+\s*)+$",
    r"(\w+|\d)+!",
    r"(\w+){1,50}!",  # bounded, but 50 rounds around an unbounded run
    r"(a|a)*b",  # alternatives that start alike
    r"(?:foo|fo)+!",
]

LINEAR_OR_SMALL_POWER = [
    r"(?:\w+\s+){0,3}ein",  # a few rounds: pledge_cues.toml, commitment_rules.toml
    r"\d+(?:\.\d+)*",  # each round starts with a character the run before cannot take
    r"(?:\s+\S+)+",
    r"[a-z]+(?:-[a-z]+)*",
    r"(?:ab|cd)+",
    r"(\w|\d)+x",  # one character class
    r"(?:\w+)++!",  # possessive: gives nothing back
    r"(?>\w+\s?)+!",  # atomic
]


@pytest.mark.parametrize("pattern", EXPONENTIAL)
def test_a_pattern_that_backtracks_without_bound_is_refused(pattern):
    with pytest.raises(re.error, match=r"can take exponential time"):
        patterns.compile(pattern)


@pytest.mark.parametrize("pattern", LINEAR_OR_SMALL_POWER)
def test_bounded_and_unambiguous_repetitions_pass(pattern):
    assert patterns.compile(pattern).pattern == pattern


def test_the_error_shows_the_pattern_and_what_to_do():
    with pytest.raises(re.error) as caught:
        patterns.compile(r"(\w+\s?)+!")
    assert str(caught.value) == (
        "a repetition inside a repetition can take exponential time ('(\\\\w+\\\\s?)+!'); "
        "bound it or rewrite it"
    )


@pytest.mark.parametrize("value", [5, None, ["x"]])
def test_a_pattern_must_be_text(value):
    with pytest.raises(re.error, match="must be text"):
        patterns.compile(value)
