from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import count, get, is_number


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    value = document.value
    per_arm: Any = get(value.get("sample_size"), "per_arm")
    days: Any = value.get("duration_days")
    traffic = value.get("traffic")
    daily: Any = get(traffic, "daily_units")
    allocation: Any = get(traffic, "allocation")
    arms: Any = value.get("arms", 2)
    if allocation is None:
        allocation = 1.0  # absent or null: all the traffic (a placeholder stays unknown)
    if not all(is_number(x) and x > 0 for x in (per_arm, days, daily, allocation, arms)):
        return  # missing, or a value the schema rejects (not positive)
    if arms != int(arms) or per_arm != int(per_arm) or arms < 2 or allocation > 1:
        return  # values the schema rejects (fractional counts, allocation above 1)
    needed = arms * per_arm
    available = days * daily * allocation
    run = needed / (daily * allocation)
    if not (is_number(needed) and is_number(available) and is_number(run)):
        return  # numbers past a float's range: nothing sensible to say
    if needed > available:
        yield Hit(
            "/traffic",
            f"{count(arms)} x {count(per_arm)} = {count(needed)} units, but {count(days)} days"
            f" x {count(daily)} x {allocation:g} = {count(round(available))}: run at least "
            f"{count(math.ceil(run))} days or add traffic",
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="arms x per_arm > duration_days x daily_units x allocation",
    check=check,
    doc=RuleDoc(
        what=(
            "The units the plan needs (`arms` x `sample_size.per_arm`) are more than the "
            "traffic delivers in the planned time (`duration_days` x `traffic.daily_units` x "
            "`traffic.allocation`, allocation 1.0 when not given)."
        ),
        why=(
            "A plan that cannot reach its sample size in its duration ends in one of two bad "
            "ways: it stops on time underpowered, or it runs on past the date everyone planned "
            "the launch around. Checking the arithmetic before the start lets the team choose: "
            "more traffic, a longer run, fewer arms, or a bigger effect worth detecting."
        ),
        bad=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "sample_size: {per_arm: 82000}\n"
            "duration_days: 7\n"
            "traffic: {daily_units: 20000, allocation: 0.5}\n"
        ),
        good=(
            "kind: experiment-plan\n"
            "name: email-subject-personalization\n"
            "sample_size: {per_arm: 82000}\n"
            "duration_days: 10\n"
            "traffic: {daily_units: 20000, allocation: 1.0}\n"
        ),
        fix="Run longer, allocate more traffic, reduce the arms, or revisit the effect size.",
    ),
)
