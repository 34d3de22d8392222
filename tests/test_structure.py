"""The house stays changeable: no import circle between the project's modules (imports
inside functions count too), no file over 450 lines, no function over 60 lines, and a
short entry point."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from etl import paths

PACKAGES = ("etl", "dashboard")
SIZED = ("etl", "dashboard")  # the packages whose files and functions are held to the limits
MAX_FILE = 450
MAX_FUNCTION = 60


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((paths.ROOT / package).rglob("*.py")):
            parts = path.relative_to(paths.ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(path: Path, known: set[str]) -> set[str]:
    """The project modules a file imports, anywhere in it."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        out |= {n for n in names if n in known}
    return out


def test_no_import_circle():
    mods = modules()
    graph = {name: imports(path, set(mods)) - {name} for name, path in mods.items()}
    state: dict[str, int] = {}
    circle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circle.extend(
                    trail[trail.index(nxt) :] + [node, nxt] if nxt in trail else [node, nxt]
                )
                return True
            if state.get(nxt) is None and visit(nxt, trail + [node]):
                return True
        state[node] = 2
        return False

    for name in sorted(graph):
        if state.get(name) is None and visit(name, []):
            break
    # a package imports its own modules in __init__: not a circle of the code's layers
    assert not circle, " -> ".join(circle)


def sized() -> list[str]:
    return sorted(n for n in modules() if n.split(".")[0] in SIZED)


@pytest.mark.parametrize("name", sized())
def test_no_file_is_over_450_lines(name):
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_FILE, f"{name}: {lines} lines"


@pytest.mark.parametrize("name", sized())
def test_no_function_is_over_60_lines(name):
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION
    ]
    assert not long, f"{name}: {', '.join(long)}"


def test_the_entry_point_is_short():
    """app.py sets up what every page shares; the pages live in dashboard/pages.py."""
    lines = (paths.ROOT / "dashboard" / "app.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 120, f"dashboard/app.py: {lines} lines"


def test_ui_words_live_in_strings_not_in_css():
    """CSS that shows words (`content:"…"`) takes them from dashboard/strings.py."""
    import re

    for path in (paths.ROOT / "dashboard").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found = re.findall(r'content:\s*"([^"$][^"]*)"', text)
        assert not [w for w in found if re.search(r"[A-Za-zÄÖÜäöüß]", w)], (path.name, found)
