"""CL504 missing-logging-fields."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import is_empty, where_missing


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    if is_empty(document.value.get("logging"), options):
        yield Hit(
            where_missing(document.value, "", "logging"),
            "the contract lists no `logging` fields: name what is logged with each "
            "prediction, e.g. `logging: [request_id, user_id, model_version, scores]`",
        )


RULE = Rule(
    code="CL504",
    name="missing-logging-fields",
    severity=Severity.WARNING,
    kinds=("model-contract",),
    summary="`logging` is missing or empty",
    check=check,
    doc=RuleDoc(
        what="The contract has no `logging`, or an empty list.",
        why=(
            "Predictions that are not logged cannot be evaluated, debugged or used to train "
            "the next model. The experiment analysis needs the request id and the unit id, "
            "the incident review needs the model version and the scores, and retraining needs "
            "the features as they were at serving time. Agreeing on the fields up front is "
            "far cheaper than backfilling them."
        ),
        bad="kind: model-contract\nname: ranking-service\nlogging: []\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "logging: [request_id, user_id, model_version, scores]\n"
        ),
        fix="List the fields logged with every prediction.",
        options="`placeholders`.",
    ),
)
