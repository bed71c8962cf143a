"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="a suppression comment suppressed nothing",
    doc=RuleDoc(
        what=(
            "A `# contractlint: disable=...` comment, a `disable-file` comment or an "
            "`x-contractlint-ignore` entry names a rule that reported nothing there, or a rule that"
            " does not exist."
        ),
        why=(
            "Suppressions outlive the problems they were written for. A stale one hides the next "
            "real problem on that line, and a misspelled code suppresses nothing while looking like"
            " it does."
        ),
        bad=("kind: model-contract\nname: ranking-service  # contractlint: disable=CL101\n"),
        good=("kind: model-contract\nname: ranking-service\n"),
        fix="Delete the suppression, or correct the rule code or name it lists.",
        options="",
    ),
)
