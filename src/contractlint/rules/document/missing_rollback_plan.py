from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="`rollback` is missing",
    check=required(
        "rollback",
        missing="the contract has no `rollback` plan",
        hint="say how to return to the previous model",
    ),
    doc=RuleDoc(
        what="The contract has no `rollback` (absent, null or a placeholder).",
        why=(
            "A fallback covers the minutes when the model does not answer; a rollback covers "
            "the days when it answers badly: a skewed feature, a drifted label, a ranking that "
            "quietly hurts revenue. Teams that have not written down how to go back to the "
            "previous model_version find out during the incident that the old artefact was "
            "deleted, the feature pipeline changed, or nobody has the rights to redeploy it."
        ),
        bad="kind: model-contract\nname: ranking-service\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "rollback: redeploy the previous model_version behind the ranking flag\n"
        ),
        fix=(
            "Add `rollback:` with the concrete step: which artefact is kept, who can redeploy "
            "it, and how long it takes (`rollback: redeploy the previous model_version behind "
            "the ranking flag`)."
        ),
        options="`placeholders`.",
    ),
)
