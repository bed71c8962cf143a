from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`data_quality` is missing or empty",
    check=required(
        "data_quality",
        missing="the plan lists no `data_quality` checks",
        hint="name what is verified before the result is trusted, e.g. `[srm, bot_traffic]`",
        listed=True,
    ),
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
