from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import fit, quoted
from contractlint.rules._evolution import changes, type_of


def compare(old: Document, new: Document, options: RuleOptions) -> Iterator[Hit]:
    for section in ("request", "response"):
        for pointer, (label, was, now) in changes(old, new, section).retyped.items():
            yield Hit(
                pointer,
                fit(
                    "`{label}` changed type from {was} to {now}: callers break; add a new "
                    "field instead",
                    label=label,
                    was=quoted(type_of(was)),
                    now=quoted(type_of(now)),
                ),
            )


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a request or response field changed type",
    compare=compare,
    doc=RuleDoc(
        what=(
            "`contractlint diff`: a `request` or `response` field exists in both versions but "
            "its type differs (types compare after normalisation: `ISO-8601` and `datetime` are "
            "`timestamp`, `0.0` is `number`, `[T]` a list of T)."
        ),
        why=(
            "A type change is the quietest breaking change: the field is still there, so "
            "nothing fails at deploy time, but a caller sending `user_id` as an integer to a "
            "model that now expects a string gets cache misses, default predictions or 500s. "
            "Schema tests on either side only catch it if the contract says it changed."
        ),
        old=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "request: {user_id: string, context_ts: ISO-8601}\n"
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "request: {user_id: integer, context_ts: ISO-8601}\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "request: {user_id: string, context_ts: timestamp}\n"
        ),
        fix=(
            "Keep the old field and type; add a new field with the new type, or version the "
            "endpoint."
        ),
        options=(
            "Only reported by `contractlint diff`, and not when the endpoint moves to a new "
            "version segment (`/v1/rank` -> `/v2/rank`): its callers move on purpose."
        ),
    ),
)
