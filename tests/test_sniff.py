"""Stage "sniff": which texts are candidates, decided on raw bytes, and how files are read.

Property tests generate documents the way tools write them (PyYAML and json in
their styles, Markdown blocks around them): one with our ``kind`` is always a
candidate and is linted as a contract; one without never gets a finding.
"""

from __future__ import annotations

import json
import os
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from contractlint.kinds import KINDS, misspelled
from contractlint.pipeline import sniff
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file

from conftest import TODAY, make_config

SNIFFER = sniff.Sniffer()


@pytest.mark.parametrize(
    "text",
    [
        "kind: model-contract\n",
        "name: x\nkind: experiment-plan  # the plan\n",
        "kind: 'problem-framing'\n",
        'kind: "acceptance-checklist"\n',
        '{"kind": "model-contract", "name": "x"}',
        '{"name":"x","kind":"model-contract"}',
        "{kind: model-contract, name: x}\n",
        "kind   :   model-contract\n",
        "kind:\n  model-contract\n",
        "kind: !!str model-contract\n",
        "kind: &k model-contract\n",
        "kind: model-contract\r\n",
        "\ufeffkind: model-contract\n",
        "---\napiVersion: v1\nkind: Service\n---\nkind: model-contract\n",
        "- kind: model-contract\n",
        '{"title": "issue #1", "kind": "model-contract"}',  # a `#` inside a string
        '{"paths": ["src/*"], "kind": "model-contract"}',  # a glob, not a comment
        'name: "{{ name }}"\nkind: model-contract\n',  # a closed template action
        "# kind: model-contract\nkind: model-contract\n",  # a mention, then the key
        # A template action at the start of a line, and the key at the start of another.
        "{{- if .Values.on }}\nkind: model-contract\nname: {{ .Values.name }}\n{{- end }}\n",
        "kind: model-contract\nprompt: |\n  {{ system }}\n  Answer.\n",
        "  {{- if .Values.on }}\n  kind: model-contract\n",  # an indented Markdown fence
        # Misspellings are candidates: CL002 reports them.
        "kind: ModelContract\n",
        "kind: model_contract\n",
        "kind: Model Contract\n",
        "kind: model-contrcat\n",
        "kind: experiment-plans\n",
        # A long flow mapping, as PyYAML folds it: the value goes on on the next line.
        "{kind: Acceptance\n    Checklist, name: checkout-model}\n",
    ],
)
def test_candidates(text: str) -> None:
    assert SNIFFER.bytes_hold_contract(text.encode("utf-8"))
    assert SNIFFER.text_holds_contract(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "apiVersion: apps/v1\nkind: Deployment\n",
        '{"kind": "click", "at": 1}\n{"kind": "view", "at": 2}\n',
        "kind: DataContract\n",
        "kind: Contract\n",
        "kind: ExperimentConfig\n",
        "kind: model\n",
        "kind: {{ .Values.kind }}\n",
        "mykind: model-contract\n",  # another key
        "kinds: [model-contract]\n",
        "kind_of: model-contract\n",
        "# the file's kind is up to you\nname: x\n",
        "description: a model-contract for ranking\n",
        "kind: model-contract-template-for-the-ranking-service\n",  # too far from ours
        # Mentions in comments are not keys (a Helm chart that documents a contract).
        "#   kind: model-contract\n",
        "data:\n  # see contracts/ranking.yaml (kind: model-contract)\n",
        "{{- /* renders contracts/ranking.yaml, kind: model-contract */ -}}\n",
        "// kind: model-contract\n",
        # A string that mentions the key is not the key (JSONC snippets, a shell line).
        '{"body": [\n    "kind: model-contract",\n    "name: ${1:x}"]}\n',
        "run: echo 'kind: model-contract'\n",
        # A Helm template holding a contract in a value: only rendered is it YAML.
        "{{- if .Values.c }}\nkind: ConfigMap\ndata:\n  c.yaml: |\n    kind: model-contract\n",
        '{{ include "x" . }}\nitems:\n  - kind: model-contract\n',
    ],
)
def test_not_candidates(text: str) -> None:
    assert not SNIFFER.bytes_hold_contract(text.encode("utf-8"))
    assert not SNIFFER.text_holds_contract(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"id": 1, "kind": "model-contract"}\n{"id": 2, "kind": "model-contract"}\n',
        '\n{"kind": "experiment-plan"}\r\n\r\n{"kind": "x"}',  # blank lines, CRLF
        '{"kind": "model-contract"}\n{"kind": "model-contract"}\n{"broken": \n',
    ],
)
def test_ndjson_with_our_kinds_is_data_not_a_contract(text: str) -> None:
    raw = sniff.Raw(text.encode("utf-8"))
    assert SNIFFER.bytes_hold_contract(raw.data)  # the records hold our kind
    assert SNIFFER.skipped(raw) == sniff.NDJSON


@pytest.mark.parametrize(
    "text",
    [
        '{"kind": "model-contract", "name": "x"}\n',  # one JSON document on one line
        '{"kind": "model-contract"}\n---\n{"kind": "model-contract"}\n',  # a YAML stream
        '{"kind": "model-contract"}\nname: x\n',  # broken: CL001 says so
        '{"kind": "model-contract",\n "name": "x"}\n',
        '{"kind": "model-contract"}\n{"kind": oops}\n',
    ],
)
def test_a_json_or_yaml_document_is_not_taken_for_ndjson(text: str) -> None:
    assert SNIFFER.skipped(sniff.Raw(text.encode("utf-8"))) == ""


def test_ndjson_gets_no_finding_even_over_the_size_limit(tmp_path: Path) -> None:
    record = '{"id": 1, "kind": "model-contract", "name": "ranking"}\n'
    (tmp_path / "small.json").write_text(record * 3)
    (tmp_path / "large.json").write_text(record * 2000)
    config = make_config(root=str(tmp_path), max_file_size=10_000)
    for name in ("small.json", "large.json"):
        result = lint_file(Target(str(tmp_path / name), name), config, TODAY)
        assert result.findings == () and result.documents == 0, result


def test_declared_kinds_are_candidates() -> None:
    team = sniff.Sniffer({"data-contract"})
    assert team.bytes_hold_contract(b"kind: data-contract\n")
    assert not SNIFFER.bytes_hold_contract(b"kind: data-contract\n")
    assert sniff.sniffer({"data-contract"}) is sniff.sniffer(["data-contract"])


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_wide_encoding_with_a_byte_order_mark_is_sniffed_after_decoding(codec: str) -> None:
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(codec, b"")
    contract = bom + "kind: model-contract\nname: x\n".encode(codec)
    other = bom + "kind: Deployment\n".encode(codec)
    assert SNIFFER.bytes_hold_contract(contract)
    assert not SNIFFER.bytes_hold_contract(other)


def test_latin1_is_sniffed_on_its_bytes() -> None:
    assert SNIFFER.bytes_hold_contract(b"kind: model-contract\nname: caf\xe9\n")
    assert not SNIFFER.bytes_hold_contract(b"name: caf\xe9\n")


def test_the_misspelling_rule_is_cl002s() -> None:
    assert misspelled("ModelContract") == "model-contract"
    assert misspelled("acceptance_checklist") == "acceptance-checklist"
    assert misspelled("problem-framng") == "problem-framing"
    assert misspelled("model-contract") is None  # spelt right
    assert misspelled("Deployment") is None
    assert misspelled("DataContract") is None


# --- reading -----------------------------------------------------------------------


def test_read_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"kind: model-contract\n")
    assert sniff.read(str(path), 100) == sniff.Raw(b"kind: model-contract\n", "", 21, False)


def test_read_keeps_the_first_max_bytes_of_a_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"x" * 1000)
    raw = sniff.read(str(path), 100)
    assert raw.too_large and raw.size == 1000 and raw.data == b"x" * 100
    assert SNIFFER.skipped(raw).startswith("no `kind` of a contract in its first 100 bytes")


def test_read_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    raw = sniff.read(str(fifo), 100)
    assert raw.error.startswith("not a regular file")
    assert SNIFFER.skipped(raw) == ""  # linted: CL006 says why it is not read


def test_read_refuses_a_device_behind_a_symlink(tmp_path: Path) -> None:
    link = tmp_path / "z.yaml"
    link.symlink_to("/dev/zero")
    assert sniff.read(str(link), 100).error.startswith("not a regular file")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "file not found"),
        (lambda p: p.mkdir(), "path is a directory"),
    ],
)
def test_read_errors(tmp_path: Path, make: Any, message: str) -> None:
    path = tmp_path / "x.yaml"
    make(path)
    assert sniff.read(str(path), 100).error.startswith(message)


# --- properties --------------------------------------------------------------------

_words = st.text(string.ascii_lowercase + "_", min_size=1, max_size=10).filter(
    lambda w: w != "kind"
)
_scalars = st.one_of(
    st.integers(-1000, 1000),
    st.booleans(),
    st.none(),
    st.text(string.ascii_letters + string.digits + " -_./", max_size=20),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_words, inner, max_size=3)
    ),
    max_leaves=8,
)
_bodies = st.dictionaries(_words, _values, max_size=6)


def _dump(document: dict[str, Any], style: dict[str, Any]) -> str:
    if style["format"] == "json":
        separators = (",", ":") if style["compact"] else (", ", ": ")
        return json.dumps(document, indent=style["indent"], separators=separators) + "\n"
    return yaml.safe_dump(
        document,
        default_flow_style=style["flow"],
        default_style=style["quote"],
        indent=style["indent"] or 2,
        sort_keys=style["sort"],
        allow_unicode=True,
    )


_styles = st.fixed_dictionaries(
    {
        "format": st.sampled_from(["yaml", "json"]),
        "compact": st.booleans(),
        "indent": st.sampled_from([None, 2, 4]),
        "flow": st.sampled_from([False, True, None]),
        "quote": st.sampled_from([None, '"', "'"]),
        "sort": st.booleans(),
        "wrap": st.sampled_from(["file", "fence", "front-matter", "indented-fence"]),
    }
)


def _file(text: str, style: dict[str, Any]) -> tuple[str, str]:
    """The document as a file's text and name: alone, or inside Markdown."""
    wrap, fmt = style["wrap"], style["format"]
    if wrap == "file":
        return text, f"doc.{fmt}"
    if wrap == "front-matter" and fmt == "yaml":
        return f"---\n{text}---\n\n# Title\n\nProse.\n", "doc.md"
    if wrap == "indented-fence":
        body = "".join(f"  {line}\n" for line in text.splitlines())
        return f"# Title\n\n  ```{fmt}\n{body}  ```\n\nProse.\n", "doc.md"
    return f"# Title\n\nSome prose.\n\n```{fmt}\n{text}```\n\nMore prose.\n", "doc.md"


_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(body=_bodies, kind=st.sampled_from(KINDS), at=st.integers(0, 6), style=_styles)
def test_a_document_with_our_kind_is_always_a_candidate_and_linted(
    tmp_path: Path, body: dict[str, Any], kind: str, at: int, style: dict[str, Any]
) -> None:
    items = list(body.items())
    items.insert(min(at, len(items)), ("kind", kind))
    text, name = _file(_dump(dict(items), style), style)
    assert SNIFFER.bytes_hold_contract(text.encode("utf-8")), text
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = lint_file(Target(str(path), name), make_config(root=str(tmp_path)), TODAY)
    assert result.documents == 1, (text, result)


@_SETTINGS
@given(
    body=_bodies,
    kind=st.one_of(st.none(), st.text(string.ascii_letters + "-_ ", max_size=25)),
    style=_styles,
)
def test_a_document_without_our_kind_never_gets_a_finding(
    tmp_path: Path, body: dict[str, Any], kind: str | None, style: dict[str, Any]
) -> None:
    if kind is not None:
        assume(kind.strip() not in KINDS and misspelled(kind.strip()) is None)
        body = {**body, "kind": kind}
    text, name = _file(_dump(body, style), style)
    # Broken on purpose too: the same text cut short, as fixtures and snippets are.
    for variant in (text, text[: len(text) // 2]):
        path = tmp_path / name
        path.write_text(variant, encoding="utf-8")
        result = lint_file(Target(str(path), name), make_config(root=str(tmp_path)), TODAY)
        assert result.findings == () and result.documents == 0, (variant, result)
