"""The standard acceptance items of SPEC 1.4 (shared by CL601-CL603)."""

from __future__ import annotations

STANDARD_ITEMS = (
    "io-typed-validated-versioned",
    "latency-throughput-within-budget",
    "fallback-verified",
    "monitoring-dashboards",
    "logging-fields-non-null",
    "rollback-documented",
)
