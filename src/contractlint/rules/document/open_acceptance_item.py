from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, label


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    items = document.value.get("items")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("status") == "todo":
            yield Hit(
                f"/items/{index}/status",
                fit(
                    "item {label} is still `todo`: finish it (and record evidence) before launch",
                    label=label(item.get("id"), f"#{index + 1}"),
                ),
            )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="an item is still `todo`",
    check=check,
    doc=RuleDoc(
        what="An item of the checklist has `status: todo`.",
        why=(
            "An open item on a launch checklist is a known gap shipping to production. "
            "Reporting it in CI keeps it visible on every change until it is done or "
            "explicitly accepted (with an expiring suppression and a reason), instead of "
            "being forgotten once the launch date arrives."
        ),
        bad=(
            "kind: acceptance-checklist\n"
            "name: ranking-service-v2-launch\n"
            "items:\n"
            "  - {id: monitoring-dashboards, status: todo}\n"
        ),
        good=(
            "kind: acceptance-checklist\n"
            "name: ranking-service-v2-launch\n"
            "items:\n"
            "  - {id: monitoring-dashboards, status: done, evidence: dashboard 311}\n"
        ),
        fix="Finish the item and set `status: done` with `evidence`.",
    ),
)
