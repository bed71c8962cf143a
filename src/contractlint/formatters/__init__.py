"""Output formats: one pure function per format, ``(Report, Context) -> str``.

The context carries what a format needs beyond the findings (colour, the
project root for repository-relative URIs, the CI workspace); formatters never
read the environment themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from contractlint.model import Report


@dataclass(frozen=True)
class Context:
    color: bool = False
    root: str = "."  # the project root (absolute): SARIF and GitLab paths are relative to it
    cwd: str = "."  # the folder finding paths are relative to
    workspace: str | None = None  # GITHUB_WORKSPACE, for annotation paths


Formatter = Callable[[Report, Context], str]


def _registry() -> dict[str, Formatter]:
    from contractlint.formatters import github, gitlab, json_format, junit, sarif, text

    return {
        "text": text.format_report,
        "json": json_format.format_report,
        "github": github.format_report,
        "sarif": sarif.format_report,
        "junit": junit.format_report,
        "gitlab": gitlab.format_report,
    }


FORMATTERS: dict[str, Formatter] = _registry()
