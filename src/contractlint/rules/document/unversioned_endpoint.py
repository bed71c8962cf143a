from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit
from contractlint.rules._vocabulary import version_segment


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    endpoint = document.value.get("endpoint")
    if not isinstance(endpoint, str) or options.is_placeholder(endpoint):
        return
    if not version_segment(endpoint):
        example = f"/v1{endpoint}" if endpoint.startswith("/") else "/v1/rank"
        yield Hit(
            "/endpoint",
            fit(
                "endpoint `{endpoint}` has no version segment: put the API version in the "
                "path, e.g. `{example}`",
                "endpoint `{endpoint}` has no version segment: put one in the path, e.g. "
                "`{example}`",
                endpoint=endpoint,
                example=example,
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`endpoint` has no version segment such as `/v1/`",
    check=check,
    doc=RuleDoc(
        what="The contract's `endpoint` has no path segment like `v1` or `v2.1`.",
        why=(
            "Models change their inputs and outputs more often than most APIs: a new feature "
            "in the request, a score that becomes a probability. Without a version in the "
            "path, every such change breaks every caller at once, and the old and new model "
            "cannot be served side by side during the migration or the A/B test."
        ),
        bad="kind: model-contract\nname: ranking-service\nendpoint: /rank\n",
        good="kind: model-contract\nname: ranking-service\nendpoint: /v1/rank\n",
        fix="Add a version segment to the path: `/v1/rank`.",
    ),
)
