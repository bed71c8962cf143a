"""What a run produces: findings, each file's result, and the report.

These values are made on every run, including one where every file is a cache
hit, so they are ``NamedTuple`` classes: frozen like the rest of the pipeline's
values, and cheap to define and to create (a dataclass module costs a warm run
more than its cache lookups). Like every position in a finding, ``line`` and
``column`` are 1-based, with an exclusive ``end_column``.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import enum
from typing import Any, NamedTuple, Optional


class Severity(str, enum.Enum):
    """A finding's severity; ``rank`` orders them for ``--fail-on``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    fixable: bool = False
    pointer: str = ""
    # Stable across edits elsewhere in the file (never built from a line number):
    # what baselines and SARIF's partialFingerprints key on.
    fingerprint: str = ""
    # The start and end columns in UTF-16 code units, as SARIF counts them, when they
    # differ from ``column`` and ``end_column`` (a character beyond U+FFFF before them
    # on the line); empty otherwise. Known when the line is at hand, so that a report
    # never reads a file again. Not in ``to_dict``: the JSON format counts code points.
    utf16: tuple[int, ...] = ()

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fixable": self.fixable,
            "pointer": self.pointer,
            "fingerprint": self.fingerprint,
        }


class FileResult(NamedTuple):
    path: str
    findings: tuple[Finding, ...]
    documents: int = 0
    # The real paths of the files it references (read or looked for): the cache
    # lints the file again when one of them changes.
    depends_on: tuple[str, ...] = ()


class Report(NamedTuple):
    files: tuple[FileResult, ...]
    findings: tuple[Finding, ...] = ()
    # With --baseline: findings the baseline held back, and its entries that matched nothing.
    baselined: Optional[int] = None
    stale_baseline: int = 0
    # The kinds the configuration declares (SPEC 8): contracts too, so the summary
    # names them where it says what a contract is.
    declared_kinds: tuple[str, ...] = ()

    @property
    def files_checked(self) -> int:
        return len(self.files)

    @property
    def documents_checked(self) -> int:
        return sum(f.documents for f in self.files)

    def of_severity(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def summary(self) -> dict[str, int]:
        return {
            "files": self.files_checked,
            "contracts": self.documents_checked,
            "documents": self.documents_checked,
            "findings": len(self.findings),
            "errors": self.of_severity(Severity.ERROR),
            "warnings": self.of_severity(Severity.WARNING),
            "infos": self.of_severity(Severity.INFO),
            **(
                {"baselined": self.baselined, "stale_baseline_entries": self.stale_baseline}
                if self.baselined is not None
                else {}
            ),
        }


def stable_fingerprint(finding: Finding) -> str:
    """The finding's fingerprint; one built without it (by hand) gets one that is still
    line-independent, as the engine builds them: from the code, the pointer and the
    message."""
    if finding.fingerprint:
        return finding.fingerprint
    from contractlint.digest import sha256_hex

    key = f"{finding.code}\0{finding.pointer}\0{finding.message}"
    return sha256_hex(key.encode("utf-8", "replace"))[:20]
