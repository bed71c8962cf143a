"""A strict JSON parser that remembers where every value and key stands.

The standard library's ``json`` module returns values without positions, and
YAML parsers read JSON as YAML 1.1 (tabs, ``1e5`` and surrogate escapes differ).
This parser follows RFC 8259, reuses ``json``'s C string scanner for speed and
exactness, and reports duplicate keys instead of silently keeping the last.
"""

from __future__ import annotations

import json
import json.decoder
import re
from typing import Any

from contractlint.model import Location, Problem
from contractlint.pipeline import locate
from contractlint.pointer import escape
from contractlint.rules._common import fit

_SURROGATE = "[\ud800-\udfff]"  # compiled when a string is not ASCII
_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_scanstring: Any = json.decoder.scanstring  # type: ignore[attr-defined]
_LITERALS = (("true", True), ("false", False), ("null", None))


class Parsed:
    """What a parse yields, built up as it goes (a plain class: see ``loader.Tree``)."""

    __slots__ = ("containers", "key_spans", "plain", "problems", "spans", "value")

    def __init__(self, starts: list[int], lines: list[str]) -> None:
        self.value: Any = None
        # Each object and array with its location, in the order JSONPath's `..` visits
        # them, when asked for (see `model.Walked`); None when not, or not certain.
        self.containers: list[tuple[Location, Any]] | None = None
        # Offsets, each span worked out when a finding asks for it.
        self.spans = locate.OffsetSpans(starts, lines)
        self.key_spans = locate.OffsetSpans(starts, lines)
        self.plain: dict[str, str] = {}  # numbers and literals as written
        self.problems: list[Problem] = []


class _Error(Exception):
    def __init__(self, offset: int, message: str, code: str = "CL001") -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.code = code


class _Parser:
    def __init__(self, text: str, lines: list[str], max_depth: int) -> None:
        self.text = text
        self.lines = lines
        self.max_depth = max_depth
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        self.out = Parsed(starts, lines)
        self.position = self.out.spans.position
        self.span = self.out.spans.span
        self.value_offsets = self.out.spans.offsets

    def inside(self, start: int, offset: int, what: str) -> str:
        """`` (in the object from line 3)``: where the object or array that holds the
        error at ``offset`` opens, when that is another line; else nothing."""
        line, error_line = self.position(start)[0], self.position(offset)[0]
        return f" (in the {what} from line {line + 1})" if line != error_line else ""

    def skip(self, offset: int) -> int:
        match = _WS.match(self.text, offset)
        return match.end() if match else offset

    def value(
        self, offset: int, pointer: str, depth: int, parent: Location = (), key: Any = None
    ) -> tuple[Any, int]:
        """The value at ``offset``: at ``pointer``, and at ``key`` in the container at
        location ``parent`` (unless it is the root, at depth 0)."""
        char = self.text[offset : offset + 1]
        if char in ("{", "[") and depth >= self.max_depth:
            raise _Error(
                offset,
                f"nesting is deeper than the limit of {self.max_depth} levels; "
                "flatten the document or raise `max-depth` in the config",
                "CL007",
            )
        text = self.text
        char = text[offset : offset + 1]
        value: Any
        if char in ("{", "["):
            at = parent
            if self.out.containers is not None:  # a location for a container only
                at = (*parent, key) if depth else ()
            if char == "{":
                value, end = self.object(offset, pointer, depth, at)
            else:
                value, end = self.array(offset, pointer, depth, at)
        elif char == '"':
            value, end = self.string(offset)
        else:
            match = _NUMBER.match(text, offset)
            if match and match.end() > offset:
                token = match.group()
                end = match.end()
                value = float(token) if match.group(1) or match.group(2) else int(token)
                self.out.plain[pointer] = token
            else:
                for literal, literal_value in _LITERALS:
                    if text.startswith(literal, offset):
                        value, end = literal_value, offset + len(literal)
                        self.out.plain[pointer] = literal
                        break
                else:
                    found = repr(char) if char else "the end of the file"
                    raise _Error(offset, f"expected a JSON value, found {found}")
        self.value_offsets[pointer] = (offset, end)
        return value, end

    def string(self, offset: int) -> tuple[str, int]:
        try:
            decoded, end = _scanstring(self.text, offset + 1, True)
        except json.JSONDecodeError as exc:
            # "Unterminated string starting at" -> "unterminated string" (the span says where)
            message = re.sub(r"( starting)? at$", "", exc.msg)
            raise _Error(exc.pos, message[:1].lower() + message[1:]) from None
        text = str(decoded)
        if not text.isascii() and re.search(_SURROGATE, text):
            raise _Error(offset, "a lone surrogate escape (\\ud800-\\udfff) is not a character")
        return text, int(end)

    def object(
        self, offset: int, pointer: str, depth: int, at: Location
    ) -> tuple[dict[str, Any], int]:
        start = offset
        result: dict[str, Any] = {}
        if self.out.containers is not None:
            self.out.containers.append((at, result))  # before what it holds: pre-order
        first: dict[str, int] = {}  # each key's offset
        offset = self.skip(offset + 1)
        if self.text.startswith("}", offset):
            return result, offset + 1
        while True:
            if not self.text.startswith('"', offset):
                where = self.inside(start, offset, "object")
                raise _Error(offset, f"expected a double-quoted property name{where}")
            key_start = offset
            key, offset = self.string(offset)
            child = f"{pointer}/{escape(key)}"
            if key in result:
                # The last value wins, in the first key's place: not the order the
                # containers were met in, so `..` walks this document itself.
                self.out.containers = None
                first_line = self.position(first[key])[0] + 1
                self.out.problems.append(
                    Problem(
                        "CL004",
                        self.span(key_start, offset),
                        fit(
                            f"duplicate key `{{key}}` (first on line {first_line}): "
                            "the last value wins; remove or rename one",
                            key=key,
                        ),
                        child,
                    )
                )
            else:
                first[key] = key_start
            self.out.key_spans.offsets[child] = (key_start, offset)
            offset = self.skip(offset)
            if not self.text.startswith(":", offset):
                where = self.inside(start, offset, "object")
                raise _Error(offset, f"expected ':' after the property name{where}")
            offset = self.skip(offset + 1)
            result[key], offset = self.value(offset, child, depth + 1, at, key)
            offset = self.skip(offset)
            if self.text.startswith(",", offset):
                offset = self.skip(offset + 1)
                continue
            if self.text.startswith("}", offset):
                return result, offset + 1
            where = self.inside(start, offset, "object")
            raise _Error(offset, f"expected ',' or '}}' after a property value{where}")

    def array(self, offset: int, pointer: str, depth: int, at: Location) -> tuple[list[Any], int]:
        start = offset
        result: list[Any] = []
        if self.out.containers is not None:
            self.out.containers.append((at, result))
        offset = self.skip(offset + 1)
        if self.text.startswith("]", offset):
            return result, offset + 1
        while True:
            index = len(result)
            item, offset = self.value(offset, f"{pointer}/{index}", depth + 1, at, index)
            result.append(item)
            offset = self.skip(offset)
            if self.text.startswith(",", offset):
                offset = self.skip(offset + 1)
                continue
            if self.text.startswith("]", offset):
                return result, offset + 1
            where = self.inside(start, offset, "array")
            raise _Error(offset, f"expected ',' or ']' after an array item{where}")


def parse(
    text: str, lines: list[str], max_depth: int = 64, walked: bool = False
) -> Parsed | Problem:
    """Parse ``text`` (one JSON document); a syntax error is a CL001 problem. With
    ``walked``, record the containers (``Parsed.containers``)."""
    parser = _Parser(text, lines, max_depth)
    if walked:
        parser.out.containers = []
    try:
        offset = parser.skip(0)
        if offset >= len(text):
            return parser.out  # an empty file holds no document
        parser.out.value, offset = parser.value(offset, "", 0)
        offset = parser.skip(offset)
        if offset < len(text):
            raise _Error(offset, "unexpected content after the JSON value")
    except _Error as exc:
        line, column = parser.position(min(exc.offset, max(0, len(text) - 1)))
        label = "invalid JSON" if exc.code == "CL001" else "too complex"
        message = exc.message if exc.code == "CL007" else f"{label}: {exc.message}"
        return Problem(exc.code, locate.mark_point(line, column, lines), message)
    return parser.out


# A JSON string (its escapes whole), or one of the characters that give the structure.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def top_kind(text: str) -> str | None:
    """The ``kind`` of a JSON text's top-level object, read without building it (for a
    document too deep to build): the string value of a ``"kind"`` key at the first
    level; None when there is none, or it is not a string."""
    depth, key = 0, None
    tokens = _TOKEN.finditer(text)
    for token in tokens:
        value = token.group()
        if value in "{[":
            depth += 1
        elif value in "}]":
            depth -= 1
            if depth <= 0:
                return None
        elif value == ":" and depth == 1 and key == '"kind"':
            following = next(tokens, None)
            if following is None or not following.group().startswith('"'):
                return None
            if text[token.end() : following.start()].strip(" \t\n\r"):
                return None  # the value is no string (null, a number), then a string
            try:
                found = json.loads(following.group())
            except ValueError:
                return None
            return found if isinstance(found, str) else None
        key = value
    return None
