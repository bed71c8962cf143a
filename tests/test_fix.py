"""``--fix``: each fix, what it keeps byte for byte, idempotence, verification, atomic writes."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contractlint.atomic import write_atomic
from contractlint.config import Config
from contractlint.fix import FIXABLE, FixResult, fix_source, quote_plain, unified_diff
from contractlint.model import Problem
from contractlint.pipeline import loader, source
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.results import Finding


def lint(path: Path, root: Path) -> tuple[Finding, ...]:
    return lint_file(Target(str(path), path.name), Config(root=str(root))).findings


def fixable(findings: Sequence[Finding]) -> list[str]:
    return sorted(f.code for f in findings if f.code in FIXABLE)


def fix(tmp_path: Path, name: str, data: bytes) -> tuple[FixResult, Path]:
    path = tmp_path / name
    path.write_bytes(data)
    return fix_source(str(path), data, lint(path, tmp_path)), path


def values(path: str, data: bytes) -> list[Any]:
    """Every contract document's value, in file order (as the linter reads them)."""
    read = source.decode(path, data)
    assert not isinstance(read, Problem)
    return [
        document.value
        for segment in read.segments
        for document in loader.load(path, segment).documents
    ]


def ordered(value: Any) -> Any:
    """Compare values with key order: a mapping becomes its list of items."""
    if isinstance(value, dict):
        return [(k, ordered(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [ordered(v) for v in value]
    return (type(value).__name__, value)


def assert_fixed(
    tmp_path: Path, name: str, before: bytes, after: bytes, codes: Sequence[str]
) -> FixResult:
    """Fixing ``before`` gives exactly ``after``; written, it re-lints clean and fixes to itself."""
    result, path = fix(tmp_path, name, before)
    assert result.skipped == ()
    assert sorted(f.code for f in result.applied) == sorted(codes)
    assert result.new_bytes == after, result.new_bytes.decode()
    write_atomic(str(path), result.new_bytes)
    again = lint(path, tmp_path)
    assert fixable(again) == []
    second = fix_source(str(path), path.read_bytes(), again)
    assert second.applied == () and second.new_bytes == after and not second.changed
    return result


# -- YAML ---------------------------------------------------------------------------------

BLOCK = b"""\
# A model contract.  # not a key
kind: model-contract
name: 'ranking-service'    # quoted as the team likes
version: 1.10              # read as the float 1.1
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
endpoint: "/v1/rank"
request:
    user_id: string
response:
    ranked_item_ids: [string]
    scores: [0.0]          # the last content line

    # a comment after the mapping stays after it
timeouts_ms: 300           # the deprecated spelling
fallback: serve_most_popular
"""

BLOCK_FIXED = b"""\
# A model contract.  # not a key
kind: model-contract
name: 'ranking-service'    # quoted as the team likes
version: "1.10"              # read as the float 1.1
owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}
endpoint: "/v1/rank"
request:
    user_id: string
response:
    ranked_item_ids: [string]
    scores: [0.0]          # the last content line
    model_version: string

    # a comment after the mapping stays after it
timeout_ms: 300           # the deprecated spelling
fallback: serve_most_popular
"""


def test_yaml_block_style_keeps_comments_order_quoting_and_indentation(tmp_path: Path) -> None:
    assert_fixed(tmp_path, "c.yaml", BLOCK, BLOCK_FIXED, ["CL005", "CL502", "CL505"])


def test_block_mapping_whose_last_value_is_nested(tmp_path: Path) -> None:
    before = (
        b"kind: model-contract\nname: x\nresponse:\n  items:\n  - id: string\n"
        b"    tags:\n      - string   # tag\n  # trailing\nfallback: none_needed\n"
    )
    after = (
        b"kind: model-contract\nname: x\nresponse:\n  items:\n  - id: string\n"
        b"    tags:\n      - string   # tag\n  model_version: string\n  # trailing\n"
        b"fallback: none_needed\n"
    )
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL502"])


def test_block_mapping_at_the_end_of_a_file_without_a_final_newline(tmp_path: Path) -> None:
    before = b"kind: model-contract\nname: x\nresponse:\n  ids: [string]"
    after = b"kind: model-contract\nname: x\nresponse:\n  ids: [string]\n  model_version: string"
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL502"])


def test_yaml_flow_mapping_on_one_line(tmp_path: Path) -> None:
    before = (
        b"kind: model-contract\nname: x\n"
        b"response: { ids: [string], scores: [0.0] }   # flow\ntimeouts_ms: 300\n"
    )
    after = (
        b"kind: model-contract\nname: x\n"
        b"response: { ids: [string], scores: [0.0], model_version: string }   # flow\n"
        b"timeout_ms: 300\n"
    )
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL502", "CL505"])


def test_yaml_flow_mapping_on_several_lines_keeps_the_trailing_comment(tmp_path: Path) -> None:
    before = (
        b"kind: model-contract\nname: x\nresponse: {\n  ids: [string],  # ids\n"
        b"  scores: [0.0]   # scores\n}\n"
    )
    after = (
        b"kind: model-contract\nname: x\nresponse: {\n  ids: [string],  # ids\n"
        b"  scores: [0.0],   # scores\n  model_version: string\n}\n"
    )
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL502"])


def test_yaml_empty_flow_mapping_and_quoted_key(tmp_path: Path) -> None:
    before = b"kind: model-contract\nname: x\nresponse: {}\n'timeouts_ms': 300\n"
    after = b"kind: model-contract\nname: x\nresponse: {model_version: string}\n'timeout_ms': 300\n"
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL502", "CL505"])


def test_ambiguous_scalars_are_quoted_exactly_as_written(tmp_path: Path) -> None:
    before = (
        b"kind: model-contract\nname: 2026-01-01\nversion: 0755\n"
        b"owners: {scope: on, feasibility: 1:30, method: ds}\nendpoint: &e yes\n"
    )
    after = (
        b'kind: model-contract\nname: "2026-01-01"\nversion: "0755"\n'
        b'owners: {scope: "on", feasibility: "1:30", method: ds}\nendpoint: &e "yes"\n'
    )
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL005"] * 5)


def test_quote_plain_uses_single_quotes_for_quotes_and_backslashes() -> None:
    assert quote_plain("1.10") == '"1.10"'
    assert quote_plain('say "hi"') == "'say \"hi\"'"
    assert quote_plain("it's \\ here") == "'it''s \\ here'"
    assert quote_plain("1.10", json=True) == '"1.10"'


# -- JSON ----------------------------------------------------------------------------------


def test_json_on_one_line(tmp_path: Path) -> None:
    before = (
        b'{"kind": "model-contract", "name": "x", "version": 1.10, '
        b'"response": {"ids": ["string"]}, "timeouts_ms": 300}'
    )
    after = (
        b'{"kind": "model-contract", "name": "x", "version": "1.10", '
        b'"response": {"ids": ["string"], "model_version": "string"}, "timeout_ms": 300}'
    )
    assert_fixed(tmp_path, "c.json", before, after, ["CL005", "CL502", "CL505"])


def test_json_on_several_lines_keeps_indentation(tmp_path: Path) -> None:
    before = b"""{
    "kind": "model-contract",
    "name": "x",
    "version": 1.10,
    "response": {
        "ids": ["string"],
        "scores": [
            0.0
        ]
    },
    "timeouts_ms": 300
}
"""
    after = b"""{
    "kind": "model-contract",
    "name": "x",
    "version": "1.10",
    "response": {
        "ids": ["string"],
        "scores": [
            0.0
        ],
        "model_version": "string"
    },
    "timeout_ms": 300
}
"""
    assert_fixed(tmp_path, "c.json", before, after, ["CL005", "CL502", "CL505"])


def test_json_empty_object_on_several_lines(tmp_path: Path) -> None:
    before = b'{\n\t"kind": "model-contract",\n\t"name": "x",\n\t"response": {\n\t}\n}\n'
    after = (
        b'{\n\t"kind": "model-contract",\n\t"name": "x",\n\t"response": {\n'
        b'\t\t"model_version": "string"\n\t}\n}\n'
    )
    assert_fixed(tmp_path, "c.json", before, after, ["CL502"])


def test_json_closing_brace_on_the_last_member_line(tmp_path: Path) -> None:
    before = (
        b'{\n  "kind": "model-contract",\n  "name": "x",\n  "response": {\n    "a": "string"}\n}'
    )
    after = (
        b'{\n  "kind": "model-contract",\n  "name": "x",\n  "response": {\n    "a": "string",\n'
        b'    "model_version": "string"}\n}'
    )
    assert_fixed(tmp_path, "c.json", before, after, ["CL502"])


# -- Markdown ------------------------------------------------------------------------------

MARKDOWN = b"""\
---
kind: model-contract
name: x
version: 1.10
response:
  ids: [string]
timeouts_ms: 300
---

# The ranking contract

```yaml
kind: model-contract
name: y   # in a fence
version: 3.14
response: {ids: [string]}
```

  ```json
  {
    "kind": "model-contract",
    "name": "z",
    "response": {
      "ids": ["string"]
    },
    "timeouts_ms": 1
  }
  ```
"""

MARKDOWN_FIXED = b"""\
---
kind: model-contract
name: x
version: "1.10"
response:
  ids: [string]
  model_version: string
timeout_ms: 300
---

# The ranking contract

```yaml
kind: model-contract
name: y   # in a fence
version: "3.14"
response: {ids: [string], model_version: string}
```

  ```json
  {
    "kind": "model-contract",
    "name": "z",
    "response": {
      "ids": ["string"],
      "model_version": "string"
    },
    "timeout_ms": 1
  }
  ```
"""


def test_markdown_front_matter_and_fenced_blocks(tmp_path: Path) -> None:
    codes = ["CL005", "CL502", "CL505", "CL005", "CL502", "CL502", "CL505"]
    assert_fixed(tmp_path, "README.md", MARKDOWN, MARKDOWN_FIXED, codes)


# -- line endings and BOM -----------------------------------------------------------------


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    before = b"\xef\xbb\xbf" + BLOCK.replace(b"\n", b"\r\n")
    after = b"\xef\xbb\xbf" + BLOCK_FIXED.replace(b"\n", b"\r\n")
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL005", "CL502", "CL505"])


def test_crlf_json(tmp_path: Path) -> None:
    before = (
        b'{\r\n  "kind": "model-contract",\r\n  "name": "x",\r\n  "response": {"a": "string"}\r\n}'
    )
    after = (
        b'{\r\n  "kind": "model-contract",\r\n  "name": "x",\r\n'
        b'  "response": {"a": "string", "model_version": "string"}\r\n}'
    )
    assert_fixed(tmp_path, "c.json", before, after, ["CL502"])


def test_mixed_line_endings_stay_as_they_were(tmp_path: Path) -> None:
    before = b"kind: model-contract\r\nname: x\nversion: 1.10\r\nresponse:\n  a: string\r\n"
    after = (
        b'kind: model-contract\r\nname: x\nversion: "1.10"\r\nresponse:\n  a: string\r\n'
        b"  model_version: string\r\n"
    )
    assert_fixed(tmp_path, "c.yaml", before, after, ["CL005", "CL502"])


# -- the value after the fix --------------------------------------------------------------


def test_value_after_the_fix_is_the_original_plus_the_intended_edits(tmp_path: Path) -> None:
    result, path = fix(tmp_path, "c.yaml", BLOCK)
    (old,) = values(str(path), BLOCK)
    (new,) = values(str(path), result.new_bytes)
    expected = {
        ("timeout_ms" if k == "timeouts_ms" else k): v for k, v in old.items() if k != "version"
    }
    assert new.pop("version") == "1.10"
    assert old["version"] == 1.1
    expected["response"] = {**old["response"], "model_version": "string"}
    assert ordered(new) == ordered(expected)


def test_only_the_given_findings_are_fixed(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(BLOCK)
    findings = lint(path, tmp_path)
    chosen = [f for f in findings if f.code == "CL505"]
    result = fix_source(str(path), BLOCK, [*chosen, *[f for f in findings if f.code == "CL101"]])
    assert [f.code for f in result.applied] == ["CL505"]
    assert result.skipped == ()
    assert result.new_bytes == BLOCK.replace(b"timeouts_ms", b"timeout_ms")


def test_the_same_finding_twice_makes_one_edit(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(BLOCK)
    (finding,) = [f for f in lint(path, tmp_path) if f.code == "CL005"]
    result = fix_source(str(path), BLOCK, [finding, finding])
    assert result.applied == (finding, finding)
    assert result.new_bytes.count(b'"1.10"') == 1
    (edit,) = result.edits
    assert BLOCK.decode()[edit.start : edit.end] == "1.10" and edit.replacement == '"1.10"'


# -- what is not fixed ---------------------------------------------------------------------


def test_timeouts_ms_next_to_timeout_ms_is_skipped(tmp_path: Path) -> None:
    before = b"kind: model-contract\nname: x\ntimeouts_ms: 300\ntimeout_ms: 250\n"
    result, _ = fix(tmp_path, "c.yaml", before)
    assert result.applied == ()
    ((finding, reason),) = result.skipped
    assert finding.code == "CL505"
    assert "`timeout_ms` is already set" in reason
    assert result.new_bytes == before and not result.changed


def test_a_response_shared_through_an_alias_is_not_changed(tmp_path: Path) -> None:
    before = b"kind: model-contract\nname: x\nresponse: &r\n  a: string\nx-copy: *r\n"
    result, _ = fix(tmp_path, "c.yaml", before)
    ((finding, reason),) = result.skipped
    assert finding.code == "CL502"
    assert "`/x-copy`" in reason
    assert result.new_bytes == before


def test_a_response_made_of_merged_keys_is_skipped(tmp_path: Path) -> None:
    before = b"kind: model-contract\nname: x\nx-base: &b {a: string}\nresponse:\n  <<: *b\n"
    result, _ = fix(tmp_path, "c.yaml", before)
    ((finding, reason),) = result.skipped
    assert finding.code == "CL502" and "merged" in reason
    assert result.new_bytes == before


def test_a_finding_from_an_older_version_of_the_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(BLOCK)
    findings = lint(path, tmp_path)
    moved = b"# one more line\n" + BLOCK
    result = fix_source(str(path), moved, findings)
    assert result.applied == ()
    assert {f.code for f, _ in result.skipped} == {"CL005", "CL502", "CL505"}
    assert all("does not match the file" in reason for _, reason in result.skipped)
    assert result.new_bytes == moved


def test_an_unreadable_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(BLOCK)
    findings = lint(path, tmp_path)
    result = fix_source(str(path), b"\xff\xfe" + BLOCK, findings)
    assert result.applied == () and len(result.skipped) == 3
    assert all("cannot be read" in reason for _, reason in result.skipped)


def test_no_fixable_findings_no_change(tmp_path: Path) -> None:
    result, _ = fix(tmp_path, "c.yaml", BLOCK_FIXED)
    assert result.applied == () and result.skipped == ()
    assert result.new_bytes == BLOCK_FIXED and not result.changed


# -- writing -------------------------------------------------------------------------------


def test_write_atomic_keeps_the_mode_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(BLOCK)
    os.chmod(path, 0o640)
    write_atomic(str(path), BLOCK_FIXED)
    assert path.read_bytes() == BLOCK_FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]


def test_write_atomic_leaves_the_original_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(BLOCK)

    def fail(src: str, dst: str) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk on fire"):
        write_atomic(str(path), BLOCK_FIXED)
    assert path.read_bytes() == BLOCK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]


def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_bytes(BLOCK)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(str(link), BLOCK_FIXED)
    assert link.is_symlink() and real.read_bytes() == BLOCK_FIXED


# -- diff ----------------------------------------------------------------------------------


def test_unified_diff() -> None:
    old = b"kind: model-contract\nversion: 1.10\ntimeouts_ms: 300"
    new = b'kind: model-contract\nversion: "1.10"\ntimeout_ms: 300'
    assert unified_diff("c.yaml", old, new) == (
        "--- a/c.yaml\n"
        "+++ b/c.yaml\n"
        "@@ -1,3 +1,3 @@\n"
        " kind: model-contract\n"
        "-version: 1.10\n"
        "-timeouts_ms: 300\n"
        "\\ No newline at end of file\n"
        '+version: "1.10"\n'
        "+timeout_ms: 300\n"
        "\\ No newline at end of file\n"
    )
    assert unified_diff("c.yaml", old, old) == ""


def test_unified_diff_of_a_fix(tmp_path: Path) -> None:
    result, _ = fix(tmp_path, "c.yaml", BLOCK)
    diff = unified_diff("c.yaml", BLOCK, result.new_bytes)
    changed = [line for line in diff.splitlines() if line[:1] in "+-"]
    assert changed == [
        "--- a/c.yaml",
        "+++ b/c.yaml",
        "-version: 1.10              # read as the float 1.1",
        '+version: "1.10"              # read as the float 1.1',
        "+    model_version: string",
        "-timeouts_ms: 300           # the deprecated spelling",
        "+timeout_ms: 300           # the deprecated spelling",
    ]


# -- property: generated contracts ---------------------------------------------------------

_WORDS = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_COMMENT = st.one_of(
    st.just(""), st.text("abcdefghij XYZ.,()-", max_size=20).map(lambda t: "  # " + t)
)
_TYPES = st.sampled_from(["string", "integer", "number", "boolean", "[string]", "0.0"])


@st.composite
def contracts(draw: st.DrawFn) -> tuple[bytes, dict[str, Any]]:
    """A model contract in YAML with the three fixable problems, and its fixed value."""
    version = f"{draw(st.integers(0, 99))}.{draw(st.text('0123456789', min_size=1, max_size=3))}"
    timeout = draw(st.integers(1, 100_000))
    names = draw(st.lists(_WORDS.filter(lambda w: w != "model_version"), max_size=4, unique=True))
    fields = [(name, draw(_TYPES)) for name in names]
    flow = draw(st.booleans()) or not fields
    indent = " " * draw(st.integers(1, 4))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    if flow:
        body = ", ".join(f"{n}: {t}" for n, t in fields)
        response = [f"response: {{{body}}}{draw(_COMMENT)}"]
    else:
        response = ["response:" + draw(_COMMENT)]
        response += [f"{indent}{n}: {t}{draw(_COMMENT)}" for n, t in fields]
        if draw(st.booleans()):
            response.append(f"{indent}# the end of the response")
    entries = [
        ["kind: model-contract" + draw(_COMMENT)],
        ["name: ranking" + draw(_COMMENT)],
        [f"version: {version}{draw(_COMMENT)}"],
        [f"timeouts_ms: {timeout}{draw(_COMMENT)}"],
        ["endpoint: /v1/rank" + draw(_COMMENT)],
        response,
    ]
    entries = draw(st.permutations(entries))
    lines: list[str] = []
    for entry in entries:
        if draw(st.booleans()):
            lines.append("# " + draw(st.text("abc xyz", max_size=10)))
        if draw(st.booleans()):
            lines.append("")
        lines.extend(entry)
    expected: dict[str, Any] = {}
    for entry in entries:
        key = entry[0].split(":", 1)[0]
        value: Any = {
            "kind": "model-contract",
            "name": "ranking",
            "version": version,
            "timeouts_ms": timeout,
            "endpoint": "/v1/rank",
        }.get(key)
        if key == "response":
            value = {
                n: (["string"] if t == "[string]" else 0.0 if t == "0.0" else t) for n, t in fields
            }
            value["model_version"] = "string"
        expected["timeout_ms" if key == "timeouts_ms" else key] = value
    return (newline.join(lines) + newline).encode(), expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contracts())
def test_generated_contracts_are_fixed_and_keep_their_value(
    generated: tuple[bytes, dict[str, Any]],
) -> None:
    data, expected = generated
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "contract.yaml"
        path.write_bytes(data)
        findings = lint(path, root)
        assert fixable(findings) == ["CL005", "CL502", "CL505"]
        result = fix_source(str(path), data, findings)
        assert result.skipped == ()
        assert sorted(f.code for f in result.applied) == ["CL005", "CL502", "CL505"]
        (old,) = values(str(path), data)
        (new,) = values(str(path), result.new_bytes)
        assert ordered(new) == ordered(expected)
        # Exactly the intended edits: the original value with them is the new value.
        assert not isinstance(old["version"], str)
        intended = {
            ("timeout_ms" if k == "timeouts_ms" else k): (
                expected["version"]
                if k == "version"
                else {**v, "model_version": "string"}
                if k == "response"
                else v
            )
            for k, v in old.items()
        }
        assert ordered(new) == ordered(intended)
        # Every comment and line ending is still there.
        for line in data.decode().splitlines():
            if "#" in line:
                assert line[line.index("#") :] in result.new_text
        assert result.new_bytes.count(b"\r\n") - data.count(b"\r\n") in (0, 1)
        write_atomic(str(path), result.new_bytes)
        again = lint(path, root)
        assert fixable(again) == []
        second = fix_source(str(path), result.new_bytes, again)
        assert second.applied == () and second.new_bytes == result.new_bytes
