"""Stage "select" (part 2): inline suppressions, ``x-contractlint-ignore``, CL008 and CL010.

In YAML (and YAML inside Markdown)::

    timeout_ms: 3  # contractlint: disable=CL104 -- load test pending
    # contractlint: disable=missing-fallback until=2026-12-31 -- ships with v2
    fallback: TBD
    # contractlint: disable-file=CL503

A trailing comment covers its own line, a comment alone on a line covers the
next line that is not itself a comment, and ``disable-file`` the whole file.
In any document, ``x-contractlint-ignore: {CL101: reason}`` covers that document.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from contractlint.model import Document, Problem, Rule, Span
from contractlint.pointer import escape
from contractlint.results import Finding
from contractlint.rules import CODE_OF_NAME, CODES, lookup
from contractlint.rules._common import fit
from contractlint.suggest import closest

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*contractlint:\s*(disable-file|disable)\s*=\s*(.*)$")
# A comment that means to be a directive and is none is reported, not ignored (the
# user believes something is suppressed): `contractlint:` and anything, or a word like a
# directive after `contractlint` without the colon (`# contractlint disable=CL101`).
_LOOKS_LIKE = re.compile(
    r"(?:^|\s)#\s*contractlint(?:\s*:\s*|\s+(?=[\w-]+\s*[=:]))([\w-]*)\s*([=:]?)\s*(\S*)"
)
DIRECTIVES = ("disable", "disable-file")
OPTIONS = ("until",)  # `until=YYYY-MM-DD` after the codes
_COMMENT_ONLY = re.compile(r"^\s*#")
WHOLE_FILE = 2**31  # the last line a `disable-file` covers: every line of the file


class Suppression(NamedTuple):
    """Codes suppressed on lines ``first_line``..``last_line`` (1-based, inclusive)."""

    span: Span
    codes: tuple[str, ...]
    unknown: tuple[str, ...]
    first_line: int
    last_line: int
    until: datetime.date | None = None
    bad_until: str | None = None
    reason: str | None = None
    label: str = "suppression"
    problem: str = ""  # a comment that looks like a directive and is none (CL008 says so)


def parse_comments(text: str, extra: Sequence[Rule] = ()) -> tuple[Suppression, ...]:
    """Every ``# contractlint: disable...`` comment in a YAML or Markdown text."""
    if "contractlint" not in text:
        return ()
    lines = text.split("\n")
    found: list[Suppression] = []
    for index, line in enumerate(lines):
        if "contractlint" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if not match:
            wrong = _malformed(line)
            if wrong is not None:
                column, label, problem = wrong
                span = Span(index + 1, column + 1, index + 1, len(line) + 1)
                found.append(
                    Suppression(span, (), (), index + 1, index + 1, label=label, problem=problem)
                )
            continue
        scope, rest = match.group(1), match.group(2)
        reason: str | None = None
        if " -- " in f" {rest} ":
            rest, _, reason_text = f" {rest} ".partition(" -- ")
            reason = reason_text.strip() or None
        until: datetime.date | None = None
        bad_until: str | None = None
        tokens: list[str] = []
        options: list[str] = []
        for word in rest.replace(",", " , ").split():
            if word.startswith("until="):
                try:
                    until = datetime.date.fromisoformat(word[len("until=") :])
                except ValueError:
                    bad_until = word[len("until=") :]
            elif "=" in word:
                options.append(word)  # `untill=...`: no rule's name holds a `=`
            elif word != ",":
                tokens.append(word)
        codes, unknown = resolve(tokens, extra)
        column = match.start() + (1 if line[match.start()] != "#" else 0)
        span = Span(index + 1, column + 1, index + 1, len(line) + 1)
        written = f"`# contractlint: {scope}={','.join(tokens)}`"
        problem = ""
        if options:
            option = options[0].split("=", 1)[0]
            near = closest(option, OPTIONS, limit=1)
            hint = f"; did you mean `{near[0]}=`?" if near else "; only `until=` is known"
            problem = f"unknown option `{option}=`, so it suppresses nothing{hint}"
        elif not tokens:
            problem = f"names no rule, so it suppresses nothing; write `{scope}=CODE`"
        if problem:
            found.append(
                Suppression(span, (), (), index + 1, index + 1, label=written, problem=problem)
            )
            continue
        if scope == "disable-file":
            first, last = 1, WHOLE_FILE
        elif _COMMENT_ONLY.match(line):
            target = index + 1
            while target < len(lines) and _COMMENT_ONLY.match(lines[target]):
                target += 1
            first = last = target + 1
        else:
            first = last = index + 1
        found.append(
            Suppression(span, codes, unknown, first, last, until, bad_until, reason, written)
        )
    return tuple(found)


def _malformed(line: str) -> tuple[int, str, str] | None:
    """For a comment on ``line`` that means to be a directive and is not one: its
    column (0-based), how to quote it and what is wrong; None for any other line."""
    found = _LOOKS_LIKE.search(line)
    if found is None:
        return None
    word, sign, after = found.groups()
    column = found.start() + (1 if line[found.start()] != "#" else 0)
    codes = after.lstrip("=:") or "CODE"
    label = f"`{line[column:].split(' -- ')[0].strip()}`"
    if ":" not in line[column : found.start(1)]:
        if word not in DIRECTIVES:
            return None  # prose that mentions contractlint (`# contractlint checks this`)
        problem = f"a directive needs a colon: write `# contractlint: {word}={codes}`"
    elif word in DIRECTIVES:  # `disable CL101`, `disable: CL101`
        problem = f"a directive takes `=`: write `# contractlint: {word}={codes}`"
    else:
        near = closest(word, DIRECTIVES, limit=1)
        hint = f"did you mean `{near[0]}`?" if near else "use disable or disable-file."
        label = f"`# contractlint: {word}{sign}`"
        problem = f"unknown directive, which suppresses nothing; {hint}"
    return column, label, problem


def _scalar_spans(value: Any, pointer: str, document: Document) -> Iterable[Span]:
    if isinstance(value, dict):
        for key, item in value.items():
            child = f"{pointer}/{escape(str(key))}"
            yield from _scalar_spans(item, child, document)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _scalar_spans(item, f"{pointer}/{index}", document)
    elif pointer in document.spans:
        yield document.spans[pointer]


def _inside(span: Span, line: int, column: int) -> bool:
    after_start = (line, column) >= (span.line, span.column)
    before_end = (line, column) < (span.end_line, span.end_column)
    return after_start and before_end


def outside_scalars(
    suppressions: Sequence[Suppression], documents: Sequence[Document]
) -> list[Suppression]:
    """Drop directive look-alikes that are text inside a value (a quoted string, a block
    scalar): only a real YAML comment suppresses."""
    if not suppressions:
        return []
    spans = [s for d in documents for s in _scalar_spans(d.value, "", d)]
    return [
        item
        for item in suppressions
        if not any(_inside(span, item.span.line, item.span.column) for span in spans)
    ]


def resolve(
    tokens: Iterable[str], extra: Sequence[Rule] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Codes and names -> codes (built-in rules, and ``extra``: the configuration's team
    and plugin rules), and the tokens that name no rule."""
    codes: list[str] = []
    unknown: list[str] = []
    for token in tokens:
        rule = lookup(token, extra)
        if rule is None:
            unknown.append(token)
        elif rule.code not in codes:
            codes.append(rule.code)
    return tuple(codes), tuple(unknown)


def document_ignores(document: Document, extra: Sequence[Rule] = ()) -> tuple[Suppression, ...]:
    """``x-contractlint-ignore: {CL101: "reason"}`` -> suppressions over the document's lines."""
    table: Any = document.value.get("x-contractlint-ignore")
    if not isinstance(table, dict):
        return ()
    start = document.spans.get("", document.start)
    found = []
    for key, reason in table.items():
        codes, unknown = resolve([str(key)], extra)
        pointer = f"/x-contractlint-ignore/{key}"
        span = document.key_spans.get(pointer, start)
        found.append(
            Suppression(
                span,
                codes,
                unknown,
                start.line,
                start.end_line,
                reason=str(reason).strip() if isinstance(reason, str) and reason.strip() else None,
                label=f"`x-contractlint-ignore: {key}`",
            )
        )
    return tuple(found)


def apply(
    findings: Sequence[Finding],
    suppressions: Sequence[Suppression],
    today: datetime.date,
    require_reason: bool,
    enabled: AbstractSet[str],
) -> tuple[list[Finding], list[Problem]]:
    """Drop suppressed findings; report suppressions that are expired, unjustified or unused."""
    problems: list[Problem] = []
    active: list[Suppression] = []
    for item in suppressions:
        if item.problem:
            message = fit("{label}: {problem}", label=item.label, problem=item.problem)
            problems.append(Problem("CL008", item.span, message))
            continue
        if item.bad_until is not None:
            problems.append(
                Problem(
                    "CL010",
                    item.span,
                    fit(
                        "{label} has an invalid date `until={date}`: write it as YYYY-MM-DD",
                        label=item.label,
                        date=item.bad_until,
                    ),
                )
            )
            continue
        if item.until is not None and item.until < today:
            problems.append(
                Problem(
                    "CL010",
                    item.span,
                    fit(
                        "{label} expired on " + item.until.isoformat() + ": fix the finding or "
                        "renew the date with a reason",
                        label=item.label,
                    ),
                )
            )
            continue
        if require_reason and not item.reason:
            problems.append(
                Problem(
                    "CL010",
                    item.span,
                    fit(
                        "{label} gives no reason, which `require-suppression-reason` asks for: "
                        "add ` -- <why>`",
                        label=item.label,
                    ),
                )
            )
            continue
        active.append(item)
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        suppressed = False
        for number, item in enumerate(active):
            if finding.code in item.codes and item.first_line <= finding.line <= item.last_line:
                used.add((number, finding.code))
                suppressed = True
        if not suppressed:
            kept.append(finding)
    for number, item in enumerate(active):
        for token in item.unknown:
            near = closest(token, [*CODES, *CODE_OF_NAME], limit=1)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            message = fit(
                "{label} names an unknown rule `{token}`{hint}",
                label=item.label,
                token=token,
                hint=hint,
            )
            problems.append(Problem("CL008", item.span, message))
        for code in item.codes:
            if (number, code) not in used and code in enabled:
                problems.append(
                    Problem(
                        "CL008",
                        item.span,
                        fit(
                            "{label}: " + code + " reported nothing here, so the suppression "
                            "is unused; remove it",
                            label=item.label,
                        ),
                    )
                )
    return kept, problems
