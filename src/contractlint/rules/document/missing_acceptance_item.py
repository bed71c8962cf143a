from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_missing
from contractlint.rules._vocabulary import STANDARD_ITEMS


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    items = document.value.get("items")
    if is_missing(items, options):
        items = None  # `items: TBD` lists none
    if items is not None and not isinstance(items, list):
        return  # the schema reports the wrong type
    items = [item for item in items or [] if not is_missing(item, options)]  # `[TBD]`: none
    if any(not isinstance(item, dict) or "id" not in item for item in items):
        return  # an item the schema rejects names no id: which one is missing is unknown
    # An `id` of the wrong type (`id: {}`) is the schema's to report: it names no item.
    present = {str(item["id"]) for item in items}
    for item_id in STANDARD_ITEMS:
        if item_id not in present:
            yield Hit(
                "/items",
                f"the standard item `{item_id}` is missing: add it with a status "
                "(`done`, `todo` or `n/a`)",
            )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="one of the six standard items is absent",
    check=check,
    doc=RuleDoc(
        what=(
            "`items` lacks one of the six standard items: io-typed-validated-versioned, "
            "latency-throughput-within-budget, fallback-verified, monitoring-dashboards, "
            "logging-fields-non-null, rollback-documented. One finding per missing item."
        ),
        why=(
            "A checklist is only as good as what it cannot forget. The six standard items are "
            "the ones launches most often skip under deadline pressure, and each maps to a "
            "part of the contract: the I/O schema, the latency budget, the fallback, "
            "monitoring, logging and rollback. Dropping an item silently is how a launch "
            "ships with, say, a fallback nobody ever switched on."
        ),
        bad=(
            "kind: acceptance-checklist\n"
            "name: ranking-service-v2-launch\n"
            "items:\n"
            "  - {id: fallback-verified, status: done, evidence: staging flip 2026-11-02}\n"
        ),
        good=(
            "kind: acceptance-checklist\n"
            "name: ranking-service-v2-launch\n"
            "items:\n"
            "  - {id: io-typed-validated-versioned, status: done, evidence: CI #4812}\n"
            "  - {id: latency-throughput-within-budget, status: done, evidence: load test}\n"
            "  - {id: fallback-verified, status: done, evidence: staging flip 2026-11-02}\n"
            "  - {id: monitoring-dashboards, status: done, evidence: dashboard 311}\n"
            "  - {id: logging-fields-non-null, status: done, evidence: QA query}\n"
            "  - {id: rollback-documented, status: n/a, reason: first launch}\n"
        ),
        fix=(
            "Add the missing item with its status: `done` with `evidence`, `todo`, or "
            "`n/a` with a `reason` when it does not apply."
        ),
    ),
)
