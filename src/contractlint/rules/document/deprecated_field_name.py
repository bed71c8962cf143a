from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    if "timeouts_ms" in document.value:
        yield Hit(
            "/timeouts_ms",
            "`timeouts_ms` is a deprecated alias: rename it to `timeout_ms`",
            at_key=True,
        )


RULE = registered(
    __name__,
    fixable=True,
    severity=Severity.INFO,
    summary="`timeouts_ms` is used; fixable by renaming to `timeout_ms`",
    check=check,
    doc=RuleDoc(
        what="The contract uses `timeouts_ms`, the deprecated spelling of `timeout_ms`.",
        why=(
            "Two spellings of one field mean every tool and every reader has to know both, "
            "and sooner or later a file has both with different values. contractlint still "
            "reads `timeouts_ms`, but other consumers of the contract (code generators, "
            "dashboards, a teammate's script) may only know `timeout_ms`."
        ),
        bad="kind: model-contract\nname: ranking-service\ntimeouts_ms: 300\n",
        good="kind: model-contract\nname: ranking-service\ntimeout_ms: 300\n",
        fix="Rename `timeouts_ms` to `timeout_ms`.",
    ),
)
