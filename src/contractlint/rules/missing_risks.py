"""CL403 missing-risks."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import is_empty, where_missing


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    if is_empty(document.value.get("risks"), options):
        yield Hit(
            where_missing(document.value, "", "risks"),
            "the one-pager lists no `risks`: name what could make the project fail, each "
            "with a mitigation",
        )


RULE = Rule(
    code="CL403",
    name="missing-risks",
    severity=Severity.WARNING,
    kinds=("problem-framing",),
    summary="no risks are listed",
    check=check,
    doc=RuleDoc(
        what="The one-pager has no `risks`, or an empty list.",
        why=(
            "Every model project has risks: data that does not exist yet, cold start, "
            "feedback loops, privacy constraints, a latency budget the model cannot meet. A "
            "framing document without risks is not a project without risks; it is one whose "
            "risks will be discovered late, when changing scope is most expensive."
        ),
        bad="kind: problem-framing\nname: search-relevance\nrisks: []\n",
        good=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "risks:\n"
            "  - {risk: cold start for new items, mitigation: blend with popularity}\n"
        ),
        fix="List the main risks, each with a mitigation.",
        options="`placeholders`.",
    ),
)
