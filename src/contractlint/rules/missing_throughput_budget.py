"""CL108 missing-throughput-budget."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import Document, Hit, Rule, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules._common import absent


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    pointer = absent(document.value, options, "throughput_rps")
    if pointer is not None:
        yield Hit(
            pointer,
            "the contract sets no `throughput_rps`: say how many requests per second the "
            "service must sustain at peak, e.g. `throughput_rps: 400`",
        )


RULE = Rule(
    code="CL108",
    name="missing-throughput-budget",
    severity=Severity.INFO,
    kinds=("model-contract",),
    summary="`throughput_rps` is missing",
    check=check,
    doc=RuleDoc(
        what="The contract has no `throughput_rps` (absent, null or a placeholder).",
        why=(
            "A latency budget met at 10 requests per second can fall apart at 400. The peak "
            "load decides how many replicas, GPUs or cache layers the service needs, and "
            "whether a heavier model is affordable at all. Writing it down lets engineering "
            "size the load test and lets the data scientist know the cost of each millisecond."
        ),
        bad="kind: model-contract\nname: ranking-service\n",
        good="kind: model-contract\nname: ranking-service\nthroughput_rps: 400\n",
        fix="Add `throughput_rps:` with the expected peak requests per second.",
        options="`placeholders`.",
    ),
)
