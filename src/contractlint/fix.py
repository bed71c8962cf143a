"""``--fix``: minimal text edits for the fixable rules, verified, and atomic writes.

A fix is an :class:`Edit` of the file's text at the exact span the loader
recorded for the finding's node, never a re-serialisation of the document:
every byte a fix does not target stays as it was — comments, key order,
quoting style, indentation, flow or block style, CRLF or LF line endings and a
byte-order mark. (A ruamel.yaml round trip keeps comments but still re-emits
the file: it re-indents sequences, re-flows long lines, drops a BOM and can
move comments; it cannot edit JSON at all. Text edits at recorded spans have
none of those problems, so ruamel.yaml is not used here.)

The fixes (SPEC section 2, issue 5):

- CL005: the plain scalar, exactly as written, is wrapped in double quotes
  (``version: 1.10`` -> ``version: "1.10"``), or in single quotes when it
  holds ``"`` or ``\\``. Only single-line plain scalars.
- CL505: the key ``timeouts_ms`` is renamed to ``timeout_ms`` in place (in
  JSON, inside its quotes); not when ``timeout_ms`` is already set.
- CL502: ``model_version: string`` is added to ``response``: in a block
  mapping on a new line after the mapping's last content line (a trailing
  comment on that line stays where it is, comment and blank lines after it
  stay after it), with the indentation of the mapping's keys; in a flow
  mapping or a JSON object after the last member, on one line or on a line of
  its own as the object is laid out.

After editing, the new text is read back with contractlint's own reader and
loader and every document is compared with the original value plus the
intended change (key order included). A fix that does not read back exactly
as intended is not applied and is reported as skipped with the reason, so
``--fix`` never changes what a document means beyond the fix itself. Applying
fixes removes the findings they fix, so running ``--fix`` twice changes nothing
the second time.

:func:`contractlint.atomic.write_atomic` writes the result: whole or not at all,
keeping the file's mode and owner.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Callable, Union

from contractlint.model import Document, Problem, Span
from contractlint.pipeline import loader, source
from contractlint.pointer import escape, resolve, tokens
from contractlint.results import Finding

FIXABLE = frozenset({"CL005", "CL502", "CL505"})

_BOM = b"\xef\xbb\xbf"
_NEWLINES = re.compile(r"\r\n|\r|\n")
# Anchors and tags written before a node: its span starts at them.
_PROPERTIES = re.compile(r"(?:[&!][^\s,\[\]{}]*\s+)*")
# The key as it may be written (plain, double- or single-quoted) -> renamed alike.
_RENAMES = {q + "timeouts_ms" + q: q + "timeout_ms" + q for q in ("", '"', "'")}
_NULLS = frozenset({"~", "null", "Null", "NULL"})

# A change to a document's value: takes the original value, returns the expected one.
_Change = Callable[[Any], Any]


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``replacement``.

    Offsets are character offsets into the file's decoded text as it is on
    disk (the byte-order mark removed, line endings as written); a
    ``replacement`` that holds a line break uses the file's own.
    """

    start: int
    end: int
    replacement: str
    finding: Finding


@dataclass(frozen=True)
class FixResult:
    """What :func:`fix_source` did to one file: the new bytes, and each finding's fate."""

    new_bytes: bytes
    applied: tuple[Finding, ...]
    skipped: tuple[tuple[Finding, str], ...]
    original: bytes = b""
    edits: tuple[Edit, ...] = ()  # the edits applied, in file order

    @property
    def changed(self) -> bool:
        return self.new_bytes != self.original

    @property
    def new_text(self) -> str:
        return self.new_bytes.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class _Located:
    """A contract document of the file: which segment, which of its documents."""

    segment: int
    position: int
    document: Document
    fmt: str


@dataclass(frozen=True)
class _Plan:
    """A fix ready to apply: the edit (in LF-text offsets), and the value it should give."""

    start: int
    end: int
    replacement: str
    key: tuple[int, int]
    change: _Change
    findings: tuple[Finding, ...]


_Outcome = Union[_Plan, str]  # a plan, or the reason there is none


class _Text:
    """The file's text as on disk and as the loader saw it (LF line endings).

    The loader's spans are positions in the LF text; edits are made in the
    text as written, so that every line ending the fix does not add stays
    what it was (even in a file that mixes them).
    """

    def __init__(self, raw: str, norm: str) -> None:
        self.raw = raw
        self.norm = norm
        self.lines = norm.split("\n")
        self.starts: list[int] = []
        offset = 0
        for line in self.lines:
            self.starts.append(offset)
            offset += len(line) + 1
        # The LF-text offsets of the line breaks written as CRLF (one character
        # shorter in the LF text), and which line ending the file uses most.
        self.crlf: list[int] = []
        counts = {"\n": 0, "\r\n": 0, "\r": 0}
        shift = 0
        for match in _NEWLINES.finditer(raw):
            counts[match.group()] += 1
            if match.group() == "\r\n":
                self.crlf.append(match.start() - shift)
                shift += 1
        self.newline = max(("\n", "\r\n", "\r"), key=lambda nl: counts[nl])

    def offset(self, line: int, column: int) -> int:
        """The LF-text offset of a 1-based line and column, kept inside the text."""
        index = min(max(line - 1, 0), len(self.lines) - 1)
        column = min(max(column - 1, 0), len(self.lines[index]))
        return self.starts[index] + column

    def region(self, span: Span) -> tuple[int, int]:
        start = self.offset(span.line, span.column)
        return start, max(start, self.offset(span.end_line, span.end_column))

    def to_raw(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.crlf, offset)

    def line_start(self, offset: int) -> int:
        return self.norm.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        end = self.norm.find("\n", offset)
        return len(self.norm) if end < 0 else end

    def newline_at(self, offset: int) -> str:
        """The line ending written at LF-text ``offset`` (the file's usual one at the end)."""
        raw = self.to_raw(offset)
        if self.raw.startswith("\r\n", raw):
            return "\r\n"
        if raw < len(self.raw) and self.raw[raw] in "\r\n":
            return self.raw[raw]
        return self.newline

    def begins_line(self, offset: int) -> bool:
        return not self.norm[self.line_start(offset) : offset].strip()

    def indentation(self, offset: int) -> str:
        return self.norm[self.line_start(offset) : offset]


# -- entry point -----------------------------------------------------------------


def fix_source(
    path: str,
    data: bytes,
    findings: Sequence[Finding],
    limits: loader.Limits | None = None,
) -> FixResult:
    """Fix the fixable ``findings`` of the file ``path`` whose content is ``data``.

    ``findings`` are the file's findings as the engine reported them (others'
    codes are ignored). Pure: nothing is read or written; the caller writes
    ``new_bytes`` (with :func:`contractlint.atomic.write_atomic`) when it wants to.
    """
    limits = limits or loader.Limits()
    wanted = [f for f in findings if f.code in FIXABLE]
    if not wanted:
        return FixResult(data, (), (), data)
    decoded = _decode(path, data)
    if isinstance(decoded, str):
        return FixResult(data, (), tuple((f, decoded) for f in wanted), data)
    bom, text, read = decoded
    loaded = [loader.load(path, segment, limits) for segment in read.segments]
    located = [
        _Located(index, position, document, segment.fmt)
        for index, (segment, result) in enumerate(zip(read.segments, loaded))
        for position, document in enumerate(result.documents)
    ]

    skipped: list[tuple[Finding, str]] = []
    plans: list[_Plan] = []
    for finding in wanted:
        outcome = _plan(finding, located, text)
        if isinstance(outcome, str):
            skipped.append((finding, outcome))
        else:
            plans.append(outcome)
    plans = _merge_identical(plans)
    plans, overlapping = _without_overlaps(plans)
    skipped.extend(overlapping)

    def attempt(chosen: Sequence[_Plan]) -> tuple[bytes, str | None]:
        new = _encode(bom, _apply(text, chosen))
        return new, _verify(path, new, loaded, chosen, limits)

    new_bytes, problem = attempt(plans)
    accepted = list(plans)
    if problem is not None:
        # Find the fixes that read back as intended, one at a time.
        accepted = []
        new_bytes = data
        for plan in plans:
            candidate, reason = attempt([*accepted, plan])
            if reason is None:
                accepted.append(plan)
                new_bytes = candidate
            else:
                skipped.extend((f, reason) for f in plan.findings)
    applied = tuple(f for plan in accepted for f in plan.findings)
    order = {id(f): index for index, f in enumerate(findings)}
    return FixResult(
        new_bytes,
        tuple(sorted(applied, key=lambda f: order[id(f)])),
        tuple(sorted(skipped, key=lambda pair: order[id(pair[0])])),
        data,
        tuple(_edits(text, accepted)),
    )


def _decode(path: str, data: bytes) -> tuple[bool, _Text, source.Source] | str:
    read = source.decode(path, data)
    if isinstance(read, Problem):
        return f"the file cannot be read: {read.message}"
    bom = data.startswith(_BOM)
    raw = data[len(_BOM) if bom else 0 :].decode("utf-8")
    return bom, _Text(raw, read.text), read


def _encode(bom: bool, raw: str) -> bytes:
    return (_BOM if bom else b"") + raw.encode("utf-8")


def _apply(text: _Text, plans: Sequence[_Plan]) -> str:
    """The raw text with the plans' edits applied, from the end of the file backwards."""
    result = text.raw
    for edit in sorted(_edits(text, plans), key=lambda e: (e.start, e.end), reverse=True):
        result = result[: edit.start] + edit.replacement + result[edit.end :]
    return result


def _edits(text: _Text, plans: Sequence[_Plan]) -> list[Edit]:
    return [
        Edit(text.to_raw(p.start), text.to_raw(p.end), p.replacement, p.findings[0]) for p in plans
    ]


def _merge_identical(plans: list[_Plan]) -> list[_Plan]:
    """The same finding given twice makes one edit, which fixes both."""
    merged: dict[tuple[int, int, str], _Plan] = {}
    for plan in plans:
        key = (plan.start, plan.end, plan.replacement)
        if key in merged:
            first = merged[key]
            merged[key] = _Plan(
                first.start,
                first.end,
                first.replacement,
                first.key,
                first.change,
                first.findings + plan.findings,
            )
        else:
            merged[key] = plan
    return sorted(merged.values(), key=lambda p: (p.start, p.end))


def _without_overlaps(plans: list[_Plan]) -> tuple[list[_Plan], list[tuple[Finding, str]]]:
    """Keep the first of edits that overlap (or start at one point); skip the others."""
    kept: list[_Plan] = []
    skipped: list[tuple[Finding, str]] = []
    reach = -1  # where the kept edits end, at the furthest
    for plan in plans:  # sorted by start
        if kept and (plan.start < reach or plan.start == kept[-1].start):
            reason = "its edit overlaps the edit of another fix; run --fix again"
            skipped.extend((f, reason) for f in plan.findings)
        else:
            kept.append(plan)
            reach = max(reach, plan.end)
    return kept, skipped


# -- planning one fix --------------------------------------------------------------


def _plan(finding: Finding, located: Sequence[_Located], text: _Text) -> _Outcome:
    at_key = finding.code == "CL505"
    where = _find(finding, located, at_key)
    if where is None:
        return "the finding does not match the file as it is now (was it edited since?)"
    if finding.code == "CL005":
        return _quote(finding, where, text)
    if finding.code == "CL505":
        return _rename(finding, where, text)
    return _add_model_version(finding, where, text)


def _find(finding: Finding, located: Sequence[_Located], at_key: bool) -> _Located | None:
    """The document the finding is about: the one whose node starts where it points."""
    for item in located:
        table = item.document.key_spans if at_key else item.document.spans
        span = table.get(finding.pointer)
        if span is not None and (span.line, span.column) == (finding.line, finding.column):
            return item
    return None


def _quote(finding: Finding, where: _Located, text: _Text) -> _Outcome:
    pointer = finding.pointer
    written = where.document.plain.get(pointer)
    if written is None:
        return "the value is not an unquoted scalar"
    span = where.document.spans[pointer]
    if span.end_line != span.line:
        return "only a plain scalar written on one line is quoted; quote this one by hand"
    start, end = text.region(span)
    found = text.norm[start:end]
    if found != written:
        prefix = found[: len(found) - len(written)]
        if not (found.endswith(written) and _PROPERTIES.fullmatch(prefix)):
            return "the scalar is not written where the loader found it (behind an alias?)"
        if "!" in prefix:
            return "the scalar carries a tag: quoting it would not make it a string"
        start = end - len(written)  # after its anchor
    quoted = quote_plain(written, json=where.fmt == "json")

    def change(value: Any) -> Any:
        return _update(value, tokens(pointer), lambda _old: written)

    return _Plan(start, end, quoted, (where.segment, where.position), change, (finding,))


def quote_plain(written: str, json: bool = False) -> str:
    """The plain scalar ``written`` as a quoted string that reads back as exactly that text.

    Double quotes, unless the text holds ``"`` or ``\\`` (which double quotes
    would have to escape): then single quotes, with ``'`` doubled. In JSON,
    where a plain value is a number or a literal, always double quotes.
    """
    if json or ('"' not in written and "\\" not in written):
        return f'"{written}"'
    return "'" + written.replace("'", "''") + "'"


def _rename(finding: Finding, where: _Located, text: _Text) -> _Outcome:
    if finding.pointer != "/timeouts_ms":
        return f"no fix renames `{finding.pointer}`"
    if "timeout_ms" in where.document.value:
        return (
            "`timeout_ms` is already set in this mapping; renaming would duplicate it, "
            "so remove one of the two by hand"
        )
    start, end = text.region(where.document.key_spans[finding.pointer])
    written = text.norm[start:end]
    replacement = _RENAMES.get(written)
    if replacement is None:
        return f"the key is written as `{written}`; rename it to `timeout_ms` by hand"

    def change(value: Any) -> Any:
        return {("timeout_ms" if k == "timeouts_ms" else k): v for k, v in value.items()}

    return _Plan(start, end, replacement, (where.segment, where.position), change, (finding,))


def _add_model_version(finding: Finding, where: _Located, text: _Text) -> _Outcome:
    pointer = finding.pointer
    document = where.document
    mapping = resolve(document.value, pointer)
    if pointer != "/response" or not isinstance(mapping, dict):
        return f"no fix adds `model_version` to `{pointer}`"
    if "model_version" in mapping:
        return "`model_version` is already there"
    start, end = text.region(document.spans[pointer])
    opening = start + len(_PROPERTIES.match(text.norm, start, end).group())  # type: ignore[union-attr]
    key = (where.segment, where.position)

    def change(value: Any) -> Any:
        return _update(value, tokens(pointer), lambda old: {**old, "model_version": "string"})

    flow = text.norm[opening : opening + 1] == "{" and text.norm[end - 1 : end] == "}"
    if where.fmt == "json" or flow:
        if not flow:
            return "the object is not written where the loader found it"
        outcome = _add_to_flow(document, pointer, opening, end - 1, text, where.fmt == "json")
    else:
        outcome = _add_to_block(document, pointer, start, end, text)
    if isinstance(outcome, str):
        return outcome
    edit_start, edit_end, replacement = outcome
    return _Plan(edit_start, edit_end, replacement, key, change, (finding,))


def _children(
    document: Document, pointer: str, start: int, end: int, text: _Text
) -> list[tuple[int, int, int]]:
    """(key start, key end, member end) of the mapping's own keys written inside it."""
    prefix = pointer + "/"
    members: list[tuple[int, int, int]] = []
    for child, key_span in document.key_spans.items():
        if not child.startswith(prefix) or "/" in child[len(prefix) :]:
            continue
        key_start, key_end = text.region(key_span)
        if key_start < start or key_end > end:
            continue  # merged in from elsewhere (`<<: *base`)
        member_end = key_end
        value_span = document.spans.get(child)
        if value_span is not None:
            value_start, value_end = text.region(value_span)
            if start <= value_start and value_end <= end and not _empty(document, child, text):
                member_end = max(member_end, value_end)
        members.append((key_start, key_end, member_end))
    return sorted(members)


def _empty(document: Document, pointer: str, text: _Text) -> bool:
    """A null written as nothing at all (``a:``): its span is a placeholder position."""
    if resolve(document.value, pointer) is not None:
        return False
    start, end = text.region(document.spans[pointer])
    return text.norm[start:end].strip() not in _NULLS


def _add_to_flow(
    document: Document, pointer: str, opening: int, closing: int, text: _Text, json: bool
) -> tuple[int, int, str] | str:
    """Add the member to ``{...}``: after its last member, laid out like its siblings."""
    member = '"model_version": "string"' if json else "model_version: string"
    members = _children(document, pointer, opening, closing + 1, text)
    if not members:
        if not text.norm[opening + 1 : closing].strip():
            if text.line_start(opening) == text.line_start(closing):
                return opening + 1, opening + 1, member
            indent = _leading(text.lines[_line_of(text, closing)]) + _indent_step(document, text)
            newline = text.newline_at(text.line_end(opening))
            return opening + 1, opening + 1, newline + indent + member
        return "the mapping holds something the fixer does not understand"
    last_end = members[-1][2]
    own_line = [m for m in members if text.begins_line(m[0])]
    multiline = text.line_start(opening) != text.line_start(closing)
    if not multiline or not own_line:
        return last_end, last_end, ", " + member
    indent = text.indentation(own_line[-1][0])
    line_end = min(text.line_end(last_end), closing)
    between = text.norm[last_end:line_end]
    newline = text.newline_at(text.line_end(last_end))
    if between.strip() and not (not json and between.strip().startswith("#")):
        # Something else follows on the line (`, ` then `}`...): break the line here.
        return last_end, last_end, "," + newline + indent + member
    if line_end == closing:
        # The closing brace ends the last member's line: `"a": 1}`.
        return last_end, last_end, "," + newline + indent + member
    # A trailing comment stays on its line: the comma goes before it.
    return last_end, line_end, "," + between + newline + indent + member


def _add_to_block(
    document: Document, pointer: str, start: int, end: int, text: _Text
) -> tuple[int, int, str] | str:
    """Add a line after the mapping's last content line, indented like its keys."""
    members = _children(document, pointer, start, end, text)
    if not members:
        return "the mapping's keys are not written inside it (merged from elsewhere?)"
    key_start = members[0][0]
    if not text.begins_line(key_start):
        return "the mapping's first key does not begin its line; add `model_version` by hand"
    indent = text.indentation(key_start)
    last = _last_content(document, pointer, start, end, text)
    line_end = text.line_end(last)
    return line_end, line_end, text.newline_at(line_end) + indent + "model_version: string"


def _last_content(document: Document, pointer: str, start: int, end: int, text: _Text) -> int:
    """Where the mapping's last node ends (not the comment or blank lines after it).

    A block collection's span runs over the comments that follow it, so only
    scalars, flow collections and keys count.
    """
    prefix = pointer + "/"
    last = start
    for table, keys in ((document.key_spans, True), (document.spans, False)):
        for child, span in table.items():
            if not child.startswith(prefix):
                continue
            node_start, node_end = text.region(span)
            if node_start < start or node_end > end:
                continue
            if not keys:
                value = resolve(document.value, child)
                if isinstance(value, (dict, list)) and value:
                    if not _is_flow(text, node_start, node_end):
                        continue  # its children count
                elif value is None and _empty(document, child, text):
                    continue
            while node_end > node_start and text.norm[node_end - 1] in " \t\n":
                node_end -= 1
            last = max(last, node_end)
    return last


def _is_flow(text: _Text, start: int, end: int) -> bool:
    match = _PROPERTIES.match(text.norm, start, end)
    opening = match.end() if match else start
    body = text.norm[opening:end].rstrip()
    return body[:1] in ("{", "[") and body[-1:] in ("}", "]")


def _leading(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def _line_of(text: _Text, offset: int) -> int:
    return bisect.bisect_right(text.starts, offset) - 1


def _indent_step(document: Document, text: _Text) -> str:
    """One level of indentation as the document writes it (two spaces if it never does)."""
    start, end = text.region(document.start)
    base = _leading(text.lines[_line_of(text, start)])
    for line in text.lines[_line_of(text, start) + 1 : _line_of(text, end) + 1]:
        leading = _leading(line)
        if line.strip() and len(leading) > len(base) and leading.startswith(base):
            return leading[len(base) :]
    return "  "


# -- the value a fix should give ------------------------------------------------------


def _update(value: Any, path: Sequence[str], fn: Callable[[Any], Any]) -> Any:
    """``value`` with the node at ``path`` (a pointer's tokens) replaced by ``fn(node)``
    (copied on write)."""
    if not path:
        return fn(value)
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_update(v, rest, fn) if k == head else v) for k, v in value.items()}
    if isinstance(value, list):
        index = int(head)
        return [(_update(v, rest, fn) if i == index else v) for i, v in enumerate(value)]
    return value


def _canonical(value: Any) -> Any:
    """A comparable form that also tells key order, and ``1`` from ``1.0`` from ``True``."""
    if isinstance(value, dict):
        return ("map", tuple((k, _canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_canonical(v) for v in value))
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def _difference(got: Any, want: Any, pointer: str) -> str | None:
    """The pointer of the first node where ``got`` and ``want`` differ (None: equal)."""
    if isinstance(got, dict) and isinstance(want, dict):
        if list(got) != list(want):
            return pointer
        for key in got:
            found = _difference(got[key], want[key], f"{pointer}/{escape(str(key))}")
            if found is not None:
                return found
        return None
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        for index, (a, b) in enumerate(zip(got, want)):
            found = _difference(a, b, f"{pointer}/{index}")
            if found is not None:
                return found
        return None
    return None if _canonical(got) == _canonical(want) else pointer


def _verify(
    path: str,
    new: bytes,
    before: Sequence[loader.Loaded],
    plans: Sequence[_Plan],
    limits: loader.Limits,
) -> str | None:
    """Why ``new`` does not read back as the original plus the plans' changes (None: it does)."""
    read = source.decode(path, new)
    if isinstance(read, Problem):
        return f"the fixed file would not be readable: {read.message}"
    if len(read.segments) != len(before):
        return "the fix would change where the file's documents are"
    changes: dict[tuple[int, int], list[_Change]] = {}
    for plan in plans:
        changes.setdefault(plan.key, []).append(plan.change)
    for index, (segment, old) in enumerate(zip(read.segments, before)):
        now = loader.load(path, segment, limits)
        if sorted(p.code for p in now.problems) != sorted(p.code for p in old.problems):
            return "the fixed file would not parse as before"
        if len(now.documents) != len(old.documents):
            return "the fix would change the file's documents"
        for position, (new_doc, old_doc) in enumerate(zip(now.documents, old.documents)):
            expected: Any = old_doc.value
            for change in changes.get((index, position), ()):
                expected = change(expected)
            if _canonical(new_doc.value) != _canonical(expected):
                where = _difference(new_doc.value, expected, "") or "/"
                return (
                    f"the fixed file would read back differently at `{where}`, so the fix "
                    "was not applied; make this change by hand"
                )
            old_codes = sorted(p.code for p in old_doc.problems)
            if sorted(p.code for p in new_doc.problems) != old_codes:
                return "the fix would add a problem to the document"
    return None


# -- output and writing -------------------------------------------------------------------


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    return [m.group() for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)]


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """A unified diff of ``old`` -> ``new``, as ``--diff`` prints it ("" when equal)."""
    if old == new:
        return ""
    before, after = _lines(old), _lines(new)
    out: list[str] = []
    for line in difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"):
        if line.startswith(("---", "+++", "@@")):
            out.append(line if line.endswith("\n") else line + "\n")
        elif line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)
