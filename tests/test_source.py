"""Stage "read": bytes -> text, and Markdown -> segments (SPEC sections 1 and 7).

Every test lints a real file and checks the findings' codes and 1-based
positions: a BOM, CRLF or lone CR newlines must not move a single column, an
unreadable file is a CL006 finding (never an exception), and Markdown front
matter and fenced ``yaml``/``json`` blocks are documents whose positions are
positions in the ``.md`` file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.results import Finding

from conftest import TODAY, codes, located, make_config

LintBytes = Callable[..., list[Finding]]

# A complete model contract (SPEC 1.1) except for `fallback: TBD` on line 4:
# it raises exactly one finding, CL101 at column 11.
CONTRACT = (
    "kind: model-contract\n"
    "name: ranking-service\n"
    "owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}\n"
    "fallback: TBD\n"
    "latency_budget_ms: {p50: 50, p95: 120}\n"
    "timeout_ms: 300\n"
    "endpoint: /v1/rank\n"
    "request: {user_id: string, candidate_item_ids: [string], context_ts: ISO-8601}\n"
    "response: {ranked_item_ids: [string], scores: [0.0], model_version: string}\n"
    "throughput_rps: 400\n"
    "monitoring: [score_distribution, ctr_by_bucket, latency_p95]\n"
    "retraining_trigger: weekly_or_ctr_drop_2pct\n"
    "rollback: redeploy the previous model_version behind the ranking flag\n"
    "logging: [request_id, user_id, model_version, scores]\n"
)
CONTRACT_FINDINGS = [("CL101", 4, 11)]
COMPLETE_FALLBACK = "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}\n"

# Findings at several lines and columns, in two documents: CL002 on line 1;
# in the second document (from line 3) CL104 at p50's value on line 7, CL003
# (wrong type) on line 8 and CL003 (unknown key) on line 17.
POSITIONS = (
    "kind: ModelContract\n---\n"
    + CONTRACT.replace("fallback: TBD\n", COMPLETE_FALLBACK)
    .replace("{p50: 50, p95: 120}", "{p50: 500, p95: 120}")
    .replace("timeout_ms: 300", "timeout_ms: '300'")
    + "fallbakc: x\n"
)


@pytest.fixture
def lint_bytes(tmp_path: Path) -> LintBytes:
    """``lint_bytes(data, name="contract.yaml", config=None) -> [Finding]``."""

    def run(data: bytes, name: str = "contract.yaml", config: Config | None = None) -> list:
        path = tmp_path / name
        path.write_bytes(data)
        return list(lint_file(Target(str(path), name), config or Config(), TODAY).findings)

    return run


def full_positions(findings: list[Finding]) -> list[tuple[str, int, int, int, int, str]]:
    return [(f.code, f.line, f.column, f.end_line, f.end_column, f.message) for f in findings]


# --------------------------------------------------------------------------- decoding


def test_plain_utf8_baseline(lint_text):
    assert located(lint_text(CONTRACT)) == CONTRACT_FINDINGS


def test_positions_baseline(lint_text):
    assert located(lint_text(POSITIONS)) == [
        ("CL002", 1, 7),
        ("CL104", 7, 26),
        ("CL003", 8, 13),
        ("CL003", 17, 1),
    ]


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: ("\ufeff" + t).encode("utf-8"), id="bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8"), id="lone-cr"),
        pytest.param(lambda t: ("\ufeff" + t.replace("\n", "\r\n")).encode("utf-8"), id="bom-crlf"),
        pytest.param(lambda t: t.rstrip("\n").encode("utf-8"), id="no-final-newline"),
    ],
)
@pytest.mark.parametrize("text", [CONTRACT, POSITIONS], ids=["contract", "positions"])
def test_bom_and_newlines_give_the_same_positions_as_lf(lint_text, lint_bytes, encode, text):
    expected = full_positions(lint_text(text))
    assert expected  # the comparison means something
    assert full_positions(lint_bytes(encode(text))) == expected


def test_lone_cr_contract_below_a_comment_line_is_linted(lint_text, lint_bytes):
    # The kind on the last line, so that its value ends at the end of the file.
    text = "# ranking\n" + CONTRACT.replace("kind: model-contract\n", "") + "kind: model-contract\n"
    expected = full_positions(lint_text(text))
    assert [f[:3] for f in expected] == [("CL101", 4, 11)]
    assert full_positions(lint_bytes(text.replace("\n", "\r").encode())) == expected


def test_bom_does_not_shift_columns_on_the_first_line(lint_bytes):
    findings = lint_bytes("\ufeffkind: ModelContract\nname: x\n".encode())
    assert located(findings) == [("CL002", 1, 7)]
    assert findings[0].end_column == 20


def test_crlf_in_markdown_keeps_positions(lint_bytes):
    md = "# Title\r\n\r\n```yaml\r\nkind: ModelContract\r\n```\r\n"
    assert located(lint_bytes(md.encode(), "doc.md")) == [("CL002", 4, 7)]


def test_crlf_inside_quoted_scalar_is_a_newline(lint_bytes):
    # A double-quoted scalar folded over a CRLF line break keeps later lines in place.
    text = 'kind: model-contract\r\nname: "ranking\r\n  service"\r\nfallbakc: x\r\n'
    findings = lint_bytes(text.encode())
    assert ("CL003", 4, 1) in located(findings)


def test_invalid_utf8_names_the_byte_and_line(lint_bytes):
    findings = lint_bytes(b"kind: model-contract\nname: caf\xe9\n")
    assert located(findings) == [("CL006", 2, 10)]
    message = findings[0].message
    assert "0xe9" in message
    assert "line 2" in message
    assert findings[0].name == "unreadable-file"
    assert findings[0].severity.value == "error"


def test_invalid_utf8_with_crlf_counts_lines(lint_bytes):
    findings = lint_bytes(b"kind: model-contract\r\nname: x\r\nowner: \xff\r\n")
    assert located(findings) == [("CL006", 3, 8)]
    assert "0xff" in findings[0].message and "line 3" in findings[0].message


def test_truncated_utf8_sequence_at_end_of_file(lint_bytes):
    # The first byte of a two-byte sequence, then the end of the file.
    findings = lint_bytes(b"kind: model-contract\nname: x\xc3")
    assert located(findings) == [("CL006", 2, 8)]
    assert "0xc3" in findings[0].message


def test_invalid_utf8_after_a_bom_names_the_right_byte(lint_bytes):
    # A candidate (its `kind` on line 2), so that it is decoded at all.
    findings = lint_bytes(b"\xef\xbb\xbfname: caf\xe9\nkind: model-contract\n")
    assert len(findings) == 1 and findings[0].code == "CL006"
    assert "0xe9" in findings[0].message
    assert (findings[0].line, findings[0].column) == (1, 10)


def test_invalid_utf8_with_lone_cr_newlines_names_the_right_line(lint_bytes):
    # `kind` on the last line: what this test is about is how the decoder counts lines
    # (the lone-CR sniff bug is the `lone-cr` case of the positions test above).
    findings = lint_bytes(b"x: 1\rname: caf\xe9\rkind: model-contract\r")
    assert located(findings) == [("CL006", 2, 10)]
    assert "line 2" in findings[0].message


def test_invalid_utf8_column_counts_characters(lint_bytes):
    # `name: éé` is 8 characters (10 bytes); the bad byte is character 9.
    findings = lint_bytes("name: éé".encode() + b"\xff\nkind: model-contract\n")
    assert located(findings) == [("CL006", 1, 9)]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"kind: model-contract\x00\nname: x\n", id="nul-in-text"),
        pytest.param(b"kind: model-contract\n\x00\x01\x02\x03\xff\xfe", id="binary-blob"),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\nkind: model-contract\n", id="png-header"
        ),
    ],
)
def test_nul_bytes_are_binary(lint_bytes, data):
    # A candidate (a `kind` of ours in its bytes) with NUL bytes is not a text file.
    findings = lint_bytes(data)
    assert codes(findings) == ["CL006"]
    assert "binary" in findings[0].message
    assert (findings[0].line, findings[0].column) == (1, 1)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x00\x01\x02\x03\xff\xfe", id="binary-blob"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png-header"),
        pytest.param(b"kind: Deployment\n\x00\x01", id="someone-elses-kind"),
        pytest.param("name: x\n".encode("utf-16"), id="utf-16-no-kind"),
    ],
)
def test_binary_that_holds_no_contract_is_silent(lint_bytes, data):
    # SPEC 1: a file that is not a candidate gets no finding of any code.
    assert lint_bytes(data) == []


@pytest.mark.parametrize(
    "data, encoding",
    [
        pytest.param("kind: model-contract\n".encode("utf-16"), "UTF-16", id="utf-16"),
        pytest.param("\ufeffkind: model-contract\n".encode("utf-16-le"), "UTF-16", id="utf-16-le"),
        pytest.param("\ufeffkind: model-contract\n".encode("utf-16-be"), "UTF-16", id="utf-16-be"),
        pytest.param("kind: model-contract\n".encode("utf-32"), "UTF-32", id="utf-32"),
        pytest.param("\ufeffkind: model-contract\n".encode("utf-32-be"), "UTF-32", id="utf-32-be"),
    ],
)
def test_utf16_or_utf32_contract_is_cl006_save_as_utf8(lint_bytes, data, encoding):
    # Sniffed after decoding (so never skipped), then reported for its encoding.
    findings = lint_bytes(data)
    assert located(findings) == [("CL006", 1, 1)]
    assert f"encoded as {encoding}" in findings[0].message
    assert "save it as UTF-8" in findings[0].message
    assert "binary" not in findings[0].message


def test_binary_json_and_markdown_too(lint_bytes):
    for name in ("c.json", "doc.md", "c.yml"):
        findings = lint_bytes(b'{"kind": "model-contract"\x00}', name)
        assert codes(findings) == ["CL006"], name
        assert "binary" in findings[0].message, name
        assert lint_bytes(b"{\x00}", name) == [], name  # no contract: silent


def test_file_over_the_size_limit(lint_bytes):
    config = make_config(max_file_size=100)
    findings = lint_bytes(CONTRACT.encode(), config=config)  # over 600 bytes
    assert located(findings) == [("CL006", 1, 1)]
    assert "size limit" in findings[0].message
    assert "100" in findings[0].message


def test_file_at_the_size_limit_is_read(lint_bytes):
    text = "kind: model-contract\nname: x\n"
    data = text.encode() + b"#" * (100 - len(text) - 1) + b"\n"
    assert len(data) == 100
    findings = lint_bytes(data, config=make_config(max_file_size=100))
    assert "CL006" not in codes(findings)
    assert "CL101" in codes(findings)
    findings = lint_bytes(data + b"#", config=make_config(max_file_size=100))
    assert codes(findings) == ["CL006"]


def test_size_limit_is_checked_before_decoding(lint_bytes):
    # A large binary candidate is reported for its size, without being read whole
    # (decoded, it would be "binary").
    config = make_config(max_file_size=100)
    findings = lint_bytes(b"kind: model-contract\n" + b"\x00" * 1000, config=config)
    assert codes(findings) == ["CL006"]
    assert "size limit" in findings[0].message
    # Without a `kind` of ours in its first 100 bytes, it holds no contract: silent.
    assert lint_bytes(b"\x00" * 1000, config=config) == []
    assert lint_bytes(b"\x00" * 1000 + b"\nkind: model-contract\n", config=config) == []


def test_missing_file(tmp_path):
    path = tmp_path / "gone.yaml"
    result = lint_file(Target(str(path), "gone.yaml"), Config(), TODAY)
    assert located(list(result.findings)) == [("CL006", 1, 1)]
    assert "not found" in result.findings[0].message
    assert result.findings[0].path == "gone.yaml"


def test_directory_is_unreadable(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    result = lint_file(Target(str(tmp_path / "dir.yaml"), "dir.yaml"), Config(), TODAY)
    assert codes(list(result.findings)) == ["CL006"]


def _can_read_anyway(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True


def test_permission_denied(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text(CONTRACT, encoding="utf-8")
    path.chmod(0)
    try:
        if (hasattr(os, "geteuid") and os.geteuid() == 0) or _can_read_anyway(path):
            pytest.skip("running as root (or chmod has no effect): the file stays readable")
        result = lint_file(Target(str(path), "secret.yaml"), Config(), TODAY)
        assert located(list(result.findings)) == [("CL006", 1, 1)]
        assert "permission" in result.findings[0].message.lower()
    finally:
        path.chmod(0o644)


def test_permission_denied_simulated(tmp_path, monkeypatch):
    """The same path as above, when the OS refuses the read (works as root too)."""
    path = tmp_path / "secret.yaml"
    path.write_text(CONTRACT, encoding="utf-8")
    real_open = os.open

    def refuse(file, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.basename(os.fspath(file)) == "secret.yaml":
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = lint_file(Target(str(path), "secret.yaml"), Config(), TODAY)
    assert located(list(result.findings)) == [("CL006", 1, 1)]
    assert "permission" in result.findings[0].message.lower()


def test_one_unreadable_file_does_not_stop_the_run(tmp_path):
    from contractlint.run.runner import lint

    good = tmp_path / "good.yaml"
    good.write_text(CONTRACT, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"kind: model-contract\n\xff\xfe\x00")  # a candidate, binary
    noise = tmp_path / "noise.yaml"
    noise.write_bytes(b"\xff\xfe\x00")  # holds no contract: silent
    targets = [
        Target(str(bad), "bad.yaml"),
        Target(str(tmp_path / "gone.yaml"), "gone.yaml"),
        Target(str(good), "good.yaml"),
        Target(str(noise), "noise.yaml"),
    ]
    report = lint(targets, Config(), TODAY)
    assert [(f.path, f.code) for f in report.findings] == [
        ("bad.yaml", "CL006"),
        ("gone.yaml", "CL006"),
        ("good.yaml", "CL101"),
    ]


# --------------------------------------------------------------------------- Markdown

MARKDOWN = (
    "---\n"  # front matter: lines 1-16, `fallback: TBD` on line 5
    + CONTRACT
    + """\
---

# Ranking service

Some prose.

```yaml
kind: ModelContract
name: in-a-yaml-fence
```

```json
{"kind": "model_contract", "name": "in-a-json-fence"}
```

~~~yaml
kind: Experiment-Plan
~~~

```python
kind: model-contrat
```

```
kind: model-contrat
```

   ```yaml
   kind: model-contrat
   name: indented-fence
   ```
"""
)


def test_markdown_front_matter_and_fences_are_documents(lint_text):
    assert located(lint_text(MARKDOWN, "doc.md")) == [
        ("CL101", 5, 11),  # front matter
        ("CL002", 23, 7),  # ```yaml
        ("CL002", 28, 10),  # ```json
        ("CL002", 32, 7),  # ~~~yaml
        # ```python (line 36) and the fence without an info string (line 40) are ignored
        ("CL002", 44, 10),  # indented ```yaml keeps its columns
    ]


def test_markdown_end_columns_are_in_the_markdown_file(lint_text):
    findings = lint_text(MARKDOWN, "doc.md")
    by_line = {f.line: f for f in findings}
    assert (by_line[23].column, by_line[23].end_column) == (7, 20)  # ModelContract
    assert (by_line[44].column, by_line[44].end_column) == (10, 23)  # model-contrat


@pytest.mark.parametrize("info", ["python", "sh", "text", "toml", "yamlish", "jsonc"])
def test_markdown_fence_with_another_info_string_is_ignored(lint_text, info):
    md = f"# T\n\n```{info}\nkind: ModelContract\nname: [unclosed\n```\n"
    assert lint_text(md, "doc.md") == []


@pytest.mark.parametrize("info", ["yaml", "yml", "YAML", "json", "yaml title=contract.yaml"])
def test_markdown_fence_info_strings_that_are_documents(lint_text, info):
    body = '{"kind": "ModelContract"}' if info == "json" else "kind: ModelContract"
    md = f"# T\n\n```{info}\n{body}\n```\n"
    findings = lint_text(md, "doc.md")
    assert codes(findings) == ["CL002"]
    assert findings[0].line == 4


@pytest.mark.parametrize(
    "comment",
    [
        "<!--\n```yaml\nkind: ModelContract\n```\n-->",
        "<!-- an old draft:\n```yaml\nkind: ModelContract\n```\nend of the draft -->",
        '  <!--\n```json\n{"kind": "ModelContract"}\n```\n  -->',
    ],
)
def test_a_fence_inside_an_html_comment_is_commented_out(lint_text, comment):
    md = f"# T\n\n{comment}\n\n```yaml\nkind: model-contrat\n```\n"
    assert located(lint_text(md, "doc.md")) == [("CL002", md.count("\n") - 1, 7)]


def test_a_one_line_html_comment_hides_nothing_below_it(lint_text):
    md = "# T\n\n<!-- toc -->\n```yaml\nkind: model-contrat\n```\n"
    assert located(lint_text(md, "doc.md")) == [("CL002", 5, 7)]


@pytest.mark.parametrize(
    "elided",
    [
        "kind: model-contrat\nname: <your service>\n# ... the rest of the fields",
        "kind: model-contrat\nrequest:\n  ...",
        "kind: model-contrat\nowners: {scope: pm@x.com, feasibility: ..., method: ...}",
        "kind: model-contrat\nhypothesis: …",
        '{"kind": "model-contrat", "items": [1, 2, ...]}',
    ],
)
def test_a_block_with_an_elision_is_an_excerpt_not_a_contract(lint_text, elided):
    """SPEC 1: README code blocks with `...` elisions are not contracts."""
    info = "json" if elided.startswith("{") else "yaml"
    assert lint_text(f"# T\n\n```{info}\n{elided}\n```\n", "doc.md") == []


@pytest.mark.parametrize(
    "body",
    [
        "kind: model-contrat\ndescription: we tried A, B, ... and C",  # prose, not an elision
        "kind: model-contrat\nnote: 'see ...'",
        'kind: model-contrat\nurl: "http://x/..."',
    ],
)
def test_three_dots_in_a_value_are_no_elision(lint_text, body):
    assert codes(lint_text(f"# T\n\n```yaml\n{body}\n```\n", "doc.md")) == ["CL002"]


def test_markdown_without_documents_is_silent(lint_text):
    assert lint_text("# Just prose\n\nkind: ModelContract\n", "README.md") == []


def test_markdown_front_matter_only_at_the_top(lint_text):
    # `---` further down is a thematic break, not front matter.
    md = "# Title\n---\nkind: ModelContract\n---\n"
    assert lint_text(md, "doc.md") == []


def test_markdown_syntax_errors_point_into_the_markdown_file(lint_text):
    md = (
        "# Title\n"
        "\n"
        "```yaml\n"
        "kind: model-contract\n"
        "latency_budget_ms: {p50: 50, p95: 120\n"
        "timeout_ms: 300\n"
        "```\n"
        "\n"
        "```json\n"
        '{"kind": "model-contract",\n'
        ' "name": "x",}\n'
        "```\n"
    )
    assert located(lint_text(md, "doc.md")) == [("CL001", 6, 11), ("CL001", 11, 14)]


def test_markdown_several_documents_in_one_fence(lint_text):
    md = "Intro\n\n```yaml\nkind: ModelContract\n---\nkind: model_contract\n```\n"
    assert located(lint_text(md, "doc.md")) == [("CL002", 4, 7), ("CL002", 6, 7)]


def test_markdown_fence_in_a_list_item_keeps_columns(lint_text):
    md = "- item\n\n  ```yaml\n  kind: ModelContract\n  ```\n"
    assert located(lint_text(md, "doc.md")) == [("CL002", 4, 9)]


def test_markdown_longer_fence_holds_a_shorter_one(lint_text):
    # A ```` fence is closed only by ```` (or longer): the ``` line is content.
    md = "````yaml\nkind: model-contract\nname: x\n```\n````\n\n```yaml\nkind: ModelContract\n```\n"
    found = located(lint_text(md, "doc.md"))
    assert ("CL001", 4, 1) in found  # the ``` line inside the YAML block
    assert ("CL002", 8, 7) in found  # the next fence is still found


def test_markdown_unclosed_fence_runs_to_the_end(lint_text):
    md = "# T\n\n```yaml\nkind: ModelContract\n"
    assert located(lint_text(md, "doc.md")) == [("CL002", 4, 7)]


def test_markdown_syntax_error_at_the_closing_fence_stays_in_the_file(lint_text):
    # The end of the block is the closing fence's line: still a line of the file.
    md = '```yaml\nkind: model-contract\n"\n```\n'
    assert located(lint_text(md, "doc.md")) == [("CL001", 4, 1)]
    # The same block without a `kind` of ours is no contract: silent.
    assert lint_text('```yaml\n"\n```\n', "doc.md") == []


@pytest.mark.parametrize(
    "md, expected",
    [
        pytest.param(
            '```yaml\nkind: model-contract\n"', ("CL001", 3, 2), id="quote-no-final-newline"
        ),
        pytest.param("```yaml\nkind: model-contract\nname: [x", ("CL001", 3, 9), id="bracket"),
    ],
)
def test_markdown_unclosed_fence_error_at_the_end_of_the_file(lint_text, md, expected):
    # The same text in a .yaml file is reported at the end of its last line.
    body = md.split("\n", 1)[1]
    plain = located(lint_text(body, "plain.yaml"))
    assert plain == [(expected[0], expected[1] - 1, expected[2])]
    assert located(lint_text(md, "doc.md")) == [expected]


def test_markdown_unclosed_fence_error_with_final_newline_stays_in_the_file(lint_text):
    # Four lines: the fence, the kind, the quote, and the empty last line.
    md = '```yaml\nkind: model-contract\n"\n'
    [finding] = lint_text(md, "doc.md")
    assert finding.code == "CL001"
    assert finding.line <= 4


def test_markdown_code_indented_four_spaces_is_not_a_fence(lint_text):
    md = "# T\n\n    ```yaml\n    kind: ModelContract\n    ```\n"
    assert lint_text(md, "doc.md") == []


def test_markdown_suffix_is_case_insensitive(lint_text):
    findings = lint_text("```yaml\nkind: ModelContract\n```\n", "DOC.MD")
    assert located(findings) == [("CL002", 2, 7)]


def test_markdown_finding_paths_name_the_markdown_file(lint_text):
    findings = lint_text(MARKDOWN, "docs/contract.md")
    assert {f.path for f in findings} == {"docs/contract.md"}
