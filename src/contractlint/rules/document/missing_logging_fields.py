from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`logging` is missing or empty",
    check=required(
        "logging",
        missing="the contract lists no `logging` fields",
        hint="name what is logged with each prediction, e.g. `[request_id, model_version]`",
        listed=True,
    ),
    doc=RuleDoc(
        what="The contract has no `logging`, or an empty list.",
        why=(
            "Predictions that are not logged cannot be evaluated, debugged or used to train "
            "the next model. The experiment analysis needs the request id and the unit id, "
            "the incident review needs the model version and the scores, and retraining needs "
            "the features as they were at serving time. Agreeing on the fields up front is "
            "far cheaper than backfilling them."
        ),
        bad="kind: model-contract\nname: ranking-service\nlogging: []\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "logging: [request_id, user_id, model_version, scores]\n"
        ),
        fix=(
            "List the fields logged with every prediction: "
            "`logging: [request_id, user_id, model_version, scores]`."
        ),
        options="`placeholders`.",
    ),
)
