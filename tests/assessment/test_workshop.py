"""The workshop's core, without Qt: agenda order, dependencies in words, vote rounds,
team imports and team disagreement."""

from __future__ import annotations

import pytest

from planner.assessment.model import Vote
from planner.assessment.workshop import (Round, agenda, most_disagreement, needed_by_in_words, needs_in_words,
                                         stale_anonymous, team_splits)
from planner.catalog.load import load_catalog
from planner.resources import bundled_catalog_dir
from planner.store.exchange import team_rows
from planner.store.planfile import PlanFileError


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(bundled_catalog_dir())


def test_the_agenda_walks_dimension_by_dimension_through_every_capability(catalog):
    order = agenda(catalog)
    assert sorted(order) == sorted(c.id for c in catalog.capabilities)
    dims = [catalog.capability(c).dimension for c in order]
    blocks = [d for i, d in enumerate(dims) if i == 0 or dims[i - 1] != d]
    assert blocks == [d.id for d in catalog.dimensions if d.id in dims]  # each dimension once, in catalog order


def test_dependencies_in_words_name_the_levels(catalog):
    dep = next(d for d in catalog.dependencies if not d.optional)
    need = catalog.capability(dep.needs).name
    assert f"Level {dep.level} needs {need} at level {dep.needs_level}" in needs_in_words(catalog, dep.capability)
    user = catalog.capability(dep.capability).name
    assert f"{user} at level {dep.level} needs level {dep.needs_level}" in needed_by_in_words(catalog, dep.needs)
    optional = next(d for d in catalog.dependencies if d.optional)
    assert any(line.endswith("(recommended)") for line in needs_in_words(catalog, optional.capability))


def test_a_round_numbers_anonymous_votes_and_sums_itself_up():
    round_ = Round({"Anja": 3}, {1: 2, 2: 1})
    assert [(v.participant, v.level) for v in round_.votes()] == [
        ("Anja", 3), ("Anonymous 1", 1), ("Anonymous 2", 1), ("Anonymous 3", 2)]
    assert round_.size == 4
    assert round_.summary() == ("Vote round: 4 votes, 2 at 1, 1 at 2, 1 at 3 (Anja 3); median 1.5, spread 2; "
                                "the room disagrees (2 or more levels apart)")
    assert Round({}, {}).summary() == "Vote round: no votes"


def test_a_smaller_round_leaves_no_stale_anonymous_votes():
    earlier = (Vote("Anonymous 1", 1), Vote("Anonymous 2", 1), Vote("Anonymous 3", 2), Vote("Anja", 2))
    assert stale_anonymous(earlier, Round({}, {3: 1}).votes()) == ["Anonymous 2", "Anonymous 3"]


def test_team_splits_compare_team_medians_widest_first():
    votes = {"a": (Vote("Berlin / x", 1), Vote("Berlin / y", 2), Vote("Munich / z", 4)),
             "b": (Vote("Berlin / x", 2), Vote("Munich / z", 2)),
             "c": (Vote("Berlin / x", 2), Vote("Anja", 0))}  # one team only: no split
    splits = team_splits(votes)
    assert [(s.capability, dict(s.medians), s.disagreement) for s in splits] == [
        ("a", {"Berlin": 1.5, "Munich": 4.0}, True), ("b", {"Berlin": 2.0, "Munich": 2.0}, False)]
    assert most_disagreement(votes) == [("a", 3), ("c", 2)]


def test_team_rows_rename_participants_and_turn_team_scores_into_votes():
    rows = [(2, {"assessment": "Theirs", "capability": "a", "participant": "Anja", "level": "2"}),
            (3, {"assessment": "Theirs", "capability": "a", "level": "3"}),  # voted on: their score is not added
            (4, {"assessment": "Theirs", "capability": "b", "level": "1"}),
            (5, {"assessment": "Theirs", "capability": "c", "note": "evidence only"})]
    out, skipped = team_rows(rows, " Berlin ", "Ours")
    assert [(n, r["assessment"], r["participant"], r["level"]) for n, r in out] == [
        (2, "Ours", "Berlin / Anja", "2"), (4, "Ours", "Berlin / team score", "1")]
    assert skipped == 2
    for bad in ("", "  ", "A / B"):
        with pytest.raises(PlanFileError, match="cannot name a team"):
            team_rows(rows, bad, "Ours")


def test_team_rows_read_one_assessment_of_a_file_with_several():
    rows = [(2, {"assessment": "Baseline", "capability": "a", "level": "1"}),
            (3, {"assessment": "Ours", "capability": "a", "level": "3"}),
            (4, {"assessment": "Baseline", "capability": "b", "level": "2"})]
    out, skipped = team_rows(rows, "Berlin", "Ours")  # the same name as ours wins
    assert [(n, r["capability"], r["level"]) for n, r in out] == [(3, "a", "3")] and skipped == 2
    out, skipped = team_rows(rows, "Berlin", "Elsewhere")  # else the file's first
    assert [(n, r["capability"]) for n, r in out] == [(2, "a"), (4, "b")] and skipped == 1


def test_what_needs_a_capability_is_listed_in_full_with_recommended_marked(catalog):
    users = sorted((d for d in catalog.dependencies if d.needs == "ci"), key=lambda d: (d.needs_level, d.capability))
    assert any(d.optional for d in users)
    assert needed_by_in_words(catalog, "ci") == [
        f"{catalog.capability(d.capability).name} at level {d.level} needs level {d.needs_level}"
        + (" (recommended)" if d.optional else "") for d in users]


def test_round_votes_carry_their_notes_and_summaries_word_agreement_and_names():
    votes = Round({"Anja": 2}, {2: 1}).votes()
    assert [(v.participant, v.level, v.note) for v in votes] == [
        ("Anja", 2, "workshop vote"), ("Anonymous 1", 2, "workshop vote, anonymous")]
    assert Round({}, {2: 2, 3: 1}).summary() == "Vote round: 3 votes, 2 at 2, 1 at 3; median 2, spread 1"
    assert Round({"Anja": 1, "Ben": 2}, {}).summary() == "Vote round: 2 votes, 1 at 1, 1 at 2 (Anja 1, Ben 2); median 1.5, spread 1"


def test_a_team_is_what_stands_before_the_first_separator():
    from planner.assessment.workshop import team_of

    assert team_of("Team Berlin / Anja / Data") == "Team Berlin"
    assert team_of("Anja") is None


def test_most_disagreement_ranks_by_spread_then_name_and_keeps_five():
    def votes(*levels):
        return tuple(Vote(f"p{i}", level) for i, level in enumerate(levels))

    spread = {"z": votes(0, 3), "a": votes(1, 2), "m": votes(2, 3), "b": votes(1, 3), "c": votes(0, 1), "d": votes(2, 3),
              "same": votes(2, 2)}
    assert most_disagreement(spread) == [("z", 3), ("b", 2), ("a", 1), ("c", 1), ("d", 1)]
    assert most_disagreement(spread, limit=7) == [("z", 3), ("b", 2), ("a", 1), ("c", 1), ("d", 1), ("m", 1)]


def test_a_note_kept_again_later_is_said_once_as_its_newest_copy():
    from planner.assessment.model import Evidence
    from planner.assessment.notes import distinct

    notes = (Evidence("a", "Baseline: Analysts check row counts by eye."), Evidence("b", "Other note"),
             Evidence("c", "analysts check  row counts by eye"), Evidence("d", "Q3 review: Other note."))
    assert [n.id for n in distinct(notes)] == ["c", "d"]
    assert [n.id for n in distinct(notes[:2])] == ["a", "b"]
