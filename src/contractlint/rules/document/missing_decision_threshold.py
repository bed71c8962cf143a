from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_missing, state_of


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    rule = document.value.get("decision_rule")
    if is_missing(rule, options) or rule == {}:
        detail = "the plan has no `decision_rule`"
        if "decision_rule" in document.value:
            detail = f"`decision_rule` {state_of(rule)}"
        yield Hit(
            "/decision_rule",
            f"{detail}: say in advance what ships, with a numeric `threshold` and `confidence`",
        )
        return
    if not isinstance(rule, dict):
        return
    # A value of the wrong type (`threshold: "3%"`) is present: the schema reports it.
    lacking = [key for key in ("threshold", "confidence") if is_missing(rule.get(key), options)]
    if lacking:
        names = " and ".join(f"`{key}`" for key in lacking)
        # One missing field is named by its pointer (the schema may have found it
        # misspelled); two, by the mapping that lacks them.
        yield Hit(
            f"/decision_rule/{lacking[0]}" if len(lacking) == 1 else "/decision_rule",
            f"`decision_rule` has no numeric {names}: a rule without numbers is decided after "
            "the data is in",
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`decision_rule` is missing or lacks a numeric `threshold` or `confidence`",
    check=check,
    doc=RuleDoc(
        what=(
            "The plan has no `decision_rule`, or its `decision_rule` lacks a numeric "
            "`threshold` or `confidence`."
        ),
        why=(
            "If the bar for shipping is set after the results arrive, any result can be "
            "argued into a launch: a 1% lift becomes 'directionally positive'. Writing the "
            "threshold and the confidence before the experiment starts is what makes the "
            "result a decision rather than a negotiation, and lets the decision owner say no "
            "without a debate."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "decision_rule: {ship_if: it looks better}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "decision_rule:\n"
            "  ship_if: relative lift >= 3% with 95% CI, no guardrail regression\n"
            "  threshold: 0.03\n"
            "  confidence: 0.95\n"
        ),
        fix="Add a `decision_rule` with `ship_if`, a numeric `threshold` and `confidence`.",
        options="`placeholders`.",
    ),
)
