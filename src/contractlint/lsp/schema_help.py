"""Hover and completion from the JSON Schemas of the kinds (SPEC 9).

Hover: on a finding, the rule's explanation (as ``contractlint explain`` gives it);
on a key, the field's title, type, allowed values and description from its kind's
schema (a declared kind's own schema for a kind the configuration declares).

Completion works on YAML while it is being typed, so it cannot wait for the text
to parse: where the cursor stands (which mapping, which key) is read from the
lines' indentation and ``- `` item markers, as YAML defines nesting. It offers the
keys the schema allows in that mapping and not yet written there, and a field's
``enum`` values after its ``key:`` (or as a sequence's ``- `` items). In JSON the
place is read by scanning the text before the cursor for strings and brackets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from contractlint import explain, schemas
from contractlint.config import Config
from contractlint.kinds import KINDS
from contractlint.model import Rule, Span
from contractlint.pointer import escape, resolve, unescape
from contractlint.results import Finding
from contractlint.rules import lookup

from . import linting
from .positions import Text

Path = tuple[str, ...]

_KEY = re.compile(
    r"""(?P<key>"[^"]*"|'[^']*'|[^\s#:'"{}\[\],&*!|>%@`-][^:#]*?|[\w-]+)\s*:(?:\s|$)"""
)
_ITEM = re.compile(r"-(?:\s+|$)")
_SEPARATOR = re.compile(r"^(---|\.\.\.|```|~~~)")
_KIND = re.compile(r"""^kind\s*:\s*["']?([\w-]+)""")
_TYPING_KEY = re.compile(r"^(?P<indent>[ \t]*)(?P<items>(?:-[ \t]+)*)(?P<word>[\w-]*)$")
_TYPING_VALUE = re.compile(
    r"""^(?P<indent>[ \t]*)(?P<items>(?:-[ \t]+)*)(?P<key>[\w-]+)[ \t]*:[ \t]+(?P<word>[\w./-]*)$"""
)


# -- the schema ----------------------------------------------------------------------------


def node_at(kind: str, path: Path, config: Config) -> dict[str, Any]:
    """The schema of the value at ``path`` in a document of ``kind`` ({} when unknown)."""
    pointer = "".join("/" + escape(token) for token in path)
    return schemas.subschema(kind, pointer, config.declared_kinds)


def _root(kind: str, config: Config) -> dict[str, Any]:
    return node_at(kind, (), config)


def _deref(kind: str, node: Any, config: Config) -> dict[str, Any]:
    """A node with its local ``$ref`` followed."""
    root = _root(kind, config)
    for _ in range(16):
        if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
            break
        target: Any = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node if isinstance(node, dict) else {}


def _branches(kind: str, node: dict[str, Any], config: Config) -> list[dict[str, Any]]:
    """The node and its ``anyOf``/``oneOf``/``allOf`` alternatives."""
    found = [node]
    for word in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(word, ()):
            found.append(_deref(kind, branch, config))
    return found


def properties(kind: str, node: dict[str, Any], config: Config) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for branch in _branches(kind, node, config):
        for key, value in (branch.get("properties") or {}).items():
            found.setdefault(key, _deref(kind, value, config))
    return found


def enum_values(kind: str, node: dict[str, Any], config: Config) -> list[Any]:
    found: list[Any] = []
    for branch in _branches(kind, node, config):
        for value in branch.get("enum", ()):
            if value not in found:
                found.append(value)
        if "const" in branch and branch["const"] not in found:
            found.append(branch["const"])
    return found


def describe(key: str, node: dict[str, Any], kind: str, config: Config) -> str:
    """A field as Markdown: its title, type, allowed values and description."""
    title = node.get("title")
    kind_of = node.get("type")
    if isinstance(kind_of, list):
        kind_of = " or ".join(str(t) for t in kind_of)
    parts = [
        f"**`{key}`**" + (f": {title}" if title else "") + (f" ({kind_of})" if kind_of else "")
    ]
    if node.get("description"):
        parts.append(str(node["description"]))
    values = enum_values(kind, node, config)
    if values:
        parts.append("Allowed: " + ", ".join(f"`{v}`" for v in values))
    return "\n\n".join(parts)


# -- hover -----------------------------------------------------------------------------------


def _contains(text: Text, span: Span, position: types.Position) -> bool:
    start = text.position(span.line, span.column)
    end = text.position(span.end_line, span.end_column)
    here = (position.line, position.character)
    return (start.line, start.character) <= here <= (end.line, end.character)


def rule_help(
    findings: Sequence[Finding], text: Text, position: types.Position, extra: Sequence[Rule]
) -> list[str]:
    """The explanation of each rule with a finding under the cursor."""
    shown: list[str] = []
    codes: list[str] = []
    for finding in findings:
        span = Span(finding.line, finding.column, finding.end_line, finding.end_column)
        if finding.code not in codes and _contains(text, span, position):
            codes.append(finding.code)
            rule = lookup(finding.code, extra)
            if rule is not None:
                shown.append(explain.as_markdown(rule, level=3).strip())
    return shown


def key_help(text: Text, path: str, position: types.Position, config: Config) -> str:
    """The description of the field under the cursor (its key, or its value when that
    is a scalar), from its kind's schema."""
    for document in linting.documents(text.text, path, config):
        spans = [(p, s) for p, s in document.key_spans.items()]
        spans += [
            (p, s)
            for p, s in document.spans.items()
            if p and not isinstance(resolve(document.value, p), (dict, list))
        ]
        for pointer, span in spans:
            if _contains(text, span, position):
                tokens = tuple(unescape(t) for t in pointer.split("/")[1:])
                node = node_at(document.kind, tokens, config)
                label = next((t for t in reversed(tokens) if not t.isdigit()), tokens[-1])
                return describe(label, node, document.kind, config) if node else ""
    return ""


def hover(
    text: Text,
    path: str,
    position: types.Position,
    findings: Sequence[Finding],
    config: Config,
    extra: Sequence[Rule] = (),
) -> types.Hover | None:
    parts = rule_help(findings, text, position, extra)
    about_key = key_help(text, path, position, config)
    if about_key:
        parts.append(about_key)
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        )
    )


# -- where the cursor stands, from indentation ------------------------------------------------


class _Lines:
    def __init__(self, text: Text) -> None:
        self.text = text

    def get(self, index: int) -> str:
        return self.text.line(index)

    def blank(self, index: int) -> bool:
        stripped = self.get(index).strip()
        return not stripped or stripped.startswith("#")

    def separator(self, index: int) -> bool:
        return bool(_SEPARATOR.match(self.get(index).strip()))

    def parts(self, index: int) -> tuple[int, int, str | None]:
        """(indentation, column of the content after any ``- `` markers, the key the
        line starts there or None)."""
        line = self.get(index)
        indent = len(line) - len(line.lstrip(" \t"))
        column = indent
        while True:
            marker = _ITEM.match(line, column)
            if not marker:
                break
            column = marker.end()
        key = _KEY.match(line, column)
        return indent, column, (_unquote(key.group("key")) if key else None)


def _unquote(key: str) -> str:
    key = key.strip()
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'":
        return key[1:-1]
    return key


def _sequence(lines: _Lines, index: int, dash: int) -> Path:
    """The path of the sequence whose item marker stands at column ``dash`` on ``index``."""
    for above in range(index - 1, -1, -1):
        if lines.separator(above):
            break
        if lines.blank(above):
            continue
        indent, column, key = lines.parts(above)
        if column == indent and key is not None and indent <= dash:
            return (*_container(lines, above, indent), key)
        if indent < dash:
            break
    return ()


def _container(lines: _Lines, index: int, column: int) -> Path:
    """The path of the mapping that a key at ``column`` on line ``index`` belongs to."""
    indent, content, _ = lines.parts(index)
    if content > indent and column == content:
        # The first key of a `- ` item: the item is the mapping.
        return (*_sequence(lines, index, indent), "0")
    for above in range(index - 1, -1, -1):
        if lines.separator(above):
            break
        if lines.blank(above):
            continue
        up_indent, up_content, key = lines.parts(above)
        if up_content > up_indent and up_indent < column:
            item = (*_sequence(lines, above, up_indent), "0")
            if column > up_content and key is not None:
                return (*item, key)  # under a key of the item's first line
            return item
        if up_content == up_indent and key is not None and up_indent < column:
            return (*_container(lines, above, up_indent), key)
    return ()


def _kind(lines: _Lines, index: int, config: Config) -> str:
    """The ``kind`` of the document the line belongs to (its own block of lines)."""
    start = index
    while start > 0 and not lines.separator(start - 1):
        start -= 1
    end = index
    while end + 1 < lines.text.line_count and not lines.separator(end + 1):
        end += 1
    for row in range(start, end + 1):
        found = _KIND.match(lines.get(row))
        if found and (found.group(1) in KINDS or found.group(1) in config.kind_names):
            return found.group(1)
    return ""


def _siblings(lines: _Lines, index: int, column: int) -> set[str]:
    """The keys already written at ``column`` in the mapping around line ``index``."""
    found: set[str] = set()
    for step in (-1, 1):
        row = index + step
        while 0 <= row < lines.text.line_count and not lines.separator(row):
            if not lines.blank(row):
                indent, content, key = lines.parts(row)
                if indent < column:  # an outer line, or the `- ` line that starts the item
                    if step == -1 and content == column and key is not None:
                        found.add(key)
                    break
                if indent == content == column and key is not None:
                    found.add(key)
            row += step
    return found


# -- completion -----------------------------------------------------------------------------


def _item(
    label: str, kind: types.CompletionItemKind, new_text: str, replace: types.Range, doc: str = ""
) -> types.CompletionItem:
    return types.CompletionItem(
        label=label,
        kind=kind,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc)
        if doc
        else None,
        text_edit=types.TextEdit(range=replace, new_text=new_text),
        filter_text=label,
    )


def completion(
    text: Text, path: str, position: types.Position, config: Config
) -> list[types.CompletionItem]:
    """The keys or values the schema allows at the cursor, in YAML or JSON."""
    from contractlint.pipeline import source

    if source.file_format(path) == "json":
        return _json_completion(text, position, config)
    lines = _Lines(text)
    column = text.column(position)
    before = text.line(position.line)[:column]
    start = types.Position(line=position.line, character=position.character)
    value = _TYPING_VALUE.match(before)
    typing = _TYPING_KEY.match(before)
    kind = _kind(lines, position.line, config)
    if value is not None:
        word = value.group("word")
        replace = types.Range(start=_back(text, position, word), end=start)
        key = value.group("key")
        key_column = len(value.group("indent")) + len(value.group("items"))
        if value.group("items"):
            parent: Path = (*_sequence(lines, position.line, len(value.group("indent"))), "0")
        else:
            parent = _container(lines, position.line, key_column)
        if not parent and key == "kind":
            return [
                _item(k, types.CompletionItemKind.EnumMember, k, replace)
                for k in (*KINDS, *config.kind_names)
            ]
        if not kind:
            return []
        node = node_at(kind, (*parent, key), config)
        return [
            _item(str(v), types.CompletionItemKind.EnumMember, str(v), replace)
            for v in enum_values(kind, node, config)
        ]
    if typing is None:
        return []
    word = typing.group("word")
    replace = types.Range(start=_back(text, position, word), end=start)
    indent = len(typing.group("indent"))
    items = typing.group("items")
    if not kind:
        if not indent and not items:
            return [_item("kind", types.CompletionItemKind.Property, "kind: ", replace)]
        return []
    if items:
        sequence = _sequence(lines, position.line, indent)
        node = node_at(kind, sequence, config)
        inside = _deref(kind, node.get("items", {}), config)
        values = enum_values(kind, inside, config)
        if values:
            return [
                _item(str(v), types.CompletionItemKind.EnumMember, str(v), replace) for v in values
            ]
        parent = (*sequence, "0")
        written: set[str] = set()
    else:
        parent = _container(lines, position.line, indent)
        written = _siblings(lines, position.line, indent)
    node = node_at(kind, parent, config)
    return [
        _item(
            key,
            types.CompletionItemKind.Property,
            f"{key}: ",
            replace,
            describe(key, schema, kind, config),
        )
        for key, schema in properties(kind, node, config).items()
        if key not in written
    ]


# -- completion in JSON ---------------------------------------------------------------------

_JSON_KIND = re.compile(r'"kind"\s*:\s*"([\w-]+)"')


class _JsonPlace:
    """Where the cursor stands in JSON text that may not parse yet: the path of the
    container it is in, whether a key or a value is expected there, the key a value
    belongs to, the keys already written in that object, and the word typed so far
    (with its opening quote, if any)."""

    def __init__(self, before: str) -> None:
        # Each open container: [is an object, its keys so far, the key being given a
        # value (objects)].
        self.stack: list[list[Any]] = []
        self.expect_key = False
        self.word = ""
        index, length = 0, len(before)
        last_string = ""
        while index < length:
            char = before[index]
            if char == '"':
                end = index + 1
                while end < length and before[end] != '"':
                    end += 2 if before[end] == "\\" else 1
                if end >= length:  # the string the cursor is in
                    self.word = before[index:]
                    return
                last_string = before[index + 1 : end]
                if self.stack and self.stack[-1][0] and self.expect_key:
                    self.stack[-1][1].add(last_string)
                    self.stack[-1][2] = last_string
                index = end + 1
                continue
            if char in "{[":
                self.stack.append([char == "{", set(), ""])
                self.expect_key = char == "{"
            elif char in "}]":
                if self.stack:
                    self.stack.pop()
                self.expect_key = False
            elif char == ":":
                self.expect_key = False
            elif char == "," and self.stack:
                self.expect_key = self.stack[-1][0]
            index += 1
        tail = re.search(r"[\w.+-]*$", before)
        self.word = tail.group(0) if tail else ""

    def path(self) -> Path:
        """The path of the container the cursor is in (keys, and ``0`` for an item)."""
        found: list[str] = []
        for container in self.stack[:-1]:
            found.append(container[2] if container[0] else "0")
        return tuple(found)


def _json_completion(
    text: Text, position: types.Position, config: Config
) -> list[types.CompletionItem]:
    source_text = "\n".join(text.line(row) for row in range(text.line_count))
    kind_found = _JSON_KIND.search(source_text)
    kind = kind_found.group(1) if kind_found else ""
    if kind not in KINDS and kind not in config.kind_names:
        return []
    before = "\n".join(
        [
            *(text.line(row) for row in range(position.line)),
            text.line(position.line)[: text.column(position)],
        ]
    )
    place = _JsonPlace(before)
    if not place.stack:
        return []
    end = position
    after = text.line(position.line)[text.column(position) :]
    if place.word.startswith('"') and after.startswith('"'):
        # The editor closed the quote as it was typed: the completion replaces it too.
        end = text.position(position.line + 1, text.column(position) + 2)
    replace = types.Range(start=_back(text, position, place.word), end=end)
    top = place.stack[-1]
    path = place.path()
    if top[0] and place.expect_key:  # a key of this object
        node = node_at(kind, path, config)
        return [
            _item(
                key,
                types.CompletionItemKind.Property,
                f'"{key}": ',
                replace,
                describe(key, schema, kind, config),
            )
            for key, schema in properties(kind, node, config).items()
            if key not in top[1]
        ]
    # A value: of the object's current key, or an array's item.
    node = node_at(kind, (*path, top[2]) if top[0] else path, config)
    if not top[0]:
        node = _deref(kind, node.get("items", {}), config)
    return [
        _item(str(v), types.CompletionItemKind.EnumMember, json.dumps(v), replace)
        for v in enum_values(kind, node, config)
    ]


def _back(text: Text, position: types.Position, word: str) -> types.Position:
    """The position ``word`` (just typed, ending at ``position``) starts at."""
    column = text.column(position) - len(word)
    line = text.line(position.line)
    return text.position(position.line + 1, column + 1) if line else position
