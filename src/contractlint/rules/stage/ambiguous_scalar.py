"""Reported by a pipeline stage, not by a check of its own."""

from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered

RULE = registered(
    __name__,
    fixable=True,
    severity=Severity.WARNING,
    summary=(
        "an unquoted scalar where a string is expected was read as another type (`version: 1.10`, "
        "`no`, `on`, `0755`, `1:30`); fixable by quoting"
    ),
    doc=RuleDoc(
        what=(
            "A field that holds text was written without quotes and YAML 1.1 read it as something "
            "else: `version: 1.10` becomes the number 1.1, `no` and `on` become booleans, `0755` an"
            " octal number, `1:30` the number 90."
        ),
        why=(
            "The file says one thing and every program reading it sees another: version `1.10` and "
            "version `1.1` become the same version, a country code `NO` becomes false. Quoting the "
            "value keeps exactly the text that was written."
        ),
        bad=("kind: model-contract\nname: ranking-service\nversion: 1.10\n"),
        good=('kind: model-contract\nname: ranking-service\nversion: "1.10"\n'),
        fix='Quote the value exactly as written: `version: "1.10"`.',
        options="",
    ),
)
