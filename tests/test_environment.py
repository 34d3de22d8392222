"""The environment is the locked one: every package that requirements-dev.txt pins is
installed at exactly that version (make test installs from it; requirements.txt, the
runtime lock Streamlit Community Cloud installs, is part of it), and pyproject.toml
declares the same direct dependencies as requirements.in."""

import re
import tomllib
from importlib import metadata

from etl import paths

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)")


def pins(name: str) -> dict[str, str]:
    lines = (paths.ROOT / name).read_text(encoding="utf-8").splitlines()
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


def test_every_locked_package_is_installed_at_its_version():
    locked = pins("requirements-dev.txt")
    assert len(locked) > 50  # a lock, not a list of direct dependencies
    wrong = {}
    for package, version in locked.items():
        try:
            installed = metadata.version(package)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[package] = (version, installed)
    assert not wrong, wrong


def test_the_runtime_lock_is_part_of_the_dev_lock():
    runtime, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert {p: v for p, v in runtime.items() if dev.get(p) != v} == {}


def test_pyproject_declares_the_direct_dependencies():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        PIN.match(d).group(1).lower().replace("_", "-"): PIN.match(d).group(2)
        for d in project["project"]["dependencies"]
    }
    assert declared == pins("requirements.in")
