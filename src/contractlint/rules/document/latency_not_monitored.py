from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_empty


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    monitoring = document.value.get("monitoring")
    if not isinstance(monitoring, list) or is_empty(monitoring, options):
        return  # CL205 reports missing monitoring
    if any(isinstance(m, str) and "latency" in m.lower() for m in monitoring):
        return
    yield Hit(
        "/monitoring",
        "no `monitoring` entry mentions latency: the latency budget is only a promise if "
        "it is watched; add e.g. `latency_p95`",
    )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="no `monitoring` entry mentions latency",
    check=check,
    doc=RuleDoc(
        what="`monitoring` lists signals, but none of them mentions latency.",
        why=(
            "The latency budget is the part of the contract the calling team depends on most, "
            "and it erodes quietly: a bigger model, a slower feature store, a traffic peak. If "
            "latency is not monitored, the budget is broken for weeks before anyone sees the "
            "timeouts and the fallback serving a large share of traffic."
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "monitoring: [score_distribution, ctr_by_bucket]\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "monitoring: [score_distribution, ctr_by_bucket, latency_p95]\n"
        ),
        fix=(
            "Add a latency signal to `monitoring`, e.g. `latency_p95`, with an alert at the budget."
        ),
    ),
)
