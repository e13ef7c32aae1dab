"""A workshop session: where the room is in the agenda, what it skipped, the open vote
round, and the timers. Edits go through `edits` (so they are saved and undoable); the
session itself keeps only what the room is doing right now."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, Signal

from ...assessment.scoring import consensus
from ...assessment.workshop import Round, SessionRecord, agenda
from .. import edits

CAPABILITY, SUMMARY, MEANING = "capability", "summary", "meaning"


@dataclass
class OpenRound:
    """Votes as the facilitator types them; hidden from the room until revealed."""

    named: dict[str, int] = field(default_factory=dict)
    counts: dict[int, int] = field(default_factory=dict)
    order: list[tuple[str, int]] = field(default_factory=list)  # to take back the last vote
    revealed: bool = False

    def round(self) -> Round:
        return Round(dict(self.named), dict(self.counts))


class WorkshopSession(QObject):
    changed = Signal()

    def __init__(self, document, session_minutes: int = 120, capability_minutes: int = 4, clock=time.monotonic,
                 parent=None):
        super().__init__(parent)
        self.document = document
        self.agenda = agenda(document.catalog)
        self.index = 0
        self.screen = CAPABILITY
        self.skipped: set[str] = set()
        self._scores: dict[str, list[tuple[int, object]]] = {}  # capability -> its scores' places on the undo stack
        self.rounds: dict[str, OpenRound] = {}
        self.session_minutes = session_minutes  # 0: no session timer
        self.capability_minutes = capability_minutes  # 0: no timebox per capability
        self.since = document.stamp()  # as the plan stamps its notes, to find this session's
        self._clock = clock
        self._session_used = 0.0
        self._capability_used: dict[str, float] = {}
        self._since: float | None = clock()  # running since; None: paused
        document.changed.connect(self.changed)

    def close(self) -> None:
        """Stop listening to the document (the workshop is closed)."""
        try:
            self.document.changed.disconnect(self.changed)
        except (RuntimeError, TypeError):  # the document went first
            pass

    # -- where we are -------------------------------------------------------------------

    @property
    def capability(self):
        return self.document.catalog.capability(self.agenda[self.index])

    def go(self, index: int) -> None:
        self._tick()
        self.index = max(0, min(index, len(self.agenda) - 1))
        self.screen = CAPABILITY
        self.changed.emit()

    def next(self) -> None:
        if self.screen != CAPABILITY:
            self.show_screen(MEANING if self.screen == SUMMARY else SUMMARY)
        elif self.index + 1 < len(self.agenda):
            self.go(self.index + 1)
        elif self.skipped:
            self.back_to_skipped()
        else:
            self.show_screen(SUMMARY)

    def previous(self) -> None:
        if self.screen == MEANING:
            self.show_screen(SUMMARY)
        elif self.screen == SUMMARY:
            self.go(self.index)
        else:
            self.go(self.index - 1)

    def next_dimension(self, step: int = 1) -> None:
        """Page Down: the first capability of the next dimension (Page Up: of this one,
        or of the previous one when already at its first)."""
        dims = [self.document.catalog.capability(c).dimension for c in self.agenda]
        here = dims[self.index]
        if step > 0:
            later = [i for i in range(self.index + 1, len(dims)) if dims[i] != here]
            self.go(later[0]) if later else self.show_screen(SUMMARY)
            return
        start = self.index
        while start > 0 and dims[start - 1] == here:
            start -= 1
        if start == self.index and start > 0:
            start -= 1
            while start > 0 and dims[start - 1] == dims[self.index - 1]:
                start -= 1
        self.go(start)

    def skip(self) -> None:
        self.skipped.add(self.agenda[self.index])
        self.next()

    def back_to_skipped(self) -> None:
        waiting = [i for i, cap in enumerate(self.agenda) if cap in self.skipped]
        if waiting:
            self.go(waiting[0])

    def show_screen(self, screen: str) -> None:
        self._tick()
        self.screen = screen
        self.changed.emit()

    # -- scoring ------------------------------------------------------------------------

    @property
    def done(self) -> set[str]:
        """The capabilities scored in this session whose score still stands: an undo
        takes one back out unless an earlier score of it stands (the header counted it
        still), a redo puts it back."""
        stack = self.document.undo_stack
        return {cap for cap, places in self._scores.items()
                if any(stack.index() >= index and stack.command(index - 1) is command for index, command in places)}

    def _settled(self) -> None:
        cap = self.agenda[self.index]
        stack = self.document.undo_stack
        self._scores.setdefault(cap, []).append((stack.index(), stack.command(stack.index() - 1)))
        self.skipped.discard(cap)
        self.rounds.pop(cap, None)

    def set_level(self, level: int) -> bool:
        cap = self.capability
        if not cap.min_level <= level <= cap.max_level:
            self.document.error.emit(f"{cap.name} has levels {cap.min_level} to {cap.max_level}.")
            return False
        if edits.set_level(self.document, cap.id, level):
            self._settled()
            self.changed.emit()
            return True
        return False

    def set_not_applicable(self, reason: str) -> bool:
        if edits.set_not_applicable(self.document, self.capability.id, True, reason):
            self._settled()
            self.changed.emit()
            return True
        return False

    def add_note(self, text: str) -> bool:
        return edits.add_evidence(self.document, self.capability.id, text)

    # -- vote rounds --------------------------------------------------------------------

    @property
    def round(self) -> OpenRound | None:
        return self.rounds.get(self.agenda[self.index]) if self.screen == CAPABILITY else None

    def start_round(self) -> None:
        self.rounds[self.agenda[self.index]] = OpenRound()
        self.changed.emit()

    def vote(self, level: int, name: str = "") -> bool:
        cap, open_round = self.capability, self.round
        if open_round is None or open_round.revealed:
            return False
        if not cap.min_level <= level <= cap.max_level:
            self.document.error.emit(f"{cap.name} has levels {cap.min_level} to {cap.max_level}.")
            return False
        name = name.strip()
        if name:
            if name in open_round.named:
                open_round.order.remove((name, open_round.named[name]))
            open_round.named[name] = level
        else:
            open_round.counts[level] = open_round.counts.get(level, 0) + 1
        open_round.order.append((name, level))
        self.changed.emit()
        return True

    def take_back_vote(self) -> None:
        open_round = self.round
        if open_round is None or open_round.revealed or not open_round.order:
            return
        name, level = open_round.order.pop()
        if name:
            del open_round.named[name]
        else:
            open_round.counts[level] -= 1
            if not open_round.counts[level]:
                del open_round.counts[level]
        self.changed.emit()

    def reveal(self) -> bool:
        """Show the round to the room and keep its votes (and a note of the result) in the
        plan."""
        open_round = self.round
        if open_round is None or open_round.revealed:
            return False
        if edits.vote_round(self.document, self.capability.id, open_round.round()):
            open_round.revealed = True
            self.changed.emit()
            return True
        return False

    def accept(self) -> bool:
        """Take the revealed round's median as the level."""
        open_round = self.round
        result = consensus(open_round.round().votes()) if open_round and open_round.revealed else None
        if result is None:
            self.document.error.emit("Reveal a vote round first (V to start one, R to reveal).")
            return False
        return self.set_level(result.level)

    # -- time ---------------------------------------------------------------------------

    def _tick(self) -> None:
        if self._since is None:
            return
        now = self._clock()
        spent = now - self._since
        self._since = now
        self._session_used += spent
        if self.screen == CAPABILITY:
            cap = self.agenda[self.index]
            self._capability_used[cap] = self._capability_used.get(cap, 0.0) + spent

    @property
    def paused(self) -> bool:
        return self._since is None

    def toggle_pause(self) -> None:
        if self._since is None:
            self._since = self._clock()
        else:
            self._tick()
            self._since = None
        self.changed.emit()

    def set_timebox(self, session_minutes: int, capability_minutes: int) -> bool:
        """The session's length and each capability's timebox in minutes; 0 turns a timer
        off (the time spent is still shown)."""
        if not (0 <= session_minutes <= 24 * 60 and 0 <= capability_minutes <= 24 * 60):
            self.document.error.emit("Timers take 0 to 1440 minutes (0 turns a timer off).")
            return False
        self.session_minutes, self.capability_minutes = session_minutes, capability_minutes
        self.changed.emit()
        return True

    def minutes_used(self) -> float:
        self._tick()
        return self._session_used / 60

    def minutes_left(self) -> float:
        return self.session_minutes - self.minutes_used()

    def capability_seconds(self) -> float:
        self._tick()
        return self._capability_used.get(self.agenda[self.index], 0.0)

    def progress_text(self) -> str:
        """ "14 of 32 capabilities · 12 scored in this session · 2 skipped · 38 min left".
        Scored: given a level (or marked not applicable) by the room in this session; the
        slide says the same of its capability (`scored_here`)."""
        if self.session_minutes:
            left = self.minutes_left()
            clock = f"{left:.0f} min left" if left >= 0 else f"{-left:.0f} min over time"
        else:
            clock = f"{self.minutes_used():.0f} min so far"
        parts = [f"{self.index + 1} of {len(self.agenda)} capabilities", f"{len(self.done)} scored in this session"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        parts.append(clock + (" (paused)" if self.paused else ""))
        return " · ".join(parts)

    def scored_here(self, capability: str) -> str:
        """Where a capability's level comes from, in the header's words."""
        return "scored in this session" if capability in self.done else "set before this session"

    def next_up(self) -> str:
        """What comes after this screen, for the presenter: a capability's name, or the
        wrap-up."""
        if self.screen != CAPABILITY:
            return "" if self.screen == MEANING else "What this means"
        later = self.agenda[self.index + 1:] or [c for c in self.agenda if c in self.skipped
                                                  and c != self.agenda[self.index]][:1]
        if not later:
            return "Wrap-up"
        return self.document.catalog.capability(later[0]).name

    def record(self) -> SessionRecord:
        """The session so far, for the workshop's report."""
        return SessionRecord(date.today(), self.since, tuple(c for c in self.agenda if c in self.done),
                             tuple(c for c in self.agenda if c in self.skipped), round(self.minutes_used(), 1))

    def capability_clock(self) -> tuple[str, bool]:
        """ "This capability 2:41 of 4:00" and whether its timebox is over (the header has
        the session's clock: the two must not be confused)."""
        seconds = self.capability_seconds()
        text = f"This capability {int(seconds // 60)}:{int(seconds % 60):02d}"
        if not self.capability_minutes:
            return text, False
        return f"{text} of {self.capability_minutes}:00", seconds > self.capability_minutes * 60
