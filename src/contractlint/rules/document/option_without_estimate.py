from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required_in_each

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="an option has no `estimate_weeks`",
    check=required_in_each(
        "options",
        "estimate_weeks",
        "name",
        "option {label} has no `estimate_weeks`: options cannot be compared without their cost",
    ),
    doc=RuleDoc(
        what="An entry of `options` has no `estimate_weeks` (absent, null or a placeholder).",
        why=(
            "Scope options are a trade-off between value and cost, and the PM can only make "
            "it with both on the table. An option without an estimate is either the one "
            "everybody already favours or one nobody looked at; a rough estimate in weeks is "
            "enough to see that the advanced option costs three times the simple one."
        ),
        bad=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "options:\n"
            "  - {name: baseline, description: popularity re-rank}\n"
        ),
        good=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "options:\n"
            "  - {name: baseline, description: popularity re-rank, estimate_weeks: 1}\n"
        ),
        fix="Give each option a rough `estimate_weeks`.",
        options="`placeholders`.",
    ),
)
