"""Which documents are ours: known kinds, and misspellings of them (CL002)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from contractlint.model import FILE_START, KINDS, Problem, Span

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def normalize(kind: str) -> str:
    """``ModelContract``, ``model_contract`` and ``Model Contract`` -> ``model-contract``."""
    kind = _CAMEL.sub("-", kind.strip())
    return re.sub(r"[\s_\-.]+", "-", kind).lower()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def closest(word: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Candidates close to ``word`` (by edit distance, then prefix), best first."""
    scored = []
    lowered = word.lower()
    for candidate in candidates:
        distance = edit_distance(lowered, candidate.lower())
        budget = max(2, len(candidate) // 3)
        if distance <= budget or (len(lowered) >= 3 and candidate.lower().startswith(lowered)):
            scored.append((distance, candidate))
    return [candidate for _, candidate in sorted(scored)[:limit]]


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
