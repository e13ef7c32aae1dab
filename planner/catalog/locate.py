"""Line numbers for values in a TOML file.

`tomllib` gives values but not where they came from. When a problem must be reported,
this module walks the text once and records the line on which each key, table and array
element starts, keyed by the same path the parsed data uses, for example
`("capability", 3, "level", 1, "criteria", 0)`. It only runs on text that `tomllib`
already accepted, and it never raises: for anything it cannot place it falls back to
the nearest enclosing path it did place.
"""

from __future__ import annotations

import json
import re

Path = tuple

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class LineIndex:
    def __init__(self, text: str):
        self.text = text
        self.lines: dict[Path, int] = {}
        self._pos = 0
        self._line = 1
        self._aot: dict[Path, int] = {}
        try:
            self._document()
        except (IndexError, ValueError):
            pass  # keep whatever was placed before the scanner got lost

    def line_of(self, path: Path) -> int:
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1

    # -- scanning -------------------------------------------------------------------

    def _peek(self, n: int = 1) -> str:
        return self.text[self._pos : self._pos + n]

    def _advance(self, n: int = 1) -> None:
        chunk = self.text[self._pos : self._pos + n]
        self._line += chunk.count("\n")
        self._pos += n

    def _skip_blank(self, newlines: bool = True) -> None:
        while self._pos < len(self.text):
            ch = self.text[self._pos]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self._advance()
            elif ch == "#":
                end = self.text.find("\n", self._pos)
                self._advance((len(self.text) if end < 0 else end) - self._pos)
            else:
                return

    def _document(self) -> None:
        table: Path = ()
        while True:
            self._skip_blank()
            if self._pos >= len(self.text):
                return
            if self._peek(2) == "[[":
                self._advance(2)
                keys = self._keys("]")
                self._advance(2)
                parent = self._resolve(keys[:-1])
                array = parent + (keys[-1],)
                index = self._aot.get(array, -1) + 1
                self._aot[array] = index
                table = array + (index,)
                self.lines.setdefault(array, self._line)
                self.lines[table] = self._line
            elif self._peek() == "[":
                self._advance()
                keys = self._keys("]")
                self._advance()
                table = self._resolve(keys)
                self.lines.setdefault(table, self._line)
            else:
                self._key_value(table)

    def _resolve(self, keys: list[str]) -> Path:
        path: Path = ()
        for key in keys:
            path += (key,)
            if path in self._aot:
                path += (self._aot[path],)
        return path

    def _keys(self, stop: str) -> list[str]:
        keys = []
        while True:
            self._skip_blank(newlines=False)
            ch = self._peek()
            if ch in "\"'":
                start = self._pos
                self._string()
                keys.append(_unquote(self.text[start : self._pos]))
            else:
                match = _BARE_KEY.match(self.text, self._pos)
                if not match:
                    raise ValueError("unexpected key")
                keys.append(match.group())
                self._advance(match.end() - self._pos)
            self._skip_blank(newlines=False)
            if self._peek() == ".":
                self._advance()
                continue
            if self._peek() in (stop, "="):
                return keys
            raise ValueError("unexpected character in key")

    def _key_value(self, base: Path) -> None:
        line = self._line
        keys = self._keys("=")
        self._advance()  # '='
        path = base + tuple(keys)
        self.lines[path] = line
        self._skip_blank(newlines=False)
        self._value(path)

    def _value(self, path: Path) -> None:
        ch = self._peek()
        if ch == "[":
            self._array(path)
        elif ch == "{":
            self._inline_table(path)
        elif ch in "\"'":
            self._string()
        else:
            while self._pos < len(self.text) and self.text[self._pos] not in ",]}\n#":
                self._advance()

    def _array(self, path: Path) -> None:
        self._advance()  # '['
        index = 0
        while True:
            self._skip_blank()
            if self._peek() == "]":
                self._advance()
                return
            self.lines[path + (index,)] = self._line
            self._value(path + (index,))
            index += 1
            self._skip_blank()
            if self._peek() == ",":
                self._advance()

    def _inline_table(self, path: Path) -> None:
        self._advance()  # '{'
        while True:
            self._skip_blank()
            if self._peek() == "}":
                self._advance()
                return
            self._key_value(path)
            self._skip_blank()
            if self._peek() == ",":
                self._advance()

    def _string(self) -> None:
        quote = self._peek()
        triple = quote * 3
        if self._peek(3) == triple:
            end = self.text.find(triple, self._pos + 3)
            if end < 0:
                raise ValueError("unterminated string")
            while self.text[end + 3 : end + 4] == quote:  # up to two quotes may end the body
                end += 1
            self._advance(end + 3 - self._pos)
            return
        i = self._pos + 1
        while i < len(self.text) and self.text[i] != quote:
            if quote == '"' and self.text[i] == "\\":
                i += 1
            i += 1
        self._advance(i + 1 - self._pos)


def _unquote(token: str) -> str:
    body = token[1:-1]
    if token.startswith('"'):
        try:
            return json.loads(token)
        except ValueError:
            return body
    return body
