from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, is_missing, label

NEEDS = {"done": "evidence", "n/a": "reason"}


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    items = document.value.get("items")
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        status = item.get("status")
        needed = NEEDS.get(status) if isinstance(status, str) else None
        if needed is None or not is_missing(item.get(needed), options):
            continue
        if needed not in item:
            given = f"without `{needed}`"
        elif _blank(item[needed]):
            given = f"with an empty `{needed}`"
        else:
            given = f"with a placeholder `{needed}`"
        hint = (
            "link the test or report that proves it"
            if needed == "evidence"
            else "say why it does not apply"
        )
        yield Hit(
            f"/items/{index}/{needed}",
            fit(
                f"item {{label}} is `{status}` {given}: {hint}",
                label=label(item.get("id"), f"#{index + 1}"),
            ),
        )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="an item is `done` without `evidence`, or `n/a` without `reason`",
    check=check,
    doc=RuleDoc(
        what=(
            "An item has `status: done` without `evidence`, or `status: n/a` without `reason` "
            "(absent, null or a placeholder)."
        ),
        why=(
            "A tick without evidence is a memory, not a check: 'done' may mean tested in "
            "staging, or intended to be. Evidence (a CI run, a load-test report, a query) lets "
            "a reviewer verify the claim in a minute, and a reason for `n/a` shows the item "
            "was considered rather than skipped."
        ),
        bad=(
            "kind: acceptance-checklist\n"
            "name: ranking-service-v2-launch\n"
            "items:\n"
            "  - {id: fallback-verified, status: done}\n"
        ),
        good=(
            "kind: acceptance-checklist\n"
            "name: ranking-service-v2-launch\n"
            "items:\n"
            "  - {id: fallback-verified, status: done, evidence: flag flipped in staging}\n"
        ),
        fix="Add `evidence` to done items and a `reason` to n/a items.",
        options="`placeholders`.",
    ),
)
