"""Regular expressions from data files, refused when they can backtrack without bound.

Python's `re` engine backtracks, and it holds the interpreter lock while it does: one
pattern such as `(\\w+\\s?)+!` in a cue file hung a build for minutes and froze every
visitor's page with it. A linear-time engine (RE2) would cure that but has no look-around,
which the cue files rely on, so the constructs that make `re` exponential are refused at
load time instead, with an error that names them:

- a repetition without an upper bound around something that itself repeats, `(a+)+`;
- a repetition without an upper bound around alternatives that can start alike,
  `(\\w|\\d)+`;
- a repetition of more than `MAX_NESTED` rounds around an unbounded one, `(\\w+){1,50}`.

Bounded nesting of a few rounds, as in `(?:\\w+\\s+){0,3}`, stays allowed: it costs a
small power of the text's length, not an exponential. The build also runs apart from
the server with a time limit (dashboard/data.py), for anything this check lets through.

The tree comes from `re._parser`, the standard library's own parser (the public
`sre_parse` is its deprecated alias); reading it changes nothing in `re`.
"""

from __future__ import annotations

import functools
import re
import re._constants as sre
import re._parser as sre_parse

MAX_NESTED = 3  # rounds a bounded repetition may take around an unbounded one
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
# the characters tried when two parts of a pattern are compared: ASCII, German letters, and
# the spaces, dashes, quotes and bullets of programmes
_SAMPLE = "\t\n" + "".join(map(chr, range(32, 127))) + "äöüÄÖÜßéèà\u00a0–—„“•"


class PatternError(re.error):
    """A pattern a data file may not hold; caught wherever `re.error` is."""

    def __init__(self, problem: str):
        super().__init__(problem)


def compile(pattern: object, flags: int = 0) -> re.Pattern:  # noqa: A001 - as re.compile
    """`re.compile` for text from a data file: also refuses non-text and the constructs
    that backtrack without bound (PatternError, a re.error)."""
    if not isinstance(pattern, str):
        raise PatternError(f"must be text, not {type(pattern).__name__}")
    compiled = re.compile(pattern, flags)
    problem = backtracking(pattern, flags)
    if problem:
        raise PatternError(problem)
    return compiled


@functools.lru_cache(maxsize=1024)
def backtracking(pattern: str, flags: int = 0) -> str | None:
    """The first construct of a valid pattern that can backtrack without bound, or None."""
    return _check(sre_parse.parse(pattern, flags), pattern, outer=None)


def _check(items, pattern: str, outer: tuple[int, int] | None) -> str | None:
    """`outer` is the (min, max) of the nearest enclosing repetition, if any."""
    for op, av in items:
        if op in _REPEATS or op == sre.POSSESSIVE_REPEAT:
            low, high, body = av
            possessive = op == sre.POSSESSIVE_REPEAT  # gives nothing back: safe
            if outer is not None and high > 1 and not possessive:
                unbounded_outer = outer[1] == sre.MAXREPEAT
                if unbounded_outer or (high == sre.MAXREPEAT and outer[1] > MAX_NESTED):
                    return _describe("a repetition inside a repetition", pattern)
            if high == sre.MAXREPEAT and not possessive:
                problem = _overlapping_branches(body, pattern)
                if problem:
                    return problem
            if possessive or high <= 1 or not _repeats(body) or _runs(body):
                found = _check(body, pattern, outer)
            else:
                found = _check(body, pattern, (low, high))
        elif op == sre.SUBPATTERN:
            found = _check(av[3], pattern, outer)
        elif op == sre.BRANCH:
            found = next((p for b in av[1] if (p := _check(b, pattern, outer))), None)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            found = _check(av[1], pattern, outer)
        elif op == sre.ATOMIC_GROUP:
            found = _check(av, pattern, None)  # gives nothing back once matched
        elif op == sre.GROUPREF_EXISTS:
            found = _check(av[1], pattern, outer) or (av[2] and _check(av[2], pattern, outer))
        else:
            found = None
        if found:
            return found
    return None


def _repeats(items) -> bool:
    """Whether a repetition of more than one round stands anywhere inside."""
    for op, av in items:
        if op in _REPEATS or op == sre.POSSESSIVE_REPEAT:
            if av[1] > 1 or _repeats(av[2]):
                return True
        elif op == sre.SUBPATTERN and _repeats(av[3]):
            return True
        elif op == sre.BRANCH and any(_repeats(b) for b in av[1]):
            return True
        elif op in (sre.ASSERT, sre.ASSERT_NOT) and _repeats(av[1]):
            return True
        elif op == sre.ATOMIC_GROUP and _repeats(av):
            return True
    return False


def _runs(body) -> bool:
    """A body made of runs of character classes, each class unlike its neighbours (the
    last unlike the first), splits text one way only: `(?:\\.\\d+)*`, `(?:\\s+\\S+)+`.
    Repeating it cannot backtrack without bound, whatever repeats inside."""
    classes = []
    for op, av in _flat(body):
        if op == sre.AT:
            continue
        if op in _REPEATS or op == sre.POSSESSIVE_REPEAT:
            if av[0] < 1 or len(av[2]) != 1 or av[2][0][0] not in _SINGLE:
                return False
            op, av = av[2][0]
        elif op not in _SINGLE:
            return False
        classes.append(frozenset(ch for ch in _SAMPLE if _matches_one(op, av, ch)))
    pairs = zip(classes, classes[1:] + classes[:1], strict=True)
    return len(classes) > 1 and all(not (a & b) for a, b in pairs)


def _flat(items):
    for op, av in items:
        if op == sre.SUBPATTERN:
            yield from _flat(av[3])
        else:
            yield op, av


def _overlapping_branches(body, pattern: str) -> str | None:
    """Alternatives repeated without bound must start differently: `(a|a)*b` on a long
    run of a's tries every split (an empty alternative starts like anything)."""
    for op, av in _flat(body):
        if op == sre.BRANCH:
            firsts = [_first_chars(branch) for branch in av[1]]
            for i, first in enumerate(firsts):
                for other in firsts[i + 1 :]:
                    if first & other:
                        return _describe("alternatives that start alike, repeated", pattern)
    return None


def _first_chars(items) -> frozenset[str]:
    """Sample characters a sequence can start with (all of them when it can be empty)."""
    chars: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: the next item decides
        if op == sre.SUBPATTERN:
            inner = _first_chars(av[3])
        elif op == sre.ATOMIC_GROUP:
            inner = _first_chars(av)
        elif op == sre.BRANCH:
            inner = frozenset().union(*(_first_chars(b) for b in av[1]))
        elif op in _REPEATS or op == sre.POSSESSIVE_REPEAT:
            inner = _first_chars(av[2])
            if av[0] == 0:
                chars |= inner
                continue  # may be skipped: what follows can start too
        else:
            inner = frozenset(ch for ch in _SAMPLE if _matches_one(op, av, ch))
        return frozenset(chars | inner)
    return frozenset(_SAMPLE)


def _matches_one(op, av, ch: str) -> bool:
    if op == sre.LITERAL:
        return ch == chr(av)
    if op == sre.NOT_LITERAL:
        return ch != chr(av)
    if op == sre.ANY:
        return ch != "\n"
    if op == sre.IN:
        negate = any(o == sre.NEGATE for o, _ in av)
        hit = any(_in_item(o, a, ch) for o, a in av if o != sre.NEGATE)
        return hit != negate
    if op == sre.CATEGORY:
        return _CATEGORIES.get(av, lambda c: True)(ch)
    return True  # anything else (a back-reference): assume it may match


def _in_item(op, av, ch: str) -> bool:
    if op == sre.LITERAL:
        return ch == chr(av)
    if op == sre.RANGE:
        return av[0] <= ord(ch) <= av[1]
    if op == sre.CATEGORY:
        return _CATEGORIES.get(av, lambda c: True)(ch)
    return True


_SINGLE = (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN, sre.CATEGORY)
_CATEGORIES = {
    sre.CATEGORY_DIGIT: str.isdigit,
    sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _describe(construct: str, pattern: str) -> str:
    shown = pattern if len(pattern) <= 60 else pattern[:57] + "…"
    return f"{construct} can take exponential time ({shown!r}); bound it or rewrite it"
