"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="`kind` looks like a misspelling of a known kind",
    doc=RuleDoc(
        what=(
            "The document's `kind` is not one of `model-contract`, `experiment-plan`, "
            "`problem-framing`, `acceptance-checklist`, but is a case, underscore or camel-case "
            "variant of one (`ModelContract`, `model_contract`) or within two edits of one."
        ),
        why=(
            "contractlint skips documents of other tools' kinds silently, so a misspelled kind "
            "would turn a contract into a document nobody checks. Reporting near misses keeps a "
            "typo from switching the linter off."
        ),
        bad=("kind: model_contract\nname: ranking-service\n"),
        good=("kind: model-contract\nname: ranking-service\n"),
        fix="Use the suggested kind exactly as written in the finding.",
        options="",
    ),
)
