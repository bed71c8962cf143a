from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`validation.online` is missing: offline metrics alone decide",
    check=required(
        "validation",
        "online",
        missing="`validation.online` is missing",
        hint="name the online test (or its plan file) that confirms the offline result",
    ),
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
