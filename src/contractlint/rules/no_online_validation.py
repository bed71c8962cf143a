"""CL207 no-online-validation."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import absent


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    pointer = absent(document.value, options, "validation", "online")
    if pointer is not None:
        yield Hit(
            pointer,
            "`validation.online` is missing: offline metrics alone would decide; name the "
            "online experiment (or its plan file) that confirms the result with users",
        )


RULE = Rule(
    code="CL207",
    name="no-online-validation",
    severity=Severity.WARNING,
    kinds=("problem-framing",),
    summary="`validation.online` is missing: offline metrics alone decide",
    check=check,
    doc=RuleDoc(
        what="The one-pager has no `validation.online` (absent, null or a placeholder).",
        why=(
            "Offline metrics are computed on logs shaped by the old system: a ranker that "
            "wins on NDCG over last month's clicks can still lose with real users, because "
            "users react to what they are shown. An online test (an A/B experiment, an "
            "interleaving test) is the evidence a launch decision should rest on, and "
            "planning it at framing time is what gets it scheduled."
        ),
        bad=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "validation: {offline: NDCG@5 on last month's logs}\n"
        ),
        good=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "validation:\n"
            "  offline: NDCG@5 on last month's logs\n"
            "  online: two-week A/B test on 10% of search traffic\n"
        ),
        fix=(
            "Add `validation.online`: the online test that confirms the result, or the path "
            "of its experiment plan (e.g. `experiments/search-ab.yaml`)."
        ),
        options="`placeholders`.",
    ),
)
