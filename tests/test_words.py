"""Periods as dates and quarters: the one module every output words them with."""

from datetime import date
from types import SimpleNamespace

from planner import words


def months(start: str):
    return SimpleNamespace(start_date=date.fromisoformat(start), time_unit="month")


def test_a_step_ends_on_the_last_day_of_its_last_period():
    s = months("2027-01-01")
    assert words.first_day(s, 2) == date(2027, 3, 1) and words.last_day(s, 2) == date(2027, 3, 31)
    assert words.last_day(s, 1) == date(2027, 2, 28)
    assert words.span(s, 0, 3) == "Jan 2027 – Mar 2027" and words.span(s, 2, 3) == "Mar 2027"


def test_the_end_of_march_is_in_q1_and_the_first_of_april_in_q2():
    s = months("2027-02-01")
    assert words.quarter(s, 1) == "Q1 2027"  # March: a milestone reached in it is Q1
    assert words.quarter(s, 2) == "Q2 2027"
    assert words.last_day(s, words.last_period(2)) == date(2027, 3, 31)  # finishing at the start of period 2


def test_mid_month_starts_and_weeks():
    s = months("2027-01-31")
    assert words.first_day(s, 1) == date(2027, 2, 28) and words.last_day(s, 0) == date(2027, 2, 27)
    weeks = SimpleNamespace(start_date=date(2027, 3, 29), time_unit="week")
    assert words.last_day(weeks, 0) == date(2027, 4, 4) and words.quarter(weeks, 0) == "Q1 2027"
    assert words.period_label(weeks, 1) == "week of 2027-04-05"
    assert words.period_of(date(2027, 4, 4), weeks.start_date, "week") == 0


def test_money_and_periods():
    assert words.money(1234567.4, "EUR") == "1,234,567 EUR"
    assert words.periods(1, "month") == "1 month" and words.periods(7, "week") == "7 weeks"


def roadmap(objective: float, lower_bound: float, optimal: bool = False, cut: bool = False):
    return SimpleNamespace(objective=objective, lower_bound=lower_bound, optimal=optimal, cut=cut)


def test_a_proven_roadmap_is_the_best_possible_order():
    assert words.proof(roadmap(342, 342, optimal=True)) == "best possible order"
    assert words.proof(roadmap(350, 342, optimal=True)) == "best possible order"  # proven by an exact solver


def test_the_objective_gap_is_rounded_up_so_the_claim_holds():
    """(objective - bound) / bound, on the objective, not on the length: 15.1% is not
    within 15%, so it reads 16%; an exact whole percent reads as itself."""
    assert words.proof(roadmap(1151, 1000)) == "within 16% of the best possible"
    assert words.proof(roadmap(635, 550)) == "within 16% of the best possible"  # 15.45%
    assert words.proof(roadmap(115, 100)) == "within 15% of the best possible"
    assert words.proof(roadmap(6.9, 6)) == "within 15% of the best possible"  # 15.000000000000005 in floats
    assert words.proof(roadmap(115.001, 100)) == "within 16% of the best possible"
    assert words.proof(roadmap(100.5, 100)) == "within 1% of the best possible"


def test_without_a_positive_bound_no_percentage_is_claimed():
    assert words.proof(roadmap(120, 0)) == "not known how close to the best possible"
    assert words.proof(roadmap(120, float("-inf"))) == "not known how close to the best possible"
    assert words.proof(roadmap(1, 0.5)) == "within 100% of the best possible"  # a bound, however weak


def test_a_roadmap_cut_by_the_time_guard_says_so_first():
    assert words.proof(roadmap(115, 100, cut=True)) == (
        "the time guard stopped the search early, so this roadmap may differ on another machine; "
        "within 15% of the best possible")


def test_no_text_the_app_shows_draws_an_arrow_in_ascii():
    """Arrows are drawn as → in every string the views, the PDF and the CLI show (here:
    every string literal under planner/ that is not a docstring)."""
    import ast
    from pathlib import Path

    found = []
    for path in sorted((Path(words.__file__).parent).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        scopes = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        docstrings = {id(node.body[0].value) for node in ast.walk(tree) if isinstance(node, scopes) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        found += [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and "->" in node.value
                  and id(node) not in docstrings]
    assert found == []


def test_a_count_agrees_with_its_noun_and_a_framework_level_reads_once():
    assert [words.count(n, "vote") for n in (0, 1, 2)] == ["0 votes", "1 vote", "2 votes"]
    assert words.framework_level("Google Cloud MLOps levels", 1) == "Google Cloud MLOps level 1"
    assert words.framework_level("Microsoft MLOps maturity model", 4) == "Microsoft MLOps maturity model level 4"
    assert words.framework_level("Five-stage maturity", 2) == "Five-stage maturity level 2"


def test_csv_cells_quote_what_could_run_as_a_formula_but_not_the_apps_numbers():
    from planner.csvcells import safe, unsafe

    assert [safe(v) for v in (-6, -0.5, 3, 0.0)] == ["-6", "-0.5", "3", "0.0"]  # numbers stay numbers
    for text in ("-6", "=1+1", "+cmd", "@SUM(A1)", "\tx", "-2+3+cmd|' /C calc'!A0"):  # text from users stays text
        assert safe(text) == "'" + text and unsafe(safe(text)) == text
    assert safe(None) == "" and safe(True) == "True" and safe("plain") == "plain"
