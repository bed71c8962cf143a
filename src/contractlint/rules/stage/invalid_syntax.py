"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="the file is not valid YAML/JSON (at the parser's line/column)",
    doc=RuleDoc(
        what=(
            "The file (or a Markdown front matter or fenced block) cannot be parsed as YAML or "
            "JSON, or uses a tag that would construct an object (`!!python/...`). The finding "
            "points at the position where the parser stopped."
        ),
        why=(
            "A file that does not parse is not checked at all: every other rule is silent about it,"
            " so a syntax error can hide a missing fallback. Tags that construct objects are how "
            "YAML files execute code, which a linter must never do."
        ),
        bad=(
            "kind: model-contract\nname: ranking-service\nlatency_budget_ms: {p50: 50, p95: 120\n"
        ),
        good=(
            "kind: model-contract\nname: ranking-service\nlatency_budget_ms: {p50: 50, p95: 120}\n"
        ),
        fix=(
            "Fix the syntax at the reported line and column: usually an unclosed bracket or quote, "
            "a tab used for indentation, or a key indented to the wrong level. Remove tags such as "
            "`!!python/object`."
        ),
        options="",
    ),
)
