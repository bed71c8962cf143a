from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import dotted, is_empty, state_of
from contractlint.rules._guardrails import guardrails


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    listed, pointer, _ = guardrails(document)
    if not is_empty(listed, options):
        return
    field = dotted(pointer)
    detail = f"no guardrail is listed under `{field}`"
    if listed:  # `TBD` or `[TBD]`: said to be what it is
        detail = f"`{field}` {state_of(listed)}"
    yield Hit(
        pointer,
        f"{detail}: name the metrics that must not get worse, each with a threshold",
    )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="no guardrail metric is listed",
    check=check,
    doc=RuleDoc(
        what=(
            "An experiment plan has no `guardrails`, or a problem-framing one-pager has no "
            "`metrics.guardrails` (absent, empty or a placeholder)."
        ),
        why=(
            "A primary metric can be won by breaking something else: more email opens "
            "from clickbait subjects that also raise unsubscribes, more clicks from a "
            "ranker that doubles latency. Guardrails are the metrics the team agrees must "
            "not get worse, written down before the data arrives, so that a 'win' that "
            "harms users or revenue is not shipped and nobody argues about it afterwards."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, type: proportion, baseline: 0.33,\n"
            "                 minimum_detectable_effect: {relative: 0.02}}\n"
            "guardrails: []\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, type: proportion, baseline: 0.33,\n"
            "                 minimum_detectable_effect: {relative: 0.02}}\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate, max_regression: 0.05}\n"
        ),
        fix=(
            "List at least one guardrail with a threshold: `guardrails: [{metric: "
            "unsubscribe_rate, max_regression: 0.05}]` (in a framing one-pager, under "
            "`metrics.guardrails`)."
        ),
        options="`placeholders`.",
    ),
)
