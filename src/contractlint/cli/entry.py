"""The ``contractlint`` command: a quick parser for the common ``check`` lines, click
for the rest.

Importing click and what it imports (``inspect``, ``typing``'s machinery,
``uuid``, ``gettext``...) takes longer than a run of two thousand files that
are all cache hits. A pre-commit hook (``check --force-exclude FILE...``) or a
CI step (``check --format github``) pays it on every call. So ``main`` first
tries :func:`parse_check`, which understands only ``check`` with paths and its
options (``--config``, ``--format``, ``--output-file``, ``--jobs``, the rule
selection...), each spelt as click spells it; it gives up (returns None) on anything else,
including every mistake, and click then parses the line and reports the
error. Both front ends hand the same :class:`CheckOptions` to
:func:`contractlint.cli.check_command.run`, so the output is the same either way
(``tests/test_entry.py`` holds them to it).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any

from contractlint.cli import check_command
from contractlint.cli.check_command import (
    OPTIONS,
    CheckOptions,
    FormatError,
    env_format,
    guarded,
)


# `check`'s options that the quick parser reads, by the name click gives the parameter:
# derived from their one declaration (`check_command.CheckOptions`).
def _table(takes: str) -> dict[str, str]:
    return {
        flag: name
        for name, option in OPTIONS.items()
        if option.takes == takes
        for flag in option.flags
    }


FLAGS = _table("flag")
VALUES = _table("value")
LISTS = _table("list")
# click's boolean words, as it reads a flag's environment variable (stripped, any case).
_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"", "0", "false", "f", "no", "n", "off"})


def _valid(name: str, value: str) -> bool:
    option = OPTIONS[name]
    if option.path:
        return _path_ok(value, folder=option.path == "folder")
    if option.choices:
        return value in option.choices
    if option.at_least_one:  # click's IntRange(min=1)
        return value.isascii() and value.isdigit() and int(value) >= 1
    return True  # any text (--stdin-filename)


def parse_check(args: Sequence[str]) -> CheckOptions | None:
    """``args`` as click would parse them, when they are a ``check`` line made only of
    what this parser knows, all valid; else None (click parses them, and explains)."""
    if not args or args[0] != "check":
        return None
    flags: dict[str, Any] = {}
    lists: dict[str, list[str]] = {name: [] for name in LISTS.values()}
    paths: list[str] = []
    tokens = iter(args[1:])
    only_paths = False
    for token in tokens:
        if only_paths or not token.startswith("-"):
            paths.append(token)
            continue
        if token == "--":
            only_paths = True
            continue
        name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in FLAGS and not equals:
            flags[FLAGS[name]] = True
            continue
        if name not in VALUES and name not in LISTS:
            return None  # --help, -, a typo, -qj2...: click decides
        if not equals:
            following = next(tokens, None)
            if following is None or following.startswith("-"):
                return None
            value = following
        if name in LISTS:
            lists[LISTS[name]].append(value)
            continue
        if not _valid(VALUES[name], value):
            return None
        # The last one wins, as in click.
        flags[VALUES[name]] = int(value) if OPTIONS[VALUES[name]].at_least_one else value
    environment = _from_environment()
    if environment is None:
        return None
    for name, value in environment.items():
        flags.setdefault(name, value)  # the command line wins
    if "output_format" not in flags:
        try:
            flags["output_format"] = env_format()
        except FormatError:
            return None
    for name, values in lists.items():
        flags[name] = tuple(values)
    return CheckOptions(paths=tuple(paths), **flags)


def _path_ok(value: str, folder: bool) -> bool:
    """Whether click's ``Path(file_okay=not folder, dir_okay=folder)`` takes ``value``
    without a word: a path that need not exist, but when it does, is of the right sort
    and readable. An empty one is click's to judge."""
    if not value:
        return False
    if not os.path.exists(value):
        return True
    right_sort = os.path.isdir(value) if folder else not os.path.isdir(value)
    return right_sort and os.access(value, os.R_OK)


def _from_environment() -> dict[str, Any] | None:
    """``--no-cache`` and ``--cache-dir`` as click reads them from
    ``CONTRACTLINT_NO_CACHE`` and ``CONTRACTLINT_CACHE_DIR``; None for a value click
    would refuse (it says why)."""
    found: dict[str, Any] = {}
    no_cache = os.environ.get("CONTRACTLINT_NO_CACHE")
    if no_cache is not None:
        word = no_cache.strip().lower()
        if word not in _TRUE and word not in _FALSE:
            return None
        found["no_cache"] = word in _TRUE
    cache_dir = os.environ.get("CONTRACTLINT_CACHE_DIR")
    if cache_dir:
        if not _path_ok(cache_dir, folder=True):
            return None
        found["cache_dir"] = cache_dir
    return found


def _terminated(signum: int, frame: Any) -> None:
    sys.exit(128 + signum)


def main(argv: Sequence[str] | None = None) -> None:
    """The ``contractlint`` console script."""
    # A run allocates many small objects that hold no cycles (values, spans, findings,
    # cache entries): collect cycles less often, and never rescan what the imports built.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    # SIGTERM (a CI job cancelled) unwinds like Ctrl-C does, so a file being written
    # removes its temporary file instead of leaving it behind.
    signal.signal(signal.SIGTERM, _terminated)
    args = list(sys.argv[1:] if argv is None else argv)
    options = parse_check(args)
    if options is None:
        from contractlint.cli.commands import cli

        cli.main(args=args, prog_name="contractlint")
        return  # click exits
    checked = options
    sys.exit(guarded(lambda: check_command.run(checked)))
