"""CL307 missing-randomization-unit."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import absent


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    pointer = absent(document.value, options, "unit_of_randomization")
    if pointer is not None:
        yield Hit(
            pointer,
            (
                "the plan has no `unit_of_randomization`: say what is assigned to arms (user, "
                "session, request, store...)"
            ),
        )


RULE = Rule(
    code="CL307",
    name="missing-randomization-unit",
    severity=Severity.ERROR,
    kinds=("experiment-plan",),
    summary="`unit_of_randomization` is missing",
    check=check,
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
