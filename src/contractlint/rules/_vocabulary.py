"""The words and patterns of the contract format that more than one rule reads."""

from __future__ import annotations

import re

# The timeout of a model contract, and its deprecated spelling (which `--fix` renames).
TIMEOUT_KEYS = ("timeout_ms", "timeouts_ms")
# The percentiles a `latency_budget_ms` may give, from the lowest.
PERCENTILES = ("p50", "p90", "p95", "p99")

# A guardrail's thresholds, and for each whether a larger number is looser.
LOOSER_WHEN_LARGER = {"max_regression": True, "max": True, "min": False}
THRESHOLDS = tuple(LOOSER_WHEN_LARGER)

# The standard acceptance items of SPEC 1.4.
STANDARD_ITEMS = (
    "io-typed-validated-versioned",
    "latency-throughput-within-budget",
    "fallback-verified",
    "monitoring-dashboards",
    "logging-fields-non-null",
    "rollback-documented",
)

# The field types of a request or response, and the other spellings of them.
TYPE_NAMES = ("string", "integer", "number", "boolean", "timestamp", "date", "object")
SYNONYMS = {"iso-8601": "timestamp", "datetime": "timestamp"}
# Names from other languages that people write for our types.
FOREIGN = {
    "str": "string",
    "text": "string",
    "int": "integer",
    "long": "integer",
    "float": "number",
    "double": "number",
    "decimal": "number",
    "bool": "boolean",
    "dict": "object",
    "map": "object",
    "time": "timestamp",
}
# An ISO-8601 date or timestamp written as an example ("2026-01-01T10:00:00Z").
ISO_EXAMPLE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)

# The version segment of an endpoint's path: `v1`, `v2.1`.
VERSION_SEGMENT = re.compile(r"(?:^|/)v\d+(?:\.\d+)*(?:/|$)", re.IGNORECASE)


def version_segment(endpoint: str) -> str:
    """The version segment of an endpoint (``/v1/rank`` -> ``v1``), or ``""``."""
    match = VERSION_SEGMENT.search(endpoint)
    return match.group().strip("/").lower() if match else ""
