from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required_in_each

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a listed risk has no mitigation",
    check=required_in_each(
        "risks",
        "mitigation",
        "risk",
        "risk {label} has no mitigation: say what the team does to prevent or absorb it",
    ),
    doc=RuleDoc(
        what="An entry of `risks` has no `mitigation` (absent, null or a placeholder).",
        why=(
            "Listing a risk without a mitigation records that the team saw the problem and "
            "chose not to decide. A mitigation (a fallback for cold-start items, a privacy "
            "review, a staged rollout) turns the risk into work that can be scheduled and "
            "owned, and lets the scope owner judge whether the remaining risk is acceptable."
        ),
        bad=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "risks:\n"
            "  - {risk: cold start for new items}\n"
        ),
        good=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "risks:\n"
            "  - risk: cold start for new items\n"
            "    mitigation: blend with popularity for items under 7 days\n"
        ),
        fix="Give every risk a `mitigation`, or remove risks that no longer apply.",
        options="`placeholders`.",
    ),
)
