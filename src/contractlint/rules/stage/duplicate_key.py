"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary="a mapping repeats a key",
    doc=RuleDoc(
        what=(
            "A mapping holds the same key twice. YAML loaders keep the last value and drop the "
            "first without a word."
        ),
        why=(
            "Duplicate keys usually come from a merge or a copy-paste, and the value a reviewer "
            "reads first is not the one that takes effect: a `timeout_ms: 300` above a forgotten "
            "`timeout_ms: 3000` looks right and is not."
        ),
        bad=("kind: model-contract\nname: ranking-service\ntimeout_ms: 300\ntimeout_ms: 3000\n"),
        good=("kind: model-contract\nname: ranking-service\ntimeout_ms: 300\n"),
        fix="Keep one of the entries and delete the other.",
        options="",
    ),
)
