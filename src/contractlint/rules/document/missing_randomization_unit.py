from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`unit_of_randomization` is missing",
    check=required(
        "unit_of_randomization",
        missing="the plan has no `unit_of_randomization`",
        hint="say what is assigned to arms (user, session, request or store)",
    ),
    doc=RuleDoc(
        what=("The plan has no `unit_of_randomization` (absent, null or a placeholder)."),
        why=(
            "Randomizing by request when the effect plays out per user lets one user see both"
            " arms, contaminating the comparison; randomizing by user when the metric is per "
            "session changes the variance and the sample size. The unit decides the "
            "assignment code engineering writes, the analysis the data scientist runs, and "
            "what 'per arm' in the sample size counts."
        ),
        bad=("kind: experiment-plan\nname: email-subject-personalization\n"),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "unit_of_randomization: user\n"
        ),
        fix=(
            "Add `unit_of_randomization:` (usually `user`), matching the unit the metric is "
            "computed over."
        ),
        options="`placeholders`.",
    ),
)
