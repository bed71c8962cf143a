"""The public API of contractlint: what the CLI, the language server and plugins call.

Version :data:`API_VERSION`; a change that breaks a caller raises it. Everything a
caller needs is importable from here, and nothing here prints, exits or reads
environment variables: results are values.

>>> from contractlint import api
>>> config = api.load_config(start="contracts/")           # what `check` would use there
>>> findings = api.lint_text(editor_text, "contracts/ranking.yaml", config)
>>> report = api.lint_paths(["contracts/"], config)

A text that is not a contract (no ``kind`` of ours, SPEC section 1) gives no finding,
exactly as ``check`` skips such a file.

Writing a plugin
----------------
A plugin is an installed distribution with an entry point in the group
``contractlint.plugins`` whose object is a callable returning the plugin's rules; the
built-in rules are the same :class:`Rule` values. A rule's ``check(document, options)``
yields a :class:`Hit` per problem: a JSON Pointer into ``document.value`` and a message
(``document.span_for(pointer)`` is where it stands in the file, 1-based). Its code is
2 to 10 capitals or digits then 3 digits, never ``CL...``, and its name is kebab-case.

>>> # acme_contractlint.py; in pyproject.toml:
>>> # [project.entry-points."contractlint.plugins"]
>>> # acme = "acme_contractlint:register"
>>> from contractlint.api import Document, Hit, Rule, RuleDoc, RuleOptions, Severity
>>> def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
...     for role, owner in (document.value.get("owners") or {}).items():
...         if "@" not in str(owner)[1:]:
...             yield Hit(f"/owners/{role}", f"owner `{role}` is not an e-mail address")
>>> def register() -> list[Rule]:
...     doc = RuleDoc(what="...", why="...", bad="...", good="...", fix="...")
...     return [Rule("ACME900", "model-needs-owner-email", Severity.WARNING,
...                  ("model-contract",), "Every owner is an e-mail address.", doc, check)]

A configuration runs it only when it names it (``plugins: [acme]``); its rules are then
selected, ignored, graded and suppressed by code or name like the built-in ones, and a
rule that raises is a CL000 finding for that document, not a crash. A named plugin
that is not installed, or whose ``register()`` raises or returns a bad rule, is a
configuration error (exit 2).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence

from contractlint import config as _config
from contractlint.config import Config, ConfigError
from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions, Span
from contractlint.pipeline import discover, sniff
from contractlint.pipeline.engine import lint_file
from contractlint.results import FileResult, Finding, Report, Severity
from contractlint.run import runner

API_VERSION = 1

__all__ = [
    "API_VERSION",
    "Config",
    "ConfigError",
    "Document",
    "FileResult",
    "Finding",
    "Hit",
    "Report",
    "Rule",
    "RuleDoc",
    "RuleOptions",
    "Severity",
    "Span",
    "lint_paths",
    "lint_text",
    "load_config",
]


def load_config(
    path: str | None = None,
    *,
    start: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> Config:
    """The configuration in ``path``, or else the one ``check`` finds from the folder
    ``start`` (default: the current folder) up to the top of its git repository, with
    a selection applied over it as ``--select``/``--ignore``/``--extend-select`` do.
    A bad configuration raises :class:`ConfigError` naming the file and the key."""
    folder = start if start is None or os.path.isdir(start) else os.path.dirname(start) or "."
    overrides = {"select": select, "ignore": ignore, "extend_select": extend_select}
    return _config.load(path, cwd=folder, overrides=overrides)


def lint_text(
    text: str,
    path: str,
    config: Config | None = None,
    today: datetime.date | None = None,
) -> list[Finding]:
    """The findings ``check`` gives for a file at ``path`` that holds ``text`` (an
    editor's unsaved buffer): same codes, positions (1-based), severities and messages.
    The file need not exist; the files it references are read from disk. Without
    ``config``, the configuration ``check`` would find for ``path``."""
    config = config if config is not None else load_config(start=path)
    target = discover.Target(path, discover.display_path(path, os.getcwd()))
    data = text.encode("utf-8")
    limit = config.max_file_size
    raw = sniff.Raw(data[:limit], size=len(data), too_large=len(data) > limit)
    return list(lint_file(target, config, today, raw=raw).findings)


def lint_paths(
    paths: Sequence[str],
    config: Config | None = None,
    *,
    force_exclude: bool = False,
    jobs: int = 1,
    today: datetime.date | None = None,
) -> Report:
    """What ``check PATHS`` reports (files and folders, walked as ``check`` walks
    them), without the cache and without printing anything."""
    config = config if config is not None else load_config()
    found = discover.discover(
        list(paths) or ["."], config.root, config.include, config.exclusions, force_exclude
    )
    targets = [*found.targets, *(discover.Target(m, m) for m in found.missing)]
    return runner.lint(targets, config, today, found.loops, jobs)
