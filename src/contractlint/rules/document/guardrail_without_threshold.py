from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, is_missing, label
from contractlint.rules._guardrails import guardrails
from contractlint.rules._vocabulary import THRESHOLDS


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    listed, pointer, _ = guardrails(document)
    if not isinstance(listed, list):
        return
    for index, guardrail in enumerate(listed):
        if not isinstance(guardrail, dict):
            continue  # the schema reports a guardrail that is not a mapping
        if any(not is_missing(guardrail.get(key), options) for key in THRESHOLDS):
            continue
        yield Hit(
            f"{pointer}/{index}",
            fit(
                "guardrail {label} has no threshold: add `max_regression`, `max` or `min`",
                label=label(guardrail.get("metric"), f"#{index + 1}"),
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a guardrail has none of `max_regression`, `max`, `min`",
    check=check,
    doc=RuleDoc(
        what=(
            "A guardrail entry names a metric but none of `max_regression`, `max` or `min` "
            "(or only placeholders)."
        ),
        why=(
            "A guardrail without a threshold cannot stop a launch: when the unsubscribe "
            "rate rises by 0.3%, one person calls it noise and another calls it a "
            "blocker, and the decision goes to whoever argues longest. Agreeing on the "
            "threshold before the experiment starts turns the guardrail into a rule the "
            "decision owner can apply, and lets the analysis size the test for it."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate, max_regression: 0.05}\n"
        ),
        fix=(
            "Give each guardrail a threshold: `max_regression` (how much worse than "
            "control is tolerated), or an absolute `max`/`min`."
        ),
        options="`placeholders`.",
    ),
)
