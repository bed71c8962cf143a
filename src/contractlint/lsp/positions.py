"""Positions: the one place where contractlint's spans meet LSP's.

A finding is 1-based (line and column) with an exclusive end column, and counts
columns in code points of the text with its line breaks normalised. LSP counts
from 0, and columns in the code units of the encoding the client and server
agreed on (UTF-16 unless they agreed on UTF-8 or UTF-32). Both count lines the
same way: ``\\r\\n``, ``\\r`` and ``\\n`` each end a line, nothing else does (not
``str.splitlines``'s form feeds and separators). Every conversion goes through
:class:`Text`, built once per buffer version.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

from contractlint.results import Finding

UTF8 = "utf-8"
UTF16 = "utf-16"
UTF32 = "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def lines_with_breaks(text: str) -> tuple[str, ...]:
    """``text``'s lines as LSP counts them, each with its line break (the last without
    one when the text does not end with a break), as ``str.splitlines(True)`` gives
    them but for the characters LSP does not break at."""
    starts = [0, *(match.end() for match in _BREAK.finditer(text))]
    found = [text[a:b] for a, b in zip(starts, starts[1:])]
    if starts[-1] < len(text):
        found.append(text[starts[-1] :])
    return tuple(found)


class Text:
    """A buffer's text, its lines as LSP counts them, and the conversions."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF32) else UTF16
        # Where each line starts, and where its content ends (before its line break).
        self.starts = [0]
        self.ends: list[int] = []
        for match in _BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, index: int) -> str:
        """Line ``index`` (0-based) without its line break; "" past the end."""
        if 0 <= index < len(self.starts):
            return self.text[self.starts[index] : self.ends[index]]
        return ""

    # -- contractlint (1-based, code points) -> LSP -------------------------------------

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of a 1-based line and column. A column past the end of its
        line stays past it, one unit per column, as the finding said it."""
        index = max(line - 1, 0)
        wanted = max(column - 1, 0)
        content = self.line(index)
        head = content[:wanted]
        beyond = wanted - len(head)
        return types.Position(line=index, character=_units(head, self.encoding) + beyond)

    def range_of(self, finding: Finding) -> types.Range:
        return types.Range(
            start=self.position(finding.line, finding.column),
            end=self.position(finding.end_line, finding.end_column),
        )

    def at_offset(self, offset: int) -> types.Position:
        """The LSP position of a character offset into the text (``fix.py``'s edits)."""
        offset = min(max(offset, 0), len(self.text))
        index = bisect.bisect_right(self.starts, offset) - 1
        head = self.text[self.starts[index] : min(offset, self.ends[index])]
        return types.Position(line=index, character=_units(head, self.encoding))

    # -- LSP -> contractlint ----------------------------------------------------------------

    def column(self, position: types.Position) -> int:
        """The 0-based code-point column of an LSP position (clamped to its line)."""
        content = self.line(position.line)
        counted = 0
        for index, char in enumerate(content):
            if counted >= position.character:
                return index
            counted += _units(char, self.encoding)
        return len(content)

    def point(self, position: types.Position) -> tuple[int, int]:
        """The 1-based line and column (code points) of an LSP position."""
        return position.line + 1, self.column(position) + 1

    def offset(self, position: types.Position) -> int:
        """The character offset into the text of an LSP position."""
        if position.line >= len(self.starts):
            return len(self.text)
        return self.starts[max(position.line, 0)] + self.column(position)
