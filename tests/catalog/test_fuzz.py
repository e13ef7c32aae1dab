"""Hypothesis mutates a valid catalog's text; the loader must never crash."""

import datetime as dt
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalog.load import load_catalog
from planner.catalog.model import Catalog
from planner.catalog.problems import CatalogError

from .conftest import SMALL

TEXT = (SMALL / "catalog.toml").read_text()
LINES = TEXT.splitlines()

VALUES = st.sampled_from([
    '""', '"x"', "0", "-1", "99", "1.5", "true", "[]", "{}", "[1, 2]", '["a"]', "{ a = 1 }",
    "2026-01-01", "2026-01-01T10:00:00", '"orchestraton"', '"data_validation"', '"BUSL-1.1"',
    '"self-hostd"', "inf", "nan", '"""multi\nline"""',
])
JUNK = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)


@st.composite
def mutated(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "value", "junk", "swap", "header"]))
        line = lines[index]
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "value" and "=" in line:
            lines[index] = line.split("=", 1)[0] + "= " + draw(VALUES)
        elif action == "junk":
            lines[index] = line + draw(JUNK)
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "header":
            lines.insert(index, draw(st.sampled_from(
                ["[[capability]]", "[[capability.level]]", "[catalog]", "[scale]", "[[dependency]]",
                 "[[framework.level]]", "[[option]]", "[[estimate]]", "[unknown]"])))
        if not lines:
            lines = [""]
    return "\n".join(lines) + "\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutations_never_crash_the_loader(tmp_path_factory, text):
    directory = tmp_path_factory.mktemp("fuzz")
    (directory / "catalog.toml").write_text(text, encoding="utf-8")
    try:
        result = load_catalog(directory)
    except CatalogError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file.endswith("catalog.toml") and problem.message
            assert 0 <= problem.line <= len(text.splitlines()) + 1
    else:
        assert isinstance(result, Catalog)
    shutil.rmtree(directory)
