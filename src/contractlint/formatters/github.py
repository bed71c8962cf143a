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

The plain lines must never be read as a command: the runner takes a line that
starts with ``::`` after leading whitespace, and a legacy ``##[name]`` anywhere in a
line (``ActionCommand.TryParseV2`` and ``TryParse`` in actions/runner). Control
characters in contract content and file names are written out (``\\x1b``) everywhere.

``step_summary`` and ``outputs`` are pure helpers; the CLI appends them to the
files named by ``GITHUB_STEP_SUMMARY`` and ``GITHUB_OUTPUT`` (``mid_line`` when
:func:`ends_mid_line` says so).
"""

from __future__ import annotations

import os
import re

from contractlint import report_text
from contractlint.formatters import Context
from contractlint.paths import Folder, relative_from
from contractlint.report_text import visible
from contractlint.results import Finding, Report, Severity

ANNOTATIONS_PER_TYPE = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# GitHub refuses a step summary over 1 MiB (and then shows none of it): the table
# stops short of that, saying how many rows it left out.
SUMMARY_LIMIT_BYTES = 1_000_000

_NEWLINES = re.compile(r"\r\n|\r|\n")
_BACKTICKS = re.compile("`+")


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
    properties = {"file": visible(file), "line": str(finding.line)}
    same_line = finding.end_line == finding.line
    if same_line:
        properties["col"] = str(finding.column)
    properties["endLine"] = str(finding.end_line)
    if same_line:
        properties["endColumn"] = str(finding.end_column)
    properties["title"] = visible(f"{finding.code} {finding.name}")
    # Line breaks stay: `escape_data` encodes them and an annotation may span lines.
    return command(COMMANDS[finding.severity], properties, visible(finding.message, newlines=True))


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


def format_report(report: Report, context: Context) -> str:
    annotated, rest = _budget(report)
    base = Folder(context.workspace or context.cwd, context.cwd)
    climb = context.workspace is None
    lines = [annotation(f, annotation_path(f.path, base, climb)) for f in annotated]
    if rest:
        # The text format's lines: never read as a command (report_text.inert).
        lines += report_text.format_findings(Report((), tuple(rest)))
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
    """A table cell's Markdown: a pipe escaped (even in a code span, GFM reads `\\|` as
    `|`), line breaks as ``<br>``."""
    return _NEWLINES.sub("<br>", value.replace("|", "\\|"))


def code_span(value: str) -> str:
    """``value`` as a Markdown code span, so that `*` and `_` in it stay literal: fenced
    by one backtick more than its longest run of them, padded with a space when it
    starts or ends with a backtick (CommonMark strips one space from each side)."""
    fence = "`" * (max(map(len, _BACKTICKS.findall(value)), default=0) + 1)
    edges = value[:1] + value[-1:]
    pad = " " if "`" in edges or (value[:1] == " " and value[-1:] == " ") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def ends_mid_line(path: str) -> bool:
    """Whether the file at ``path`` ends in the middle of a line: text appended to it
    must then start with a line break (a missing or empty file does not)."""
    try:
        with open(path, "rb") as handle:
            if handle.seek(0, os.SEEK_END) == 0:
                return False
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) not in (b"\n", b"\r")
    except OSError:
        return False


def step_summary(report: Report, context: Context | None = None, mid_line: bool = False) -> str:
    """Markdown for ``GITHUB_STEP_SUMMARY``: a table of every finding and the totals,
    each file named as its annotation names it (``context``: the workspace and the
    cwd; none: the cwd); ``mid_line``: the file it is appended to ends without a line
    break."""
    context = context or Context()
    start = "\n" if mid_line else ""
    if not report.findings:
        return f"{start}**contractlint**: {report_text.summary(report)}\n"
    head = [
        "## contractlint",
        "",
        "| file:line | code | severity | message |",
        "|---|---|---|---|",
    ]
    totals = f"**{report_text.summary(report)}**"
    size = sum(len(line.encode()) + 1 for line in [*head, "", totals]) + 200
    base = Folder(context.workspace or context.cwd, context.cwd)
    climb = context.workspace is None
    rows: list[str] = []
    for finding in report.findings:
        where = f"{annotation_path(finding.path, base, climb)}:{finding.line}"
        row = (
            f"| {_cell(code_span(visible(where)))} | "
            f"{_cell(code_span(visible(f'{finding.code} {finding.name}')))} | "
            f"{finding.severity.value} | {_cell(visible(finding.message, newlines=True))} |"
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
    return start + "\n".join(parts) + "\n"


def outputs(report: Report, mid_line: bool = False) -> str:
    """``GITHUB_OUTPUT`` lines: the counts a later step can test; ``mid_line``: the file
    they are appended to ends without a line break (`previous=1`), which would
    otherwise swallow the first count."""
    summary = report.summary()
    keys = ("errors", "warnings", "infos", "findings")
    return ("\n" if mid_line else "") + "".join(f"{key}={summary[key]}\n" for key in keys)
