from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="no risks are listed",
    check=required(
        "risks",
        missing="the one-pager lists no `risks`",
        hint="name what could make the project fail, each with a mitigation",
        listed=True,
    ),
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
