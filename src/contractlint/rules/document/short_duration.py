from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import is_number


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    days = document.value.get("duration_days")
    if is_number(days) and 0 < days < options.min_duration_days:
        yield Hit(
            "/duration_days",
            f"`duration_days` is {days:g}, under {options.min_duration_days:g} days: the plan "
            "misses a full weekly cycle of users",
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`duration_days` < 7: the plan misses a full weekly cycle",
    check=check,
    doc=RuleDoc(
        what=(
            "`duration_days` is below the minimum duration (7 days by default, "
            "`experiment.min_duration_days` in the config)."
        ),
        why=(
            "Behaviour differs by day of the week: weekend shoppers, Monday e-mail readers, "
            "payday spikes. An experiment shorter than a week measures a biased slice of "
            "users even when it reaches its sample size, and novelty effects are strongest in "
            "the first days. A full weekly cycle is the minimum for a result that generalises."
        ),
        bad="kind: experiment-plan\nname: email-subject-personalization\nduration_days: 3\n",
        good="kind: experiment-plan\nname: email-subject-personalization\nduration_days: 14\n",
        fix="Run for at least one full week (ideally whole weeks: 7, 14, 21 days).",
        options="`experiment.min_duration_days` (default 7).",
    ),
)
