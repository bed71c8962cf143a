"""CL205 missing-monitoring."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import is_empty, where_missing


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    monitoring = document.value.get("monitoring")
    if is_empty(monitoring, options):
        yield Hit(
            where_missing(document.value, "", "monitoring"),
            "the contract lists no `monitoring`: name what is watched in production, e.g. "
            "`monitoring: [score_distribution, ctr_by_bucket, latency_p95]`",
        )


RULE = Rule(
    code="CL205",
    name="missing-monitoring",
    severity=Severity.ERROR,
    kinds=("model-contract",),
    summary="`monitoring` is missing or empty",
    check=check,
    doc=RuleDoc(
        what="The contract has no `monitoring`, or an empty list.",
        why=(
            "A model fails silently: it keeps answering with confidence while a feature "
            "pipeline sends nulls or the traffic shifts. Without agreed monitoring, the first "
            "signal is a business metric falling weeks later. Listing the signals (score "
            "distribution, the product metric by bucket, latency) tells engineering what to "
            "build dashboards and alerts for before launch, not after the incident."
        ),
        bad="kind: model-contract\nname: ranking-service\nmonitoring: []\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "monitoring: [score_distribution, ctr_by_bucket, latency_p95]\n"
        ),
        fix="List the production signals that are watched, with an alert for each.",
        options="`placeholders`.",
    ),
)
