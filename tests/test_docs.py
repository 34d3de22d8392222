"""The README cannot drift from the code: every table and column of etl/schema.sql and every
module of etl/ and dashboard/ is named in it (as sqlite-utils checks its docs)."""

import re

import pytest

from etl import paths
from etl.store import SCHEMA

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")


def schema_tables() -> dict[str, list[str]]:
    tables = {}
    for name, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\);", SCHEMA.read_text(), re.S):
        columns = []
        for line in body.splitlines():
            line = line.split("--")[0].strip()
            word = line.split(" ")[0] if line else ""
            if word and word.upper() not in ("PRIMARY", "FOREIGN", "UNIQUE", "CHECK"):
                columns.append(word)
        tables[name] = columns
    return tables


def readme_row(first_cell: str) -> str:
    rows = [line for line in README.splitlines() if line.startswith(f"| {first_cell} |")]
    assert rows, f"README has no table row for {first_cell}"
    return rows[0]


def test_the_schema_parser_sees_every_table():
    tables = schema_tables()
    assert len(tables) >= 15 and "text" in tables["pledges"] and "value" in tables["build_info"]


@pytest.mark.parametrize("table", sorted(schema_tables()))
def test_every_table_and_column_is_in_the_readme_data_model(table):
    row = readme_row(f"`{table}`")
    missing = [c for c in schema_tables()[table] if f"`{c}`" not in row]
    assert not missing, f"README data model, table {table}: columns {missing} not described"


def modules(package: str) -> list[str]:
    root = paths.ROOT / package
    return sorted(
        str(p.relative_to(root).with_suffix(""))
        for p in root.rglob("*.py")
        if p.name != "__init__.py" and "__pycache__" not in p.parts
    )


@pytest.mark.parametrize("package", ["etl", "dashboard"])
def test_every_module_is_in_the_readme_layout(package):
    row = readme_row(f"`{package}/`")
    found = modules(package)
    assert len(found) >= 10
    missing = [m for m in found if f"`{m}`" not in row]
    assert not missing, f"README layout row {package}/ does not name {missing}"


def test_the_readme_table_of_data_files_is_made_from_their_specs():
    from etl.datafiles import readme_table

    block = README.split("<!-- data-files:start -->\n")[1].split("<!-- data-files:end -->")[0]
    assert block.strip() == readme_table().strip(), "run `python -m etl files` into README"


def test_every_csv_data_file_has_a_spec_and_every_spec_a_file():
    from etl.datafiles import specs

    files = {p.name for folder in (paths.DATA, paths.GEO) for p in folder.glob("*.csv")}
    folders = {f"{p.parent.name}/*.csv" for p in paths.DATA.glob("*/*.csv")}  # data/reviews
    assert files | folders == set(specs())
