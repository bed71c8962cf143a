"""Where git's global ignore file is: ``core.excludesFile``, read as git reads it.

A walk skips what git skips (SPEC 1): ``.gitignore`` files, ``.git/info/exclude``,
and the file ``core.excludesFile`` names in git's configuration (by default
``$XDG_CONFIG_HOME/git/ignore``, or ``~/.config/git/ignore``), where people put
``.idea/``, ``*.swp`` or their scratch folders. Asking ``git config`` would cost a
process on every run; the files are few and their syntax small, so they are read
here, and the tests hold the answer to git's own (``git check-ignore``).

Read in git's order, the last value wins: the system file (unless
``GIT_CONFIG_NOSYSTEM``), the global files (``GIT_CONFIG_GLOBAL``, or
``$XDG_CONFIG_HOME/git/config`` then ``~/.gitconfig``), then the repository's
``.git/config``; ``[include] path`` is followed. ``includeIf`` is not (its
conditions are git's to judge): a value set only under it is not seen.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

# `[section]`, `[section "subsection"]` or the old `[section.subsection]`, and
# what may follow it on the same line.
_SECTION = re.compile(r'\s*\[\s*([A-Za-z0-9.-]+)\s*(?:"((?:[^"\\]|\\.)*)")?\s*\](.*)$')
_KEY = re.compile(r"\s*([A-Za-z][A-Za-z0-9-]*)\s*(=?)(.*)$")
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", '"': '"', "\\": "\\"}
_MOST_INCLUDES = 10  # git's own limit on nested includes


def git_folder(top: str) -> str | None:
    """The folder that holds the repository's ``info/exclude`` and ``config`` when
    ``top`` is a working tree's top folder: ``.git``, or for a linked worktree or a
    submodule (``.git`` is then a file saying ``gitdir: ...``) the folder it names, or
    that folder's common folder. None when ``top`` holds no repository."""
    dot_git = os.path.join(top, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    try:
        with open(dot_git, encoding="utf-8", errors="replace") as handle:
            first = handle.readline()
    except OSError:
        return None
    if not first.startswith("gitdir:"):
        return None
    folder = os.path.join(top, first[len("gitdir:") :].strip())
    try:
        with open(os.path.join(folder, "commondir"), encoding="utf-8") as handle:
            folder = os.path.join(folder, handle.readline().strip())
    except OSError:
        pass  # a submodule's folder is its own common folder
    return os.path.normpath(folder) if os.path.isdir(folder) else None


def excludes_file(git_dir: str, environ: Mapping[str, str]) -> str | None:
    """The path of the global ignore file for the repository whose git folder is
    ``git_dir``, or None when there is none to read."""
    home = environ.get("HOME", "")
    xdg = environ.get("XDG_CONFIG_HOME") or (os.path.join(home, ".config") if home else "")
    files: list[str] = []
    if not environ.get("GIT_CONFIG_NOSYSTEM"):
        files.append(environ.get("GIT_CONFIG_SYSTEM") or "/etc/gitconfig")
    if "GIT_CONFIG_GLOBAL" in environ:
        files.append(environ["GIT_CONFIG_GLOBAL"])
    else:
        if xdg:
            files.append(os.path.join(xdg, "git", "config"))
        if home:
            files.append(os.path.join(home, ".gitconfig"))
    files.append(os.path.join(git_dir, "config"))
    value: str | None = None
    for path in files:
        found = _value_in(path, "core", "excludesfile", home, 0)
        if found is not None:
            value = found
    if value is None:
        return os.path.join(xdg, "git", "ignore") if xdg else None
    if value == "":
        return None  # `excludesFile =`: no global ignore file
    return _expand(value, home)


def _expand(path: str, home: str) -> str:
    if path == "~" or path.startswith("~/"):
        return home + path[1:] if home else path
    return os.path.expanduser(path)


def _value_in(path: str, section: str, key: str, home: str, depth: int) -> str | None:
    """The last value of ``section.key`` in the config file ``path`` (and the files it
    includes), or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return None
    value: str | None = None
    current = ""
    lines = iter(text.splitlines())
    for line in lines:
        header = _SECTION.match(line)
        if header is not None:
            name, subsection, line = header.groups()
            current = name.lower() if subsection is None else f"{name.lower()}\0{subsection}"
        entry = _KEY.match(line)
        if entry is None:
            continue
        name, equals, rest = entry.groups()
        if not equals:
            continue  # a boolean key without a value, or a comment
        while rest.rstrip().endswith("\\") and not rest.rstrip().endswith("\\\\"):
            rest = rest.rstrip()[:-1] + next(lines, "")  # a continued line
        name = name.lower()
        if current == section and name == key:
            value = _unquote(rest)
        elif current == "include" and name == "path" and depth < _MOST_INCLUDES:
            included = _expand(_unquote(rest), home)
            if not os.path.isabs(included):
                included = os.path.join(os.path.dirname(path), included)
            found = _value_in(included, section, key, home, depth + 1)
            if found is not None:
                value = found
    return value


def _unquote(raw: str) -> str:
    """A value as git reads it: quotes joined, escapes read, comments and the
    surrounding blanks dropped."""
    out: list[str] = []
    quoted = False
    pending = ""  # blanks outside quotes count only between other characters
    index = 0
    while index < len(raw):
        char = raw[index]
        if char == "\\" and index + 1 < len(raw):
            out.append(pending + _ESCAPES.get(raw[index + 1], raw[index + 1]))
            pending = ""
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "#;":
            break
        elif not quoted and char in " \t":
            pending += char if out else ""
        else:
            out.append(pending + char)
            pending = ""
        index += 1
    return "".join(out)
