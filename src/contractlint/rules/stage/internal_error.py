"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a rule crashed on this document; the other rules and files still run",
    doc=RuleDoc(
        what=(
            "A rule raised an exception while checking this document. The finding names the rule "
            "and the exception; the other rules and the other files were still checked. There is "
            "no failing example: no document should make a rule crash, and one that does shows a "
            "bug that is fixed once it is reported."
        ),
        why=(
            "A crash in one rule must not hide every other finding, nor fail a CI job in a way that"
            " looks like a broken contract. contractlint reports the crash where it happened and "
            "carries on, so the rest of the report can still be trusted."
        ),
        bad="",
        good="",
        fix=(
            "This is a bug in contractlint, not in your file: report it with the file that triggers"
            " it. Until it is fixed, `--ignore` the crashing rule or suppress CL000 for the file."
        ),
        options="",
    ),
)
