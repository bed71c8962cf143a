"""The language server end to end, as Neovim drives it: Neovim says it can pull
diagnostics (``textDocument/diagnostic``), so the server answers pulls and pushes
nothing. Two workspace folders, each with its own configuration; Markdown and JSON
documents, whose suppressions differ (a comment inside the Markdown block; an
``x-contractlint-ignore`` entry in JSON). One server for the module, over stdio.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsp_client import (
    ROOT,
    Client,
    actions_at,
    apply_edits,
    codes,
    initialize,
    open_document,
    pulled,
    replace_all,
    server_config,
    uri,
)
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

MODEL = ROOT / "examples" / "model-contract" / "no-fallback.yaml"
JSON_MODEL = ROOT / "examples" / "model-contract" / "ranking.json"
MARKDOWN = ROOT / "examples" / "markdown" / "launch-review.md"


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("folders")
    strict, lenient = base / "strict", base / "lenient"
    for folder in (strict, lenient):
        folder.mkdir()
        for example in (MODEL, JSON_MODEL, MARKDOWN):
            shutil.copy(example, folder / example.name)
    (strict / ".contractlint.yaml").write_text("severity: {CL101: warning}\n", encoding="utf-8")
    (lenient / ".contractlint.yaml").write_text("ignore: [CL101]\n", encoding="utf-8")
    return strict, lenient


@pytest_lsp.fixture(scope="module", config=server_config())
async def client(lsp_client: Client, folders: tuple[Path, Path]) -> AsyncIterator[None]:
    result = await initialize(lsp_client, "neovim", list(folders), refresh=True)
    assert result.capabilities.diagnostic_provider is not None
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


async def test_a_client_that_pulls_gets_diagnostics_by_pull_only(
    client: Client, folders: tuple[Path, Path]
) -> None:
    strict, _ = folders
    address = open_document(client, strict / MODEL.name)
    found = await pulled(client, address)
    assert "CL101" in codes(found)
    text = MODEL.read_text(encoding="utf-8") + "fallback: serve_most_popular\n"
    replace_all(client, address, text)
    assert "CL101" not in codes(await pulled(client, address))
    assert client.published == []  # nothing pushed to a client that pulls


async def test_each_workspace_folder_has_its_own_configuration(
    client: Client, folders: tuple[Path, Path]
) -> None:
    strict, lenient = folders
    one = await pulled(client, open_document(client, strict / "same.yaml", MODEL.read_text()))
    other = await pulled(client, open_document(client, lenient / "same.yaml", MODEL.read_text()))
    fallback = [d for d in one if d.code == "CL101"]
    assert fallback and fallback[0].severity == types.DiagnosticSeverity.Warning
    assert "CL101" not in codes(other)
    assert codes(other) == [c for c in codes(one) if c != "CL101"]


async def test_a_new_workspace_folder_brings_its_configuration(
    client: Client, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    added = tmp_path / "added"
    added.mkdir()
    (added / ".contractlint.yaml").write_text("ignore: [CL1]\n", encoding="utf-8")
    address = open_document(client, added / "model.yaml", MODEL.read_text())
    before = await pulled(client, address)
    assert "CL101" not in codes(before)  # the file's folder's configuration already
    client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=uri(added), name="added")], removed=[]
            )
        )
    )
    assert codes(await pulled(client, address)) == codes(before)
    assert not [c for c in codes(before) if c.startswith("CL1")]


async def _check_every_action(client: Client, path: Path, scratch_name: str) -> set[str]:
    """Apply each quick fix offered on each finding of ``path`` to its text, lint the
    result (in a scratch buffer of the same folder and type): the finding is gone and
    nothing new appears. Returns the titles applied."""
    text = path.read_text(encoding="utf-8")
    address = open_document(client, path, text)
    found = await pulled(client, address)
    assert found, path
    scratch = open_document(client, path.with_name(scratch_name), text)
    applied: set[str] = set()
    for diagnostic in found:
        for action in await actions_at(client, address, diagnostic.range):
            if action.edit is None:
                continue
            new_text = apply_edits(text, action.edit.changes[address], "utf-8")
            replace_all(client, scratch, new_text)
            after = codes(await pulled(client, scratch))
            before = codes(found)
            if action.kind == types.CodeActionKind.SourceFixAll:
                assert not {"CL005", "CL502", "CL505"} & set(after), (action.title, after)
            else:
                assert after.count(str(diagnostic.code)) < before.count(str(diagnostic.code)), (
                    action.title,
                    after,
                )
            assert set(after) <= set(before), (action.title, after)
            applied.add(action.title)
    return applied


async def test_markdown_suppressions_go_inside_the_block(
    client: Client, folders: tuple[Path, Path]
) -> None:
    strict, _ = folders
    applied = await _check_every_action(client, strict / MARKDOWN.name, "scratch.md")
    assert any(t.startswith("Disable") and t.endswith("on this line") for t in applied)
    assert any(t.startswith("Disable") and t.endswith("in this file") for t in applied)


async def test_json_suppressions_are_x_contractlint_ignore_entries(
    client: Client, folders: tuple[Path, Path]
) -> None:
    strict, _ = folders
    applied = await _check_every_action(client, strict / JSON_MODEL.name, "scratch.json")
    assert any("x-contractlint-ignore" in t for t in applied), applied
    assert not any(t.endswith("on this line") for t in applied)  # JSON has no comments


async def test_a_broken_configuration_is_shown_and_reloaded_once_fixed(
    client: Client, tmp_path: Path
) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    config = folder / ".contractlint.yaml"
    config.write_text("selct: [CL1]\n", encoding="utf-8")
    address = open_document(client, folder / "model.yaml", MODEL.read_text())
    assert await pulled(client, address) == []  # check would exit 2: nothing is guessed
    shown = [m.message for m in client.messages if m.type == types.MessageType.Error]
    assert any("configuration error" in m and "selct" in m for m in shown), shown
    config.write_text("select: [CL1]\n", encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)]
        )
    )
    found = codes(await pulled(client, address))
    assert found and all(code.startswith("CL1") for code in found), found


async def test_a_broken_base_is_reloaded_once_fixed(client: Client, tmp_path: Path) -> None:
    """A base the configuration `extends` breaks it (nothing is shown), and once fixed
    brings the folder back, though the broken configuration named no file to watch."""
    folder = tmp_path / "based"
    folder.mkdir()
    base = folder / "base.yaml"
    base.write_text("select: [CL1]\n", encoding="utf-8")
    (folder / ".contractlint.yaml").write_text("extends: [./base.yaml]\n", encoding="utf-8")
    address = open_document(client, folder / "model.yaml", MODEL.read_text())
    assert await pulled(client, address)

    def changed() -> None:
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri(base), type=types.FileChangeType.Changed)]
            )
        )

    base.write_text("bogus: 1\n", encoding="utf-8")
    changed()
    assert await pulled(client, address) == []
    base.write_text("select: [CL1]\n", encoding="utf-8")
    changed()
    found = codes(await pulled(client, address))
    assert found and all(code.startswith("CL1") for code in found), found


async def test_a_change_to_a_referenced_contract_asks_for_a_new_pull(
    client: Client, folders: tuple[Path, Path]
) -> None:
    strict, _ = folders
    examples = ROOT / "examples"
    (strict / "model-contract").mkdir(exist_ok=True)
    contract = strict / "model-contract" / "complete.yaml"
    shutil.copy(examples / "model-contract" / "complete.yaml", contract)
    (strict / "experiment-plan").mkdir(exist_ok=True)
    written = (examples / "experiment-plan" / "unmonitored-metric.yaml").read_text()
    plan = open_document(client, strict / "experiment-plan" / "plan.yaml", written)
    before = codes(await pulled(client, plan))
    assert before.count("CL605") == 2  # add_to_cart_rate and session_length_s
    address = open_document(client, contract)
    await pulled(client, address)
    count = client.diagnostic_refresh_count
    text = contract.read_text(encoding="utf-8").replace(
        "monitoring: [", "monitoring: [add_to_cart_rate, "
    )
    assert "add_to_cart_rate" in text
    replace_all(client, address, text)
    for _ in range(400):
        if client.diagnostic_refresh_count > count:
            break
        await asyncio.sleep(0.01)
    assert client.diagnostic_refresh_count > count
    assert codes(await pulled(client, plan)).count("CL605") == 1  # the unsaved contract counts
