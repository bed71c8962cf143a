from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, is_number
from contractlint.rules._evolution import nearest
from contractlint.rules._guardrails import guardrails
from contractlint.rules._vocabulary import LOOSER_WHEN_LARGER


def _by_metric(document: Document) -> tuple[dict[tuple[str, int], tuple[int, Any]], str]:
    """Each guardrail by its metric and which of that metric's entries it is: a metric
    may have two (`{metric: revenue, min: 10}` and `{metric: revenue, max: 100}`), the
    first compares with the old first, the second with the second."""
    listed, pointer, _ = guardrails(document)
    found: dict[tuple[str, int], tuple[int, Any]] = {}
    seen: dict[str, int] = {}
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        # A guardrail without a metric name protects nothing that could be lost.
        if (
            isinstance(item, dict)
            and isinstance(item.get("metric"), str)
            and item["metric"].strip()
        ):
            metric = item["metric"]
            found[(metric, seen.get(metric, 0))] = (index, item)
            seen[metric] = seen.get(metric, 0) + 1
    return found, pointer


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    before, _ = _by_metric(old)
    after, pointer = _by_metric(new)
    for key_of, (_, was) in before.items():
        metric = key_of[0]
        if key_of not in after:
            yield Hit(
                nearest(new, pointer),
                fit(
                    "guardrail `{metric}` is gone: the plan no longer protects it; restore it",
                    metric=metric,
                ),
            )
            continue
        index, now = after[key_of]
        for key, larger_is_looser in LOOSER_WHEN_LARGER.items():
            old_value, new_value = was.get(key), now.get(key)
            if not is_number(old_value):
                continue
            if not is_number(new_value):
                yield Hit(
                    f"{pointer}/{index}",
                    fit(
                        f"guardrail `{{metric}}` lost its `{key}` threshold (was {old_value:g}): "
                        "restore it",
                        metric=metric,
                    ),
                )
            elif (new_value > old_value) if larger_is_looser else (new_value < old_value):
                yield Hit(
                    f"{pointer}/{index}/{key}",
                    fit(
                        f"guardrail `{{metric}}` loosened: `{key}` went from {old_value:g} to "
                        f"{new_value:g}; agree it with the decision owners",
                        metric=metric,
                    ),
                )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a guardrail metric is gone or its threshold loosened",
    compare=compare,
    doc=RuleDoc(
        what=(
            "`contractlint diff`: a guardrail metric of the old version is missing from the new "
            "one, or its threshold loosened (`max_regression` or `max` went up, `min` went "
            "down, or a threshold was removed)."
        ),
        why=(
            "Guardrails are agreed before the data arrives so that they cannot be bargained "
            "away after. Removing or loosening one while an experiment runs, usually because "
            "the variant is about to fail it, turns a pre-registered decision into a post-hoc "
            "one; the change must be visible in review and owned by the decision owners."
        ),
        old=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails: [{metric: unsubscribe_rate, max_regression: 0.0}]\n"
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails: [{metric: unsubscribe_rate, max_regression: 0.01}]\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "guardrails:\n"
            "  - {metric: unsubscribe_rate, max_regression: 0.0}\n"
            "  - {metric: spam_complaints, max: 0.001}\n"
        ),
        fix=(
            "Restore the guardrail or its threshold, or record the owners' decision in a "
            "suppression."
        ),
        options="Only reported by `contractlint diff`.",
    ),
)
