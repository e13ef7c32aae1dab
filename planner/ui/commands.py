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
        self._skip_redo = True  # already applied by the document
        self._skip_undo = False

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        if not self.document.redo_command(self.command):
            self._put_back(applied=False)

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            return
        if not self.document.undo_command(self.command):
            self._put_back(applied=True)

    def _put_back(self, applied: bool) -> None:
        """The undo (or redo) could not be saved, so the file still holds the plan as it
        was (with this command `applied` or not); move the stack's index back to match it
        on the next turn of the event loop (never from inside the stack's own call),
        skipping this command's work on the way: the history stays whole and the user
        can try again."""
        from PySide6.QtCore import QTimer

        stack = self.document.undo_stack
        if applied:
            self._skip_redo = True
        else:
            self._skip_undo = True

        def restore() -> None:
            position = next((k for k in range(stack.count()) if stack.command(k) is self), None)
            if position is not None:  # else gone meanwhile (the stack was cleared)
                right = position + 1 if applied else position
                if stack.index() != right:
                    stack.setIndex(right)
            self._skip_undo = self._skip_redo = False

        QTimer.singleShot(0, restore)

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
