"""Every class of bad catalog input gives FILE:LINE: message with a hint, all at once."""

from pathlib import Path

import pytest

from planner.catalog.load import load_catalog
from planner.catalog.problems import CatalogError


def edit(path: Path, old: str, new: str, nth: int = 0) -> int:
    """Replace the `nth` occurrence of `old` in the file; return its 1-based line."""
    text = path.read_text()
    start = -1
    for _ in range(nth + 1):
        start = text.index(old, start + 1)
    path.write_text(text[:start] + new + text[start + len(old):])
    return text[:start].count("\n") + 1


def problems(directory: Path):
    with pytest.raises(CatalogError) as info:
        load_catalog(directory)
    return info.value.problems


def only(found, fragment: str):
    matching = [p for p in found if fragment in p.message]
    assert matching, f"no problem mentions {fragment!r}: {[str(p) for p in found]}"
    return matching[0]


def test_the_small_example_is_valid(small_dir):
    catalog = load_catalog(small_dir)
    assert catalog.scale.first == 1 and catalog.scale.last == 4
    assert [c.id for c in catalog.capabilities] == ["data_validation", "orchestration", "continuous_training"]


def test_toml_syntax_error_names_line_and_column(small_dir):
    file = small_dir / "catalog.toml"
    line = edit(file, 'title = "Small example catalog"', 'title = "Small example catalog')
    (problem,) = problems(small_dir)
    assert problem.file.endswith("catalog.toml")
    assert problem.line == line
    assert problem.message.startswith("TOML syntax error, column")
    assert problem.hint


def test_missing_key(small_dir):
    file = small_dir / "catalog.toml"
    edit(file, 'summary = "A DAG engine that runs pipeline steps."\n', "")
    line = next(i for i, text in enumerate(file.read_text().splitlines(), 1) if 'id = "orchestration"' in text) - 1
    problem = only(problems(small_dir), "lacks the required key 'summary'")
    assert problem.line == line  # the [[capability]] header
    assert "capability 'orchestration'" in problem.message
    assert "summary =" in problem.hint


def test_unknown_key_suggests_the_right_one(small_dir):
    line = edit(small_dir / "catalog.toml", 'tags = ["technology"]', 'tgas = ["technology"]')
    problem = only(problems(small_dir), "unknown key 'tgas'")
    assert (problem.file.endswith("catalog.toml"), problem.line) == (True, line)
    assert problem.hint == "did you mean 'tags'?"


def test_wrong_type_with_a_fix(small_dir):
    line = edit(small_dir / "catalog.toml", "needs_level = 3", 'needs_level = "3"')
    problem = only(problems(small_dir), "'needs_level' must be an integer, not the string '3'")
    assert problem.line == line
    assert problem.hint == "write the number without quotes: needs_level = 3"


def test_duplicate_id_points_at_the_first(small_dir):
    file = small_dir / "catalog.toml"
    first = edit(file, 'id = "orchestration"', 'id = "orchestration"')
    line = edit(file, 'id = "continuous_training"', 'id = "orchestration"')
    problem = only(problems(small_dir), "duplicate capability 'orchestration'")
    assert problem.line == line
    assert f"catalog.toml:{first}" in problem.message


def test_dangling_reference_with_did_you_mean(small_dir):
    line = edit(small_dir / "catalog.toml", 'needs = "data_validation"', 'needs = "data_validaton"')
    problem = only(problems(small_dir), "unknown capability 'data_validaton'")
    assert problem.line == line
    assert problem.hint == "did you mean 'data_validation'?"


def test_dependency_cycle_is_printed_as_a_path(small_dir):
    file = small_dir / "catalog.toml"
    file.write_text(file.read_text() + """
[[dependency]]
capability = "orchestration"
level = 2
needs = "continuous_training"
needs_level = 3
reason = "made up to close a loop"
source = "GC"
""")
    lines = file.read_text().splitlines()
    line = len(lines) - lines[::-1].index("[[dependency]]")
    (problem,) = problems(small_dir)
    assert problem.line == line
    assert problem.message == (
        "dependency cycle: orchestration@2 needs continuous_training@3 needs "
        "orchestration@3 needs orchestration@2"
    )
    assert "qualify" in problem.hint


def test_level_outside_the_scale(small_dir):
    line = edit(small_dir / "catalog.toml", "level = 3\nneeds", "level = 9\nneeds")
    problem = only(problems(small_dir), "level 9 is outside the scale 1-4")
    assert problem.line == line
    assert problem.hint == "use a level from 1 to 4"


def test_framework_level_requiring_a_level_the_capability_lacks(small_dir):
    line = edit(small_dir / "catalog.toml", '{ capability = "data_validation", level = 3 }',
                '{ capability = "data_validation", level = 4 }')
    problem = only(problems(small_dir), "capability 'data_validation' has no level 4")
    assert problem.line == line
    assert "framework 'google', level 1" in problem.message


def test_option_covering_an_unknown_capability(small_dir):
    line = edit(small_dir / "catalog.toml", "covers = { orchestration = 3,", "covers = { orchestraton = 3,")
    problem = only(problems(small_dir), "option 'airflow': unknown capability 'orchestraton'")
    assert problem.line == line
    assert problem.hint == "did you mean 'orchestration'?"


def test_source_available_licence_is_not_open_source(small_dir):
    line = edit(small_dir / "catalog.toml", 'licence = "Apache-2.0"\nopen_source = true',
                'licence = "BUSL-1.1"\nopen_source = true')
    problem = only(problems(small_dir), "licence 'BUSL-1.1' is source-available, not open source")
    assert problem.line == line + 1
    assert problem.hint == "set open_source = false"


def test_enum_value_typo(small_dir):
    line = edit(small_dir / "catalog.toml", 'hosting = ["self-hosted"]', 'hosting = ["self-hostd"]')
    problem = only(problems(small_dir), "hosting 'self-hostd' is not allowed")
    assert problem.line == line
    assert problem.hint == "did you mean 'self-hosted'?"


def test_every_problem_is_reported_at_once_across_files(small_dir):
    edit(small_dir / "catalog.toml", 'tags = ["technology"]', 'tgas = ["technology"]')
    extra = small_dir / "more.toml"
    extra.write_text('[[option]]\nid = "x"\nname = "X"\nvendor = "V"\nlicence = "MIT"\nopen_source = true\n'
                     'hosting = ["saas"]\nstatus = "active"\nstatus_as_of = 2026-01-01\n'
                     'covers = { feature_store = 2 }\n')
    found = problems(small_dir)
    assert {Path(p.file).name for p in found} == {"catalog.toml", "more.toml"}
    assert any(p.line == 10 and "feature_store" in p.message for p in found)


def test_a_broken_capability_is_not_reported_again_as_dangling(small_dir):
    edit(small_dir / "catalog.toml", 'dimension = "data"\n', "")
    found = problems(small_dir)
    assert len(found) == 1, [str(p) for p in found]


def test_missing_directory_and_empty_directory(tmp_path):
    (problem,) = problems(tmp_path / "nope")
    assert "does not exist" in problem.message
    (problem,) = problems(tmp_path)
    assert "holds no .toml files" in problem.message


def test_not_utf8(small_dir):
    (small_dir / "latin1.toml").write_bytes(b'# ok\n# caf\xe9\n')
    problem = only(problems(small_dir), "not UTF-8")
    assert problem.line == 2


def test_unsupported_format_version(small_dir):
    line = edit(small_dir / "catalog.toml", "format = 1", "format = 99")
    problem = only(problems(small_dir), "catalog format 99 is not supported")
    assert problem.line == line


def test_nan_inf_and_absurd_figures_are_refused_where_they_are_written(small_dir):
    """TOML accepts nan, inf and 1e308; each would poison every total downstream."""
    path = small_dir / "catalog.toml"
    effort = edit(path, "effort = { platform = 3, ml_engineering = 2 }", "effort = { platform = 1e308, ml_engineering = nan }")
    operating = edit(path, "operating_weeks_per_year = 4", "operating_weeks_per_year = -inf")
    lead = edit(path, "lead_time_weeks = 4", "lead_time_weeks = inf\nlicence_per_year = nan")
    found = problems(small_dir)
    assert only(found, "effort of 'platform' is implausibly large (1e+308)").line == effort
    assert only(found, "effort of 'ml_engineering' is not a number (nan)").line == effort
    assert only(found, "'operating_weeks_per_year' is infinite").line == operating
    assert only(found, "'lead_time_weeks' is infinite").line == lead
    assert only(found, "'licence_per_year' is not a number (nan)").line == lead + 1
    assert "give" in only(found, "'licence_per_year'").hint


def test_a_byte_order_mark_is_accepted(small_dir):
    path = small_dir / "catalog.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_catalog(small_dir).capabilities


def test_a_bad_figure_is_reported_with_a_missing_key_of_the_same_estimate(small_dir):
    path = small_dir / "catalog.toml"
    effort = edit(path, "effort = { platform = 3, ml_engineering = 2 }", "effort = { platform = -3, ml_engineering = 2 }")
    edit(path, 'basis = "Estimate: team judgement."\n', "")
    found = problems(small_dir)
    assert "lacks the required key 'basis'" in only(found, "basis").message
    assert only(found, "effort of 'platform' is negative (-3)").line == effort
