"""The rule registry: an explicit, ordered table of every rule contractlint knows.

Adding a rule means adding its module's line here: code, name and module, in the
order rules run and are listed. This table is the only place a rule's code and
name are written: the module builds its ``RULE`` with ``registered(__name__, ...)``,
which looks them up here. A test holds the invariants (no rule module restates
a code or name, rules import no sibling rule, codes unique and well-formed,
names kebab-case, every rule documented).

The table is read without importing a rule: a run whose files are all cache
hits needs only the codes and names (to read the configuration), so the rule
modules are imported when ``RULES``, ``BY_CODE`` or ``BY_NAME`` is first used.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:  # the rule modules import the model and the results when first used
    from contractlint.model import CheckFn, CompareFn, Rule, RuleDoc
    from contractlint.results import Severity

_TABLE: tuple[tuple[str, str, str], ...] = (
    ("CL000", "internal-error", "internal_error"),
    ("CL001", "invalid-syntax", "invalid_syntax"),
    ("CL002", "unknown-kind", "unknown_kind"),
    ("CL003", "schema-violation", "schema_violation"),
    ("CL004", "duplicate-key", "duplicate_key"),
    ("CL005", "ambiguous-scalar", "ambiguous_scalar"),
    ("CL006", "unreadable-file", "unreadable_file"),
    ("CL007", "document-too-complex", "document_too_complex"),
    ("CL008", "unused-suppression", "unused_suppression"),
    ("CL009", "placeholder-value", "placeholder_value"),
    ("CL010", "expired-suppression", "expired_suppression"),
    ("CL101", "missing-fallback", "missing_fallback"),
    ("CL102", "fallback-unverified", "fallback_unverified"),
    ("CL103", "unset-latency-budget", "unset_latency_budget"),
    ("CL104", "latency-budget-inconsistent", "latency_budget_inconsistent"),
    ("CL105", "missing-timeout", "missing_timeout"),
    ("CL106", "missing-rollback-plan", "missing_rollback_plan"),
    ("CL107", "missing-retraining-trigger", "missing_retraining_trigger"),
    ("CL108", "missing-throughput-budget", "missing_throughput_budget"),
    ("CL201", "missing-guardrails", "missing_guardrails"),
    ("CL202", "guardrail-without-threshold", "guardrail_without_threshold"),
    ("CL203", "vague-success-metric", "vague_success_metric"),
    ("CL204", "missing-decision-threshold", "missing_decision_threshold"),
    ("CL205", "missing-monitoring", "missing_monitoring"),
    ("CL206", "latency-not-monitored", "latency_not_monitored"),
    ("CL207", "no-online-validation", "no_online_validation"),
    ("CL301", "missing-sample-size", "missing_sample_size"),
    ("CL302", "underpowered-experiment", "underpowered_experiment"),
    ("CL303", "missing-duration", "missing_duration"),
    ("CL304", "short-duration", "short_duration"),
    ("CL305", "missing-stopping-rule", "missing_stopping_rule"),
    ("CL306", "peeking-risk", "peeking_risk"),
    ("CL307", "missing-randomization-unit", "missing_randomization_unit"),
    ("CL308", "insufficient-traffic", "insufficient_traffic"),
    ("CL309", "uncorrected-multiple-comparisons", "uncorrected_multiple_comparisons"),
    ("CL310", "missing-data-quality-checks", "missing_data_quality_checks"),
    ("CL401", "unowned-decision", "unowned_decision"),
    ("CL402", "risk-without-mitigation", "risk_without_mitigation"),
    ("CL403", "missing-risks", "missing_risks"),
    ("CL404", "missing-scope-options", "missing_scope_options"),
    ("CL405", "option-without-estimate", "option_without_estimate"),
    ("CL406", "missing-constraints", "missing_constraints"),
    ("CL501", "untyped-field", "untyped_field"),
    ("CL502", "missing-model-version", "missing_model_version"),
    ("CL503", "unversioned-endpoint", "unversioned_endpoint"),
    ("CL504", "missing-logging-fields", "missing_logging_fields"),
    ("CL505", "deprecated-field-name", "deprecated_field_name"),
    ("CL601", "missing-acceptance-item", "missing_acceptance_item"),
    ("CL602", "unverified-acceptance-item", "unverified_acceptance_item"),
    ("CL603", "open-acceptance-item", "open_acceptance_item"),
    ("CL604", "unresolved-reference", "unresolved_reference"),
    ("CL605", "metric-not-monitored", "metric_not_monitored"),
    ("CL701", "removed-response-field", "removed_response_field"),
    ("CL702", "changed-field-type", "changed_field_type"),
    ("CL703", "added-request-field", "added_request_field"),
    ("CL704", "endpoint-changed-without-version", "endpoint_changed_without_version"),
    ("CL705", "removed-fallback", "removed_fallback"),
    ("CL706", "latency-budget-raised", "latency_budget_raised"),
    ("CL707", "removed-monitoring", "removed_monitoring"),
    ("CL708", "removed-guardrail", "removed_guardrail"),
    ("CL709", "primary-metric-changed", "primary_metric_changed"),
)

CODES: tuple[str, ...] = tuple(code for code, _, _ in _TABLE)
CODE_OF_NAME: dict[str, str] = {name: code for code, name, _ in _TABLE}
_PACKAGE = __name__ + "."


def registered(
    module: str,
    *,
    severity: Severity,
    kinds: tuple[str, ...],
    summary: str,
    doc: RuleDoc,
    check: CheckFn | None = None,
    compare: CompareFn | None = None,
    fixable: bool = False,
) -> Rule:
    """The ``RULE`` of the rule module named ``module`` (its ``__name__``), with the
    code and name its line of the table gives it."""
    from contractlint.model import Rule

    for code, name, stem in _TABLE:
        if module == _PACKAGE + stem:
            return Rule(
                code=code,
                name=name,
                severity=severity,
                kinds=kinds,
                summary=summary,
                doc=doc,
                check=check,
                fixable=fixable,
                compare=compare,
            )
    raise LookupError(f"{module} has no line in the rule table")


@functools.cache
def _rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for _, _, module in _TABLE:
        rule: Rule = importlib.import_module(_PACKAGE + module).RULE
        rules.append(rule)
    return tuple(rules)


class _Rules(Sequence["Rule"]):
    """Every rule, in table order; the modules are imported on first use."""

    @overload
    def __getitem__(self, index: int) -> Rule: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Rule, ...]: ...

    def __getitem__(self, index: int | slice) -> Rule | tuple[Rule, ...]:
        return _rules()[index]

    def __iter__(self) -> Iterator[Rule]:
        return iter(_rules())

    def __len__(self) -> int:
        return len(_TABLE)


class _Index(Mapping[str, "Rule"]):
    """Rules by code or by name; the modules are imported on first lookup."""

    def __init__(self, by_name: bool) -> None:
        self.by_name = by_name

    @functools.cached_property
    def _index(self) -> dict[str, Rule]:
        return {(rule.name if self.by_name else rule.code): rule for rule in _rules()}

    def __getitem__(self, key: str) -> Rule:
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        return key in (CODE_OF_NAME if self.by_name else _CODE_SET)

    def __iter__(self) -> Iterator[str]:
        return iter(CODE_OF_NAME) if self.by_name else iter(CODES)

    def __len__(self) -> int:
        return len(_TABLE)


_CODE_SET = frozenset(CODES)
RULES: Sequence[Rule] = _Rules()
BY_CODE: Mapping[str, Rule] = _Index(by_name=False)
BY_NAME: Mapping[str, Rule] = _Index(by_name=True)


def lookup(code_or_name: str) -> Rule | None:
    """A rule by code (any case) or name."""
    key = code_or_name.strip()
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
