"""Parity: for every file of ``examples/`` and every text of the per-rule tests
(``tests/rules/``), the server's diagnostics are ``contractlint check --format json``'s
findings: the same codes, names, severities, messages, fingerprints and pointers, and
each range the finding's span in LSP's 0-based UTF-16 positions. One server (pulled
diagnostics, as Neovim asks for them) and one ``check`` run per corpus.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsp_client import (
    ROOT,
    Client,
    initialize,
    lsp_range,
    open_document,
    pulled,
    server_config,
)
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

HERE = Path(__file__).resolve().parent
NON_ASCII = (
    "kind: model-contract\n"
    'name: "ranking \u00fcber \U0001f600"\n'
    'owners: {scope: "\u00e9quipe \U0001f600", feasibility: TBD, method: "\u65b9\u6cd5"}\n'
    'description: "\U0001f600\U0001f600"  # contractlint: disable=CL999\n'
    "version: 1.10\n"
)
SEVERITIES = {"error": 1, "warning": 2, "info": 3}
SUFFIXES = (".yaml", ".yml", ".json", ".md")


def rule_case_texts(scratch: Path) -> list[tuple[str, str]]:
    """(text, file suffix) of every text the per-rule tests (``tests/rules/``) lint with
    the default configuration, recorded while they run (``harvest_rule_cases.py``)."""
    out = scratch / "harvest.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "harvest_rule_cases",
            "tests/rules",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "CONTRACTLINT_HARVEST": str(out),
            "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
        },
    )
    # Whether the rule tests pass is their business: the texts they lint are what counts.
    assert out.exists(), done.stdout[-2000:] + done.stderr[-2000:]
    found: list[tuple[str, str]] = [
        tuple(pair) for pair in json.loads(out.read_text(encoding="utf-8"))
    ]
    return found


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cases")
    (folder / ".contractlint.yaml").write_text("fail-on: never\n", encoding="utf-8")
    texts = rule_case_texts(tmp_path_factory.mktemp("harvest"))
    assert len(texts) > 500  # the harvest found the rule tests' texts
    # Non-ASCII before a finding on its line: the columns' units differ by encoding.
    texts.append((NON_ASCII, ".yaml"))
    for index, (text, suffix) in enumerate(texts):
        (folder / f"case-{index:04d}{suffix}").write_bytes(text.encode("utf-8", "surrogateescape"))
    return folder


@pytest_lsp.fixture(scope="module", config=server_config())
async def client(lsp_client: Client, cases: Path) -> AsyncIterator[None]:
    result = await initialize(lsp_client, "neovim", [ROOT, cases])
    # Neovim offers UTF-8 first, and the server takes it: ranges count bytes.
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


def check_json(cwd: Path, target: str) -> dict[str, list[dict[str, Any]]]:
    """``contractlint check --format json TARGET`` run in ``cwd``: findings by path."""
    done = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--format", "json", "--no-cache", target],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in json.loads(done.stdout)["findings"]:
        found.setdefault(finding["path"], []).append(finding)
    return found


def expected(text: str, findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            f["code"],
            SEVERITIES[f["severity"]],
            f["message"],
            _range_key(
                lsp_range(text, f["line"], f["column"], f["end_line"], f["end_column"], "utf-8")
            ),
            json.dumps({k: v for k, v in f.items() if k != "path"}, sort_keys=True),
        )
        for f in findings
    )


def _range_key(where: types.Range) -> tuple[int, int, int, int]:
    return (where.start.line, where.start.character, where.end.line, where.end.character)


def served(found: list[types.Diagnostic]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            str(d.code),
            int(d.severity or 0),
            d.message,
            _range_key(d.range),
            json.dumps({k: v for k, v in d.data.items() if k != "path"}, sort_keys=True),
        )
        for d in found
    )


async def _compare(
    client: Client, folder: Path, files: list[Path], cli: dict[str, list[dict[str, Any]]]
) -> int:
    compared = 0
    for path in files:
        name = path.relative_to(folder).as_posix()
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        address = open_document(client, path, text)
        assert served(await pulled(client, address)) == expected(text, cli.get(name, [])), name
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=address)
            )
        )
        compared += len(cli.get(name, []))
    return compared


async def test_every_example_gets_the_findings_of_check(client: Client) -> None:
    cli = check_json(ROOT, "examples")
    files = sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in SUFFIXES)
    assert set(cli) <= {p.relative_to(ROOT).as_posix() for p in files}
    assert await _compare(client, ROOT, files, cli) > 50


async def test_every_rule_test_case_gets_the_findings_of_check(client: Client, cases: Path) -> None:
    cli = check_json(cases, ".")
    files = sorted(cases.glob("case-*"))
    assert len(cli) > 400
    assert await _compare(client, cases, files, cli) > 100
