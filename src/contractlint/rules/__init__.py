"""The rule registry: an explicit, ordered table of every rule contractlint knows.

Adding a rule means adding its module's line here: code, name, module (in
``stage/`` for a code a pipeline stage reports, ``document/`` for a rule over one
document, ``diff/`` for a breaking-change rule) and the kinds it checks, in the
order rules run and are listed. This table is the only place a rule's code, name
and kinds are written: the module builds its ``RULE`` with ``registered(__name__,
...)``, which looks them up here. A test holds the invariants (no rule module
restates a code, name or kinds, rules import no sibling rule, codes unique and
well-formed, names kebab-case, every rule documented, each rule in the folder of
how it reports).

The table is read without importing a rule: a run whose files are all cache
hits needs only the codes and names (to read the configuration), so the rule
modules are imported when ``RULES``, ``BY_CODE`` or ``BY_NAME`` is first used, and
linting a document imports only the rules that check its kind (:func:`checking`):
a one-file run imports 17 rule modules for a model contract, not 68.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:  # the rule modules import the model and the results when first used
    from contractlint.model import CheckFn, CompareFn, Rule, RuleDoc
    from contractlint.results import Severity

from contractlint.kinds import KINDS

_MODEL = ("model-contract",)
_PLAN = ("experiment-plan",)
_FRAMING = ("problem-framing",)
_CHECKLIST = ("acceptance-checklist",)
_PLAN_OR_FRAMING = ("experiment-plan", "problem-framing")

# Code, name, module and the kinds of document the rule checks.
_TABLE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("CL000", "internal-error", "stage.internal_error", KINDS),
    ("CL001", "invalid-syntax", "stage.invalid_syntax", KINDS),
    ("CL002", "unknown-kind", "stage.unknown_kind", KINDS),
    ("CL003", "schema-violation", "stage.schema_violation", KINDS),
    ("CL004", "duplicate-key", "stage.duplicate_key", KINDS),
    ("CL005", "ambiguous-scalar", "stage.ambiguous_scalar", KINDS),
    ("CL006", "unreadable-file", "stage.unreadable_file", KINDS),
    ("CL007", "document-too-complex", "stage.document_too_complex", KINDS),
    ("CL008", "unused-suppression", "stage.unused_suppression", KINDS),
    ("CL009", "placeholder-value", "document.placeholder_value", KINDS),
    ("CL010", "expired-suppression", "stage.expired_suppression", KINDS),
    ("CL101", "missing-fallback", "document.missing_fallback", _MODEL),
    ("CL102", "fallback-unverified", "document.fallback_unverified", _MODEL),
    ("CL103", "unset-latency-budget", "document.unset_latency_budget", _MODEL),
    ("CL104", "latency-budget-inconsistent", "document.latency_budget_inconsistent", _MODEL),
    ("CL105", "missing-timeout", "document.missing_timeout", _MODEL),
    ("CL106", "missing-rollback-plan", "document.missing_rollback_plan", _MODEL),
    ("CL107", "missing-retraining-trigger", "document.missing_retraining_trigger", _MODEL),
    ("CL108", "missing-throughput-budget", "document.missing_throughput_budget", _MODEL),
    ("CL201", "missing-guardrails", "document.missing_guardrails", _PLAN_OR_FRAMING),
    (
        "CL202",
        "guardrail-without-threshold",
        "document.guardrail_without_threshold",
        _PLAN_OR_FRAMING,
    ),
    ("CL203", "vague-success-metric", "document.vague_success_metric", _PLAN_OR_FRAMING),
    ("CL204", "missing-decision-threshold", "document.missing_decision_threshold", _PLAN),
    ("CL205", "missing-monitoring", "document.missing_monitoring", _MODEL),
    ("CL206", "latency-not-monitored", "document.latency_not_monitored", _MODEL),
    ("CL207", "no-online-validation", "document.no_online_validation", _FRAMING),
    ("CL301", "missing-sample-size", "document.missing_sample_size", _PLAN),
    ("CL302", "underpowered-experiment", "document.underpowered_experiment", _PLAN),
    ("CL303", "missing-duration", "document.missing_duration", _PLAN),
    ("CL304", "short-duration", "document.short_duration", _PLAN),
    ("CL305", "missing-stopping-rule", "document.missing_stopping_rule", _PLAN),
    ("CL306", "peeking-risk", "document.peeking_risk", _PLAN),
    ("CL307", "missing-randomization-unit", "document.missing_randomization_unit", _PLAN),
    ("CL308", "insufficient-traffic", "document.insufficient_traffic", _PLAN),
    (
        "CL309",
        "uncorrected-multiple-comparisons",
        "document.uncorrected_multiple_comparisons",
        _PLAN,
    ),
    ("CL310", "missing-data-quality-checks", "document.missing_data_quality_checks", _PLAN),
    ("CL311", "underpowered-guardrail", "document.underpowered_guardrail", _PLAN),
    ("CL312", "zero-margin-guardrail", "document.zero_margin_guardrail", _PLAN_OR_FRAMING),
    ("CL313", "analysis-unit-mismatch", "document.analysis_unit_mismatch", _PLAN),
    ("CL314", "unquantified-sequential-design", "document.unquantified_sequential_design", _PLAN),
    ("CL315", "partial-week-duration", "document.partial_week_duration", _PLAN),
    ("CL316", "missing-srm-check", "document.missing_srm_check", _PLAN),
    ("CL317", "ship-bar-above-mde", "document.ship_bar_above_mde", _PLAN),
    ("CL401", "unowned-decision", "document.unowned_decision", KINDS),
    ("CL402", "risk-without-mitigation", "document.risk_without_mitigation", _FRAMING),
    ("CL403", "missing-risks", "document.missing_risks", _FRAMING),
    ("CL404", "missing-scope-options", "document.missing_scope_options", _FRAMING),
    ("CL405", "option-without-estimate", "document.option_without_estimate", _FRAMING),
    ("CL406", "missing-constraints", "document.missing_constraints", _FRAMING),
    ("CL501", "untyped-field", "document.untyped_field", _MODEL),
    ("CL502", "missing-model-version", "document.missing_model_version", _MODEL),
    ("CL503", "unversioned-endpoint", "document.unversioned_endpoint", _MODEL),
    ("CL504", "missing-logging-fields", "document.missing_logging_fields", _MODEL),
    ("CL505", "deprecated-field-name", "document.deprecated_field_name", _MODEL),
    ("CL601", "missing-acceptance-item", "document.missing_acceptance_item", _CHECKLIST),
    ("CL602", "unverified-acceptance-item", "document.unverified_acceptance_item", _CHECKLIST),
    ("CL603", "open-acceptance-item", "document.open_acceptance_item", _CHECKLIST),
    (
        "CL604",
        "unresolved-reference",
        "document.unresolved_reference",
        ("experiment-plan", "acceptance-checklist", "problem-framing"),
    ),
    ("CL605", "metric-not-monitored", "document.metric_not_monitored", _PLAN),
    ("CL701", "removed-response-field", "diff.removed_response_field", _MODEL),
    ("CL702", "changed-field-type", "diff.changed_field_type", _MODEL),
    ("CL703", "added-request-field", "diff.added_request_field", _MODEL),
    ("CL704", "endpoint-changed-without-version", "diff.endpoint_changed_without_version", _MODEL),
    ("CL705", "removed-fallback", "diff.removed_fallback", _MODEL),
    ("CL706", "latency-budget-raised", "diff.latency_budget_raised", _MODEL),
    ("CL707", "removed-monitoring", "diff.removed_monitoring", _MODEL),
    ("CL708", "removed-guardrail", "diff.removed_guardrail", _PLAN_OR_FRAMING),
    ("CL709", "primary-metric-changed", "diff.primary_metric_changed", _PLAN),
)

CODES: tuple[str, ...] = tuple(code for code, _, _, _ in _TABLE)
# The universal rules (SPEC 8): every contract document gets them, a document of a kind
# the configuration declares as well as one of ours. Every other built-in rule checks
# only the kinds it names.
UNIVERSAL: frozenset[str] = frozenset({*(c for c in CODES if c.startswith("CL0")), "CL401"})
CODE_OF_NAME: dict[str, str] = {name: code for code, name, _, _ in _TABLE}
_PACKAGE = __name__ + "."


def registered(
    module: str,
    *,
    severity: Severity,
    summary: str,
    doc: RuleDoc,
    check: CheckFn | None = None,
    compare: CompareFn | None = None,
    fixable: bool = False,
) -> Rule:
    """The ``RULE`` of the rule module named ``module`` (its ``__name__``), with the
    code, name and kinds its line of the table gives it."""
    from contractlint.model import Rule

    for code, name, stem, kinds in _TABLE:
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
                universal=code in UNIVERSAL,
            )
    raise LookupError(f"{module} has no line in the rule table")


@functools.cache
def _rules() -> tuple[Rule, ...]:
    rules: list[Rule] = []
    for _, _, module, _ in _TABLE:
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
        if not self.by_name and key in _MODULE_OF:
            # One rule by code imports its own module only: a SARIF report describes
            # the rules that fired, and needs no other rule module.
            return _one(key)
        return self._index[key]

    def __contains__(self, key: object) -> bool:
        return key in (CODE_OF_NAME if self.by_name else _CODE_SET)

    def __iter__(self) -> Iterator[str]:
        return iter(CODE_OF_NAME) if self.by_name else iter(CODES)

    def __len__(self) -> int:
        return len(_TABLE)


_CODE_SET = frozenset(CODES)
_MODULE_OF = {code: module for code, _, module, _ in _TABLE}


@functools.cache
def _one(code: str) -> Rule:
    rule: Rule = importlib.import_module(_PACKAGE + _MODULE_OF[code]).RULE
    return rule


@functools.lru_cache(maxsize=64)
def checking(kind: str) -> tuple[Rule, ...]:
    """The rules that check a document of ``kind`` (its own, and the universal ones), in
    table order; only their modules are imported. A kind the configuration declares
    gets the universal rules."""
    return tuple(
        _one(code)
        for code, _, module, kinds in _TABLE
        if (code in UNIVERSAL or kind in kinds) and not module.startswith("diff.")
    )


RULES: Sequence[Rule] = _Rules()
BY_CODE: Mapping[str, Rule] = _Index(by_name=False)
BY_NAME: Mapping[str, Rule] = _Index(by_name=True)


def lookup(code_or_name: str, extra: Sequence[Rule] = ()) -> Rule | None:
    """A rule by code (any case) or name: a built-in rule, else one of ``extra`` (the
    configuration's team and plugin rules)."""
    key = code_or_name.strip()
    found = BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
    if found is None and extra:
        found = next((r for r in extra if key.upper() == r.code or key == r.name), None)
    return found
