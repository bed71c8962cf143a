"""Complete documents of every kind, shared by the per-rule tests, and the edit helper.

Each raises no finding (v2's experiment design included: guardrail margins above 0,
whole weeks, a sample-ratio-mismatch check, a ship bar at the MDE). The per-rule tests
(``tests/rules/test_<kind>.py``) start from one (SPEC 1.1-1.4, one line per top-level
field so that the line numbers in the tests stay readable) and change one thing:
``edit(BASE, field=value)`` replaces the line of a top-level field;
``edit(BASE, field=None)`` removes the field and leaves a comment in its place, so the
other lines keep their numbers. A test then asserts what the whole document raises,
``[(code, line, column)]`` (the ``check`` fixture of ``conftest.py``), so a second,
unwanted finding fails it.

Tests marked ``xfail(strict=True, reason="BUG: ...")`` describe what the SPEC asks and
contractlint does not do yet; they turn into failures once fixed so that the marker is
removed.
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
guardrails: [{{metric: unsubscribe_rate, max_regression: 0.3}}, {{metric: spam_rate, max: 0.001}}]
hypothesis: personalized subject lines raise the open rate
primary_metric: {{name: open_rate, type: proportion, baseline: 0.33, \
minimum_detectable_effect: {{relative: 0.02}}, direction: increase}}
unit_of_randomization: user
arms: 2
sample_size: {{per_arm: 82000, alpha: 0.05, power: 0.8, alternative: two-sided}}
duration_days: 14
traffic: {{daily_units: 20000, allocation: 1.0}}
stopping_rule: fixed_horizon
interim_looks: 0
decision_rule: {{ship_if: relative lift >= 2% with 95% CI, threshold: 0.02, confidence: 0.95}}
data_quality: [bounces, client_blocking, srm_chi_square]
"""

PROBLEM = f"""\
kind: problem-framing
name: search-relevance
owners: {OWNERS}
metrics: {{primary: {{name: ctr_top5, baseline: 0.41, target_lift: 0.03}}, \
guardrails: [{{metric: zero_result_rate, max_regression: 0.1}}, {{metric: latency_ms, max: 200}}]}}
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

# EXPERIMENT's primary metric with every field written out (CL302, CL605).
PROPORTION = (
    "{name: open_rate, type: proportion, baseline: 0.33, "
    "minimum_detectable_effect: {relative: 0.02}, direction: increase}"
)


def edit(base: str, **fields: str | None) -> str:
    """Replace the line of each top-level ``field`` (None: remove it, keep the numbering)."""
    lines = base.split("\n")
    for key, value in fields.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        lines[index] = f"# ({key} removed)" if value is None else f"{key}: {value}".rstrip()
    return "\n".join(lines)


# The example documents of SPEC sections 1.1-1.4, verbatim.
SPEC_EXAMPLES = {
    "model-contract": """\
kind: model-contract
name: ranking-service
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
endpoint: /v1/rank
request:
  user_id: string
  candidate_item_ids: [string]
  context_ts: ISO-8601
response:
  ranked_item_ids: [string]
  scores: [0.0]
  model_version: string
latency_budget_ms: {p50: 50, p95: 120}     # p99 optional
timeout_ms: 300                             # `timeouts_ms` is accepted as an alias
throughput_rps: 400                         # optional
fallback:                                   # or a plain string: serve_most_popular
  strategy: serve_most_popular
  feature_flag: ranking_fallback
monitoring: [score_distribution, ctr_by_bucket, latency_p95]
retraining_trigger: weekly_or_ctr_drop_2pct
rollback: redeploy the previous model_version behind the ranking flag
logging: [request_id, user_id, model_version, scores]
""",
    "experiment-plan": """\
kind: experiment-plan
name: email-subject-personalization
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
hypothesis: personalized subject lines raise the open rate
contract: contracts/ranking.yaml            # optional reference to a model-contract file
primary_metric:
  name: open_rate
  type: proportion                          # proportion | mean
  baseline: 0.33                            # a rate in (0, 1) for proportion; the mean for mean
  std_dev: 1.2                              # required when type is mean
  minimum_detectable_effect: {relative: 0.02}   # exactly one of relative | absolute
  direction: increase                       # increase | decrease | any
guardrails:
  - {metric: unsubscribe_rate, max_regression: 0.0}   # at least one of max_regression | max | min
unit_of_randomization: user
arms: 2                                     # default 2
correction: bonferroni                      # needed when arms > 2
sample_size: {per_arm: 82000, alpha: 0.05, power: 0.8, alternative: two-sided}
duration_days: 10
traffic: {daily_units: 20000, allocation: 1.0}      # optional
stopping_rule: fixed_horizon                # fixed_horizon | sequential
sequential_method: null                     # required when sequential (e.g. msprt, group_sequential)
interim_looks: 0
decision_rule: {ship_if: "relative lift >= 3% with 95% CI, no guardrail regression", threshold: 0.03, confidence: 0.95}
data_quality: [bounces, client_blocking, timestamp_skew]
""",  # noqa: E501 - verbatim from the SPEC
    "problem-framing": """\
kind: problem-framing
name: search-relevance
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
problem: shoppers abandon searches whose first page misses what they want
user_outcome: the item they want is in the first five results
business_outcome: {kpi: search_conversion, target: 0.02}
constraints: {privacy: no raw queries leave the region, latency: p95 under 200 ms, platform: web and app, compliance: GDPR}
metrics:
  primary: {name: ctr_top5, target_lift: 0.03}
  guardrails: [{metric: zero_result_rate, max_regression: 0.0}, {metric: latency_p95_ms, max: 200}]
options:
  - {name: baseline, description: popularity re-rank, estimate_weeks: 1}
  - {name: simple, description: logistic re-ranker, estimate_weeks: 2}
  - {name: advanced, description: learning-to-rank model, estimate_weeks: 2}
risks:
  - {risk: cold start for new items, mitigation: blend with popularity for items under 7 days}
validation: {offline: NDCG@5 on last month's logs, online: experiments/search-ab.yaml}
""",  # noqa: E501 - verbatim from the SPEC
    "acceptance-checklist": """\
kind: acceptance-checklist
name: ranking-service-v2-launch
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
contract: contracts/ranking.yaml
items:
  - {id: io-typed-validated-versioned, status: done, evidence: "schema tests in CI #4812"}
  - {id: latency-throughput-within-budget, status: done, evidence: load test report 2026-11-02}
  - {id: fallback-verified, status: done, evidence: flag ranking_fallback flipped in staging}
  - {id: monitoring-dashboards, status: todo}
  - {id: logging-fields-non-null, status: done, evidence: QA query 2026-11-03}
  - {id: rollback-documented, status: n/a, reason: first launch}
""",
}
