"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="a suppression passed its `until=` date, or lacks a reason that the config requires",
    doc=RuleDoc(
        what=(
            "A suppression has an `until=YYYY-MM-DD` date that has passed, so it no longer "
            "suppresses; or the config sets `require-suppression-reason: true` and the suppression "
            "gives no reason after ` -- `."
        ),
        why=(
            "Temporary exceptions are how known risks ship: 'we will add the fallback after "
            "launch'. An expiry date turns the promise into a reminder, and a required reason tells"
            " the next reader why the risk was accepted and by whom."
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "# contractlint: disable=CL101 until=2020-01-01 -- fallback lands in Q1\n"
            "fallback: TBD\n"
        ),
        good=("kind: model-contract\nname: ranking-service\nfallback: serve_most_popular\n"),
        fix=(
            "Fix the underlying finding, or renew the suppression with a new date and a reason: `# "
            "contractlint: disable=CL101 until=2026-03-31 -- fallback ships with v2`."
        ),
        options="`require-suppression-reason`.",
    ),
)
