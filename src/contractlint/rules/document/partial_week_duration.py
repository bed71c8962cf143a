from __future__ import annotations

import math
from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import count, is_number


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    days = document.value.get("duration_days")
    # Under the minimum duration, CL304 owns the finding (it asks for a full week already).
    if not is_number(days) or days < max(7, options.min_duration_days):
        return
    weeks = math.ceil(days / 7)
    if days == 7 * weeks:
        return
    yield Hit(
        "/duration_days",
        f"`duration_days` is {count(days)}, not whole weeks: some weekdays count more than "
        f"others; run {count(7 * weeks)} days ({count(weeks)} whole weeks)",
    )


RULE = registered(
    __name__,
    severity=Severity.INFO,
    summary=("`duration_days` >= 7 is not a whole number of weeks (message: the next whole week)"),
    check=check,
    doc=RuleDoc(
        what=(
            "`duration_days` is at least a week (and at least `experiment.min_duration_days`) "
            "but not a multiple of 7. The message gives the next whole number of weeks."
        ),
        why=(
            "Users behave differently on each day of the week, and who arrives on which day "
            "differs too. A 10-day test counts three of its weekdays twice and the other four "
            "once, so its average over-weights those days and answers a question about a "
            "week that does not exist; the day-of-week effect then masquerades as a "
            "treatment effect or hides one. Whole weeks weight every weekday equally. "
            "References: Kohavi, Tang & Xu, Trustworthy Online Controlled Experiments "
            "(2020), ch. 3 and 23; Kohavi, Deng et al., Seven Rules of Thumb for Web Site "
            "Experimenters (KDD 2014)."
        ),
        bad="kind: experiment-plan\nname: email-subject-personalization\nduration_days: 10\n",
        good="kind: experiment-plan\nname: email-subject-personalization\nduration_days: 14\n",
        fix="Round `duration_days` up to the next multiple of 7 (check the traffic still fits).",
        options="`experiment.min_duration_days` (below it, CL304 reports instead).",
    ),
)
