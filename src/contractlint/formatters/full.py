"""``full``: the text format with, under each finding, its source line and the
offending span underlined, as ruff's ``full`` format shows them::

    contracts/ranking.yaml:7:14: CL505 [error] `timeout_ms` is a string (...)
      |
    7 | timeout_ms: "250"
      |             ^^^^^
      |

The lines come from a ``source`` function (the file as lines, or None when it cannot
be read: the finding is then shown alone); ``check -`` gives the text it read. The
source line's control characters are written out, as in the finding's line, and the
carets are placed by display width, as ruff places them: a wide East Asian character
or emoji takes two columns, a combining mark none, a tab stays a tab.
"""

from __future__ import annotations

import unicodedata
from typing import Callable, Optional

from contractlint.formatters import Context
from contractlint.report_text import format_findings as finding_lines
from contractlint.report_text import summary, visible
from contractlint.results import Finding, Report

Source = Callable[[str], Optional[list[str]]]


def read_lines(path: str) -> list[str] | None:
    """The file at ``path`` as lines, as the linter reads it (UTF-8, a byte-order mark
    dropped); None when it cannot be read or is not UTF-8 (CL006 says so: its bytes
    would show as noise under the finding)."""
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None


def format_findings(report: Report, source: Source, color: bool = False) -> list[str]:
    """Each finding's text line, then its source line with the span underlined."""
    heads = finding_lines(report, color)
    files: dict[str, list[str] | None] = {}
    out: list[str] = []
    for head, finding in zip(heads, report.findings):
        out.append(head)
        if finding.path not in files:
            files[finding.path] = source(finding.path)
        lines = files[finding.path]
        if lines is not None and 1 <= finding.line <= len(lines):
            out.extend(_snippet(finding, lines[finding.line - 1].rstrip("\r"), color))
            out.append("")
    return out


def _width(text: str) -> int:
    """The columns a terminal gives ``text`` (no control character in it)."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):  # combining marks, joiners
        return 0
    return 1


def _snippet(finding: Finding, line: str, color: bool) -> list[str]:
    number = str(finding.line)
    gutter = " " * len(number)
    start = min(max(finding.column, 1), len(line) + 1)
    end = finding.end_column if finding.end_line == finding.line else len(line) + 1
    span = line[start - 1 : min(end, len(line) + 1) - 1]
    # Tabs stay tabs under the line, so the carets sit under the span in any editor;
    # every other character is measured as shown (`\x1b` takes four columns).
    indent = "".join(
        char if char == "\t" else " " * _width(visible(char)) for char in line[: start - 1]
    )
    # A legacy `##[name]` in the source is shown as `##\[name]`, as in the finding's line
    # (a CI log would run it): one column more for each before the span.
    indent += " " * line[: start - 1].count("##[")
    carets = "^" * max(1, _width(visible(span)))
    if color:
        carets = f"\x1b[31m{carets}\x1b[0m"
    shown = visible(line).replace("##[", "##\\[")
    return [f"{gutter} |", f"{number} | {shown}", f"{gutter} | {indent}{carets}", f"{gutter} |"]


def format_report(report: Report, context: Context) -> str:
    lines = format_findings(report, read_lines, context.color)
    lines.append(summary(report, context.color))
    return "\n".join(lines) + "\n"
