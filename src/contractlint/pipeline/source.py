"""Stage "read": bytes -> text, and text -> the segments that hold documents.

A YAML or JSON file is one segment. A Markdown file yields its front matter
and each fenced ``yaml``/``json`` block as a segment. Each segment's text is
padded with the newlines that precede it in the file, so the parser's marks
are already positions in the Markdown file: nothing downstream adjusts lines.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from contractlint.model import FILE_START, Problem, Span
from contractlint.pipeline import sniff

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class Segment(NamedTuple):
    """Text that holds documents, in format ``yaml`` or ``json``."""

    text: str
    fmt: str


class Source(NamedTuple):
    """A decoded file: its text (LF newlines, no BOM) and its segments."""

    path: str
    text: str
    segments: tuple[Segment, ...]


def file_format(path: str) -> str:
    suffix = os.path.splitext(os.path.basename(path))[1].lower()
    if suffix == ".json":
        return "json"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "yaml"


def read(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source | Problem:
    """Read and decode ``path``; an unreadable file is a CL006 problem, not an exception."""
    return from_raw(path, sniff.read(path, max_bytes))


def from_raw(path: str, raw: sniff.Raw) -> Source | Problem:
    """The source of a file read as ``raw`` (stage "sniff" read it), or why there is none."""
    if raw.error:
        return Problem("CL006", FILE_START, raw.error)
    if raw.too_large:
        return Problem(
            "CL006",
            FILE_START,
            f"file is {raw.size:,} bytes, over the size limit of {len(raw.data):,} bytes; "
            "raise `max-file-size` in the config or exclude the file",
        )
    return decode(path, raw.data)


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(path: str, data: bytes) -> Source | Problem:
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return Problem(
                "CL006",
                FILE_START,
                f"the file is encoded as {encoding} (it starts with a {encoding} byte-order "
                "mark): save it as UTF-8",
            )
    if b"\x00" in data[:8192]:
        return Problem("CL006", FILE_START, "binary content (NUL bytes): not a text file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(data, exc.start)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = file_format(path)
    segments = markdown_segments(text) if fmt == "markdown" else (Segment(text, fmt),)
    return Source(path, text, segments)


def _not_utf8(data: bytes, offset: int) -> Problem:
    """CL006 naming the first invalid byte, at its line and column (in characters)."""
    before = data[:offset].decode("utf-8", errors="replace")
    before = before.replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return Problem(
        "CL006",
        Span(line, column, line, column + 1),
        f"not valid UTF-8: byte 0x{data[offset]:02x} at line {line}, column {column}; "
        "save the file as UTF-8",
    )


_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[ \t]*([^`\s]*)[^\n`]*$")
_COMMENT = re.compile(r"^ {0,3}<!--")
# An excerpt, not a document (SPEC 1: "README code blocks with `...` elisions"): a line
# that is only `...` (or `- ...`, `key: ...`), a comment that starts with it (`# ...
# the rest`), or `...` as an item or value of a flow collection (`[a, ...]`).
_ELISION = re.compile(
    r"^[ \t]*(?:(?:#|//)[ \t]*(?:\.\.\.|…)"
    r"|(?:-[ \t]+)?(?:[^\s:#][^:#\n]*:[ \t]+)?(?:\.\.\.|…)[ \t]*(?:#.*)?$)"
    r"|(?:[\[{,]|:)[ \t]*(?:\.\.\.|…)[ \t]*[\]},]",
    re.MULTILINE,
)


def markdown_segments(text: str) -> tuple[Segment, ...]:
    """Front matter and fenced ``yaml``/``json`` blocks, padded to their line in the file."""
    lines = text.split("\n")
    segments: list[Segment] = []
    start = 0
    if lines and lines[0].rstrip() == "---":
        for end in range(1, len(lines)):
            if lines[end].rstrip() in ("---", "..."):
                body = lines[1:end]
                segments.append(Segment("\n" + "\n".join(body) + "\n", "yaml"))
                start = end + 1
                break
    index = start
    while index < len(lines):
        opened = _COMMENT.match(lines[index])
        if opened:
            # An HTML comment runs to the line that holds `-->` (CommonMark's HTML block):
            # a fence inside it is commented out, not a code block.
            if "-->" not in lines[index][opened.end() :]:
                index += 1
                while index < len(lines) and "-->" not in lines[index]:
                    index += 1
            index += 1
            continue
        match = _FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence, info = match.group(2), match.group(3).lower()
        body_start = index + 1
        close = body_start
        while close < len(lines):
            stripped = lines[close].strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                break
            close += 1
        if info in ("yaml", "yml", "json") and not _ELISION.search(
            "\n".join(lines[body_start:close])
        ):
            # An indented fence keeps its indentation: YAML accepts a uniformly
            # indented document, and the columns stay those of the Markdown file.
            body = lines[body_start:close]
            padding = "\n" * body_start
            fmt = "json" if info == "json" else "yaml"
            ending = "\n" if close < len(lines) else ""  # an unclosed fence ends the file
            segments.append(Segment(padding + "\n".join(body) + ending, fmt))
        index = close + 1
    return tuple(segments)
