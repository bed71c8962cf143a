from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, get


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
        # Placeholders are CL009's; a metric named twice (primary and guardrail) counts once.
        metrics = [m for m in _metrics(document) if not options.is_placeholder(m[1])]
        names = {metric.strip().lower() for _, metric, _ in metrics}
        watched = {name for name in names if any(name in entry for entry in entries)}
        for pointer, metric, role in metrics:
            if metric.strip().lower() in watched:
                continue
            # The contract by its file name: the plan names it once, in `contract:`.
            contract = reference.written.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
            yield Hit(pointer, _message(role, metric, contract, len(watched), len(names)))


def _message(role: str, metric: str, contract: str, watched: int, total: int) -> str:
    """Whether none or only some of the plan's metrics are monitored, and which is not;
    in fewer words when the names are long."""
    if total == 1:
        wordings = (
            "the {role} `{metric}` is not under `monitoring` in `{contract}`: add it there",
            "`{metric}` is not under `monitoring` in `{contract}`: add it",
        )
    elif watched == 0:
        wordings = (
            "none of the plan's {total} metrics is under `monitoring` in `{contract}`: "
            "add the {role} `{metric}`",
            "`{contract}` monitors none of the plan's {total} metrics: add `{metric}`",
        )
    else:
        verb = "is" if watched == 1 else "are"
        wordings = (
            "{watched} of the plan's {total} metrics " + verb + " under `monitoring` in "
            "`{contract}`, not the {role} `{metric}`: add it",
            "`{contract}` monitors {watched} of the plan's {total} metrics, not `{metric}`: add it",
        )
    return fit(*wordings, metric=metric, contract=contract, role=role, total=total, watched=watched)


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="the plan's `contract` does not list its primary metric or a guardrail under "
    "`monitoring`",
    check=check,
    doc=RuleDoc(
        what=(
            "The plan names a `contract`, and that model contract's `monitoring` has no entry "
            "mentioning the plan's primary metric or one of its guardrails (an entry mentions "
            "a metric when it contains its name, case-insensitively). One finding per metric, "
            "saying whether none or only some of the plan's metrics are monitored."
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
