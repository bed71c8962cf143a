"""GitLab Code Quality: the Code Climate issue list that GitLab's merge request widget reads.

Each finding is an issue with ``description`` (``CODE message``), ``check_name``
(the code), ``fingerprint``, ``severity`` and ``location`` (path relative to the
project root, ``lines.begin``/``lines.end``), plus the Code Climate ``type``
and ``categories`` GitLab tolerates.

Severities: GitLab knows ``info``, ``minor``, ``major``, ``critical`` and
``blocker``. An error blocks a merge by default (``--fail-on error``), so it is
``critical``; a warning is ``major``; an info is ``minor``. ``blocker`` is
left for nothing: no finding stops other files from being checked.

Fingerprints: GitLab compares the issues of a merge request with those of its
target branch by fingerprint, so it must be unique within a report and the same
from run to run. It is a SHA-256 of the root-relative path, the finding's own
fingerprint (built from what the finding is about, never from its line) and, for
findings that would otherwise be equal, their occurrence number in the file.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from contractlint.digest import sha256_hex
from contractlint.formatters import Context
from contractlint.formatters.encode import dumps
from contractlint.paths import Folder
from contractlint.results import Report, Severity, stable_fingerprint

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "minor"}
CATEGORIES = ["Bug Risk"]


def location_path(path: str, root: Folder) -> str:
    """Relative to the project root with ``/``; a file outside it keeps the path shown."""
    relative = root.by_name(path)
    return relative if relative is not None else path.replace("\\", "/")


def issues(report: Report, context: Context) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    out: list[dict[str, Any]] = []
    root = Folder(context.root, context.cwd)
    for finding in report.findings:
        path = location_path(finding.path, root)
        key = (path, stable_fingerprint(finding))
        occurrence = seen[key]
        seen[key] += 1
        digest = sha256_hex(f"{path}\0{key[1]}\0{occurrence}".encode("utf-8", "replace"))
        out.append(
            {
                "type": "issue",
                "check_name": finding.code,
                "description": f"{finding.code} {finding.message}",
                "categories": list(CATEGORIES),
                "severity": SEVERITIES[finding.severity],
                "fingerprint": digest,
                "location": {
                    "path": path,
                    "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)},
                },
            }
        )
    return out


def format_report(report: Report, context: Context) -> str:
    return dumps(issues(report, context), findings=len(report.findings)) + "\n"
