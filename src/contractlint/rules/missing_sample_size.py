"""CL301 missing-sample-size."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import absent


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    pointer = absent(document.value, options, "sample_size", "per_arm")
    if pointer is not None:
        yield Hit(
            pointer,
            (
                "`sample_size.per_arm` is not set: state how many units each arm needs (see CL302"
                " for the power calculation)"
            ),
        )


RULE = Rule(
    code="CL301",
    name="missing-sample-size",
    severity=Severity.ERROR,
    kinds=("experiment-plan",),
    summary="`sample_size.per_arm` is missing",
    check=check,
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
