"""``path:line:col: CODE [severity] message (name)``, then a summary line.

The lines are :mod:`contractlint.report_text`'s (the GitHub format and ``check``
print them too).
"""

from __future__ import annotations

from contractlint.formatters import Context
from contractlint.report_text import format_findings, statistics, summary
from contractlint.results import Report

__all__ = ["format_findings", "format_report", "statistics", "summary"]


def format_report(report: Report, context: Context) -> str:
    lines = format_findings(report, context.color)
    lines.append(summary(report, context.color))
    return "\n".join(lines) + "\n"
