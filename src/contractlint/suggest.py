"""Did-you-mean suggestions: the candidates closest to a misspelt word.

Used for kinds, rule codes and names, configuration keys and schema fields; kept
apart from the kinds module so that reading a configuration imports nothing of
the document model.
"""

from __future__ import annotations

from collections.abc import Iterable


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
