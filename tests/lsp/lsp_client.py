"""What the language-server tests share: the server command, a pytest-lsp client that
keeps every ``publishDiagnostics`` (with its version) and every registration, and
helpers to open, edit and wait.

The server runs as ``python -m contractlint server``, a real subprocess over stdio.
The example plugin of ``examples/plugin`` is declared by a static distribution in
``data/site`` (on ``PYTHONPATH``), so a configuration may name it without a pip install:
its rule ACME901 raises on a document with ``x-boom: true``.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(__file__).resolve().parent / "data" / "site"
PLUGIN = ROOT / "examples" / "plugin"
WAIT = 10.0  # seconds: far beyond any lint; a hang fails the test instead of the suite


class Client(LanguageClient):
    """A pytest-lsp client that records what the server publishes and registers."""

    published: list[types.PublishDiagnosticsParams]
    registrations: list[types.Registration]
    versions: dict[str, int]


def make_client() -> Client:
    client = Client(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    client.versions = {}
    register_lsp_features(
        client,
        {
            m: f
            for m, f in DEFAULT_CLIENT_FEATURES.items()
            if m != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
        },
    )

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(ls: Client, params: types.RegistrationParams) -> None:
        ls.registrations.extend(params.registrations)

    @client.feature(types.CLIENT_UNREGISTER_CAPABILITY)
    def unregister(ls: Client, params: types.UnregistrationParams) -> None:
        gone = {item.id for item in params.unregisterations}
        ls.registrations[:] = [r for r in ls.registrations if r.id not in gone]

    return client


def server_config() -> ClientServerConfig:
    path = os.pathsep.join([str(SITE), str(PLUGIN), os.environ.get("PYTHONPATH", "")])
    return ClientServerConfig(
        server_command=[sys.executable, "-m", "contractlint", "server"],
        client_factory=make_client,
        server_env={**os.environ, "PYTHONPATH": path, "CONTRACTLINT_NO_CACHE": "1"},
    )


def uri(path: Path) -> str:
    return path.resolve().as_uri()


async def initialize(
    client: Client,
    profile: str,
    folders: Sequence[Path],
    options: dict[str, Any] | None = None,
    refresh: bool = False,
) -> types.InitializeResult:
    """``initialize`` with a client's capabilities (``refresh``: it also takes
    ``workspace/diagnostic/refresh``, as VS Code does, which no profile records)."""
    capabilities = client_capabilities(profile)
    if refresh and capabilities.workspace is not None:
        capabilities.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(
            refresh_support=True
        )
    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[
                types.WorkspaceFolder(uri=uri(folder), name=folder.name) for folder in folders
            ],
            root_uri=uri(folders[0]),
            initialization_options=options,
        )
    )


def open_document(client: Client, path: Path, text: str | None = None) -> str:
    """Open ``path`` (with ``text``, else what the file holds); returns its URI."""
    address = uri(path)
    client.versions[address] = 1
    language = {".json": "json", ".md": "markdown"}.get(path.suffix, "yaml")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=address,
                language_id=language,
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return address


def replace_all(client: Client, address: str, text: str) -> int:
    """Replace the whole buffer (a full-text change); returns the new version."""
    client.versions[address] += 1
    version = client.versions[address]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=address, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return version


def edit(
    client: Client, address: str, start: tuple[int, int], end: tuple[int, int], text: str
) -> int:
    """An incremental change of the range ``start``-``end`` (0-based line, character)."""
    client.versions[address] += 1
    version = client.versions[address]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=address, version=version),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=start[0], character=start[1]),
                        end=types.Position(line=end[0], character=end[1]),
                    ),
                    text=text,
                )
            ],
        )
    )
    return version


async def published(
    client: Client, address: str, version: int | None = None
) -> list[types.Diagnostic]:
    """The diagnostics published for ``address`` (for ``version``, when given), waiting
    for them; the latest such publication."""
    for _ in range(int(WAIT / 0.005)):
        for params in reversed(client.published):
            if params.uri == address and (version is None or params.version == version):
                return list(params.diagnostics)
        await asyncio.sleep(0.005)
    raise AssertionError(f"no diagnostics published for {address} version {version}")


async def pulled(client: Client, address: str) -> list[types.Diagnostic]:
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=address))
    )
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport), report
    return list(report.items)


def codes(found: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in found)


def apply_edits(text: str, edits: Sequence[types.TextEdit], encoding: str = "utf-16") -> str:
    """``text`` with ``edits`` applied as an editor applies them (columns counted in
    ``encoding``; every edit relative to the original text)."""
    codec = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding]
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    lines = text.splitlines(keepends=True) or [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: types.Position) -> int:
        if position.line >= len(lines):
            return len(text)
        line = lines[position.line].rstrip("\r\n")
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return starts[position.line] + index
            units += len(char.encode(codec, "surrogatepass")) // width
        return starts[position.line] + len(line)

    spans = sorted(
        ((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def lsp_range(
    text: str,
    line: int,
    column: int,
    end_line: int,
    end_column: int,
    encoding: str = "utf-16",
) -> types.Range:
    """A finding's 1-based span as the LSP range a client expects in ``encoding``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    codec = {"utf-8": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}[encoding]
    width = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]

    def position(row: int, col: int) -> types.Position:
        content = lines[row - 1] if 0 < row <= len(lines) else ""
        head = content[: col - 1]
        units = len(head.encode(codec, "surrogatepass")) // width + (col - 1 - len(head))
        return types.Position(line=row - 1, character=units)

    return types.Range(start=position(line, column), end=position(end_line, end_column))


async def raw_request(client: Client, method: str, params: Any) -> Any:
    """Send ``params`` as they are, unchecked (what a buggy client sends); the typed
    API would refuse to serialise them. Uses pygls's request table, as
    ``send_request`` does."""
    from concurrent.futures import Future

    msg_id = f"raw-{len(client.protocol._request_futures)}-{method}"
    future: Future[Any] = Future()
    client.protocol._request_futures[msg_id] = future
    client.protocol._result_types[msg_id] = None
    client.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wrap_future(future)


def rebuilt(item: types.CodeAction | types.Command) -> types.CodeAction:
    """lsprotocol's client side reads any action that has a ``command`` as a Command
    (its union hook looks for the key only), with the command object as a string;
    what the server sent was a CodeAction, rebuilt here."""
    if isinstance(item, types.CodeAction):
        return item
    import ast

    command = ast.literal_eval(item.command)
    return types.CodeAction(title=item.title, command=types.Command(**command))


async def actions_at(
    client: Client, address: str, where: types.Range, only: list[str] | None = None
) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=address),
            range=where,
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [rebuilt(a) for a in found or []]


def opened(client: Client, path: Path, text: str | None = None) -> str:
    """The URI of ``path``, opened first unless an earlier test of the module did (so
    each test also runs alone, with ``-k``)."""
    address = uri(path)
    if address not in client.versions:
        open_document(client, path, text)
    return address
