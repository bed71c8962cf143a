"""A report as lines of plain text: one per finding, the summary, the statistics.

``path:line:col: CODE [severity] message (name)``, then a summary line: the text
format prints them; the GitHub format prints the findings it cannot annotate and
the summary in its step summary; ``check`` prints them itself for the text format
(with ``--statistics``, or without the summary for ``--quiet``) and the summary
after a report written in another format.

:func:`visible` is how every human-readable format (text, full, github) shows
contract content and file names: control characters written out, never sent.
"""

from __future__ import annotations

import re
from collections import Counter

from contractlint.kinds import KINDS
from contractlint.results import Report, Severity

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}

# C0 controls but tab, DEL and C1 controls: terminals and the Actions log act on them
# (ESC starts an escape sequence, CR rewrites the line), so they are shown, never sent.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_CONTROLS_BUT_NEWLINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def visible(text: str, newlines: bool = False) -> str:
    """``text`` with each control character written out (``\\x1b``, ``\\n``), as every
    human-readable format shows contract content and file names; tabs stay, and with
    ``newlines`` line breaks stay too (for a format that encodes them itself)."""
    if text.isprintable():  # the usual case, answered at C speed
        return text
    return (_CONTROLS_BUT_NEWLINES if newlines else _CONTROLS).sub(_shown, text)


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _kinds_hint(declared: tuple[str, ...]) -> str:
    kinds = (*KINDS, *(k for k in declared if k not in KINDS))
    return "kind: " + ", ".join(kinds[:-1]) + " or " + kinds[-1]


def _plural(count: int, word: str) -> str:
    if count == 1:
        return f"{count} {word}"
    return f"{count:,} {word[:-1]}ies" if word.endswith("y") else f"{count:,} {word}s"


def inert(text: str) -> str:
    """``text`` (control characters written out already) as a CI log can never read as a
    command: GitHub's runner takes a line that starts with ``::`` after blanks (a path
    such as ``::stop-commands::x.yaml``, shown as ``./::stop-commands::x.yaml``), and a
    legacy ``##[name]`` anywhere in it."""
    if text.lstrip().startswith("::"):
        text = "./" + text
    return text.replace("##[", "##\\[")


def format_findings(report: Report, color: bool = False) -> list[str]:
    """A line a finding: safe to print in a terminal and in a CI log (:func:`visible`,
    :func:`inert`), whatever the file names and the contract hold."""
    lines = []
    for f in report.findings:
        where = _paint(inert(visible(f"{f.path}:{f.line}:{f.column}:")), "1", color)
        code = _paint(visible(f.code), _COLORS[f.severity], color)
        severity = _paint(f"[{f.severity.value}]", _COLORS[f.severity], color)
        said = visible(f"{f.message} ({f.name})").replace("##[", "##\\[")
        lines.append(f"{where} {code} {severity} {said}")
    return lines


def summary(report: Report, color: bool = False) -> str:
    """The last line: contracts, not files, are what a run is about (SPEC section 1)."""
    contracts, files = report.documents_checked, report.files_checked
    if not report.findings:
        if not contracts:
            hint = _kinds_hint(report.declared_kinds)
            line = f"No contract found in {_plural(files, 'file')} (a contract has {hint})"
            return _paint(line + _baseline_note(report), "1", color)
        line = f"All {contracts:,} contracts clean" if contracts > 1 else "1 contract clean"
        others = sum(1 for f in report.files if not f.documents)
        if others:
            holds = "holds" if others == 1 else "hold"
            line += f" ({_plural(others, 'other file')} {holds} no contract)"
        return _paint(line + _baseline_note(report), "32", color)
    counts = ", ".join(
        _plural(report.of_severity(severity), severity.value)
        for severity in Severity
        if report.of_severity(severity)
    )
    line = f"{_plural(contracts, 'contract')} in {_plural(files, 'file')} checked: {counts}"
    fixable = sum(1 for f in report.findings if f.fixable)
    if fixable:
        line += f"; {fixable:,} fixable with `--fix`"
    return _paint(line + _baseline_note(report), "1", color)


def _baseline_note(report: Report) -> str:
    if report.baselined is None:
        return ""
    note = f"; {report.baselined:,} more held back by the baseline."
    if report.stale_baseline:
        verb = "matches" if report.stale_baseline == 1 else "match"
        note += (
            f" {_plural(report.stale_baseline, 'baseline entry')} no longer {verb} anything: "
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
