from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit
from contractlint.rules._evolution import nearest


def _entries(document: Document) -> list[str]:
    monitoring = document.value.get("monitoring")
    if not isinstance(monitoring, list):
        return []
    return [m for m in monitoring if isinstance(m, str)]


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    kept = {entry.strip().lower() for entry in _entries(new)}
    for entry in _entries(old):
        if entry.strip() and entry.strip().lower() not in kept:  # a blank entry watched nothing
            yield Hit(
                nearest(new, "/monitoring"),
                fit(
                    "monitoring entry `{entry}` is gone: keep it or say what replaces it",
                    entry=entry,
                ),
            )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="a `monitoring` entry is gone",
    compare=compare,
    doc=RuleDoc(
        what="`contractlint diff`: an entry of the old `monitoring` list is not in the new one.",
        why=(
            "Monitoring is removed when dashboards are noisy or a migration drops a metric, and "
            "nobody notices until the signal would have mattered. A removed entry may be right "
            "(replaced by a better one), but it should be a decision made in review."
        ),
        old=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "monitoring: [score_distribution, ctr_by_bucket, latency_p95]\n"
        ),
        bad="kind: model-contract\nname: ranking-service\nmonitoring: [latency_p95]\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "monitoring: [score_distribution, ctr_by_bucket, latency_p95, feature_drift]\n"
        ),
        fix="Keep the entry, or replace it and suppress the finding naming the replacement.",
        options="Only reported by `contractlint diff`.",
    ),
)
