from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`monitoring` is missing or empty",
    check=required(
        "monitoring",
        missing="the contract lists no `monitoring`",
        hint="name the signals watched in production (e.g. `score_distribution`)",
        listed=True,
    ),
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
