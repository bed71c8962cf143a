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


def _by_metric(document: Document) -> tuple[dict[str, list[tuple[int, Any]]], str]:
    """Each metric's guardrails (index in the list, the mapping), in order."""
    listed, pointer, _ = guardrails(document)
    found: dict[str, list[tuple[int, Any]]] = {}
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        # A guardrail without a metric name protects nothing that could be lost.
        if (
            isinstance(item, dict)
            and isinstance(item.get("metric"), str)
            and item["metric"].strip()
        ):
            found.setdefault(item["metric"], []).append((index, item))
    return found, pointer


def _thresholds(item: Any) -> frozenset[str]:
    return frozenset(key for key in LOOSER_WHEN_LARGER if is_number(item.get(key)))


def _pairs(
    was: list[tuple[int, Any]], now: list[tuple[int, Any]]
) -> Iterator[tuple[Any, tuple[int, Any] | None]]:
    """Each old guardrail of a metric with its new version, or None when it is gone. One
    guardrail a side is the same one, whatever its thresholds; of several (`{metric:
    revenue, min: 10}` and `{metric: revenue, max: 100}`), each is the new one with the
    same thresholds, else the next one left in order."""
    if len(was) == 1 and len(now) == 1:
        yield was[0][1], now[0]
        return
    left = list(now)
    unmatched = []
    for _, item in was:
        same = next((n for n in left if _thresholds(n[1]) == _thresholds(item)), None)
        if same is None:
            unmatched.append(item)
        else:
            left.remove(same)
            yield item, same
    for item in unmatched:
        yield item, (left.pop(0) if left else None)


def _described(item: Any) -> str:
    """A guardrail by its thresholds (`max 180`), to tell a metric's guardrails apart."""
    return ", ".join(f"{key} {item[key]:g}" for key in sorted(_thresholds(item)))


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    before, _ = _by_metric(old)
    after, pointer = _by_metric(new)
    for metric, entries in before.items():
        several = len(entries) > 1
        for was, matched in _pairs(entries, after.get(metric, [])):
            if matched is None:
                which = f" ({_described(was)})" if several and _thresholds(was) else ""
                yield Hit(
                    nearest(new, pointer),
                    fit(
                        "guardrail `{metric}`{which} is gone: the plan no longer protects "
                        "it; restore it",
                        "guardrail `{metric}`{which} is gone: restore it",
                        metric=metric,
                        which=which,
                    ),
                )
                continue
            index, now = matched
            for key, larger_is_looser in LOOSER_WHEN_LARGER.items():
                old_value, new_value = was.get(key), now.get(key)
                if not is_number(old_value):
                    continue
                if not is_number(new_value):
                    yield Hit(
                        f"{pointer}/{index}",
                        fit(
                            f"guardrail `{{metric}}` lost its `{key}` threshold (was "
                            f"{old_value:g}): restore it",
                            metric=metric,
                        ),
                    )
                elif (new_value > old_value) if larger_is_looser else (new_value < old_value):
                    yield Hit(
                        f"{pointer}/{index}/{key}",
                        fit(
                            f"guardrail `{{metric}}` loosened: `{key}` went from {old_value:g} "
                            f"to {new_value:g}; agree it with the decision owners",
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
