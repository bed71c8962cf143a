"""Hostile input (issue 5; SPEC sections 2, 3 and 7): the real CLI on a folder of bad files.

One folder holds every kind of hostile file the issue lists, next to two normal
contracts (one clean, one with known findings). ``contractlint check`` runs on
it once, in a subprocess, as a user would run it, and every file must get
exactly its expected finding, with a span inside the file, no traceback, exit
code 1 and a run of well under a few seconds. Two more runs cover the limits
that need their own configuration (``max-file-size: 2000`` and a raised limit
for a six-megabyte generated spec, which the main folder rejects by default).

In-process tests cover what a folder cannot stage: a path that vanishes
between discovery and reading, a rule that raises (CL000), permission denied
when the tests run as root, and the cost of a YAML bomb.

Only a *candidate* (a file whose raw text holds a ``kind`` of ours, SPEC 1) is
parsed, so each hostile file below holds ``kind: model-contract`` and must still
get its CL001/CL006/CL007; the ``nokind/`` folder holds the same hostile bytes
without that line, and those files, which are no contracts, get no finding at all.

Cases where contractlint is wrong are strict xfails whose reason starts with
``BUG:``; the expectation they hold is the correct one.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import pytest

from contractlint.pipeline import engine, loader
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.pipeline.source import Segment
from contractlint.results import Finding
from contractlint.run.runner import lint

from conftest import TODAY, make_config

# --------------------------------------------------------------------------- documents

# A complete model contract (SPEC 1.1): contractlint reports nothing.
CLEAN = (
    "kind: model-contract\n"
    "name: ranking-service\n"
    'version: "2.3"\n'
    "owners:\n"
    "  scope: pm-feed@example.com\n"
    '  feasibility: "@feed-platform"\n'
    "  method: ds-ranking@example.com\n"
    "endpoint: /v1/rank\n"
    "request:\n"
    "  user_id: string\n"
    "  candidate_item_ids: [string]\n"
    "response:\n"
    "  ranked_item_ids: [string]\n"
    "  model_version: string\n"
    "latency_budget_ms: {p50: 50, p95: 120, p99: 250}\n"
    "timeout_ms: 300\n"
    "throughput_rps: 400\n"
    "fallback:\n"
    "  strategy: serve_most_popular\n"
    "  feature_flag: ranking_fallback\n"
    "monitoring: [score_distribution, ctr_by_bucket, latency_p95, fallback_rate]\n"
    "retraining_trigger: weekly_or_ctr_drop_2pct\n"
    "rollback: redeploy the previous model_version behind the ranking flag\n"
    "logging: [request_id, user_id, model_version, scores]\n"
)
CLEAN_FALLBACK = "fallback:\n  strategy: serve_most_popular\n  feature_flag: ranking_fallback\n"
assert CLEAN_FALLBACK in CLEAN
FALLBACK_LINE = CLEAN[: CLEAN.index(CLEAN_FALLBACK)].count("\n") + 1  # line 18

# A contract with known findings: an ambiguous version (CL005), no fallback
# (CL101, at the document's first line), a placeholder latency budget (CL103).
KNOWN = (
    "kind: model-contract\n"
    "name: similar-items\n"
    "version: 1.10\n"
    "owners: {scope: pm@example.com, feasibility: '@eng', method: ds@example.com}\n"
    "endpoint: /v1/similar-items\n"
    "request: {item_id: string}\n"
    "response: {item_ids: [string], model_version: string}\n"
    "latency_budget_ms: TBD\n"
    "timeout_ms: 250\n"
    "throughput_rps: 150\n"
    "monitoring: [rail_ctr, latency_p95]\n"
    "retraining_trigger: nightly_embedding_refresh\n"
    "rollback: pin the previous embedding snapshot\n"
    "logging: [request_id, item_id, model_version]\n"
)
# (code, line, column, a phrase of the message)
KNOWN_FINDINGS = [
    ("CL101", 1, 1, "has no `fallback`"),
    ("CL005", 3, 10, "1.10"),
    ("CL103", 8, 20, "`latency_budget_ms`"),
]

Expected = tuple[str, Optional[int], str]  # code, line (None: any), phrase of the message


def known_at(offset: int) -> list[Expected]:
    """KNOWN's findings when its first line is line ``offset + 1`` of the file."""
    return [(code, line + offset, phrase) for code, line, _, phrase in KNOWN_FINDINGS]


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    """``levels`` levels of ``width`` aliases: 10**9 strings once expanded."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def big_spec(min_bytes: int, tail: str = "") -> str:
    """A valid, complete contract made huge by a generated ``monitoring`` list."""
    head = CLEAN.replace(
        "monitoring: [score_distribution, ctr_by_bucket, latency_p95, fallback_rate]\n", ""
    )
    entry_size = len("  - metric_0000000_latency\n")
    count = min_bytes // entry_size + 1
    entries = "".join(f"  - metric_{i:07d}_latency\n" for i in range(count))
    return head + "monitoring:\n" + entries + tail


def python_tag_in_contract(marker: Path) -> str:
    tagged = f'fallback: !!python/object/apply:os.system ["touch {marker}"]\n'
    return CLEAN.replace(CLEAN_FALLBACK, tagged)


KIND = "kind: model-contract\n"
ROLLBACK = "rollback: redeploy the previous model_version behind the ranking flag\n"
assert ROLLBACK in CLEAN
ROLLBACK_LINE = CLEAN[: CLEAN.index(ROLLBACK)].count("\n") + 1  # line 23
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
LATE_NUL = "# " + "x" * 10_240 + "\nnote: a\x00b\n"  # a NUL past the first 8 KiB


def hostile_without_kind(markers: dict[str, Path]) -> dict[str, bytes | str]:
    """The hostile bytes as they come in a repository, in files that hold no contract."""
    return {
        "image.yaml": PNG,
        "latin1.yaml": b"name: caf\xe9\n",
        "bomb.yaml": billion_laughs(),
        "deep-flow.yaml": "[" * 100_000,
        "deep-mapping.yaml": "{a: " * 100_000,
        "deep.json": "[" * 100_000,
        "python-top.yaml": f'!!python/object/apply:os.system ["touch {markers["top-level"]}"]\n',
        "python-name.yaml": "handler: !!python/name:os.system\n",
        "python-new.yaml": (
            f'handler: !!python/object/new:os.system ["touch {markers["object-new"]}"]\n'
        ),
        "late-nul.yaml": LATE_NUL,
        "utf16.yaml": "name: x\n".encode("utf-16"),
        "broken.json": '{"kind": "Deployment",',
    }


# --------------------------------------------------------------------------- the run


@dataclass
class Run:
    folder: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    findings: list[dict[str, Any]]

    def of(self, path: str) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["path"] == path]


def run_cli(folder: Path, *extra: str) -> Run:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GITHUB_ACTIONS", "CONTRACTLINT_OUTPUT_FORMAT", "CONTRACTLINT_DEBUG")
    }
    command = [sys.executable, "-m", "contractlint", "check", "--no-color", "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, *extra, str(folder)],
        cwd=folder,  # the folder's .contractlint.yaml, if any, is the configuration
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    seconds = time.perf_counter() - start
    try:
        findings = json.loads(done.stdout)["findings"]
    except ValueError:
        findings = []
    print(f"\ncontractlint on {folder.name}: {seconds:.2f} s, exit {done.returncode}")
    return Run(folder, done.returncode, done.stdout, done.stderr, seconds, findings)


MARKERS = (
    "top-level",
    "in-contract",
    "object-new",
    "top-level-in-contract",
    "object-new-in-contract",
)


@dataclass
class Hostile:
    run: Run
    markers: dict[str, Path]
    unreadable_is_unreadable: bool  # False when running as root: chmod 000 has no effect


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    folder = tmp_path_factory.mktemp("hostile")
    marker_dir = tmp_path_factory.mktemp("markers")
    markers = {name: marker_dir / f"{name}.executed" for name in MARKERS}

    def put(name: str, data: bytes | str) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    # The normal contracts.
    put("clean.yaml", CLEAN)
    put("known.yaml", KNOWN)
    # Truncated: cut in the middle of the flow mapping on line 15.
    put("truncated.yaml", CLEAN[: CLEAN.index("p95: 120")])
    # A PNG named .yaml: its header, NUL bytes, and a contract's kind.
    put("image.yaml", PNG + b"\n" + KIND.encode())
    # Latin-1 on line 2: "café".
    put("latin1.yaml", b"kind: model-contract\nname: caf\xe9\n")
    put("bomb.yaml", KIND + billion_laughs())
    # Six megabytes of valid YAML: over the default limit of 5 MiB.
    put("generated.yaml", big_spec(6_000_000))
    put("deep-flow.yaml", KIND + "x: " + "[" * 100_000)
    put("deep-mapping.yaml", KIND + "x: " + "{a: " * 100_000)
    put("deep.json", '{"kind": "model-contract", "x": ' + "[" * 100_000)
    # A top-level tagged document in a file that holds a (clean) contract.
    marker = markers["top-level-in-contract"]
    put("python-top.yaml", CLEAN + f'---\n!!python/object/apply:os.system ["touch {marker}"]\n')
    put("python-in-contract.yaml", python_tag_in_contract(markers["in-contract"]))
    # `rollback` behind a tag with no value: read as null, so there is no rollback plan.
    put("python-name.yaml", CLEAN.replace(ROLLBACK, "rollback: !!python/name:os.system\n"))
    marker = markers["object-new-in-contract"]
    put("python-new.yaml", CLEAN + f'x-handler: !!python/object/new:os.system ["touch {marker}"]\n')
    # UTF-16 with its byte-order mark: sniffed after decoding, then CL006.
    put("utf16.yaml", KIND.encode("utf-16"))
    put("broken.json", '{"kind": "model-contract",')
    for name, data in hostile_without_kind(markers).items():
        put(f"nokind/{name}", data)
    unreadable = put("unreadable.yaml", CLEAN)
    unreadable.chmod(0)
    try:
        with open(unreadable, "rb"):
            pass
        unreadable_is_unreadable = False  # root: permissions are not enforced
    except PermissionError:
        unreadable_is_unreadable = True
    put("sub/inside.yaml", CLEAN)
    os.symlink("..", folder / "sub" / "loop")  # sub/loop -> the folder itself
    os.symlink("vanished-target.yaml", folder / "dangling.yaml")
    put("bom-only.yaml", b"\xef\xbb\xbf")
    put("empty.yaml", b"")
    # A NUL byte after 10 KiB: past the binary sniffing of the first 8 KiB.
    put("late-nul.yaml", KIND + LATE_NUL)
    put("crlf.yaml", KNOWN.replace("\n", "\r\n"))
    put("lone-cr.yaml", KNOWN.replace("\n", "\r"))
    put("blank-crlf.yaml", "\r\n" * 5)
    put(
        "cloudformation.yaml",
        'AWSTemplateFormatVersion: "2010-09-09"\n'
        "Parameters:\n"
        "  BucketName: {Type: String}\n"
        "Resources:\n"
        "  Bucket:\n"
        "    Type: AWS::S3::Bucket\n"
        "    Properties:\n"
        "      BucketName: !Ref BucketName\n",
    )
    put("unclosed-fence.md", "# Similar items\n\nThe contract:\n\n```yaml\n" + KNOWN)

    run = run_cli(folder)
    yield Hostile(run, markers, unreadable_is_unreadable)
    unreadable.chmod(0o644)


# Each hostile or normal file (as shown), and exactly the findings it must get.
# A NUL after 10 KiB is past the binary sniffing, so the YAML reader rejects
# the character, located exactly (CL001, SPEC 2: "at the parser's line/column").
EXPECTED: dict[str, list[Expected]] = {
    "clean.yaml": [],
    "known.yaml": known_at(0),
    "truncated.yaml": [("CL001", 15, "invalid YAML")],
    "image.yaml": [("CL006", 1, "binary content")],
    "latin1.yaml": [("CL006", 2, "not valid UTF-8: byte 0xe9 at line 2, column 10")],
    "bomb.yaml": [("CL007", None, "aliases expand past the limit of 10,000 nodes")],
    "generated.yaml": [("CL006", 1, "over the size limit of 5,242,880 bytes")],
    "deep-flow.yaml": [("CL007", 2, "nesting is deeper than 1000 levels")],
    "deep-mapping.yaml": [("CL007", 2, "nesting is deeper than 1000 levels")],
    "deep.json": [("CL007", 1, "nesting is deeper than the limit of 64 levels")],
    # Unknown tags are never a finding (SPEC 1): the value under one is read as the plain
    # node, and the rules judge that. A tagged document that is no contract is skipped.
    "python-top.yaml": [],
    "python-in-contract.yaml": [
        ("CL003", FALLBACK_LINE, "`fallback` must be a string or a mapping, not a list")
    ],
    "python-name.yaml": [("CL106", ROLLBACK_LINE, "`rollback` is empty")],
    "python-new.yaml": [],
    "utf16.yaml": [("CL006", 1, "encoded as UTF-16 (it starts with a UTF-16 byte-order mark)")],
    "broken.json": [("CL001", 1, "invalid JSON")],
    "unreadable.yaml": [("CL006", 1, "permission denied")],
    "sub/inside.yaml": [],
    "sub/loop": [("CL006", 1, "symlink loop")],
    # A dangling link is not a regular file: a walk does not read it (named, it is CL006).
    "dangling.yaml": [],
    "bom-only.yaml": [],
    "empty.yaml": [],
    "late-nul.yaml": [("CL001", 3, "control character U+0000 is not allowed")],
    "crlf.yaml": known_at(0),
    "lone-cr.yaml": known_at(0),
    "blank-crlf.yaml": [],
    "cloudformation.yaml": [],
    "unclosed-fence.md": known_at(5),
}
# The same hostile bytes without a kind of ours: no contract, so no finding (SPEC 1).
EXPECTED.update(
    {f"nokind/{name}": [] for name in hostile_without_kind({m: Path() for m in MARKERS})}
)


def _params() -> Iterator[Any]:
    for name in EXPECTED:
        yield pytest.param(name, id=name)


def as_expected(findings: Sequence[dict[str, Any]], expected: Sequence[Expected]) -> list[Any]:
    """Each finding as the expected entry it matches, else as (code, line, whole message)."""
    left = list(expected)
    shown: list[Any] = []
    for finding in findings:
        match = next(
            (
                entry
                for entry in left
                if entry[0] == finding["code"]
                and entry[1] in (None, finding["line"])
                and entry[2] in finding["message"]
            ),
            None,
        )
        if match is None:
            shown.append((finding["code"], finding["line"], finding["message"]))
        else:
            left.remove(match)
            shown.append(match)
    return shown


def by_position(items: Sequence[Any]) -> list[Any]:
    return sorted(items, key=lambda item: (item[1] or 0, item[0], item[2]))


# --------------------------------------------------------------------------- the main run


def test_the_run_exits_1_fast_and_without_a_traceback(hostile: Hostile) -> None:
    run = hostile.run
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])  # < 0 would be a signal
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "internal error" not in run.stderr
    assert run.seconds < 20, f"the hostile folder took {run.seconds:.1f} s"
    summary = json.loads(run.stdout)["summary"]
    assert summary["findings"] == len(run.findings)


@pytest.mark.parametrize("name", list(_params()))
def test_each_file_gets_exactly_its_expected_findings(hostile: Hostile, name: str) -> None:
    if name == "unreadable.yaml" and not hostile.unreadable_is_unreadable:
        # As root, chmod 000 changes nothing: the file is the clean contract.
        assert hostile.run.of(name) == []
        pytest.skip("running as root: permissions are not enforced (see the in-process test)")
    expected = EXPECTED[name]
    findings = by_position(as_expected(hostile.run.of(name), expected))
    assert findings == by_position(expected)


def test_no_finding_names_a_file_outside_the_table(hostile: Hostile) -> None:
    # Each hostile file is reported under its own name, once; nothing else is reported.
    shown = {f["path"] for f in hostile.run.findings}
    assert shown <= set(EXPECTED)
    assert not any(path.startswith("nokind/") for path in shown)
    assert len([f for f in hostile.run.findings if "symlink loop" in f["message"]]) == 1
    # The dangling link is not walked (not a regular file): nothing says "not found".
    assert len([f for f in hostile.run.findings if "not found" in f["message"]]) == 0


def test_the_summary_counts_the_contracts_not_the_files(hostile: Hostile) -> None:
    summary = json.loads(hostile.run.stdout)["summary"]
    assert summary["files"] == len(EXPECTED) - 1  # every file of the table, but the link
    # A contract each, broken or not, but the files that hold none and what is unread.
    holds_none = {"bom-only.yaml", "empty.yaml", "blank-crlf.yaml", "cloudformation.yaml"}
    holds_none |= {"dangling.yaml", "sub/loop"}
    if hostile.unreadable_is_unreadable:
        holds_none.add("unreadable.yaml")
    contracts = {name for name in EXPECTED if not name.startswith("nokind/")} - holds_none
    assert summary["contracts"] == summary["documents"] == len(contracts)


def test_a_dangling_link_named_explicitly_is_cl006(hostile: Hostile) -> None:
    command = [sys.executable, "-m", "contractlint", "check", "--format", "json"]
    done = subprocess.run(
        [*command, "dangling.yaml"],
        cwd=hostile.run.folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in findings] == [
        ("dangling.yaml", "CL006", 1, 1)
    ]
    assert "not found" in findings[0]["message"]


def test_the_normal_contracts_are_fully_reported(hostile: Hostile) -> None:
    assert hostile.run.of("clean.yaml") == []
    assert hostile.run.of("sub/inside.yaml") == []
    known = [(f["code"], f["line"], f["column"]) for f in hostile.run.of("known.yaml")]
    assert known == [(code, line, column) for code, line, column, _ in KNOWN_FINDINGS]


def test_line_endings_do_not_move_the_findings(hostile: Hostile) -> None:
    def where(path: str) -> list[tuple[str, int, int, int, int]]:
        return [
            (f["code"], f["line"], f["column"], f["end_line"], f["end_column"])
            for f in hostile.run.of(path)
        ]

    assert where("known.yaml")  # the comparison means something
    assert where("crlf.yaml") == where("known.yaml")


def test_lone_cr_line_endings_do_not_move_the_findings(hostile: Hostile) -> None:
    def where(path: str) -> list[tuple[str, int, int, int, int]]:
        return [
            (f["code"], f["line"], f["column"], f["end_line"], f["end_column"])
            for f in hostile.run.of(path)
        ]

    assert where("known.yaml")
    assert where("lone-cr.yaml") == where("known.yaml")


def test_no_python_tag_ran_anything(hostile: Hostile) -> None:
    for name, marker in hostile.markers.items():
        assert marker.parent.is_dir()
        assert not marker.exists(), f"the {name} !!python tag ran `touch {marker}`"


def file_lines(path: Path) -> list[str] | None:
    """The file's lines as an editor counts them (LF, CRLF or CR; invalid bytes as U+FFFD)."""
    try:
        data = path.read_bytes()
    except OSError:  # a folder (a symlink loop), a dangling link, an unreadable file
        return None
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_span_inside(finding: dict[str, Any], lines: list[str] | None) -> None:
    where = {k: finding[k] for k in ("path", "code", "line", "column", "end_line", "end_column")}
    if lines is None:
        assert (finding["line"], finding["column"]) == (1, 1), where
        return
    assert 1 <= finding["line"] <= len(lines), where
    assert 1 <= finding["column"] <= len(lines[finding["line"] - 1]) + 1, where
    assert (finding["end_line"], finding["end_column"]) >= (finding["line"], finding["column"])
    assert finding["end_line"] <= len(lines), where
    end_text = lines[finding["end_line"] - 1]
    assert finding["end_column"] <= len(end_text) + 1, where


def test_every_span_lies_inside_its_file(hostile: Hostile) -> None:
    cache: dict[str, list[str] | None] = {}
    for finding in hostile.run.findings:
        path = finding["path"]
        if path not in cache:
            cache[path] = file_lines(hostile.run.folder / path)
        assert_span_inside(finding, cache[path])


# --------------------------------------------------------------------------- limits from config


def test_a_configured_size_limit_is_cl006_and_the_rest_is_linted(tmp_path: Path) -> None:
    (tmp_path / ".contractlint.yaml").write_text("max-file-size: 2000\n", encoding="utf-8")
    (tmp_path / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "known.yaml").write_text(KNOWN, encoding="utf-8")
    padding = "# padding\n" * 300
    (tmp_path / "over.yaml").write_text((CLEAN + padding)[:2999] + "\n", encoding="utf-8")
    assert (tmp_path / "over.yaml").stat().st_size == 3000
    assert len(CLEAN.encode()) < 2000 and len(KNOWN.encode()) < 2000
    run = run_cli(tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    assert [(f["code"], f["line"], f["column"], f["message"]) for f in run.of("over.yaml")] == [
        (
            "CL006",
            1,
            1,
            "file is 3,000 bytes, over the size limit of 2,000 bytes; raise `max-file-size` in "
            "the config or exclude the file",
        )
    ]
    assert run.of("clean.yaml") == []
    assert [(f["code"], f["line"]) for f in run.of("known.yaml")] == [
        (code, line) for code, line, _, _ in KNOWN_FINDINGS
    ]
    assert {f["path"] for f in run.findings} == {"over.yaml", "known.yaml"}


def test_a_six_megabyte_spec_is_linted_when_the_limit_allows_it(tmp_path: Path) -> None:
    (tmp_path / ".contractlint.yaml").write_text("max-file-size: 10000000\n", encoding="utf-8")
    # The placeholder fallback comes after the huge list: its line proves the positions.
    text = big_spec(6_000_000, tail="fallback: TBD\n").replace(CLEAN_FALLBACK, "", 1)
    (tmp_path / "generated.yaml").write_text(text, encoding="utf-8")
    size = (tmp_path / "generated.yaml").stat().st_size
    assert 6_000_000 <= size <= 10_000_000
    last_line = text.count("\n")
    run = run_cli(tmp_path)
    print(f"{size:,} bytes, {last_line:,} lines linted in {run.seconds:.2f} s")
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr, run.stderr
    assert run.seconds < 20, f"a 6 MB spec took {run.seconds:.1f} s"
    assert [(f["code"], f["line"], f["column"]) for f in run.findings] == [("CL101", last_line, 11)]


# --------------------------------------------------------------------------- in process


def lint_one(tmp_path: Path, name: str, text: str) -> list[Finding]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    config = make_config(root=str(tmp_path))
    return list(lint_file(Target(str(path), name), config, TODAY).findings)


def test_a_path_that_vanished_after_discovery_is_cl006(tmp_path: Path) -> None:
    gone = tmp_path / "gone.yaml"
    gone.write_text(KNOWN, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(KNOWN, encoding="utf-8")
    targets = [Target(str(gone), "gone.yaml"), Target(str(other), "other.yaml")]
    gone.unlink()  # between discovery and reading
    report = lint(targets, make_config(root=str(tmp_path)), TODAY)
    found = [(f.path, f.code, f.line, f.column) for f in report.findings]
    assert found[0] == ("gone.yaml", "CL006", 1, 1)
    assert "not found" in report.findings[0].message
    assert found[1:] == [("other.yaml", c, line, col) for c, line, col, _ in KNOWN_FINDINGS]


def test_a_crashing_rule_is_cl000_for_that_document_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = next(i for i, rule in enumerate(engine.RULES) if rule.code == "CL101")
    original = engine.RULES[index]
    assert original.check is not None

    def boom(document: Any, options: Any) -> Any:
        if document.value.get("name") == "victim":
            raise ZeroDivisionError("boom")
        return original.check(document, options)  # type: ignore[misc]

    rules = list(engine.RULES)
    rules[index] = original._replace(check=boom)
    monkeypatch.setattr(engine, "RULES", tuple(rules))
    victim = tmp_path / "victim.yaml"
    victim.write_text(KNOWN.replace("name: similar-items", "name: victim"), encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text(KNOWN, encoding="utf-8")
    targets = [Target(str(victim), "victim.yaml"), Target(str(other), "other.yaml")]
    report = lint(targets, make_config(root=str(tmp_path)), TODAY)
    by_file = {r.path: [(f.code, f.line) for f in r.findings] for r in report.files}
    # CL101 crashed on the victim: CL000 at the document's start; the other rules still ran.
    assert by_file["victim.yaml"] == [("CL000", 1), ("CL005", 3), ("CL103", 8)]
    crash = report.findings[0]
    assert crash.code == "CL000" and crash.path == "victim.yaml"
    assert "CL101" in crash.message and "ZeroDivisionError: boom" in crash.message
    assert by_file["other.yaml"] == [(code, line) for code, line, _, _ in KNOWN_FINDINGS]


def test_permission_denied_is_cl006(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The folder run covers this only when not root; here the error is raised directly.
    victim = tmp_path / "secret.yaml"
    real_open = os.open

    def refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if pathlib.Path(path) == victim:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    findings = lint_one(tmp_path, "secret.yaml", CLEAN)
    assert [(f.code, f.line, f.column) for f in findings] == [("CL006", 1, 1)]
    assert "permission denied" in findings[0].message
    # Nothing can vouch for a file that cannot be read: CL006 even without a contract.
    findings = lint_one(tmp_path, "secret.yaml", "apiVersion: v1\nkind: Service\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("CL006", 1, 1)]


def test_a_yaml_bomb_is_rejected_in_well_under_a_second_with_bounded_memory() -> None:
    segment = Segment("kind: model-contract\n" + billion_laughs(), "yaml")
    tracemalloc.start()
    start = time.perf_counter()
    loaded = loader.load("bomb.yaml", segment)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [p.code for p in loaded.problems] == ["CL007"]
    assert "aliases expand past the limit" in loaded.problems[0].message
    assert seconds < 1.0, seconds
    assert peak < 50 * 1024 * 1024, peak


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("[" * 100_000, "yaml"),
        ("{a: " * 100_000, "yaml"),
        ('{"kind": "model-contract", "x": ' + "[" * 100_000, "json"),
    ],
    ids=["flow-sequence", "flow-mapping", "json"],
)
def test_deep_nesting_is_cl007_below_the_recursion_limit(text: str, fmt: str) -> None:
    loaded = loader.load("deep", Segment(text, fmt))
    assert [p.code for p in loaded.problems] == ["CL007"]
    assert loaded.documents == ()


def test_json_too_deep_whose_top_level_is_not_a_contract_is_someone_elses() -> None:
    loaded = loader.load("deep", Segment("[" * 100_000, "json"))
    assert loaded.problems == () and loaded.documents == ()


# Brackets in text are not nesting: the flow-depth pre-check counts every `[`
# and `{` outside quotes and comments, including those in block and plain scalars.
@pytest.mark.parametrize(
    "extra",
    ["x-notes: |\n  " + "[" * 70 + "\n", "x-notes: a" + "[" * 70 + "\n"],
    ids=["block-scalar", "plain-scalar"],
)
def test_brackets_in_a_string_are_not_nesting(tmp_path: Path, extra: str) -> None:
    assert lint_one(tmp_path, "notes.yaml", CLEAN + extra) == []
