"""Which documents are ours: known kinds, and misspellings of them (CL002)."""

from __future__ import annotations

import re
from typing import Any

from contractlint.model import FILE_START, KINDS, Problem, Span
from contractlint.suggest import edit_distance

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def normalize(kind: str) -> str:
    """``ModelContract``, ``model_contract`` and ``Model Contract`` -> ``model-contract``."""
    kind = _CAMEL.sub("-", kind.strip())
    return re.sub(r"[\s_\-.]+", "-", kind).lower()


def classify_kind(value: Any, span: Span | None) -> tuple[str | None, Problem | None]:
    """Our kind, or a CL002 problem for a likely misspelling, or neither (someone else's)."""
    if not isinstance(value, str):
        return None, None
    if value in KINDS:
        return value, None
    normalized = normalize(value)
    suggestion = normalized if normalized in KINDS else None
    if suggestion is None:
        near = [k for k in KINDS if edit_distance(value.lower(), k) <= 2]
        suggestion = near[0] if near else None
    if suggestion is None:
        return None, None
    return None, Problem(
        "CL002",
        span or FILE_START,
        f"unknown kind `{value}`: did you mean `{suggestion}`?",
        "/kind",
    )
