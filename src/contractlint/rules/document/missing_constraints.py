from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import get, is_missing

REQUIRED = ("privacy", "latency")


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    constraints = document.value.get("constraints")
    if is_missing(constraints, options):
        constraints = None  # `constraints: TBD` states none
    if constraints is not None and not isinstance(constraints, dict):
        return  # the schema reports the wrong type
    lacking = [key for key in REQUIRED if is_missing(get(constraints, key), options)]
    if lacking:
        names = " and ".join(f"`{key}`" for key in lacking)
        # One missing field is named by its pointer, two by the mapping that lacks them.
        yield Hit(
            f"/constraints/{lacking[0]}" if len(lacking) == 1 else "/constraints",
            f"`constraints` lacks {names}: state {'them' if len(lacking) > 1 else 'it'} before "
            "choosing a method",
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`constraints` lacks `privacy` or `latency`",
    check=check,
    doc=RuleDoc(
        what=(
            "`constraints` is missing, or lacks `privacy` or `latency` (or they are placeholders)."
        ),
        why=(
            "Privacy and latency are the two constraints that most often kill a model late: a "
            "feature that may not leave the region, a ranking that cannot run in 200 ms. "
            "Stating them at framing time rules out methods before anyone builds them, and "
            "tells the data scientist which features and model sizes are on the table."
        ),
        bad=(
            "kind: problem-framing\nname: search-relevance\nconstraints: {platform: web and app}\n"
        ),
        good=(
            "kind: problem-framing\n"
            "name: search-relevance\n"
            "constraints:\n"
            "  privacy: no raw queries leave the region\n"
            "  latency: p95 under 200 ms\n"
        ),
        fix=(
            "Add `constraints.privacy` and `constraints.latency`: `constraints: {privacy: no "
            "raw queries leave the region, latency: p95 under 200 ms}`."
        ),
        options="`placeholders`.",
    ),
)
