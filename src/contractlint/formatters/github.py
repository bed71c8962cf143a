"""GitHub Actions: workflow commands that annotate the diff, a step summary, step outputs.

One ``::error``/``::warning``/``::notice`` command per finding, escaped exactly as
the Actions toolkit's ``escapeData``/``escapeProperty`` (``@actions/core``,
``command.ts``) escape, so that the runner decodes the original text.

GitHub shows at most 10 annotations of each type per step (and 50 per job), and
silently drops the rest. So at most 10 annotations of each type are emitted,
errors first; the other findings are printed as plain text lines (the text
format's line), and one ``::notice::`` says how many were not annotated and
where to see them all. That notice is itself a notice annotation: when it is
needed, info findings get 9 notice annotations, not 10, so that it is shown.

``step_summary`` and ``outputs`` are pure helpers; the CLI writes them to the
files named by ``GITHUB_STEP_SUMMARY`` and ``GITHUB_OUTPUT``.
"""

from __future__ import annotations

import os
import re

from contractlint import report_text
from contractlint.formatters import Context
from contractlint.paths import Folder, relative_from
from contractlint.results import Finding, Report, Severity

ANNOTATIONS_PER_TYPE = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# GitHub refuses a step summary over 1 MiB (and then shows none of it): the table
# stops short of that, saying how many rows it left out.
SUMMARY_LIMIT_BYTES = 1_000_000

_NEWLINES = re.compile(r"\r\n|\r|\n")


def escape_data(value: str) -> str:
    """``escapeData`` of ``@actions/core``: the text after ``::``."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """``escapeProperty`` of ``@actions/core``: a ``key=value`` property's value."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str], message: str) -> str:
    """``::name k=v,k=v::message``, as ``@actions/core`` issues it."""
    head = f"::{name}"
    if properties:
        head += " " + ",".join(f"{key}={escape_property(v)}" for key, v in properties.items())
    return f"{head}::{escape_data(message)}"


def annotation_path(path: str, base: Folder, climb: bool) -> str:
    """Relative to the workspace (else the cwd), ``/``-separated, without ``./``.

    A file outside the workspace (GitHub cannot link it) is shown by its absolute
    path; without a workspace (``climb``), a file outside the cwd keeps its ``../`` path.
    """
    relative = base.by_name(path)
    if relative is not None:
        return relative
    absolute = base.absolute(path)
    if climb:
        climbing = relative_from(absolute, base.cwd)
        if climbing is not None:
            return climbing
    return absolute.replace(os.sep, "/")


def annotation(finding: Finding, file: str) -> str:
    """The workflow command for ``finding``, in ``file`` (as :func:`annotation_path` shows it)."""
    properties = {"file": file, "line": str(finding.line)}
    same_line = finding.end_line == finding.line
    if same_line:
        properties["col"] = str(finding.column)
    properties["endLine"] = str(finding.end_line)
    if same_line:
        properties["endColumn"] = str(finding.end_column)
    properties["title"] = f"{finding.code} {finding.name}"
    return command(COMMANDS[finding.severity], properties, finding.message)


def _budget(report: Report) -> tuple[list[Finding], list[Finding]]:
    """The findings to annotate (errors, warnings, notices) and the rest (report order)."""
    by_type = {
        severity: [i for i, f in enumerate(report.findings) if f.severity is severity]
        for severity in ORDER
    }
    limits = dict.fromkeys(ORDER, ANNOTATIONS_PER_TYPE)
    if any(len(found) > ANNOTATIONS_PER_TYPE for found in by_type.values()):
        limits[Severity.INFO] -= 1  # leave room for the notice about the rest
    chosen = [i for severity in ORDER for i in by_type[severity][: limits[severity]]]
    skipped = set(range(len(report.findings))) - set(chosen)
    annotated = [report.findings[i] for i in chosen]
    rest = [f for i, f in enumerate(report.findings) if i in skipped]
    return annotated, rest


def _plain(line: str) -> str:
    """A log line that can never be read as a workflow command (no line breaks)."""
    return line.replace("\r", "\\r").replace("\n", "\\n")


def format_report(report: Report, context: Context) -> str:
    annotated, rest = _budget(report)
    base = Folder(context.workspace or context.cwd, context.cwd)
    climb = context.workspace is None
    lines = [annotation(f, annotation_path(f.path, base, climb)) for f in annotated]
    if rest:
        lines += [_plain(line) for line in report_text.format_findings(Report((), tuple(rest)))]
        count = len(rest)
        lines.append(
            command(
                "notice",
                {},
                f"contractlint: {count} of {len(report.findings)} findings "
                f"{'was' if count == 1 else 'were'} not annotated (GitHub shows at most "
                f"{ANNOTATIONS_PER_TYPE} annotations of each type per step); see all of them "
                "in this step's log above and in the job's step summary.",
            )
        )
    return "".join(line + "\n" for line in lines)


def _cell(value: str) -> str:
    return _NEWLINES.sub("<br>", value.replace("|", "\\|"))


def step_summary(report: Report) -> str:
    """Markdown for ``GITHUB_STEP_SUMMARY``: a table of every finding and the totals."""
    if not report.findings:
        return f"**contractlint**: {report_text.summary(report)}\n"
    head = [
        "## contractlint",
        "",
        "| file:line | code | severity | message |",
        "|---|---|---|---|",
    ]
    totals = f"**{report_text.summary(report)}**"
    size = sum(len(line.encode()) + 1 for line in [*head, "", totals]) + 200
    rows: list[str] = []
    for finding in report.findings:
        row = (
            f"| {_cell(f'{finding.path}:{finding.line}')} | "
            f"{_cell(f'{finding.code} {finding.name}')} | {finding.severity.value} | "
            f"{_cell(finding.message)} |"
        )
        size += len(row.encode()) + 1
        if size > SUMMARY_LIMIT_BYTES:
            break
        rows.append(row)
    parts = [*head, *rows, ""]
    left_out = len(report.findings) - len(rows)
    if left_out:
        parts += [
            f"{left_out} more findings are not shown (GitHub limits a step summary to "
            "1 MiB): see the step's log, or run with `--format sarif`.",
            "",
        ]
    parts.append(totals)
    return "\n".join(parts) + "\n"


def outputs(report: Report) -> str:
    """``GITHUB_OUTPUT`` lines: the counts a later step can test."""
    summary = report.summary()
    return "".join(f"{key}={summary[key]}\n" for key in ("errors", "warnings", "infos", "findings"))
