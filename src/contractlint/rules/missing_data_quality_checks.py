"""CL310 missing-data-quality-checks."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import is_empty, where_missing


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    if is_empty(document.value.get("data_quality"), options):
        yield Hit(
            where_missing(document.value, "", "data_quality"),
            "the plan lists no `data_quality` checks: name what is verified before the "
            "result is trusted, e.g. `[sample_ratio_mismatch, bot_traffic, logging_gaps]`",
        )


RULE = Rule(
    code="CL310",
    name="missing-data-quality-checks",
    severity=Severity.WARNING,
    kinds=("experiment-plan",),
    summary="`data_quality` is missing or empty",
    check=check,
    doc=RuleDoc(
        what="The plan has no `data_quality` checks, or an empty list.",
        why=(
            "Many surprising experiment results are data bugs: a sample ratio mismatch from a "
            "redirect, bots in one arm, e-mail opens inflated by privacy proxies, a logging "
            "gap on one platform. Listing the checks up front means they are run before the "
            "result is read, not after a surprising win has already been announced."
        ),
        bad="kind: experiment-plan\nname: email-subject-personalization\ndata_quality: []\n",
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "data_quality: [sample_ratio_mismatch, bounces, client_blocking]\n"
        ),
        fix="List the data-quality checks run before the analysis.",
        options="`placeholders`.",
    ),
)
