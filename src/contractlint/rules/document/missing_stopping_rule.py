from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`stopping_rule` is missing",
    check=required(
        "stopping_rule",
        missing="the plan has no `stopping_rule`",
        hint="choose `fixed_horizon` (one analysis, at the end) or `sequential`",
    ),
    doc=RuleDoc(
        what=("The plan has no `stopping_rule` (absent, null or a placeholder)."),
        why=(
            "Everybody looks at a running experiment's dashboard. Without an agreed stopping "
            "rule, looking turns into stopping as soon as the result crosses significance, "
            "which inflates the false positive rate several times over. Declaring "
            "fixed-horizon or a sequential method up front decides whether early looks are "
            "allowed and how they are corrected."
        ),
        bad=("kind: experiment-plan\nname: email-subject-personalization\n"),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "stopping_rule: fixed_horizon\n"
        ),
        fix=(
            "Add `stopping_rule: fixed_horizon`, or `stopping_rule: sequential` with a "
            "`sequential_method`."
        ),
        options="`placeholders`.",
    ),
)
