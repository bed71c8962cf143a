from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, quoted
from contractlint.rules._evolution import changes, nearest


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    for pointer, (label, value) in changes(old, new, "response").removed.items():
        yield Hit(
            nearest(new, pointer.rsplit("/", 1)[0]),
            fit(
                "`{label}` ({value}) is gone: keep it or version the endpoint",
                label=label,
                value=quoted(value),
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a response field is gone",
    compare=compare,
    doc=RuleDoc(
        what=(
            "`contractlint diff`: a field of `response` (at any depth) in the old version is "
            "missing from the new one."
        ),
        why=(
            "Every caller that reads the field breaks the moment the new model ships: a "
            "dashboard that plots `scores` goes blank, a client that unpacks the response "
            "throws. Removing an output is a breaking change of the API, whatever the model "
            "team thinks of the field; it needs a deprecation period or a new endpoint version "
            "so callers can move first."
        ),
        old=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "response: {ranked_item_ids: [string], scores: [0.0], model_version: string}\n"
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "response: {ranked_item_ids: [string], model_version: string}\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "response: {ranked_item_ids: [string], scores: [0.0], model_version: string,\n"
            "           explanation: string}\n"
        ),
        fix=(
            "Keep the field (mark it deprecated in its description) until callers have moved, "
            "or serve the new response under a new version segment (`/v2/rank`)."
        ),
        options=(
            "Only reported by `contractlint diff`, and not when the endpoint moves to a new "
            "version segment (`/v1/rank` -> `/v2/rank`): its callers move on purpose."
        ),
    ),
)
