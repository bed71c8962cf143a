from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import get


def _monitored(targets: tuple[Any, ...]) -> list[str]:
    entries: list[str] = []
    for contract in targets:
        monitoring = get(contract, "monitoring")
        if isinstance(monitoring, list):
            entries += [m.lower() for m in monitoring if isinstance(m, str)]
    return entries


def _metrics(document: Document) -> Iterator[tuple[str, str, str]]:
    """(pointer, metric name, role) for the primary metric and each guardrail."""
    primary = document.value.get("primary_metric")
    if isinstance(primary, str) and primary.strip():
        yield "/primary_metric", primary, "primary metric"
    name = get(primary, "name")
    if isinstance(name, str) and name.strip():
        yield "/primary_metric/name", name, "primary metric"
    guardrails = document.value.get("guardrails")
    for index, guardrail in enumerate(guardrails if isinstance(guardrails, list) else []):
        metric = get(guardrail, "metric")
        if isinstance(metric, str) and metric.strip():
            yield f"/guardrails/{index}/metric", metric, "guardrail"


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    for reference in document.references:
        if reference.status != "ok" or reference.pointer != "/contract":
            continue
        entries = _monitored(reference.targets)
        for pointer, metric, role in _metrics(document):
            if options.is_placeholder(metric):
                continue  # CL009 reports the placeholder
            wanted = metric.strip().lower()
            if any(wanted in entry for entry in entries):
                continue
            yield Hit(
                pointer,
                f"the {role} `{metric}` is not under `monitoring` in the contract "
                f"`{reference.written}`: a metric the experiment decides on must be watched "
                "in production too; add it to the contract's monitoring",
            )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    kinds=("experiment-plan",),
    summary="the plan's `contract` does not list its primary metric or a guardrail under "
    "`monitoring`",
    check=check,
    doc=RuleDoc(
        what=(
            "The plan names a `contract`, and that model contract's `monitoring` has no entry "
            "mentioning the plan's primary metric or one of its guardrails (an entry mentions "
            "a metric when it contains its name, case-insensitively). One finding per metric."
        ),
        why=(
            "An experiment proves the model moves a metric and does not hurt the guardrails "
            "for two weeks; monitoring is what keeps proving it afterwards. A metric that "
            "decided the launch but is not watched in production can regress after the "
            "experiment ends (drift, a feature change, a retraining) with nobody noticing "
            "until the quarterly review."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: ranking-v2-ab\n"
            "contract: ranking.yaml\n"
            "primary_metric: {name: add_to_cart_rate}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: ranking-v2-ab\n"
            "contract: ranking.yaml\n"
            "primary_metric: {name: ctr}\n"
        ),
        files=(
            (
                "ranking.yaml",
                "kind: model-contract\n"
                "name: ranking-service\n"
                "monitoring: [ctr_by_bucket, latency_p95]\n",
            ),
        ),
        fix="Add the metric to the contract's `monitoring`, or correct the plan's metric name.",
    ),
)
