"""Output formats: one pure function per format, ``(Report, Context) -> str``.

The context carries what a format needs beyond the findings (colour, the
project root for repository-relative URIs, the CI workspace); formatters never
read the environment themselves.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import importlib
from collections.abc import Iterator, Mapping
from typing import Any, Callable, NamedTuple, Optional

from contractlint.results import Report


class Context(NamedTuple):
    color: bool = False
    root: str = "."  # the project root (absolute): SARIF and GitLab paths are relative to it
    cwd: str = "."  # the folder finding paths are relative to
    workspace: Optional[str] = None  # GITHUB_WORKSPACE, for annotation paths
    rules: tuple[Any, ...] = ()  # the config's own rules (model.Rule), beside the built-in ones


Formatter = Callable[[Report, Context], str]


# Each format's module, imported only when that format is asked for.
_MODULES = {
    "text": "text",
    "full": "full",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
}


class _Formatters(Mapping[str, Formatter]):
    """Format name -> formatter; a format's module is imported on first use."""

    def __getitem__(self, name: str) -> Formatter:
        module = importlib.import_module(f"contractlint.formatters.{_MODULES[name]}")
        formatter: Formatter = module.format_report
        return formatter

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, Formatter] = _Formatters()
