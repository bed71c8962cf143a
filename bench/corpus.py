"""Generate a corpus of realistic contract files for the benchmark.

``python bench/corpus.py DIR N`` writes N files of all four kinds into DIR, in
folders of 100 the way a monorepo keeps them (``team-017/ranking-017-3.yaml``):
block-style YAML with comments, one file in ten as JSON, and one in five with a
flaw a rule reports (a missing fallback, no guardrails, too few units per arm,
an unowned decision, a checklist item left to do). Experiment plans and
checklists reference the team's model contract, so cross-file rules run too.
The same N always gives the same files.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

KINDS = ("model-contract", "experiment-plan", "problem-framing", "acceptance-checklist")
FLAW_EVERY = 5  # one file in five has a flaw
JSON_EVERY = 10  # one file in ten is JSON


def _owners(rng: random.Random, team: str) -> dict[str, str]:
    return {
        "scope": f"pm-{team}@example.com",
        "feasibility": f"eng-{team}@example.com",
        "method": f"ds-{rng.randint(1, 40)}@example.com",
    }


def model_contract(rng: random.Random, team: str, index: int, flaw: bool) -> dict[str, Any]:
    p50 = rng.choice((20, 30, 40, 50, 60))
    p95 = p50 * rng.choice((2, 3, 4))
    document: dict[str, Any] = {
        "kind": "model-contract",
        "name": f"ranking-{team}-{index}",
        "version": f"1.{rng.randint(0, 20)}.0",
        "description": "Ranks candidate items for the home feed of one surface.",
        "owners": _owners(rng, team),
        "endpoint": f"/v{rng.randint(1, 3)}/rank-{team}",
        "request": {
            "user_id": "string",
            "candidate_item_ids": ["string"],
            "context_ts": "timestamp",
            "surface": "string",
            "locale": "string",
        },
        "response": {
            "ranked_item_ids": ["string"],
            "scores": ["number"],
            "model_version": "string",
            "explanations": [{"item_id": "string", "reason": "string"}],
        },
        "latency_budget_ms": {"p50": p50, "p95": p95, "p99": p95 * 2},
        "timeout_ms": p95 * 3,
        "throughput_rps": rng.randint(50, 5000),
        "fallback": {"strategy": "serve_most_popular", "feature_flag": f"ranking_{team}_fb"},
        "monitoring": [
            "score_distribution",
            "latency_p95",
            "error_rate",
            "open_rate",
            "unsubscribe_rate",
            "spam_rate",
        ],
        "retraining_trigger": "weekly_or_ctr_drop_2pct",
        "rollback": "redeploy the previous model_version behind the ranking flag",
        "logging": ["request_id", "user_id", "model_version", "scores"],
    }
    if flaw:
        flaws = ("fallback", "timeout_ms", "monitoring", "model_version")
        which = flaws[index % len(flaws)]
        if which == "model_version":
            del document["response"]["model_version"]
        else:
            del document[which]
    return document


def experiment_plan(rng: random.Random, team: str, index: int, flaw: bool) -> dict[str, Any]:
    per_arm = rng.choice((82000, 90000, 120000))
    document: dict[str, Any] = {
        "kind": "experiment-plan",
        "name": f"email-subject-{team}-{index}",
        "owners": _owners(rng, team),
        "contract": f"ranking-{team}-0.yaml",
        "hypothesis": "personalized subject lines raise the open rate",
        "primary_metric": {
            "name": "open_rate",
            "type": "proportion",
            "baseline": 0.33,
            "minimum_detectable_effect": {"relative": 0.02},
            "direction": "increase",
        },
        "guardrails": [
            {"metric": "unsubscribe_rate", "max_regression": 0.3},
            {"metric": "spam_rate", "max": 0.001},
        ],
        "unit_of_randomization": "user",
        "arms": 2,
        "sample_size": {"per_arm": per_arm, "alpha": 0.05, "power": 0.8},
        "duration_days": 14,
        "traffic": {"daily_units": 20000, "allocation": 1.0},
        "stopping_rule": "fixed_horizon",
        "interim_looks": 0,
        "decision_rule": {
            "ship_if": "relative lift >= 2% with 95% CI",
            "threshold": 0.02,
            "confidence": 0.95,
        },
        "data_quality": ["sample_ratio_mismatch", "bounces", "client_blocking"],
    }
    if flaw:
        which = index % 3
        if which == 0:
            del document["guardrails"]
        elif which == 1:
            document["sample_size"]["per_arm"] = 20000  # underpowered
        else:
            del document["stopping_rule"]
    return document


def problem_framing(rng: random.Random, team: str, index: int, flaw: bool) -> dict[str, Any]:
    document: dict[str, Any] = {
        "kind": "problem-framing",
        "name": f"search-relevance-{team}-{index}",
        "owners": _owners(rng, team),
        "problem": "shoppers abandon searches whose first page misses what they want",
        "user_outcome": "the item they want is in the first five results",
        "business_outcome": {"kpi": "search_conversion", "target": 0.02},
        "metrics": {
            "primary": {"name": "ctr_top5", "baseline": 0.41, "target_lift": 0.03},
            "guardrails": [
                {"metric": "zero_result_rate", "max_regression": 0.05},
                {"metric": "latency_ms", "max": 200},
            ],
        },
        "constraints": {
            "privacy": "no raw queries leave the region",
            "latency": "p95 under 200 ms",
        },
        "options": [
            {"name": "baseline", "estimate_weeks": 1},
            {"name": "simple", "estimate_weeks": rng.randint(2, 4)},
            {"name": "advanced", "estimate_weeks": rng.randint(5, 12)},
        ],
        "risks": [
            {"risk": "cold start for new items", "mitigation": "blend with popularity"},
            {"risk": "query drift after holidays", "mitigation": "weekly retraining"},
        ],
        "validation": {
            "offline": "NDCG@5 on last month's logs",
            "online": "two-week A/B test on 20% of traffic",
        },
    }
    if flaw:
        which = index % 3
        if which == 0:
            del document["owners"]["method"]
        elif which == 1:
            document["risks"][1]["mitigation"] = "TBD"
        else:
            document["options"] = document["options"][:1]
    return document


def acceptance_checklist(rng: random.Random, team: str, index: int, flaw: bool) -> dict[str, Any]:
    items = [
        {"id": "io-typed-validated-versioned", "status": "done", "evidence": "CI #4812"},
        {"id": "latency-throughput-within-budget", "status": "done", "evidence": "load test"},
        {"id": "fallback-verified", "status": "done", "evidence": "flag flipped in staging"},
        {"id": "monitoring-dashboards", "status": "done", "evidence": "dashboard reviewed"},
        {"id": "logging-fields-non-null", "status": "done", "evidence": "QA query"},
        {"id": "rollback-documented", "status": "n/a", "reason": "first launch"},
    ]
    if flaw:
        items[index % len(items)] = {"id": items[index % len(items)]["id"], "status": "todo"}
    return {
        "kind": "acceptance-checklist",
        "name": f"ranking-{team}-{index}-launch",
        "owners": _owners(rng, team),
        "contract": f"ranking-{team}-0.yaml",
        "items": items,
    }


MAKERS = {
    "model-contract": model_contract,
    "experiment-plan": experiment_plan,
    "problem-framing": problem_framing,
    "acceptance-checklist": acceptance_checklist,
}


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML as people write it (flow style for short scalar lists)."""
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if (isinstance(item, dict) and item) or (
                isinstance(item, list) and item and isinstance(item[0], dict)
            ):
                lines.append(f"{pad}{key}:")
                lines.append(to_yaml(item, indent + 1))
            else:
                lines.append(f"{pad}{key}: {_flow(item)}")
    else:
        for item in value:
            body = to_yaml(item, indent + 1).lstrip()
            lines.append(f"{pad}- {body}")
    return "\n".join(lines)


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        needs_quotes = (
            value[:1] in "#&*!|>'\"%@`[]{}-?:,"
            or ": " in value
            or " #" in value
            or value.replace(".", "", 1).isdigit()
        )
        return json.dumps(value) if needs_quotes else value
    return json.dumps(value)


def write(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write ``count`` files under ``folder``; returns their paths, in order."""
    rng = random.Random(seed)
    paths: list[Path] = []
    for number in range(count):
        team = f"{number // 100:03d}"
        index = number % 100 // 4
        kind = KINDS[number % 4]
        flaw = number % FLAW_EVERY == FLAW_EVERY - 1
        document = MAKERS[kind](rng, team, index, flaw)
        directory = folder / f"team-{team}"
        directory.mkdir(parents=True, exist_ok=True)
        stem = f"{kind}-{index}" if kind != "model-contract" else f"ranking-{team}-{index}"
        if number % JSON_EVERY == JSON_EVERY - 1 and kind != "model-contract":
            path = directory / f"{stem}.json"
            path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        else:
            path = directory / f"{stem}.yaml"
            header = f"# {kind} for team {team}; reviewed in the weekly model review.\n"
            path.write_text(header + to_yaml(document) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit("usage: python bench/corpus.py DIR N")
    paths = write(Path(argv[0]), int(argv[1]))
    print(f"{len(paths)} files in {argv[0]}")


if __name__ == "__main__":
    main(sys.argv[1:])
