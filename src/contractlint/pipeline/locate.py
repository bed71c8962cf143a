"""Stage "locate": parser positions -> 1-based spans.

Parsers count lines and columns from 0; users, editors, SARIF and GitHub
count from 1. This module is the only place that adds 1.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from typing import Any, Protocol

import yaml

from contractlint.model import FILE_START, Span


def file_start() -> Span:
    return FILE_START


def point(line: int, column: int) -> Span:
    """A one-character span at 0-based ``line``/``column``."""
    return Span(line + 1, column + 1, line + 1, column + 2)


def mark_point(line: int, column: int, lines: list[str]) -> Span:
    """A point at a parser mark; a mark past the end of the text is pulled back onto it."""
    if line >= len(lines):
        line = max(0, len(lines) - 1)
        column = len(lines[line]) if lines else 0
    if lines and column >= len(lines[line]):
        # At the end of a line (or of the file): an empty span there, not past it.
        column = len(lines[line])
        return Span(line + 1, column + 1, line + 1, column + 1)
    return point(line, column)


def region(
    start_line: int, start_column: int, end_line: int, end_column: int, lines: list[str]
) -> Span:
    """A span from 0-based start to 0-based exclusive end.

    Block collections end at column 0 of the line after their last line; such
    an end is pulled back to the end of the last line that holds content.
    """
    if end_line >= len(lines):
        end_line, end_column = len(lines), 0
    if end_column == 0 and end_line > start_line:
        end_line -= 1
        while end_line > start_line and not lines[end_line].strip():
            end_line -= 1
        end_column = len(lines[end_line]) if end_line < len(lines) else 0
    if end_line == start_line and end_column <= start_column:
        end_column = start_column + 1
    return Span(start_line + 1, start_column + 1, end_line + 1, end_column + 1)


class Lines:
    """A text's lines as editors count them (LF only), and parser marks mapped onto them.

    YAML 1.1 also breaks lines at U+0085, U+2028 and U+2029, so PyYAML's line
    numbers run ahead of the file's in a text holding one; there the mark's
    character index is mapped instead.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.exotic = not text.isascii() and any(c in text for c in "\x85\u2028\u2029")
        self.starts: list[int] = []
        if self.exotic:
            offset = 0
            for line in self.lines:
                self.starts.append(offset)
                offset += len(line) + 1

    def position(self, mark: yaml.Mark) -> tuple[int, int]:
        """0-based (line, column) of a parser mark."""
        if not self.exotic:
            return mark.line, mark.column
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return line, mark.index - self.starts[line]


class Marked(Protocol):
    """A YAML node, or a parser event: where it starts and ends."""

    start_mark: Any
    end_mark: Any


def node_span(node: Marked, table: Lines) -> Span:
    start = table.position(node.start_mark)
    end = table.position(node.end_mark)
    return region(start[0], start[1], end[0], end[1], table.lines)


class _LazySpans(Mapping[str, Span]):
    """JSON pointer -> span, from what the parser recorded at each pointer (``table``),
    a span worked out the first time it is asked for: a document has a node at every
    pointer, and only the few a finding or a fix points at are ever shown."""

    def __init__(self, table: dict[str, Any]) -> None:
        self._table = table
        self.computed: dict[str, Span] = {}

    def _span(self, recorded: Any) -> Span:
        raise NotImplementedError

    def __getitem__(self, pointer: str) -> Span:
        span = self.computed.get(pointer)
        if span is None:
            span = self.computed[pointer] = self._span(self._table[pointer])
        return span

    def __contains__(self, pointer: object) -> bool:
        return pointer in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


class NodeSpans(_LazySpans):
    """JSON pointer -> span of a YAML node: the walk records the parser's node, and its
    span is computed (once) on lookup. Read-only to every stage after the loader."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.nodes: dict[str, Marked] = {}
        super().__init__(self.nodes)

    def add(self, pointer: str, node: Marked) -> None:
        self.nodes[pointer] = node

    def _span(self, recorded: Any) -> Span:
        return node_span(recorded, self.lines)


class OffsetSpans(_LazySpans):
    """JSON pointer -> span of a value or key of a JSON text, from its character offsets
    (start, end), worked out when first asked for (as :class:`NodeSpans` does for YAML)."""

    def __init__(self, starts: list[int], lines: list[str]) -> None:
        self.starts = starts  # the offset at which each line starts
        self.lines = lines
        self.offsets: dict[str, tuple[int, int]] = {}
        super().__init__(self.offsets)

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column) of a character offset."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return region(line, column, end_line, end_column, self.lines)

    def _span(self, recorded: Any) -> Span:
        return self.span(*recorded)
