from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`duration_days` is missing",
    check=required(
        "duration_days",
        missing="the plan sets no `duration_days`",
        hint="say how many days the experiment runs, at least one full week",
    ),
    doc=RuleDoc(
        what=("The plan has no `duration_days` (absent, null or a placeholder)."),
        why=(
            "The duration is the promise that the experiment is not stopped early and not "
            "left running forever. It turns the sample size into a calendar date the PM can "
            "plan a launch around, makes sure at least one weekly cycle is observed, and lets"
            " anyone check that the traffic can actually deliver the planned sample (CL308)."
        ),
        bad=("kind: experiment-plan\nname: email-subject-personalization\n"),
        good=("kind: experiment-plan\nname: email-subject-personalization\nduration_days: 14\n"),
        fix=(
            "Add `duration_days:`, at least 7 and long enough for the traffic to reach the "
            "planned sample size."
        ),
        options="`placeholders`.",
    ),
)
