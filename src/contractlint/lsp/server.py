"""``contractlint server``: the language server, on pygls 2 (SPEC section 9).

One process serves one client. Each open buffer is linted with the engine call
``check`` makes (:mod:`.linting`), at most once per version: diagnostics, code
actions and hover read that one result. Diagnostics are pushed
(``textDocument/publishDiagnostics``) unless the client pulls them
(``textDocument/diagnostic``): pulling when it says it can, as ruff's server does,
so that no client shows them twice (``diagnosticMode`` overrides it).

Debounce: a buffer is linted at once after a change when it was not linted in the
last ``debounceMs`` (50 ms), else at the end of that window, on its latest text.
So a lone change is answered as fast as linting allows, and a burst of keystrokes
costs one lint per window, never one per keystroke.

Never dies: a rule that raises is CL000 (the engine's own guard); a request that
fails is an LSP error response (pygls's guard); anything else that goes wrong
while publishing is logged to the client and the server goes on.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Sequence
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from contractlint import __version__

from . import actions, diagnostics, linting, schema_help
from .positions import UTF16, Text, lines_with_breaks
from .workspace import (
    DEFAULT_SETTINGS,
    WATCHED_GLOBS,
    Project,
    Settings,
    Workspace,
    add_to_baseline,
)

NAME = "contractlint"
MODES = ("auto", "push", "pull", "both")


def _encoding(value: Any) -> str:
    return str(getattr(value, "value", value) or UTF16)


def settings_from(options: Any, base: Settings) -> Settings:
    """``initializationOptions`` over the command line's settings; unknown keys and
    values of the wrong type are ignored (a client's typo must not stop the server)."""
    if not isinstance(options, dict):
        return base
    baseline = options.get("baseline", base.baseline)
    docs_url = options.get("docsUrl", base.docs_url)
    mode = options.get("diagnosticMode", base.diagnostic_mode)
    debounce = options.get("debounceMs", base.debounce_ms)
    return Settings(
        baseline=baseline if isinstance(baseline, str) else base.baseline,
        docs_url=docs_url if isinstance(docs_url, str) else base.docs_url,
        diagnostic_mode=mode if mode in MODES else base.diagnostic_mode,
        debounce_ms=float(debounce) if isinstance(debounce, (int, float)) else base.debounce_ms,
    )


class Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request it cannot read.

    pygls logs a request whose parameters do not fit its type (``"uri": 7``) and drops
    it: the client would wait for an answer forever. Here it gets the error pygls made
    of it (Invalid Params), and the server reads the next message.
    """

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class _Document(TextDocument):
    """pygls's document, with its lines as LSP counts them: pygls applies an incremental
    change to ``str.splitlines``'s lines, which also end at U+2028, U+2029, U+0085 and
    form feeds, so an edit after one of those landed on the wrong line."""

    @property
    def lines(self) -> Sequence[str]:
        return lines_with_breaks(self.source)


# The file an untitled buffer is linted as, by its language (LSP's identifiers).
_SUFFIXES = {"yaml": ".yaml", "json": ".json", "jsonc": ".json", "markdown": ".md"}
_SOURCES = "contractlint-sources"  # the registration of the configuration's own files


class ContractServer(LanguageServer):
    """The server's state: the projects, and each open buffer's last lint."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        super().__init__(
            NAME,
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=Protocol,
        )
        self.settings = settings
        self.projects = Workspace(settings=settings)
        self.linted: dict[str, tuple[int | None, actions.Buffer]] = {}
        self.depends: dict[str, frozenset[str]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.last_lint: dict[str, float] = {}
        self.push = True
        self.pull = False
        self.told: set[str] = set()
        self.can_watch = False  # the client registers file watchers for us
        self.watching: frozenset[str] = frozenset()  # the sources watched so far
        self.watch_task: asyncio.Future[None] | None = None

    def report_server_error(self, error: Exception, source: Any) -> None:
        """What goes wrong outside a request (a notification, a message that cannot be
        read) is logged to the client, not shown: the server goes on."""
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Error,
                message=f"contractlint: {type(error).__name__}: {error}",
            )
        )

    # -- linting --------------------------------------------------------------------------

    def encoding(self) -> str:
        return _encoding(self.workspace.position_encoding)

    def overlay(self, path: str) -> str | None:
        """The text of the open buffer of the file ``path`` (a real path), if any."""
        for uri, document in list(self.workspace.text_documents.items()):
            own = to_fs_path(uri)
            if own and os.path.realpath(own) == path:
                text: str = document.source
                return text
        return None

    def project_of(self, path: str) -> Project:
        project = self.projects.project(path)
        if project.error and project.error not in self.told:
            self.told.add(project.error)
            self.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"contractlint: {project.error}"
                )
            )
        return project

    def path_of(self, uri: str) -> str | None:
        """The file a buffer is linted as: its own, or for an untitled buffer (no file
        yet) one in the first workspace folder named by its language, as `check -
        --stdin-filename` lints a text that has no file."""
        path = to_fs_path(uri)
        if path or not uri.startswith("untitled:"):
            return path or None
        document = self.workspace.text_documents.get(uri)
        suffix = _SUFFIXES.get(getattr(document, "language_id", None) or "")
        if suffix is None:
            return None
        folder = self.projects.folders[0] if self.projects.folders else os.getcwd()
        return os.path.join(folder, "untitled" + suffix)

    def buffer(self, uri: str) -> actions.Buffer | None:
        """The buffer's lint for its current version (linted now when it is stale)."""
        path = self.path_of(uri)
        if not path:
            return None
        document = self.workspace.get_text_document(uri)
        try:
            document.source  # noqa: B018 - a document that is not open is read from disk
        except OSError:
            return None
        cached = self.linted.get(uri)
        if cached is not None and cached[0] == document.version and document.version is not None:
            return cached[1]
        project = self.project_of(path)
        result = linting.lint(document.source, path, project, self.overlay)
        buffer = actions.Buffer(uri, path, Text(document.source, self.encoding()), result.findings)
        self.linted[uri] = (document.version, buffer)
        self.watch_sources()
        # As written (`../model/x.yaml` joined to the folder): compared by where they lead.
        self.depends[uri] = frozenset(os.path.realpath(p) for p in result.depends_on)
        self.last_lint[uri] = time.monotonic()
        return buffer

    def watch_sources(self) -> None:
        """Ask the client to watch every file a configuration was read from (a base it
        extends, a schema it names), which the configuration globs do not match."""
        files = frozenset(self.projects.seen)
        if not self.can_watch or files <= self.watching:
            return
        self.watching = files
        self.watch_task = asyncio.ensure_future(self._register_sources(files))  # kept alive

    async def _register_sources(self, files: frozenset[str]) -> None:
        watchers = [
            types.FileSystemWatcher(
                glob_pattern=types.RelativePattern(
                    base_uri=from_fs_path(os.path.dirname(path)) or "",
                    pattern=os.path.basename(path),
                )
            )
            for path in sorted(files)
        ]
        try:
            if self.watching is not files:
                return  # a later call registers a larger set
            await self.client_unregister_capability_async(
                types.UnregistrationParams(
                    unregisterations=[
                        types.Unregistration(
                            id=_SOURCES, method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES
                        )
                    ]
                )
            )
        except Exception:  # nothing registered yet, or a client that cannot say so
            pass
        try:
            await self.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id=_SOURCES,
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )
        except Exception as exc:  # a client that refuses: its own events still reload
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Warning,
                    message=f"contractlint: cannot watch the configuration's files: {exc}",
                )
            )

    def diagnostics_of(self, uri: str) -> list[types.Diagnostic]:
        buffer = self.buffer(uri)
        if buffer is None:
            return []
        project = self.project_of(buffer.path)
        # The project's `docs-url` first, then the editor's `docsUrl` setting.
        template = (project.config.docs_url if project.config else "") or self.settings.docs_url
        return diagnostics.diagnostics(buffer.findings, buffer.text, project.rules, template)

    def publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        try:
            found = self.diagnostics_of(uri)
            version = self.linted[uri][0] if uri in self.linted else None
        except Exception as exc:  # never let one buffer stop the server
            self.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Error,
                    message=f"contractlint: {uri}: {type(exc).__name__}: {exc}",
                )
            )
            return
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version)
        )

    def changed(self, uri: str, now: bool = False) -> None:
        """A buffer changed: lint it (debounced unless ``now``), and the open buffers
        that reference it."""
        if self.push:
            self.schedule(uri, now)
        self.dependents_changed(uri, now)

    def dependents_changed(self, uri: str, now: bool = False) -> None:
        """The open buffers that reference ``uri`` (changed, or closed: then they read it
        from disk again) are linted again."""
        path = to_fs_path(uri)
        real = os.path.realpath(path) if path else ""
        dependents = [u for u, files in self.depends.items() if u != uri and real in files]
        if dependents:
            for other in dependents:
                self.linted.pop(other, None)
                if self.push:
                    self.schedule(other, now)
        if self.pull and dependents:
            self.refresh_pulls()  # the client pulls what it shows again, when it can

    def schedule(self, uri: str, now: bool = False) -> None:
        if uri in self.pending and not now:
            return  # the window's end lints the latest text
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        window = self.settings.debounce_ms / 1000
        since = time.monotonic() - self.last_lint.get(uri, float("-inf"))
        delay = 0.0 if now or since >= window else window - since
        self.pending[uri] = loop.call_later(delay, self.publish, uri)

    def relint_all(self) -> None:
        self.linted.clear()
        for uri in list(self.depends):
            if self.push:
                self.schedule(uri, now=True)
        if self.pull:
            self.refresh_pulls()

    def refresh_pulls(self) -> None:
        workspace = self.client_capabilities.workspace
        refresh = workspace.diagnostics if workspace is not None else None
        if refresh is not None and refresh.refresh_support:
            self.workspace_diagnostic_refresh(None)


def build(settings: Settings = DEFAULT_SETTINGS) -> ContractServer:
    """A server with every feature registered (one per process)."""
    server = ContractServer(settings)

    @server.feature(types.INITIALIZE)
    def initialize(ls: ContractServer, params: types.InitializeParams) -> None:
        ls.settings = settings_from(params.initialization_options, ls.settings)
        ls.projects = Workspace(settings=ls.settings)
        folders = [to_fs_path(f.uri) for f in params.workspace_folders or ()]
        if not folders and (params.root_uri or params.root_path):
            folders = [to_fs_path(params.root_uri) if params.root_uri else params.root_path]
        ls.projects.set_folders([f for f in folders if f])
        can_pull = (
            params.capabilities.text_document is not None
            and params.capabilities.text_document.diagnostic is not None
        )
        mode = ls.settings.diagnostic_mode
        ls.pull = mode in ("pull", "both") or (mode == "auto" and can_pull)
        ls.push = mode in ("push", "both") or (mode == "auto" and not can_pull)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ContractServer, params: types.InitializedParams) -> None:
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is None or not watched.dynamic_registration:
            return  # the client watches nothing for us (or sends the changes unasked)
        ls.can_watch = True
        ls.watch_sources()  # those of the buffers linted before now
        patterns = [*WATCHED_GLOBS]
        if ls.settings.baseline:
            patterns.append(f"**/{os.path.basename(ls.settings.baseline)}")
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=p) for p in patterns]
        )
        registration = types.Registration(
            id="contractlint-config",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(registrations=[registration])
            )
        except Exception as exc:  # a client that refuses: reloads follow its own events only
            ls.window_log_message(
                types.LogMessageParams(
                    type=types.MessageType.Warning,
                    message=f"contractlint: cannot watch the configuration: {exc}",
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ContractServer, params: types.DidOpenTextDocumentParams) -> None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        if type(document) is TextDocument:
            document.__class__ = _Document  # its changes applied to LSP's lines
        ls.depends.setdefault(params.text_document.uri, frozenset())
        ls.changed(params.text_document.uri, now=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ContractServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ContractServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.changed(params.text_document.uri, now=True)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ContractServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        handle = ls.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        ls.linted.pop(uri, None)
        ls.depends.pop(uri, None)
        if ls.push:
            ls.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )
        ls.dependents_changed(uri, now=True)  # they read the file from disk now

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier=NAME, inter_file_dependencies=True, workspace_diagnostics=False
        ),
    )
    def pull(
        ls: ContractServer, params: types.DocumentDiagnosticParams
    ) -> types.DocumentDiagnosticReport:
        return types.RelatedFullDocumentDiagnosticReport(
            items=ls.diagnostics_of(params.text_document.uri)
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: ContractServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [to_fs_path(change.uri) for change in params.changes]
        if any(p and ls.projects.affects_configuration(p) for p in paths):
            ls.projects.reload()
            ls.told.clear()
        ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders(ls: ContractServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        paths = [to_fs_path(f.uri) for f in ls.workspace.folders.values()]
        ls.projects.set_folders([p for p in paths if p])
        ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
        ),
    )
    def code_action(
        ls: ContractServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        buffer = ls.buffer(params.text_document.uri)
        if buffer is None:
            return None
        project = ls.project_of(buffer.path)
        return actions.code_actions(buffer, params.range, params.context.only, project)

    @server.command(actions.ADD_TO_BASELINE)
    def baseline(ls: ContractServer, *arguments: Any) -> int:
        uri, *fingerprints = (str(a) for a in arguments)
        buffer = ls.buffer(uri)
        found = [f for f in (buffer.findings if buffer else ()) if f.fingerprint in fingerprints]
        if buffer is None or not found:
            raise ValueError("that finding is gone: nothing to add to the baseline")
        project = ls.project_of(buffer.path)
        count = add_to_baseline(project, found)
        ls.projects.reload()
        ls.relint_all()
        return count

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ContractServer, params: types.HoverParams) -> types.Hover | None:
        buffer = ls.buffer(params.text_document.uri)
        if buffer is None:
            return None
        project = ls.project_of(buffer.path)
        if project.config is None:
            return None
        return schema_help.hover(
            buffer.text,
            buffer.path,
            params.position,
            buffer.findings,
            project.config,
            project.rules,
        )

    @server.feature(types.TEXT_DOCUMENT_COMPLETION)
    def completion(
        ls: ContractServer, params: types.CompletionParams
    ) -> list[types.CompletionItem]:
        path = ls.path_of(params.text_document.uri)
        if not path:
            return []
        project = ls.project_of(path)
        if project.config is None:
            return []
        document = ls.workspace.get_text_document(params.text_document.uri)
        text = Text(document.source, ls.encoding())
        return schema_help.completion(text, path, params.position, project.config)

    return server


def serve(
    tcp: int | None = None, host: str = "127.0.0.1", settings: Settings = DEFAULT_SETTINGS
) -> None:
    """Serve one client over stdio, or over TCP on ``host:tcp``."""
    import signal

    # SIGTERM ends the server at once. The console script's handler unwinds with
    # SystemExit, which asyncio turns into a shutdown that waits for the executor's
    # threads (seen to hang under load); the server keeps nothing to flush (a baseline
    # is written whole or not at all), so it exits as the editor asks.
    signal.signal(signal.SIGTERM, lambda signum, frame: os._exit(128 + signum))
    server = build(settings)
    if tcp is not None:
        server.start_tcp(host, tcp)
    else:
        server.start_io()


def file_uri(path: str) -> str:
    """The ``file:`` URI of a path (for tests and the benchmark)."""
    uri: str = from_fs_path(os.path.abspath(path))
    return uri


__all__: Sequence[str] = ("ContractServer", "build", "file_uri", "serve", "settings_from")
