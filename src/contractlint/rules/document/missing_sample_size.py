from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`sample_size.per_arm` is missing",
    check=required(
        "sample_size",
        "per_arm",
        missing="`sample_size.per_arm` is not set",
        hint="state how many units each arm needs (CL302 checks its power)",
    ),
    doc=RuleDoc(
        what=("The plan has no `sample_size.per_arm` (absent, null or a placeholder)."),
        why=(
            "An experiment without a planned sample size ends when someone gets impatient or "
            "sees a good day, which is how false wins ship. Fixing the number of units per "
            "arm in advance, from the baseline, the effect worth detecting and the power, is "
            "what makes the result's p-value mean what it says and tells engineering how long"
            " the flag must stay on."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "sample_size: {alpha: 0.05, power: 0.8}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "sample_size: {per_arm: 82000, alpha: 0.05, power: 0.8}\n"
        ),
        fix=(
            "Compute the required units per arm from the primary metric (CL302 shows the "
            "number) and write it as `sample_size.per_arm`."
        ),
        options="`placeholders`.",
    ),
)
