"""``path:line:col: CODE [severity] message (name)``, then a summary line."""

from __future__ import annotations

from collections import Counter

from contractlint.formatters import Context
from contractlint.results import Report, Severity

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def format_findings(report: Report, color: bool = False) -> list[str]:
    lines = []
    for f in report.findings:
        where = _paint(f"{f.path}:{f.line}:{f.column}:", "1", color)
        code = _paint(f.code, _COLORS[f.severity], color)
        severity = _paint(f"[{f.severity.value}]", _COLORS[f.severity], color)
        lines.append(f"{where} {code} {severity} {f.message} ({f.name})")
    return lines


def summary(report: Report, color: bool = False) -> str:
    files = _plural(report.files_checked, "file")
    if not report.findings:
        clear = f"All clear: {files} checked, no problems found."
        return _paint(clear + _baseline_note(report), "32", color)
    counts = ", ".join(
        _plural(report.of_severity(severity), severity.value)
        for severity in Severity
        if report.of_severity(severity)
    )
    fixable = sum(1 for f in report.findings if f.fixable)
    with_problems = len({f.path for f in report.findings})
    line = (
        f"Found {_plural(len(report.findings), 'problem')} ({counts}) in "
        f"{with_problems} of {files}."
    )
    if fixable:
        line += f" {fixable} fixable with `--fix`."
    return _paint(line + _baseline_note(report), "1", color)


def _baseline_note(report: Report) -> str:
    if report.baselined is None:
        return ""
    note = f" {report.baselined} more held back by the baseline."
    if report.stale_baseline:
        note += (
            f" {_plural(report.stale_baseline, 'baseline entry')} no longer match anything: "
            "prune them with --write-baseline."
        )
    return note


def statistics(report: Report) -> str:
    """One line per rule that fired: count, code, name, most frequent first."""
    counts = Counter((f.code, f.name, f.severity.value) for f in report.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    return "\n".join(
        f"{count:>{width}}  {code}  [{severity}] {name}" for (code, name, severity), count in rows
    )


def format_report(report: Report, context: Context) -> str:
    lines = format_findings(report, context.color)
    lines.append(summary(report, context.color))
    return "\n".join(lines) + "\n"
