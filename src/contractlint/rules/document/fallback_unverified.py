from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, get, is_missing, state_of


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    fallback = document.value.get("fallback")
    if is_missing(fallback, options) or fallback == {}:
        return  # CL101 reports a missing fallback
    if isinstance(fallback, str):
        yield Hit(
            "/fallback",
            fit(
                "fallback `{fallback}` has no `feature_flag`: make it a mapping with `strategy` "
                "and `feature_flag`",
                "fallback `{fallback}` has no `feature_flag`: add one in a mapping with `strategy`",
                fallback=fallback,
            ),
        )
    elif isinstance(fallback, dict) and is_missing(get(fallback, "feature_flag"), options):
        detail = "`fallback` has no `feature_flag` to exercise it before it is needed"
        if "feature_flag" in fallback:
            detail = f"`fallback.feature_flag` {state_of(fallback['feature_flag'])}"
        yield Hit("/fallback/feature_flag", f"{detail}: add `feature_flag: <flag name>`")


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`fallback` names no `feature_flag` that exercises it",
    check=check,
    doc=RuleDoc(
        what=(
            "The contract has a fallback, but no `feature_flag` that turns it on: a plain "
            "string fallback, or a mapping without `feature_flag`."
        ),
        why=(
            "A fallback that has never been switched on is a hope, not a plan. The first "
            "time it runs is during an incident, and that is when teams find that the "
            "popular-items cache is empty or the flag does not exist. A named flag lets "
            "engineering flip it in staging and in a game day, lets the acceptance "
            "checklist record that it was verified (`fallback-verified`), and lets on-call "
            "use it without a deploy."
        ),
        bad=("kind: model-contract\nname: ranking-service\nfallback: serve_most_popular\n"),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "fallback:\n"
            "  strategy: serve_most_popular\n"
            "  feature_flag: ranking_fallback\n"
        ),
        fix=(
            "Write the fallback as a mapping and name the flag that switches traffic to "
            "it: `fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}`."
            " Then flip the flag in staging and record it in the acceptance checklist."
        ),
        options="`placeholders`.",
    ),
)
