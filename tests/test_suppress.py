"""Suppressions (SPEC section 4): inline comments, ``x-contractlint-ignore``, CL008, CL010.

Every test lints a text with ``lint_text`` (today is ``conftest.TODAY``,
2026-11-26) and looks at the findings that remain.
"""

from __future__ import annotations

import json

import pytest
import yaml

from contractlint.results import Finding

from conftest import TODAY, LintText, codes, located, make_config

# A complete model contract but for its fallback, whatever rules the registry holds.
HEAD = """\
kind: model-contract
name: ranking-service
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
endpoint: /v1/rank
request:
  user_id: string
response:
  model_version: string
throughput_rps: 400
monitoring: [score_distribution, ctr_by_bucket, latency_p95]
retraining_trigger: weekly_or_ctr_drop_2pct
rollback: redeploy the previous model_version behind the ranking flag
logging: [request_id, user_id, model_version, scores]
latency_budget_ms: {p50: 50, p95: 120}
timeout_ms: 300
"""
F = HEAD.count("\n") + 1  # the line of the `fallback:` appended to HEAD
T = F - 1  # the `timeout_ms: 300` line
# The only finding of TBD_FALLBACK is CL101 at the placeholder: line F, column 11.
TBD_FALLBACK = HEAD + "fallback: TBD\n"
# The only finding of NO_FALLBACK is CL101 at the document's first line.
NO_FALLBACK = HEAD
# A contract without findings.
CLEAN = HEAD + "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}\n"

# CL101, CL103 and CL105 at 1:1 and CL401 (no `method` owner) at 3:9.
BAD = (
    HEAD.replace(", method: ds@example.com", "")
    .replace("latency_budget_ms: {p50: 50, p95: 120}\n", "")
    .replace("timeout_ms: 300\n", "")
)


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def test_the_texts_report_what_the_tests_assume(lint_text: LintText) -> None:
    assert located(lint_text(TBD_FALLBACK)) == [("CL101", F, 11)]
    assert located(lint_text(NO_FALLBACK)) == [("CL101", 1, 1)]
    assert lint_text(CLEAN) == []
    assert located(lint_text(BAD)) == [
        ("CL101", 1, 1),
        ("CL103", 1, 1),
        ("CL105", 1, 1),
        ("CL401", 3, 9),
    ]


# --- inline comments -------------------------------------------------------------------


def test_trailing_comment_suppresses_its_own_line(lint_text: LintText) -> None:
    text = HEAD + "fallback: TBD  # contractlint: disable=CL101\n"
    assert lint_text(text) == []


def test_trailing_comment_on_the_documents_first_line(lint_text: LintText) -> None:
    text = NO_FALLBACK.replace(
        "kind: model-contract", "kind: model-contract # contractlint: disable=CL101"
    )
    assert lint_text(text) == []


def test_trailing_comment_does_not_reach_other_lines(lint_text: LintText) -> None:
    text = HEAD.replace("timeout_ms: 300", "timeout_ms: 300  # contractlint: disable=CL101")
    text += "fallback: TBD\n"
    assert located(lint_text(text)) == [("CL008", T, 18), ("CL101", F, 11)]


def test_comment_alone_on_a_line_suppresses_the_next_line(lint_text: LintText) -> None:
    text = HEAD + "# contractlint: disable=CL101\nfallback: TBD\n"
    assert lint_text(text) == []


def test_comment_alone_on_a_line_does_not_reach_past_the_next_line(
    lint_text: LintText,
) -> None:
    text = HEAD.replace("timeout_ms: 300", "# contractlint: disable=CL101\ntimeout_ms: 300")
    text += "fallback: TBD\n"
    assert located(lint_text(text)) == [("CL008", T, 1), ("CL101", F + 1, 11)]


def test_comment_alone_on_a_line_skips_following_comment_lines(lint_text: LintText) -> None:
    # Documented behaviour: the covered line is the next line that is not a comment.
    text = HEAD + "# contractlint: disable=CL101\n# the fallback ships with v2\nfallback: TBD\n"
    assert lint_text(text) == []


def test_indented_comment_alone_on_a_line(lint_text: LintText) -> None:
    text = HEAD.replace(
        "owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}",
        "owners:\n  scope: pm@example.com\n  feasibility: eng@example.com\n"
        "  # contractlint: disable=CL401\n  method: TBD",
    )
    text += "fallback: serve_x\n"
    assert only(lint_text(text), "CL401") == []
    assert only(lint_text(text), "CL008") == []


def test_disable_file_anywhere(lint_text: LintText) -> None:
    assert lint_text(TBD_FALLBACK + "# contractlint: disable-file=CL101\n") == []
    assert lint_text("# contractlint: disable-file=CL101\n" + TBD_FALLBACK) == []
    assert lint_text(NO_FALLBACK + "x-note: x  # contractlint: disable-file=CL101\n") == []


def test_disable_file_covers_every_document_of_the_file(lint_text: LintText) -> None:
    text = "# contractlint: disable-file=CL101\n" + TBD_FALLBACK + "---\n" + NO_FALLBACK
    assert lint_text(text) == []


def test_names_work_as_codes(lint_text: LintText) -> None:
    assert lint_text(HEAD + "fallback: TBD  # contractlint: disable=missing-fallback\n") == []
    assert lint_text(HEAD + "fallback: TBD  # contractlint: disable=Missing-Fallback\n") == []
    assert lint_text(HEAD + "fallback: TBD  # contractlint: disable=cl101\n") == []
    assert lint_text("# contractlint: disable-file=missing-fallback\n" + TBD_FALLBACK) == []


@pytest.mark.parametrize(
    "codes_text",
    [
        "CL101,CL103,CL105",
        "CL101, CL103, CL105",
        "missing-fallback,unset-latency-budget,CL105",
        "CL101 ,CL103,  missing-timeout",
    ],
)
def test_several_codes(lint_text: LintText, codes_text: str) -> None:
    text = f"# contractlint: disable-file={codes_text}\n" + BAD
    assert codes(lint_text(text)) == ["CL401"]


def test_several_codes_on_one_line(lint_text: LintText) -> None:
    text = BAD.replace(
        "kind: model-contract", "kind: model-contract  # contractlint: disable=CL101,CL105"
    )
    assert codes(lint_text(text)) == ["CL103", "CL401"]


def test_a_prefix_is_not_a_code_in_a_suppression(lint_text: LintText) -> None:
    text = "# contractlint: disable-file=CL1\n" + BAD
    findings = lint_text(text)
    assert codes(findings) == ["CL008", "CL101", "CL103", "CL105", "CL401"]
    assert "CL1" in only(findings, "CL008")[0].message


def test_reason_after_double_dash(lint_text: LintText) -> None:
    text = HEAD + "fallback: TBD  # contractlint: disable=CL101 -- ships with the v2 flag\n"
    assert lint_text(text) == []
    strict = make_config(require_suppression_reason=True)
    assert lint_text(text, config=strict) == []
    alone = HEAD + "# contractlint: disable=CL101 -- decided on 2026-10-01 by @pm\nfallback: TBD\n"
    assert lint_text(alone, config=strict) == []


def test_several_codes_with_until_and_reason(lint_text: LintText) -> None:
    text = "# contractlint: disable-file=CL101,CL103 until=2027-01-31 -- legacy service\n" + BAD
    assert codes(lint_text(text, config=make_config(require_suppression_reason=True))) == [
        "CL105",
        "CL401",
    ]


# --- until= ------------------------------------------------------------------------------


def test_until_in_the_future_still_suppresses(lint_text: LintText) -> None:
    text = HEAD + "fallback: TBD  # contractlint: disable=CL101 until=2026-12-31\n"
    assert lint_text(text) == []


def test_until_today_still_suppresses(lint_text: LintText) -> None:
    text = HEAD + f"fallback: TBD  # contractlint: disable=CL101 until={TODAY.isoformat()}\n"
    assert lint_text(text) == []


def test_until_in_the_past_no_longer_suppresses_and_raises_cl010(lint_text: LintText) -> None:
    text = HEAD + "fallback: TBD  # contractlint: disable=CL101 until=2026-11-25 -- v2\n"
    findings = lint_text(text)
    assert located(findings) == [("CL101", F, 11), ("CL010", F, 16)]
    expired = only(findings, "CL010")[0]
    assert "2026-11-25" in expired.message
    assert expired.name == "expired-suppression"
    assert only(findings, "CL008") == []


def test_expired_file_wide_suppression(lint_text: LintText) -> None:
    text = "# contractlint: disable-file=CL101 until=2025-01-01\n" + TBD_FALLBACK
    assert located(lint_text(text)) == [("CL010", 1, 1), ("CL101", F + 1, 11)]


@pytest.mark.parametrize("until", ["2026-13-01", "31/12/2026", "tomorrow", "2026-02-30", ""])
def test_invalid_until_date_raises_cl010(lint_text: LintText, until: str) -> None:
    text = HEAD + f"fallback: TBD  # contractlint: disable=CL101 until={until}\n"
    findings = lint_text(text)
    assert located(findings) == [("CL101", F, 11), ("CL010", F, 16)]
    assert "YYYY-MM-DD" in only(findings, "CL010")[0].message


# --- require-suppression-reason ----------------------------------------------------------


def test_required_reason_missing_does_not_suppress_and_raises_cl010(
    lint_text: LintText,
) -> None:
    strict = make_config(require_suppression_reason=True)
    text = HEAD + "fallback: TBD  # contractlint: disable=CL101\n"
    findings = lint_text(text, config=strict)
    assert located(findings) == [("CL101", F, 11), ("CL010", F, 16)]
    assert "require-suppression-reason" in only(findings, "CL010")[0].message


def test_required_reason_empty_after_dashes(lint_text: LintText) -> None:
    strict = make_config(require_suppression_reason=True)
    text = HEAD + "fallback: TBD  # contractlint: disable=CL101 -- \n"
    assert sorted(codes(lint_text(text, config=strict))) == ["CL010", "CL101"]


def test_required_reason_in_x_contractlint_ignore(lint_text: LintText) -> None:
    strict = make_config(require_suppression_reason=True)
    with_reason = TBD_FALLBACK + 'x-contractlint-ignore: {CL101: "ships with v2"}\n'
    assert lint_text(with_reason, config=strict) == []
    without = TBD_FALLBACK + 'x-contractlint-ignore: {CL101: ""}\n'
    assert sorted(codes(lint_text(without, config=strict))) == ["CL010", "CL101"]


# --- CL008 unused suppression ---------------------------------------------------------------


def test_unused_suppression_is_reported_at_the_comment(lint_text: LintText) -> None:
    text = CLEAN.replace(
        "name: ranking-service", "name: ranking-service  # contractlint: disable=CL101"
    )
    findings = lint_text(text)
    assert located(findings) == [("CL008", 2, 24)]
    unused = findings[0]
    assert unused.name == "unused-suppression"
    assert unused.severity.value == "warning"
    assert "CL101" in unused.message


def test_unused_suppression_alone_on_a_line(lint_text: LintText) -> None:
    text = CLEAN + "    # contractlint: disable=CL103\n"
    assert located(lint_text(text)) == [("CL008", F + 1, 5)]


def test_unused_file_wide_suppression(lint_text: LintText) -> None:
    assert located(lint_text("# contractlint: disable-file=CL103\n" + CLEAN)) == [("CL008", 1, 1)]


def test_one_finding_per_unused_code(lint_text: LintText) -> None:
    text = HEAD + "fallback: TBD  # contractlint: disable=CL101,CL103,CL105\n"
    findings = lint_text(text)
    assert located(findings) == [("CL008", F, 16), ("CL008", F, 16)]
    assert sorted(f.message.split(": ")[-1].split()[0] for f in findings) == ["CL103", "CL105"]
    assert all("reported nothing" in f.message for f in findings)


@pytest.mark.parametrize("unknown", ["CL999", "missing-fallbak", "E501"])
def test_unknown_code_in_a_suppression_is_cl008(lint_text: LintText, unknown: str) -> None:
    text = HEAD + f"fallback: TBD  # contractlint: disable=CL101,{unknown}\n"
    findings = lint_text(text)
    assert located(findings) == [("CL008", F, 16)]
    assert unknown in findings[0].message


def test_suppression_of_a_rule_that_is_not_enabled_is_not_unused(lint_text: LintText) -> None:
    config = make_config(ignore=("CL101",))
    text = NO_FALLBACK.replace(
        "kind: model-contract", "kind: model-contract  # contractlint: disable=CL101"
    )
    assert lint_text(text, config=config) == []
    assert lint_text("# contractlint: disable-file=missing-fallback\n" + CLEAN, config=config) == []
    ignored = NO_FALLBACK + "x-contractlint-ignore: {CL101: legacy}\n"
    assert lint_text(ignored, config=config) == []
    selected = make_config(select=("CL4",))
    assert lint_text(text, config=selected) == []


def test_unused_suppression_is_not_reported_when_cl008_is_ignored(lint_text: LintText) -> None:
    text = CLEAN + "# contractlint: disable-file=CL103,CL999\n"
    assert lint_text(text, config=make_config(ignore=("CL008",))) == []


def test_a_suppression_only_suppresses_what_it_names(lint_text: LintText) -> None:
    text = HEAD + "fallback: TBD  # contractlint: disable=CL103\n"
    assert located(lint_text(text)) == [("CL101", F, 11), ("CL008", F, 16)]


# --- x-contractlint-ignore -------------------------------------------------------------------


def test_x_contractlint_ignore_suppresses_in_its_document_only(lint_text: LintText) -> None:
    text = (
        TBD_FALLBACK
        + 'x-contractlint-ignore: {CL101: "legacy service, replaced in Q1"}\n'
        + "---\n"
        + NO_FALLBACK
    )
    assert located(lint_text(text)) == [("CL101", F + 3, 1)]


def test_x_contractlint_ignore_in_the_second_document(lint_text: LintText) -> None:
    text = (
        TBD_FALLBACK
        + "---\n"
        + NO_FALLBACK.replace(
            "timeout_ms: 300", "timeout_ms: 300\nx-contractlint-ignore:\n  missing-fallback: legacy"
        )
    )
    assert located(lint_text(text)) == [("CL101", F, 11)]


def test_x_contractlint_ignore_by_name_and_several_codes(lint_text: LintText) -> None:
    text = BAD + "x-contractlint-ignore:\n  missing-fallback: a\n  CL103: b\n  CL401: c\n"
    assert codes(lint_text(text)) == ["CL105"]


def test_x_contractlint_ignore_in_json(lint_text: LintText) -> None:
    document = yaml.safe_load(TBD_FALLBACK)
    assert codes(lint_text(json.dumps(document, indent=2), name="contract.json")) == ["CL101"]
    document["x-contractlint-ignore"] = {"CL101": "legacy"}
    assert lint_text(json.dumps(document, indent=2) + "\n", name="contract.json") == []
    assert lint_text(json.dumps(document), name="contract.json") == []


def test_unused_x_contractlint_ignore_entry_in_json(lint_text: LintText) -> None:
    document = yaml.safe_load(CLEAN)
    document["x-contractlint-ignore"] = {"CL101": "not needed"}
    text = json.dumps(document, indent=2) + "\n"
    (line,) = [n for n, row in enumerate(text.split("\n"), 1) if '"CL101"' in row]
    column = text.split("\n")[line - 1].index('"CL101"') + 1
    assert located(lint_text(text, name="contract.json")) == [("CL008", line, column)]


def test_unknown_code_in_x_contractlint_ignore(lint_text: LintText) -> None:
    text = TBD_FALLBACK + "x-contractlint-ignore: {CL101: legacy, CL999: typo}\n"
    findings = lint_text(text)
    assert codes(findings) == ["CL008"]
    assert "CL999" in findings[0].message


def test_comments_in_a_json_file_are_not_directives(lint_text: LintText) -> None:
    # JSON has no comments: a `#` in a JSON string is just text.
    document = yaml.safe_load(NO_FALLBACK)
    document["description"] = "# contractlint: disable-file=CL101"
    assert codes(lint_text(json.dumps(document, indent=2), name="contract.json")) == ["CL101"]


# --- Markdown -------------------------------------------------------------------------------


def test_suppression_inside_a_markdown_yaml_block(lint_text: LintText) -> None:
    text = (
        "# Ranking service\n\nThe contract:\n\n```yaml\n"
        + TBD_FALLBACK.replace(
            "fallback: TBD", "fallback: TBD  # contractlint: disable=CL101 -- v2"
        )
        + "```\n"
    )
    assert lint_text(text, name="README.md") == []


def test_comment_alone_on_a_line_inside_a_markdown_block(lint_text: LintText) -> None:
    text = "Intro.\n\n```yaml\n# contractlint: disable=CL101\n" + NO_FALLBACK + "```\n"
    assert lint_text(text, name="README.md") == []


def test_unused_suppression_in_markdown_points_into_the_markdown_file(
    lint_text: LintText,
) -> None:
    text = (
        "Intro.\n\n```yaml\n"
        + CLEAN.replace("timeout_ms: 300", "timeout_ms: 300  # contractlint: disable=CL105")
        + "```\n"
    )
    assert located(lint_text(text, name="README.md")) == [("CL008", T + 3, 18)]


def test_markdown_front_matter_suppression(lint_text: LintText) -> None:
    text = (
        "---\n"
        + TBD_FALLBACK.replace("fallback: TBD", "fallback: TBD  # contractlint: disable=CL101")
        + "---\n\n# Ranking\n"
    )
    assert lint_text(text, name="contract.md") == []


# --- a `#` that is not a comment -----------------------------------------------------------


def test_directive_spelling_variants(lint_text: LintText) -> None:
    # Documented behaviour: the spaces around `:` and `=` are optional.
    for comment in ("#contractlint: disable=CL101", "# contractlint:disable = CL101"):
        assert lint_text(HEAD + f"fallback: TBD  {comment}\n") == [], comment


def test_a_hash_glued_to_a_value_is_not_a_comment(lint_text: LintText) -> None:
    # `a#b` is a plain scalar in YAML, not a value followed by a comment: the
    # fallback is the string `TBD#contractlint:disable=CL102` (CL102: no flag).
    text = HEAD + "fallback: TBD#contractlint:disable=CL102\n"
    assert located(lint_text(text)) == [("CL102", F, 11)]


def test_directive_text_inside_a_double_quoted_string_is_not_a_comment(
    lint_text: LintText,
) -> None:
    text = CLEAN.replace(
        "name: ranking-service",
        'name: ranking-service\ndescription: "see # contractlint: disable=CL101"',
    )
    assert lint_text(text) == []


def test_disable_file_inside_a_quoted_string_does_not_suppress(lint_text: LintText) -> None:
    text = NO_FALLBACK.replace(
        "name: ranking-service",
        "name: ranking-service\n"
        "description: 'to silence it, add # contractlint: disable-file=CL101 -- why'",
    )
    assert located(lint_text(text)) == [("CL101", 1, 1)]


def test_disable_file_inside_a_block_scalar_does_not_suppress(lint_text: LintText) -> None:
    text = NO_FALLBACK.replace(
        "name: ranking-service",
        "name: ranking-service\n"
        "description: |\n"
        "  To silence CL101 in a file, write:\n"
        "  # contractlint: disable-file=CL101\n",
    )
    assert located(lint_text(text)) == [("CL101", 1, 1)]


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        (
            "# contractlint: disabel=CL101",
            "`# contractlint: disabel=`: unknown directive, which suppresses nothing; "
            "did you mean `disable`?",
        ),
        (
            "# contractlint: ignore=CL101",
            "`# contractlint: ignore=`: unknown directive, which suppresses nothing; "
            "use disable or disable-file.",
        ),
        (
            "# contractlint: disable=missing-fallbak",
            "`# contractlint: disable=missing-fallbak` names an unknown rule "
            "`missing-fallbak`; did you mean `missing-fallback`?",
        ),
        (
            "# contractlint: disable=CL9999",
            "`# contractlint: disable=CL9999` names an unknown rule `CL9999`",
        ),
        (
            "# contractlint: disable CL101",
            "`# contractlint: disable CL101`: a directive takes `=`: write "
            "`# contractlint: disable=CL101`",
        ),
        (
            "# contractlint: disable: CL101 -- reason",
            "`# contractlint: disable: CL101`: a directive takes `=`: write "
            "`# contractlint: disable=CL101`",
        ),
        (
            "# contractlint disable=CL101",
            "`# contractlint disable=CL101`: a directive needs a colon: write "
            "`# contractlint: disable=CL101`",
        ),
        (
            "# contractlint: disable=",
            "`# contractlint: disable=`: names no rule, so it suppresses nothing; write "
            "`disable=CODE`",
        ),
        (
            "# contractlint: disable=CL101 untill=2030-01-01",
            "`# contractlint: disable=CL101`: unknown option `untill=`, so it suppresses "
            "nothing; did you mean `until=`?",
        ),
        (
            "# contractlint: disable-file=CL101,expires=2030-01-01",
            "`# contractlint: disable-file=CL101`: unknown option `expires=`, so it "
            "suppresses nothing; only `until=` is known",
        ),
    ],
)
def test_a_misspelt_suppression_is_reported_not_ignored(
    lint_text: LintText, comment: str, expected: str
) -> None:
    """A user who believes a finding is suppressed learns that it is not (issue 19)."""
    text = f"kind: model-contract\nname: x\n{comment}\nfallback: TBD\n"
    findings = lint_text(text)
    assert [(f.code, f.line, f.message) for f in findings if f.code == "CL008"] == [
        ("CL008", 3, expected)
    ]
    assert "CL101" in codes(findings)  # nothing was suppressed


@pytest.mark.parametrize(
    "comment",
    [
        "# contractlint checks this file in CI",
        "# see contractlint: it lints contracts",
        "# contractlint:disable=CL101",
        "#contractlint: disable = CL101",
    ],
)
def test_prose_and_spacing_variants_are_no_misspelt_directive(
    lint_text: LintText, comment: str
) -> None:
    text = f"kind: model-contract\nname: x\n{comment}\nfallback: TBD\n"
    findings = lint_text(text)
    assert "CL008" not in codes(findings), findings
