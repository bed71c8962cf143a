"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary=(
        "the document breaks its JSON Schema (one finding per violation, at the offending node, "
        "message names the path)"
    ),
    doc=RuleDoc(
        what=(
            "The document breaks its kind's JSON Schema: an unknown field, a wrong type, a value "
            "out of range, a value not in the allowed list, or a missing `name`. `contractlint "
            "schema KIND` prints the schema."
        ),
        why=(
            "The rules can only judge values they understand. A misspelled field (`fallbak`) is as "
            "good as absent, a latency of `-5` or an alpha of `5` makes every calculation built on "
            "it meaningless, and other tools reading the file will misread it too."
        ),
        bad=("kind: model-contract\nname: ranking-service\nfallbak: serve_most_popular\n"),
        good=("kind: model-contract\nname: ranking-service\nfallback: serve_most_popular\n"),
        fix=(
            "Follow the message: rename the field to the suggested name, change the value to the "
            "expected type or range, or prefix a field of your own with `x-`."
        ),
        options="",
    ),
)
