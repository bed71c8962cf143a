"""Workspace folders, each a project with its own configuration and baseline.

``check`` reads the configuration it finds from the folder it runs in; an editor
runs in its workspace folders, so a file is linted with the configuration found
from the innermost workspace folder that holds it (from the file's own folder
when none does). Configurations are read once and kept until a file they come
from changes (``workspace/didChangeWatchedFiles``): then every project is read
again. A configuration that ``check`` would refuse (exit 2) is not guessed
around: its folder gets no diagnostics and the error is shown once.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contractlint import __version__, atomic, baseline
from contractlint import config as config_module
from contractlint.config import Config, ConfigError
from contractlint.model import Rule
from contractlint.paths import inside
from contractlint.results import Finding

# The files whose change reloads the configurations (with those a configuration names).
CONFIG_NAMES = (".contractlint.yaml", ".contractlint.yml", "pyproject.toml")
WATCHED_GLOBS = ("**/.contractlint.yaml", "**/.contractlint.yml", "**/pyproject.toml")


@dataclass(frozen=True)
class Settings:
    """What the editor (``initializationOptions``) or ``contractlint server``'s options
    set: a baseline file (relative to each workspace folder) and a documentation URL
    template (``{code}`` and ``{name}`` filled in) for the rules without ``docs``."""

    baseline: str = ""
    docs_url: str = ""
    diagnostic_mode: str = "auto"  # auto: pull when the client can, else push
    debounce_ms: float = 50.0


DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class Project:
    """A workspace folder as ``check`` run there sees it."""

    folder: str
    config: Config | None
    error: str = ""
    baseline_path: str = ""  # "" when no baseline is configured
    known: baseline.Baseline | None = None  # its entries (None: none yet, or unreadable)
    rules: tuple[Rule, ...] = ()  # the configuration's team and plugin rules

    def sources(self) -> tuple[str, ...]:
        """The files this project's configuration was read from."""
        if self.config is None:
            return ()
        found = [p for p in (self.config.path, *self.config.extends) if p]
        found += self.config.schema_files
        if self.baseline_path:
            found.append(self.baseline_path)
        return tuple(os.path.realpath(p) for p in found)


def _extra_rules(config: Config) -> tuple[Rule, ...]:
    if not config.team_rules and not config.plugins:
        return ()
    from contractlint import plugins, team

    return (*team.team_rules(config.team_rules), *plugins.of(config.plugins))


def load_project(folder: str, settings: Settings) -> Project:
    """The project of ``folder``: its configuration (or why it cannot be read) and its
    baseline, read now."""
    try:
        config = config_module.load(None, cwd=folder)
        rules = _extra_rules(config)
    except ConfigError as exc:
        return Project(folder, None, f"configuration error: {exc}")
    except Exception as exc:  # a plugin that fails to load: the CLI's exit 2 too
        return Project(folder, None, f"configuration error: {type(exc).__name__}: {exc}")
    path = os.path.join(folder, settings.baseline) if settings.baseline else ""
    known = None
    error = ""
    if path and os.path.exists(path):
        try:
            known = baseline.read(path)
        except baseline.BaselineError as exc:
            error = str(exc)
    return Project(folder, config, error, path, known, rules)


class Workspace:
    """The workspace folders and their projects (one server, one instance)."""

    def __init__(self, folders: Iterable[str] = (), settings: Settings = DEFAULT_SETTINGS) -> None:
        self.folders: list[str] = [os.path.abspath(f) for f in folders]
        self.settings = settings
        self._projects: dict[str, Project] = {}
        # Every file a configuration was read from, kept across reloads: a base that
        # breaks its configuration is still known when it is fixed.
        self.seen: set[str] = set()

    def set_folders(self, folders: Sequence[str]) -> None:
        self.folders = [os.path.abspath(f) for f in folders]
        self._projects.clear()

    def folder_of(self, path: str) -> str:
        """The innermost workspace folder holding ``path``, else the file's own folder."""
        holding = [f for f in self.folders if inside(os.path.abspath(path), f)]
        if holding:
            return max(holding, key=len)
        return os.path.dirname(os.path.abspath(path))

    def project(self, path: str) -> Project:
        folder = self.folder_of(path)
        if folder not in self._projects:
            self._projects[folder] = load_project(folder, self.settings)
            self.seen.update(self._projects[folder].sources())
        return self._projects[folder]

    def projects(self) -> tuple[Project, ...]:
        return tuple(self._projects.values())

    def affects_configuration(self, path: str) -> bool:
        """Whether a change to ``path`` may change a project: a configuration file (a new
        one may now be found), or a file a configuration was read from."""
        if os.path.basename(path) in CONFIG_NAMES:
            return True
        real = os.path.realpath(path)
        return real in self.seen or any(real in p.sources() for p in self._projects.values())

    def reload(self) -> None:
        """Forget every project: each is read again when next needed."""
        self._projects.clear()


def add_to_baseline(project: Project, findings: Sequence[Finding]) -> int:
    """Record ``findings`` in the project's baseline file (created when missing), in the
    format ``--write-baseline`` writes; returns how many entries the file now holds."""
    if not project.baseline_path or project.config is None:
        raise ValueError("no baseline is configured")
    entries: Counter[baseline.Key] = Counter()
    if os.path.exists(project.baseline_path):
        entries.update(baseline.read(project.baseline_path).entries)
    for finding in findings:
        entries[baseline.key(finding, project.config.root, project.folder)] += 1
    rows = sorted(entries.elements())
    payload = {
        "version": baseline.FORMAT_VERSION,
        "tool": {"name": "contractlint", "version": __version__},
        "entries": [
            {"path": path, "code": code, "pointer": pointer, "fingerprint": fingerprint}
            for path, code, pointer, fingerprint in rows
        ],
    }
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    atomic.write_atomic(project.baseline_path, text.encode("utf-8"))
    return len(rows)
