"""Per-rule tests for the rules that read another file (SPEC 2): CL604
(unresolved-reference) and CL605 (metric-not-monitored), and one parse of a
referenced file per run.

Text in, ``[(code, line, column)]`` out: see ``documents.py`` for how these tests are
written.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

import contractlint.pipeline.engine
from contractlint.pipeline.discover import Target
from contractlint.run.runner import lint

from conftest import located, make_config
from documents import CHECKLIST, EXPERIMENT, MODEL, PROBLEM, PROPORTION, edit


def put(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- CL604


MONITORED = edit(
    MODEL, monitoring="[open_rate_daily, Unsubscribe_Rate, spam_rate_alert, latency_p95]"
)


def with_contract(reference: str, base: str = EXPERIMENT) -> str:
    """``base`` with ``contract: reference`` appended (line 16 of a plan, 11 of a checklist)."""
    return base + f"contract: {reference}\n"


def framing(online: str) -> str:
    return edit(PROBLEM, validation=f"{{offline: NDCG@5, online: {online}}}")


def config_for(root: Path, **fields):
    return make_config(root=str(root), **fields)


@pytest.mark.parametrize(
    "reference, files, status",
    [
        pytest.param("contracts/nope.yaml", (), "does not exist", id="missing"),
        pytest.param("/etc/passwd", (), "leaves the project root", id="absolute"),
        pytest.param("../../../etc/passwd", (), "leaves the project root", id="dot-dot"),
        pytest.param("other.yaml", [("other.yaml", PROBLEM)], "problem-framing", id="wrong-kind"),
        pytest.param("other.yaml", [("other.yaml", "a: 1\n")], "no contract", id="no-contract"),
        pytest.param(
            "other.yaml",
            [("other.yaml", "kind: model-contract\nname: [unclosed\n")],
            "cannot be read",
            id="invalid-yaml",
        ),
        pytest.param("other.yaml", [("other.yaml", "\x00\x01")], "cannot be read", id="binary"),
        pytest.param("sub", [("sub.yaml", MODEL)], "does not exist", id="no-extension"),
    ],
)
def test_cl604_unresolved_reference_in_a_plan(lint_text, reference, files, status):
    findings = lint_text(with_contract(reference), "plan.yaml", files=files)
    assert located(findings) == [("CL604", 16, 11)]
    assert status in findings[0].message, findings[0].message
    assert reference in findings[0].message
    assert (findings[0].name, findings[0].severity.value) == ("unresolved-reference", "error")


def test_cl604_invalid_yaml_message_says_why(lint_text):
    files = [("other.yaml", "a: b: c\n")]
    [finding] = lint_text(with_contract("other.yaml"), "plan.yaml", files=files)
    assert finding.code == "CL604"
    assert "invalid YAML" in finding.message


def test_cl604_a_directory_is_not_a_contract(check, tmp_path):
    put(tmp_path, "contracts/ranking.yaml", MODEL)
    assert check(with_contract("contracts"), "plan.yaml") == [("CL604", 16, 11)]


def test_cl604_paths_are_relative_to_the_referring_file(check, tmp_path):
    put(tmp_path, "contracts/ranking.yaml", MONITORED)
    name = "experiments/plan.yaml"
    assert check(with_contract("../contracts/ranking.yaml"), name) == []
    assert check(with_contract("contracts/ranking.yaml"), name) == [("CL604", 16, 11)]


@pytest.mark.parametrize(
    "files",
    [
        pytest.param([("c.yaml", MONITORED)], id="yaml"),
        pytest.param([("c.yaml", PROBLEM + "---\n" + MONITORED)], id="second-document"),
    ],
)
def test_cl604_passes(check, files):
    assert check(with_contract("c.yaml"), "plan.yaml", files=files) == []


def test_cl604_passes_with_json_and_markdown_contracts(check):
    contract = (
        '{"kind": "model-contract", "name": "x", '
        '"monitoring": ["open_rate", "unsubscribe_rate", "spam_rate"]}'
    )
    files = [("c.json", contract), ("c.md", "# Contract\n\n```yaml\n" + MONITORED + "```\n")]
    assert check(with_contract("c.json"), "plan.yaml", files=files) == []
    assert check(with_contract("c.md"), "plan.yaml", files=files) == []


def test_cl604_symlink_that_leaves_the_root(lint_text, tmp_path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "ranking.yaml"
    outside.write_text(MONITORED, encoding="utf-8")
    link = tmp_path / "ranking.yaml"
    try:
        os.symlink(outside, link)
    except (OSError, NotImplementedError, AttributeError):
        pytest.skip("symlinks are not supported here")
    findings = lint_text(with_contract("ranking.yaml"), "plan.yaml")
    assert located(findings) == [("CL604", 16, 11)]
    assert "leaves the project root" in findings[0].message


def test_cl604_symlink_inside_the_root_is_followed(check, tmp_path):
    target = put(tmp_path, "contracts/ranking.yaml", MONITORED)
    try:
        os.symlink(target, tmp_path / "current.yaml")
    except (OSError, NotImplementedError, AttributeError):
        pytest.skip("symlinks are not supported here")
    assert check(with_contract("current.yaml"), "plan.yaml") == []


@pytest.mark.parametrize(
    "reference, expected",
    [
        pytest.param("nope.yaml", [("CL604", 11, 11)], id="missing"),
        pytest.param("p.yaml", [("CL604", 11, 11)], id="wrong-kind"),
        pytest.param("c.yaml", [], id="ok"),
    ],
)
def test_cl604_in_a_checklist(check, reference, expected):
    files = [("p.yaml", EXPERIMENT), ("c.yaml", MODEL)]
    assert check(with_contract(reference, CHECKLIST), "checklist.yaml", files=files) == expected


@pytest.mark.parametrize(
    "online, expected",
    [
        pytest.param("experiments/search-ab.yaml", [], id="yaml-path"),
        pytest.param("two-week A/B test on 20% of traffic", [], id="prose"),
        pytest.param("see experiments/search-ab.yaml for details", [], id="prose-with-a-path"),
        pytest.param("experiments/missing.yaml", [("CL604", 11, 39)], id="missing-yaml"),
        pytest.param("experiments/search-ab.yml", [("CL604", 11, 39)], id="missing-yml"),
        pytest.param("experiments/search-ab.json", [("CL604", 11, 39)], id="missing-json"),
        pytest.param("EXPERIMENTS/AB.YAML", [("CL604", 11, 39)], id="upper-case-suffix"),
        pytest.param("/etc/ab.yaml", [("CL604", 11, 39)], id="absolute"),
        pytest.param("model.yaml", [("CL604", 11, 39)], id="wrong-kind"),
    ],
)
def test_cl604_problem_framing_online_validation(check, tmp_path, online, expected):
    put(tmp_path, "experiments/search-ab.yaml", EXPERIMENT)
    put(tmp_path, "model.yaml", MODEL)
    assert check(framing(online), "framing.yaml") == expected


def test_cl604_problem_framing_wrong_kind_message(lint_text):
    [finding] = lint_text(framing("model.yaml"), "framing.yaml", files=[("model.yaml", MODEL)])
    assert "is not an experiment-plan" in finding.message and "model-contract" in finding.message


def test_cl604_does_not_apply_to_model_contracts(check):
    # A model-contract has no `contract` field: the schema rejects it, nothing is resolved.
    assert check(MODEL + "contract: nope.yaml\n") == [("CL003", 15, 1)]


@pytest.mark.parametrize(
    "reference, expected",
    [
        pytest.param("''", [("CL009", 16, 11)], id="empty"),
        pytest.param("42", [("CL005", 16, 11)], id="number"),
        pytest.param("[c.yaml]", [("CL003", 16, 11)], id="list"),
    ],
)
def test_cl604_silent_about_a_rejected_or_empty_reference(check, reference, expected):
    assert check(with_contract(reference), "plan.yaml") == expected


def test_cl604_placeholder_reference_is_not_a_path(check):
    assert check(with_contract("TBD"), "plan.yaml") == [("CL009", 16, 11)]


# --------------------------------------------------------------------------- CL605


def test_cl605_passes_when_everything_is_monitored(check):
    # open_rate in open_rate_daily, unsubscribe_rate in Unsubscribe_Rate (any case), ...
    files = [("c.yaml", MONITORED)]
    assert check(with_contract("c.yaml"), "plan.yaml", files=files) == []


def test_cl605_one_finding_per_unmonitored_metric(lint_text):
    findings = lint_text(with_contract("c.yaml"), "plan.yaml", files=[("c.yaml", MODEL)])
    assert located(findings) == [("CL605", 4, 23), ("CL605", 4, 72), ("CL605", 6, 24)]
    assert "unsubscribe_rate" in findings[0].message and "guardrail" in findings[0].message
    assert "spam_rate" in findings[1].message
    assert "open_rate" in findings[2].message and "primary metric" in findings[2].message
    assert all("c.yaml" in f.message for f in findings)
    assert (findings[0].name, findings[0].severity.value) == ("metric-not-monitored", "warning")


@pytest.mark.parametrize(
    "monitoring, expected",
    [
        pytest.param(
            "[OPEN_RATE, unsubscribe_rate_7d, latency_p95]", [("CL605", 4, 72)], id="spam-rate"
        ),
        pytest.param(
            "[open, unsubscribe_rate, spam_rate]", [("CL605", 6, 24)], id="prefix-is-not-enough"
        ),
        pytest.param(
            "[Open_Rate dashboard, unsubscribe_rate, spam_rate]", [], id="substring-any-case"
        ),
        pytest.param("[]", [("CL605", 4, 23), ("CL605", 4, 72), ("CL605", 6, 24)], id="empty"),
        pytest.param("TBD", [("CL605", 4, 23), ("CL605", 4, 72), ("CL605", 6, 24)], id="tbd"),
    ],
)
def test_cl605_matched_by_substring_case_insensitively(check, monitoring, expected):
    contract = edit(MODEL, monitoring=monitoring)
    assert check(with_contract("c.yaml"), "plan.yaml", files=[("c.yaml", contract)]) == expected


def test_cl605_plan_metric_in_any_case(check):
    text = with_contract(
        "c.yaml", edit(EXPERIMENT, primary_metric=PROPORTION.replace("open_rate", "Open_Rate"))
    )
    assert check(text, "plan.yaml", files=[("c.yaml", MONITORED)]) == []


def test_cl605_any_contract_in_the_file_counts(check):
    contract = MODEL + "---\n" + edit(MODEL, name="other", monitoring="[open_rate, spam_rate]")
    files = [("c.yaml", contract)]
    assert check(with_contract("c.yaml"), "plan.yaml", files=files) == [("CL605", 4, 23)]


def test_cl605_bare_primary_metric(check):
    text = with_contract("c.yaml", edit(EXPERIMENT, primary_metric="ctr"))
    found = check(text, "plan.yaml", files=[("c.yaml", MONITORED)])
    assert found == [("CL203", 6, 17), ("CL605", 6, 17)]


@pytest.mark.parametrize(
    "reference, files",
    [
        pytest.param("nope.yaml", (), id="missing"),
        pytest.param("../../../etc/passwd", (), id="outside"),
        pytest.param("p.yaml", [("p.yaml", PROBLEM)], id="wrong-kind"),
        pytest.param("bad.yaml", [("bad.yaml", "a: b: c\n")], id="invalid-yaml"),
    ],
)
def test_cl605_silent_when_the_reference_is_broken(check, reference, files):
    assert check(with_contract(reference), "plan.yaml", files=files) == [("CL604", 16, 11)]


def test_cl605_silent_without_a_contract(check):
    assert check(EXPERIMENT) == []


def test_cl605_only_for_plans(check):
    # A checklist referring to a contract without the plan's metrics: nothing to monitor.
    files = [("c.yaml", edit(MODEL, monitoring="[latency_p95]"))]
    assert check(with_contract("c.yaml", CHECKLIST), "checklist.yaml", files=files) == []


@pytest.mark.parametrize(
    "fields, expected",
    [
        pytest.param(
            {"guardrails": "[{metric: TBD, max_regression: 0.3}, {metric: spam_rate, max: 0.001}]"},
            [("CL009", 4, 23)],
            id="guardrail-metric",
        ),
        pytest.param(
            {
                "primary_metric": "{name: TBD, type: proportion, baseline: 0.33, "
                "minimum_detectable_effect: {relative: 0.02}, direction: increase}"
            },
            [("CL009", 6, 24)],
            id="primary-name",
        ),
    ],
)
def test_cl605_placeholder_metric_is_not_looked_up(check, fields, expected):
    text = with_contract("c.yaml", edit(EXPERIMENT, **fields))
    assert check(text, "plan.yaml", files=[("c.yaml", MONITORED)]) == expected


# --------------------------------------------------------------------------- one parse per run


def test_a_referenced_file_is_parsed_once_per_run(tmp_path, monkeypatch):
    contract = put(tmp_path, "contracts/ranking.yaml", MONITORED)
    sources = {
        "plans/a.yaml": with_contract("../contracts/ranking.yaml"),
        "plans/b.yaml": with_contract("../contracts/ranking.yaml"),
        "plans/c.yaml": with_contract("./../contracts/../contracts/ranking.yaml"),
        "d.yaml": with_contract("contracts/ranking.yaml")
        + "---\n"
        + with_contract("contracts/ranking.yaml"),
        "checklist.yaml": with_contract("contracts/ranking.yaml", CHECKLIST),
        "missing.yaml": with_contract("contracts/nope.yaml"),
    }
    targets = [Target(str(put(tmp_path, name, text)), name) for name, text in sources.items()]
    calls: Counter[str] = Counter()
    original = contractlint.pipeline.engine.referenced_documents

    def counting(path, config):
        calls[os.path.realpath(path)] += 1
        return original(path, config)

    monkeypatch.setattr(contractlint.pipeline.engine, "referenced_documents", counting)
    report = lint(targets, config_for(tmp_path))
    assert [(f.path, f.code) for f in report.findings] == [("missing.yaml", "CL604")]
    assert calls == {os.path.realpath(contract): 1}


def test_a_broken_referenced_file_is_also_parsed_once(tmp_path, monkeypatch):
    put(tmp_path, "bad.yaml", "kind: model-contract\nname: [unclosed\n")
    targets = [
        Target(str(put(tmp_path, f"p{i}.yaml", with_contract("bad.yaml"))), f"p{i}.yaml")
        for i in range(3)
    ]
    calls: Counter[str] = Counter()
    original = contractlint.pipeline.engine.referenced_documents

    def counting(path, config):
        calls[os.path.basename(path)] += 1
        return original(path, config)

    monkeypatch.setattr(contractlint.pipeline.engine, "referenced_documents", counting)
    report = lint(targets, config_for(tmp_path))
    assert [f.code for f in report.findings] == ["CL604"] * 3
    assert calls == {"bad.yaml": 1}
