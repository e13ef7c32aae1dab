"""QUndoCommand around a core command: the core command knows how to apply and undo
itself against the plan file; this wrapper only tells the document when.

The document applies a command before pushing it (so a refused edit never reaches the
stack); the stack's first call to `redo()` is therefore skipped. Consecutive edits of
the same thing (a capacity spin box stepped five times) merge into one undo step when
they carry the same `merge_key`.
"""

from __future__ import annotations

import zlib

from PySide6.QtGui import QUndoCommand


class UndoCommand(QUndoCommand):
    def __init__(self, document, command, merge_key: tuple | None = None):
        super().__init__(command.text)
        self.document = document
        self.command = command
        self.merge_key = merge_key
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False  # already applied by the document
            return
        self.document.redo_command(self.command)

    def undo(self) -> None:
        self.document.undo_command(self.command)

    def id(self) -> int:
        if self.merge_key is None:
            return -1
        return zlib.crc32(repr(self.merge_key).encode()) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UndoCommand) or other.merge_key != self.merge_key or self.merge_key is None:
            return False
        mine, theirs = self.command, other.command
        if [(t, k) for t, k, _ in mine._after] != [(t, k) for t, k, _ in theirs._after]:
            return False  # not the same rows: keep them as separate steps
        mine._after = theirs._after  # undo restores our "before"; redo writes their "after"
        mine.text = theirs.text
        self.setText(theirs.text)
        return True
