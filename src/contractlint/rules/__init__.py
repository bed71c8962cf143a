"""The rule registry: an explicit, ordered tuple of every rule contractlint knows.

Adding a rule means adding its module here; a test holds the invariants
(codes unique and well-formed, names kebab-case, every rule documented).
"""

from __future__ import annotations

from contractlint.model import Rule
from contractlint.rules import (
    ambiguous_scalar,
    document_too_complex,
    duplicate_key,
    expired_suppression,
    fallback_unverified,
    guardrail_without_threshold,
    internal_error,
    invalid_syntax,
    latency_budget_inconsistent,
    missing_fallback,
    missing_guardrails,
    missing_timeout,
    placeholder_value,
    schema_violation,
    unknown_kind,
    unowned_decision,
    unreadable_file,
    unset_latency_budget,
    unused_suppression,
)

RULES: tuple[Rule, ...] = (
    internal_error.RULE,
    invalid_syntax.RULE,
    unknown_kind.RULE,
    schema_violation.RULE,
    duplicate_key.RULE,
    ambiguous_scalar.RULE,
    unreadable_file.RULE,
    document_too_complex.RULE,
    unused_suppression.RULE,
    placeholder_value.RULE,
    expired_suppression.RULE,
    missing_fallback.RULE,
    fallback_unverified.RULE,
    unset_latency_budget.RULE,
    latency_budget_inconsistent.RULE,
    missing_timeout.RULE,
    missing_guardrails.RULE,
    guardrail_without_threshold.RULE,
    unowned_decision.RULE,
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def lookup(code_or_name: str) -> Rule | None:
    """A rule by code (any case) or name."""
    key = code_or_name.strip()
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())
