from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`retraining_trigger` is missing",
    check=required(
        "retraining_trigger",
        missing="the contract has no `retraining_trigger`",
        hint="say when the model is retrained (a schedule, a drift threshold or both)",
    ),
    doc=RuleDoc(
        what="The contract has no `retraining_trigger` (absent, null or a placeholder).",
        why=(
            "Models decay: users, items and seasons change, and a model trained on last "
            "quarter's behaviour slowly stops matching this one. Without an agreed trigger, "
            "retraining happens when someone notices a bad quarter, long after the loss. A "
            "written trigger (a schedule, a drift or metric threshold) tells engineering what "
            "to automate and data science what to watch, and gives the product owner a date."
        ),
        bad="kind: model-contract\nname: ranking-service\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "retraining_trigger: weekly_or_ctr_drop_2pct\n"
        ),
        fix=(
            "Add `retraining_trigger:` naming the schedule or the monitored threshold that "
            "starts a retraining, or both: `retraining_trigger: weekly_or_ctr_drop_2pct`."
        ),
        options="`placeholders`.",
    ),
)
