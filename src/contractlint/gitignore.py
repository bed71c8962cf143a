"""Gitignore patterns, compiled into one regular expression.

``.gitignore`` files, ``include``, ``exclude``, ``extend-exclude`` and
``per-file-ignores`` are all written in gitignore syntax. ``pathspec``
implements it, but importing it costs about 30 ms, and a repository that holds
no contract is checked in about 70: the walk would pay more for the import
than for the files. The rules are few and fixed (``git help gitignore``), so
they are compiled here, and the tests hold this module to ``pathspec`` (the
test-only oracle) on generated patterns and paths.

The rules: blank lines and ``#`` comments are skipped; trailing spaces are
dropped unless escaped; ``\\`` escapes the next character; ``!`` negates; a
trailing ``/`` matches folders only; a pattern with a ``/`` anywhere else is
relative to its file's folder, one without matches a name at any depth; ``*``
and ``?`` never match ``/``; ``[...]`` is a class; ``**/`` at the start, ``/**``
at the end and ``/**/`` inside match any number of folders. The last pattern
that matches decides. Paths are relative, ``/``-separated, and a folder's ends
with ``/``.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import re
from collections.abc import Iterable
from typing import NamedTuple, Optional


class Patterns(NamedTuple):
    """Compiled patterns; ``match`` says what the last pattern that matches says."""

    regex: "Optional[re.Pattern[str]]"
    negated: frozenset[str]  # the group names of `!` patterns

    def match(self, path: str) -> Optional[bool]:
        """True: ``path`` is matched (ignored, excluded...); False: a ``!`` pattern
        takes it back; None: no pattern speaks of it."""
        if self.regex is None:
            return None
        found = self.regex.match(path)
        if found is None:
            return None
        return found.lastgroup not in self.negated

    def match_tree(self, path: str) -> bool:
        """``path`` (a file's) is matched, itself or through a folder above it, as git
        never looks inside a folder it ignores."""
        parts = path.split("/")
        for end in range(1, len(parts)):
            if self.match("/".join(parts[:end]) + "/"):
                return True
        return bool(self.match(path))


def compile_patterns(lines: Iterable[str]) -> Patterns:
    """One regex for ``lines``: the later a pattern, the earlier its alternative, so the
    first alternative that matches is the last pattern that does."""
    alternatives: list[str] = []
    negated: set[str] = set()
    for number, line in enumerate(lines):
        translated = _translate(line)
        if translated is None:
            continue
        body, negative = translated
        name = f"p{number}"
        alternatives.append(f"(?P<{name}>{body})")
        if negative:
            negated.add(name)
    if not alternatives:
        return Patterns(None, frozenset())
    regex = re.compile("(?:" + "|".join(reversed(alternatives)) + r")\Z", re.DOTALL)
    return Patterns(regex, frozenset(negated))


def _translate(line: str) -> Optional[tuple[str, bool]]:
    """The regex of one pattern line and whether it is negated; None for a comment, a
    blank line or a pattern that can match nothing."""
    line = line.rstrip("\n\r")
    if not line or line.startswith("#"):
        return None
    # Trailing spaces are dropped unless the last of them is escaped.
    stripped = line.rstrip(" ")
    if stripped != line and stripped.endswith("\\") and not _escaped_backslash(stripped):
        stripped += " "
    line = stripped
    negative = line.startswith("!")
    if negative:
        line = line[1:]
    if not line:
        return None
    folders_only = line.endswith("/") and not line.endswith("\\/")
    if folders_only:
        line = line[:-1]
    anchored = "/" in line
    if line.startswith("/"):
        line = line[1:]
    segments = line.split("/")
    if not line or any(s == "" for s in segments):
        return None  # `/`, `a//b`: git matches nothing with these
    # `**/**` is `**`: drop the repeats.
    segments = [s for i, s in enumerate(segments) if s != "**" or segments[i - 1 : i] != ["**"]]
    out = "" if anchored else "(?:.*/)?"
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment == "**":
            if index == 0:
                out += ".*" if index == last else "(?:.*/)?"
            elif index == last:
                out += "/.+"  # everything inside, not the folder itself
            else:
                out += "(?:/.*)?"
            continue
        if index > 0 and not (index == 1 and segments[0] == "**"):
            out += "/"  # a leading `**/` already ends with one
        out += "(?=[^/])" + _segment(segment)  # a name is never empty: `a/*` is not `a/`
    out += "/" if folders_only else "/?"
    return out, negative


def _escaped_backslash(text: str) -> bool:
    """``text`` ends with an even number of backslashes (so the last is not an escape)."""
    count = len(text) - len(text.rstrip("\\"))
    return count % 2 == 0


def _segment(segment: str) -> str:
    """One path segment's wildcards as a regex: ``*`` and ``?`` within the segment,
    ``[...]`` classes, ``\\`` escapes; everything else literal."""
    out = []
    index, size = 0, len(segment)
    while index < size:
        char = segment[index]
        index += 1
        if char == "\\":
            if index < size:
                out.append(re.escape(segment[index]))
                index += 1
        elif char == "*":
            while index < size and segment[index] == "*":
                index += 1  # `***` is `*` outside `**` segments
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = _class_end(segment, index)
            if end is None:
                out.append(re.escape(char))
            else:
                out.append(_class(segment[index:end]))
                index = end + 1
        else:
            out.append(re.escape(char))
    return "".join(out)


def _class_end(segment: str, start: int) -> Optional[int]:
    """The index of the ``]`` that closes a class opened before ``start``, if any."""
    index = start
    if index < len(segment) and segment[index] in "!^":
        index += 1
    if index < len(segment) and segment[index] == "]":
        index += 1  # a `]` first in the class is a member
    while index < len(segment):
        if segment[index] == "\\":
            index += 2
            continue
        if segment[index] == "]":
            return index
        index += 1
    return None


def _class(body: str) -> str:
    """A ``[...]`` class body as a regex class (never matching ``/``)."""
    negate = body[:1] in ("!", "^")
    if negate:
        body = body[1:]
    members = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            members.append(re.escape(body[index + 1]))
            index += 2
            continue
        if char == "-" and members and index + 1 < len(body):
            members.append("-")
            index += 1
            continue
        members.append(re.escape(char) if char in "\\]^[" else char)
        index += 1
    text = "".join(members)
    return f"[^/{text}]" if negate else f"(?!/)[{text}]"
