from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, quoted
from contractlint.rules._evolution import nearest


def _name(document: Document) -> tuple[str, Any]:
    metric = document.value.get("primary_metric")
    if isinstance(metric, str):
        return "/primary_metric", metric
    if isinstance(metric, dict) and isinstance(metric.get("name"), str):
        return "/primary_metric/name", metric["name"]
    return "", None


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    _, was = _name(old)
    pointer, now = _name(new)
    if isinstance(was, str) and was.strip() and now is None:
        yield Hit(
            nearest(new, "/primary_metric"),
            fit(
                "the primary metric {was} is gone: not the pre-registered test; start a new plan",
                "the primary metric {was} is gone: start a new plan",
                was=quoted(was),
            ),
        )
    elif isinstance(was, str) and isinstance(now, str) and was.strip() != now.strip():
        yield Hit(
            pointer,
            fit(
                "the primary metric changed from {was} to {now}: not the pre-registered test; "
                "start a new plan",
                "the primary metric {was} became {now}: start a new plan",
                "primary metric {was} -> {now}: start a new plan",
                was=quoted(was),
                now=quoted(now),
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="the primary metric's name changed",
    compare=compare,
    doc=RuleDoc(
        what=(
            "`contractlint diff`: the plan's `primary_metric` name differs between versions, "
            "or the new version has none."
        ),
        why=(
            "Switching the primary metric of a running experiment to the one that happens to "
            "look good is the classic way to manufacture a win: with enough metrics, one of "
            "them is significant by chance. The primary metric is fixed before the start; a "
            "different question deserves a new plan with its own sample size."
        ),
        old=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate}\n"
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: click_rate}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "primary_metric: {name: open_rate, baseline: 0.33}\n"
        ),
        fix="Keep the primary metric; start a new plan (a new name) to test another one.",
        options="Only reported by `contractlint diff`.",
    ),
)
