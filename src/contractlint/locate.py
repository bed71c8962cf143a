"""Stage "locate": parser positions -> 1-based spans.

Parsers count lines and columns from 0; users, editors, SARIF and GitHub
count from 1. This module is the only place that adds 1.
"""

from __future__ import annotations

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


def node_span(node: yaml.Node, lines: list[str]) -> Span:
    start, end = node.start_mark, node.end_mark
    return region(start.line, start.column, end.line, end.column, lines)
