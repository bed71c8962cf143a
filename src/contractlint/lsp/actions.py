"""Code actions for the findings under the cursor (SPEC 9).

- the quick fix of a fixable finding: exactly the edit ``check --fix`` makes
  (:func:`contractlint.fix.fix_source`, verified the same way), and ``source.fixAll``:
  every fix of the buffer at once, as ``--fix`` makes them;
- "disable CODE on this line": a comment line ``# contractlint: disable=CODE`` above
  the finding's line (a comment alone on a line covers the next line);
- "disable CODE in this file": ``# contractlint: disable-file=CODE`` at the top of a
  YAML file, or of the Markdown block that holds the finding; JSON has no comments,
  so there it is ``x-contractlint-ignore: {CODE: reason}`` in the document;
- "add to the baseline", when a baseline is configured: a command the server runs.

A suppression edit is offered only when the buffer reads back as the same documents
with it (a comment can never change what a document says, but a line inserted into
a multi-line string would): the same promise ``--fix`` makes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from contractlint import fix
from contractlint.config import Config
from contractlint.model import Document
from contractlint.pipeline import engine, source
from contractlint.results import Finding

from . import linting
from .positions import Text
from .workspace import Project

ADD_TO_BASELINE = "contractlint.addToBaseline"
_IGNORE = "x-contractlint-ignore"
# Written where a suppression needs a reason (`require-suppression-reason`, and every
# `x-contractlint-ignore` entry, whose value is its reason).
REASON = "TODO: say why"
MOST_QUICK_FIXES = 20  # findings a request gets quick fixes for (see `code_actions`)
# Findings about a file that cannot be read or parsed: a suppression cannot help. Nor
# for the findings about suppressions (CL008 unused or unknown, CL010 expired or without
# a reason): another directive would be one more CL008; the fix is to edit the first.
_NOT_SUPPRESSIBLE = frozenset({"CL000", "CL001", "CL006", "CL007", "CL008", "CL010"})
_FIX_TITLES = {
    "CL005": "Quote the value so it stays text (CL005)",
    "CL502": "Add `model_version: string` to `response` (CL502)",
    "CL505": "Rename `timeouts_ms` to `timeout_ms` (CL505)",
}
FIX_ALL_TITLE = "Fix every problem `contractlint check --fix` fixes"


@dataclass(frozen=True)
class Buffer:
    """An open document as last linted: its text and its findings."""

    uri: str
    path: str
    text: Text
    findings: tuple[Finding, ...]


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether an action of ``kind`` answers a request for the kinds ``only``."""
    return not only or any(kind == o or kind.startswith(o + ".") for o in only)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _workspace_edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def _apply(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def apply_text_edits(text: Text, edits: Sequence[types.TextEdit]) -> str:
    """``text`` with LSP ``edits`` applied (all relative to the original text), as a
    client applies them."""
    return _apply(
        text.text,
        [(text.offset(e.range.start), text.offset(e.range.end), e.new_text) for e in edits],
    )


# -- fixes ----------------------------------------------------------------------------


def fix_edits(buffer: Buffer, findings: Sequence[Finding], config: Config) -> list[types.TextEdit]:
    """``--fix``'s edits for ``findings``, as LSP text edits ([] when none applies)."""
    fixable = [f for f in findings if f.code in fix.FIXABLE]
    if not fixable:
        return []
    raw = buffer.text.text
    outcome = fix.fix_source(buffer.path, linting.encode(raw), fixable, engine.load_limits(config))
    shift = 1 if raw.startswith("\ufeff") else 0  # fix.py counts after a byte-order mark
    return [
        types.TextEdit(
            range=types.Range(
                start=buffer.text.at_offset(edit.start + shift),
                end=buffer.text.at_offset(edit.end + shift),
            ),
            new_text=edit.replacement,
        )
        for edit in outcome.edits
    ]


# -- suppressions ---------------------------------------------------------------------------


def _newline(text: Text, index: int) -> str:
    """The line break that ends line ``index`` (the file's first one past the end)."""
    if index + 1 < text.line_count:
        return text.text[text.ends[index] : text.starts[index + 1]]
    if text.line_count > 1:
        return text.text[text.ends[0] : text.starts[1]]
    return "\n"


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _segment_at(path: str, raw: str, line: int) -> tuple[str, int]:
    """The format (``yaml``, ``json``; "" outside any block) of the text holding the
    1-based ``line``, and the first line of that block (1 for a whole file)."""
    fmt = source.file_format(path)
    if fmt != "markdown":
        return fmt, 1
    normalized = raw.replace("\r\n", "\n").replace("\r", "\n")
    for segment in source.markdown_segments(normalized):
        first = len(segment.text) - len(segment.text.lstrip("\n")) + 1
        last = segment.text.count("\n") + 1
        if first <= line <= last:
            return segment.fmt, first
    return "", 0


def _values(documents: Sequence[Document], without_ignore: bool) -> list[str]:
    """What the documents say, comparable (without ``x-contractlint-ignore`` when an
    entry is being added to it)."""
    return [
        json.dumps(
            {k: v for k, v in d.value.items() if not (without_ignore and k == _IGNORE)},
            sort_keys=True,
            default=str,
        )
        for d in documents
    ]


def _insert_line(text: Text, index: int, line: str) -> types.TextEdit:
    """A new line holding ``line``, above line ``index`` and indented like it."""
    indent = _indentation(text.line(index))
    at = types.Position(line=index, character=0)
    return types.TextEdit(
        range=types.Range(start=at, end=at), new_text=indent + line + _newline(text, index)
    )


def _comment(directive: str, code: str, config: Config) -> str:
    reason = f" -- {REASON}" if config.require_suppression_reason else ""
    return f"# contractlint: {directive}={code}{reason}"


def _ignore_entry(
    buffer: Buffer, finding: Finding, documents: Sequence[Document]
) -> types.TextEdit | None:
    """``x-contractlint-ignore: {CODE: reason}`` added to the JSON document that holds
    the finding (the key added, or the entry added to it)."""
    for document in documents:
        whole = document.spans.get("")
        if whole is None or not whole.line <= finding.line <= whole.end_line:
            continue
        table: Any = document.value.get(_IGNORE)
        member = f"{json.dumps(finding.code)}: {json.dumps(REASON)}"
        if table is None:
            pointer, member = "", f'"x-contractlint-ignore": {{{member}}}'
        elif isinstance(table, dict) and finding.code not in table:
            pointer = "/x-contractlint-ignore"
        else:
            return None
        span = document.spans.get(pointer)
        if span is None:
            return None
        brace = buffer.text.position(span.line, span.column)
        offset = buffer.text.offset(brace)
        if buffer.text.text[offset : offset + 1] != "{":
            return None
        after = buffer.text.text[offset + 1 :].lstrip(" \t")
        if after.startswith("}"):
            new_text = member
        elif after.startswith(("\n", "\r")):
            next_line = buffer.text.line(brace.line + 1)
            new_text = _newline(buffer.text, brace.line) + _indentation(next_line) + member + ","
        else:
            new_text = member + ", "
        at = buffer.text.at_offset(offset + 1)
        return types.TextEdit(range=types.Range(start=at, end=at), new_text=new_text)
    return None


def suppressions(
    buffer: Buffer, finding: Finding, config: Config, documents: Sequence[Document]
) -> list[tuple[str, types.TextEdit]]:
    """(title, edit) of each way to suppress ``finding`` that keeps the documents as
    they are."""
    if finding.code in _NOT_SUPPRESSIBLE:
        return []
    fmt, first = _segment_at(buffer.path, buffer.text.text, finding.line)
    found: list[tuple[str, types.TextEdit]] = []
    if fmt == "yaml":
        line = _comment("disable", finding.code, config)
        found.append(
            (
                f"Disable {finding.code} on this line",
                _insert_line(buffer.text, finding.line - 1, line),
            )
        )
        whole = _comment("disable-file", finding.code, config)
        found.append(
            (f"Disable {finding.code} in this file", _insert_line(buffer.text, first - 1, whole))
        )
    elif fmt == "json":
        edit = _ignore_entry(buffer, finding, documents)
        if edit is not None:
            found.append((f"Disable {finding.code} in this document (x-contractlint-ignore)", edit))
    kept = []
    for title, edit in found:
        after = linting.documents(apply_text_edits(buffer.text, [edit]), buffer.path, config)
        if _values(after, fmt == "json") == _values(documents, fmt == "json"):
            kept.append((title, edit))
    return kept


# -- all of them --------------------------------------------------------------------------


def code_actions(
    buffer: Buffer,
    requested: types.Range,
    only: Sequence[str] | None,
    project: Project,
) -> list[types.CodeAction]:
    """The actions for the findings that ``requested`` touches, and ``source.fixAll``."""
    config = project.config
    if config is None or not buffer.findings:
        return []
    here = [f for f in buffer.findings if _overlaps(buffer.text.range_of(f), requested)]
    found: list[types.CodeAction] = []
    quick = types.CodeActionKind.QuickFix
    if wanted(quick, only) and here:
        documents = linting.documents(buffer.text.text, buffer.path, config)
        # Each quick fix is checked by parsing the buffer it would leave: for a whole
        # file of findings that is quadratic, and the server answers nothing meanwhile.
        # An editor asks for the line under the cursor; a wider range gets the first
        # findings' actions, and `source.fixAll` (one parse) for the rest.
        for finding in here[:MOST_QUICK_FIXES]:
            diagnostic = _diagnostic_of(buffer, finding)
            edits = fix_edits(buffer, [finding], config)
            if edits:
                found.append(
                    types.CodeAction(
                        title=_FIX_TITLES.get(finding.code, f"Fix {finding.code}"),
                        kind=quick,
                        diagnostics=[diagnostic],
                        edit=_workspace_edit(buffer.uri, edits),
                        is_preferred=True,
                    )
                )
            for title, edit in suppressions(buffer, finding, config, documents):
                found.append(
                    types.CodeAction(
                        title=title,
                        kind=quick,
                        diagnostics=[diagnostic],
                        edit=_workspace_edit(buffer.uri, [edit]),
                    )
                )
        if project.baseline_path:
            # One action a code: the findings of that code here, together (three CL401
            # on one line are one "add to the baseline").
            for code in dict.fromkeys(f.code for f in here):
                of_code = [f for f in here if f.code == code]
                title = f"Add {code} to the baseline"
                found.append(
                    types.CodeAction(
                        title=title,
                        kind=quick,
                        diagnostics=[_diagnostic_of(buffer, f) for f in of_code],
                        command=types.Command(
                            title=title,
                            command=ADD_TO_BASELINE,
                            arguments=[buffer.uri, *(f.fingerprint for f in of_code)],
                        ),
                    )
                )
    fix_all = types.CodeActionKind.SourceFixAll
    if wanted(fix_all, only):
        edits = fix_edits(buffer, buffer.findings, config)
        if edits:
            found.append(
                types.CodeAction(
                    title=FIX_ALL_TITLE, kind=fix_all, edit=_workspace_edit(buffer.uri, edits)
                )
            )
    return _unique(found)


def _diagnostic_of(buffer: Buffer, finding: Finding) -> types.Diagnostic:
    from .diagnostics import diagnostic

    return diagnostic(finding, buffer.text)


def _unique(found: list[types.CodeAction]) -> list[types.CodeAction]:
    """One action per title (two findings of one code: one "disable in this file")."""
    seen: set[str] = set()
    kept = []
    for action in found:
        if action.title not in seen:
            seen.add(action.title)
            kept.append(action)
    return kept
