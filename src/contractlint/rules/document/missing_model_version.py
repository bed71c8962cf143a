from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    response = document.value.get("response")
    if isinstance(response, dict) and "model_version" not in response:
        yield Hit(
            "/response",
            "`response` has no `model_version`: add `model_version: string` so that each "
            "prediction can be traced to its model",
        )


RULE = registered(
    __name__,
    fixable=True,
    severity=Severity.ERROR,
    summary="`response` has no `model_version`; fixable by adding `model_version: string`",
    check=check,
    doc=RuleDoc(
        what="The contract's `response` mapping has no `model_version` field.",
        why=(
            "Every analysis after launch asks which model produced an answer: the A/B test "
            "compares versions, an incident review needs to know whether the bad scores came "
            "from the new model, and a rollback has to be verified. If the response does not "
            "carry the version, logs cannot be joined to models and those questions become "
            "guesses based on deploy timestamps."
        ),
        bad=(
            "kind: model-contract\nname: ranking-service\nresponse:\n  ranked_item_ids: [string]\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "response:\n"
            "  ranked_item_ids: [string]\n"
            "  model_version: string\n"
        ),
        fix="Add `model_version: string` to `response`, and log it with every prediction.",
    ),
)
