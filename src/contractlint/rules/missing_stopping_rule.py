"""CL305 missing-stopping-rule."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import absent


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    pointer = absent(document.value, options, "stopping_rule")
    if pointer is not None:
        yield Hit(
            pointer,
            (
                "the plan has no `stopping_rule`: choose `fixed_horizon` (analyse once, at the "
                "end) or `sequential` (with a method that allows peeking)"
            ),
        )


RULE = Rule(
    code="CL305",
    name="missing-stopping-rule",
    severity=Severity.ERROR,
    kinds=("experiment-plan",),
    summary="`stopping_rule` is missing",
    check=check,
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
