"""Complete documents of every kind, shared by the per-rule tests, and the edit helper.

Each raises no finding; a test edits one line (keeping the line numbers) and asserts
exactly what that edit raises.
"""

from __future__ import annotations

OWNERS = "{scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}"

MODEL = f"""\
kind: model-contract
name: ranking-service
owners: {OWNERS}
fallback: {{strategy: serve_most_popular, feature_flag: ranking_fallback}}
latency_budget_ms: {{p50: 50, p95: 120}}
timeout_ms: 300
endpoint: /v1/rank
request: {{user_id: string, candidate_item_ids: [string], context_ts: ISO-8601}}
response: {{ranked_item_ids: [string], scores: [0.0], model_version: string}}
throughput_rps: 400
monitoring: [score_distribution, ctr_by_bucket, latency_p95]
retraining_trigger: weekly_or_ctr_drop_2pct
rollback: redeploy the previous model_version behind the ranking flag
logging: [request_id, user_id, model_version, scores]
"""

EXPERIMENT = f"""\
kind: experiment-plan
name: email-subject-personalization
owners: {OWNERS}
guardrails: [{{metric: unsubscribe_rate, max_regression: 0.0}}, {{metric: spam_rate, max: 0.001}}]
hypothesis: personalized subject lines raise the open rate
primary_metric: {{name: open_rate, type: proportion, baseline: 0.33, \
minimum_detectable_effect: {{relative: 0.02}}, direction: increase}}
unit_of_randomization: user
arms: 2
sample_size: {{per_arm: 82000, alpha: 0.05, power: 0.8, alternative: two-sided}}
duration_days: 10
traffic: {{daily_units: 20000, allocation: 1.0}}
stopping_rule: fixed_horizon
interim_looks: 0
decision_rule: {{ship_if: relative lift >= 3% with 95% CI, threshold: 0.03, confidence: 0.95}}
data_quality: [bounces, client_blocking, timestamp_skew]
"""

PROBLEM = f"""\
kind: problem-framing
name: search-relevance
owners: {OWNERS}
metrics: {{primary: {{name: ctr_top5, baseline: 0.41, target_lift: 0.03}}, \
guardrails: [{{metric: zero_result_rate, max_regression: 0.0}}, {{metric: latency_ms, max: 200}}]}}
problem: shoppers abandon searches whose first page misses what they want
user_outcome: the item they want is in the first five results
business_outcome: {{kpi: search_conversion, target: 0.02}}
constraints: {{privacy: no raw queries leave the region, latency: p95 under 200 ms}}
options: [{{name: baseline, estimate_weeks: 1}}, {{name: simple, estimate_weeks: 2}}, \
{{name: advanced, estimate_weeks: 6}}]
risks: [{{risk: cold start for new items, mitigation: blend with popularity}}]
validation: {{offline: NDCG@5 on last month's logs, online: two-week A/B test on 20% of traffic}}
"""

CHECKLIST = f"""\
kind: acceptance-checklist
name: ranking-service-v2-launch
owners: {OWNERS}
items:
  - {{id: io-typed-validated-versioned, status: done, evidence: "schema tests in CI #4812"}}
  - {{id: latency-throughput-within-budget, status: done, evidence: load test 2026-11-02}}
  - {{id: fallback-verified, status: done, evidence: flag flipped in staging}}
  - {{id: monitoring-dashboards, status: done, evidence: dashboard reviewed 2026-11-10}}
  - {{id: logging-fields-non-null, status: done, evidence: QA query 2026-11-03}}
  - {{id: rollback-documented, status: n/a, reason: first launch}}
"""


def edit(base: str, **fields: str | None) -> str:
    """Replace the line of each top-level ``field`` (None: remove it, keep the numbering)."""
    lines = base.split("\n")
    for key, value in fields.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        lines[index] = f"# ({key} removed)" if value is None else f"{key}: {value}".rstrip()
    return "\n".join(lines)
