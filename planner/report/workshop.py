"""The report's workshop section: what the room voted, where it disagreed, where teams
scoring on separate laptops differ, and the notes taken on the day. It appears only in a
workshop's export (ReportData.workshop set). All text is escaped by the components."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, PageBreak

from ..assessment.scoring import DISAGREEMENT_SPREAD
from ..assessment.workshop import ANONYMOUS, agenda, most_disagreement, round_rows, tally_in_words, team_splits
from .components import fraction_widths, gap, heading, para, table
from .data import ReportData

NOTES_LISTED = 30  # notes of the session listed before "and N more"


def workshop_results(data: ReportData, width: float, toc, st) -> list:
    record = data.workshop
    if record is None:
        return []
    catalog, scale = data.catalog, data.catalog.scale
    names = {cap.id: cap.name for cap in catalog.capabilities}
    assessment = data.state.assessment(data.scores.assessment)
    votes = assessment.votes
    order = agenda(catalog)
    rows = round_rows(votes, order)
    out = [PageBreak(), heading("Workshop results"), para(_facts(record, rows, votes, names, len(order)))]
    out.append(para("Votes stayed hidden until each round was revealed, so nobody anchored on the first voice. "
                    "The median is the room's consensus; votes two or more levels apart are flagged as "
                    "disagreement. The level set is what the facilitator recorded after discussion.", "muted"))
    if rows:
        cells = []
        for cap_id, tally, result in rows:
            now = data.scores.current.get(cap_id)
            cells.append([names.get(cap_id, cap_id),
                          tally_in_words(tally),
                          f"{result.median:g}", str(result.spread),
                          "n/a" if now is None else f"{now} {scale.name(now)}",
                          "yes" if result.disagreement else ""])
        out += [heading("Votes by capability", 2),
                table(["Capability", "Votes", "Median", "Spread", "Level set", "Disagree"], cells,
                      fraction_widths(width, [3, 2.6, 1, 1, 1.8, 1.1]), bold_first=True)]
    else:
        out.append(para("No vote rounds were held; the levels were set directly."))
    widest = [(cap_id, spread) for cap_id, spread in most_disagreement(votes) if spread >= DISAGREEMENT_SPREAD]
    if widest:
        out += [gap(2), para("Where the room disagreed most: " + "; ".join(
            f"{names.get(cap_id, cap_id)} (votes {spread} levels apart)" for cap_id, spread in widest) + ".")]
    splits = team_splits(votes)
    if splits:
        cells = [[names.get(s.capability, s.capability),
                  ", ".join(f"{team} {median:g}" for team, median in s.medians.items()),
                  f"{s.spread:g}", "yes" if s.disagreement else ""] for s in splits]
        out += [CondPageBreak(120), heading("Where the teams differ", 2),
                para("Teams scored on separate laptops; the facilitator imported their votes. Each team's median, "
                     "the widest splits first."),
                table(["Capability", "Team medians", "Spread", "Disagree"], cells,
                      fraction_widths(width, [3, 4, 1, 1.1]), bold_first=True)]
    notes = _notes_since(assessment, record.since or record.held.isoformat(), order, names)
    if notes:
        shown = notes[:NOTES_LISTED]
        more = [f"and {len(notes) - len(shown)} more (see the appendix)"] if len(notes) > len(shown) else []
        out += [CondPageBreak(100), heading("Notes from the room", 2),
                *[para(line, "small") for line in shown + more]]
    return out


def _facts(record, rows, votes, names, total: int) -> str:
    facts = [f"Held {record.held.isoformat()}"]
    if record.minutes is not None:
        facts.append(f"ran {record.minutes:.0f} minutes")
    if record.scored is not None:
        facts.append(f"{len(record.scored)} of {total} capabilities scored in the session")
    if record.skipped:
        facts.append(f"{len(record.skipped)} left for later ("
                     + ", ".join(names.get(c, c) for c in record.skipped) + ")")
    people = {v.participant for cap_id, _, _ in rows for v in votes[cap_id]
              if not v.participant.startswith(f"{ANONYMOUS} ")}
    count = sum(sum(tally.values()) for _, tally, _ in rows)
    facts.append(f"{count} votes on {len(rows)} capabilities"
                 + (f", {len(people)} participants named" if people else ""))
    return "; ".join(facts) + "."


def _notes_since(assessment, since: str, order, names) -> list[str]:
    """Evidence notes added since the workshop began (ISO timestamps compare as text), in
    agenda order; the vote rounds' own notes are left out (the table holds them)."""
    lines = []
    for cap_id in order:
        entry = assessment.entries.get(cap_id)
        for note in entry.evidence if entry else ():
            if note.added_at >= since and not note.note.startswith("Vote round"):
                lines.append(f"{names.get(cap_id, cap_id)}: {note.note}" + (f" ({note.link})" if note.link else ""))
    return lines
