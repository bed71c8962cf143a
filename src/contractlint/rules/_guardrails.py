"""Where each kind keeps its guardrails (shared by the rules about guardrails)."""

from __future__ import annotations

from typing import Any

from contractlint.model import Document


def guardrails(document: Document) -> tuple[Any, str, str]:
    """(the guardrail list or None, its pointer, the pointer of the mapping that holds it)."""
    if document.kind == "problem-framing":
        metrics = document.value.get("metrics")
        if isinstance(metrics, dict):
            return metrics.get("guardrails"), "/metrics/guardrails", "/metrics"
        return None, "/metrics/guardrails", "/metrics" if "metrics" in document.value else ""
    return document.value.get("guardrails"), "/guardrails", ""
