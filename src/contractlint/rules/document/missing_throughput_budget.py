from __future__ import annotations

from contractlint.model import RuleDoc
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._required import required

RULE = registered(
    __name__,
    severity=Severity.INFO,
    summary="`throughput_rps` is missing",
    check=required(
        "throughput_rps",
        missing="the contract sets no `throughput_rps`",
        hint="say how many requests per second it must sustain at peak",
    ),
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
        fix=(
            "Add `throughput_rps:` with the expected peak requests per second: "
            "`throughput_rps: 400`."
        ),
        options="`placeholders`.",
    ),
)
