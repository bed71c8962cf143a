"""Configuration: found, validated against its JSON Schema, and frozen into one value.

Sources, first found wins: ``--config FILE``; else, from the current folder
upward, ``.contractlint.yaml``, ``.contractlint.yml`` or a ``pyproject.toml``
with a ``[tool.contractlint]`` table. Its keys, their types and bounds are declared
once, in ``schemas/config.schema.json`` (``contractlint schema config`` prints it, for
editors); :func:`parse` validates a table against it, then checks what a schema cannot
say (every rule named exists). A bad config is a :class:`ConfigError` naming the file,
the line and the key, which the CLI turns into exit code 2.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import functools
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Union

from contractlint.paths import inside
from contractlint.results import Severity
from contractlint.rules import CODE_OF_NAME, CODES
from contractlint.suggest import closest

if TYPE_CHECKING:
    from typing import Protocol

    from contractlint.model import Rule, RuleOptions
    from contractlint.team import TeamRule

    class Selectable(Protocol):
        """A rule a selector can name besides the built-in ones (a team or plugin rule)."""

        @property
        def code(self) -> str: ...

        @property
        def name(self) -> str: ...


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data


KeyPath = tuple[Any, ...]  # keys and list indexes from the top of the table

CONFIG_FILES = (".contractlint.yaml", ".contractlint.yml", "pyproject.toml")

DEFAULT_PLACEHOLDERS = (
    "", "tbd", "tbc", "todo", "?", "??", "-", "none", "null", "n/a", "na", "unknown",
    "fixme", "xxx",
)  # fmt: skip
DEFAULT_INCLUDE = ("*.yaml", "*.yml", "*.json", "*.md")
# What a walk skips unless `exclude` replaces it: what ruff skips (SPEC section 1 names
# the core of it; ruff's own list adds the rest), and our cache. `.gitignore` applies too.
DEFAULT_EXCLUDE = (
    ".bzr", ".contractlint_cache", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg",
    ".ipynb_checkpoints", ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache",
    ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", ".vscode", "__pycache__",
    "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules",
    "site-packages", "venv",
)  # fmt: skip
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A configuration problem; the message names the file, the line (when known) and
    the key."""


class Config(NamedTuple):
    """The resolved configuration of one run (a ``NamedTuple``: every run makes one,
    and a dataclass costs a warm run more to define than its cache lookups)."""

    path: Optional[str] = None
    root: str = "."
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    output_format: str = ""  # `output-format`: "" for none (the command line decides)
    # `docs-url`: where a rule without its own `docs` is explained, as a template that
    # fills `{code}` and `{name}` (the language server's links); "" for contractlint's page.
    docs_url: str = ""
    placeholders: tuple[str, ...] = DEFAULT_PLACEHOLDERS
    required_owners: tuple[str, ...] = ("scope", "feasibility", "method")
    alpha: float = 0.05
    power: float = 0.8
    min_duration_days: float = 7.0
    require_suppression_reason: bool = False
    max_file_size: int = 5 * 1024 * 1024
    max_depth: int = 64
    max_alias_nodes: int = 10_000
    enabled: frozenset[str] = frozenset(CODES)
    # The team's own rules (`rules:`), checked and in plain values (part of the cache key).
    team_rules: tuple[Any, ...] = ()
    # The files `extends` merged under this configuration, bases first (real paths).
    extends: tuple[str, ...] = ()  # team.TeamRule values (a string annotation costs start-up)
    # The team's own document kinds (`kinds:`) and the schemas laid over ours
    # (`schema-extensions:`), each as (kind, the schema's path as written, the schema as
    # compact JSON text): plain values, so a schema file's content is part of the cache key.
    declared_kinds: tuple[tuple[str, str, str], ...] = ()
    schema_extensions: tuple[tuple[str, str, str], ...] = ()
    # The plugins `plugins:` names, each as (name, its distribution's version): plain
    # values, so a new version of a plugin is a new cache key (their rules: `plugins.of`).
    plugins: tuple[tuple[str, str], ...] = ()

    @property
    def rule_options(self) -> "RuleOptions":
        from contractlint.model import RuleOptions  # only when a file is linted

        return RuleOptions(
            placeholders=frozenset(p.strip().lower() for p in self.placeholders),
            required_owners=self.required_owners,
            alpha=self.alpha,
            power=self.power,
            min_duration_days=self.min_duration_days,
            declared_kinds=self.declared_kinds,
        )

    @property
    def schema_files(self) -> tuple[str, ...]:
        """The real paths of the schema files ``kinds`` and ``schema-extensions`` name."""
        folder = os.path.dirname(os.path.realpath(self.path)) if self.path else ""
        named = (*self.declared_kinds, *self.schema_extensions)
        return tuple(schema_path(written, folder) for _, written, _ in named)

    @property
    def kind_names(self) -> tuple[str, ...]:
        """The names of the kinds the configuration declares (SPEC 8), in its order."""
        return tuple(kind for kind, _, _ in self.declared_kinds)

    @property
    def exclusions(self) -> tuple[str, ...]:
        """What a walk skips: ``exclude`` (or its defaults), then ``extend-exclude``."""
        return self.exclude + self.extend_exclude

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled

    def severity_of(self, rule: "Rule") -> Severity:
        for code, severity in self.severity:
            if code == rule.code:
                return severity
        return rule.severity

    def describe(self) -> dict[str, Any]:
        """The resolved configuration as ``contractlint config`` prints it."""
        return {
            "config-file": self.path,
            "root": self.root,
            "select": list(self.select),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "enabled-rules": sorted(self.enabled),
            "severity": {code: sev.value for code, sev in self.severity},
            "per-file-ignores": {glob: list(codes) for glob, codes in self.per_file_ignores},
            "include": list(self.include),
            "exclude": list(self.exclude),
            "extend-exclude": list(self.extend_exclude),
            "fail-on": self.fail_on,
            "output-format": self.output_format or None,
            "docs-url": self.docs_url,
            "placeholders": list(self.placeholders),
            "required-owners": list(self.required_owners),
            "experiment": {
                "alpha": self.alpha,
                "power": self.power,
                "min_duration_days": self.min_duration_days,
            },
            "require-suppression-reason": self.require_suppression_reason,
            "max-file-size": self.max_file_size,
            "max-depth": self.max_depth,
            "max-alias-nodes": self.max_alias_nodes,
            "kinds": {kind: {"schema": path} for kind, path, _ in self.declared_kinds},
            "schema-extensions": {kind: path for kind, path, _ in self.schema_extensions},
            "extends": list(self.extends),
            "rules": {
                rule.code: {"name": rule.name, "severity": rule.severity, "kinds": list(rule.kinds)}
                for rule in self.team_rules
            },
            "plugins": [{"name": name, "version": version} for name, version in self.plugins],
        }


_CODE_PREFIX = re.compile(r"^CL\d{0,3}$")


def _selector_code(selector: str, team: "tuple[Selectable, ...]" = ()) -> Optional[str]:
    """A rule code, name or code prefix -> a code or code prefix (``ALL``: every rule,
    the team's too; ``CL``: every built-in one); None for no rule. ``team``: the
    configuration's own rules and its plugins' rules, selectable the same way."""
    text = str(selector).strip()
    if text.upper() == "ALL":
        return "ALL"
    if text.lower() in CODE_OF_NAME:
        return CODE_OF_NAME[text.lower()]
    upper = text.upper()
    if _CODE_PREFIX.match(upper) and any(code.startswith(upper) for code in CODES):
        return upper
    for rule in team:
        if text.lower() == rule.name:
            return rule.code
    if upper and any(rule.code.startswith(upper) for rule in team) and upper.isalnum():
        return upper
    return None


def _unknown_rule(selector: str, team: "tuple[Selectable, ...]" = ()) -> str:
    text = str(selector).strip()
    known = [*CODES, *CODE_OF_NAME, *(r.code for r in team), *(r.name for r in team)]
    near = closest(text, known, limit=3)
    hint = f"; did you mean {', '.join(f'`{n}`' for n in near)}?" if near else ""
    return f"unknown rule `{text}`{hint}"


def resolve_selector(selector: str, where: str, team: "tuple[Selectable, ...]" = ()) -> str:
    """A rule code, name or code prefix -> a code or code prefix (or ``ALL``)."""
    code = _selector_code(selector, team)
    if code is None:
        raise ConfigError(f"{where}: {_unknown_rule(selector, team)}")
    return code


def enabled_codes(
    select: Iterable[str],
    extend_select: Iterable[str],
    ignore: Iterable[str],
    team_codes: Sequence[str] = (),
) -> frozenset[str]:
    """The decision of flake8: the longest matching selector wins; on a tie, ignore wins.
    ``ALL`` (the default) matches every rule, the team's and the plugins' too, as the
    shortest selector, so that any other (`CL1`, `ACME1`) wins over it; ``CL`` matches
    the built-in rules only."""
    chosen = [*select, *extend_select]
    dropped = list(ignore)
    enabled = set()
    for code in (*CODES, *team_codes):
        best_select = max((_length(s) for s in chosen if selects(s, code)), default=-1)
        best_ignore = max((_length(s) for s in dropped if selects(s, code)), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            enabled.add(code)
    return frozenset(enabled)


def selects(selector: str, code: str) -> bool:
    """Whether a resolved selector (a code, a code prefix or ``ALL``) takes ``code``."""
    return selector == "ALL" or code.startswith(selector)


def _length(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector)


def find_config(start: Union[str, os.PathLike[str]]) -> Optional[str]:
    """The first configuration file in ``start`` or a folder above it, up to the top of
    the git repository (a config outside it is used only when named with ``--config``)."""
    folder = os.path.abspath(start)
    while True:
        found = _config_in(folder)
        if found is not None:
            return found
        parent = os.path.dirname(folder)
        # As ruff stops at the project: a config above the repository is someone else's.
        if parent == folder or os.path.exists(os.path.join(folder, ".git")):
            return None
        folder = parent


def _config_in(folder: str) -> Optional[str]:
    """The configuration file in ``folder``, if it holds one."""
    for name in CONFIG_FILES:
        candidate = os.path.join(folder, name)
        if not os.path.isfile(candidate):
            continue
        if name == "pyproject.toml":
            try:
                with open(candidate, encoding="utf-8") as handle:
                    text = handle.read()
            except (OSError, ValueError):
                continue
            if "contractlint" not in text:
                continue  # no [tool.contractlint] table, without parsing the file
            try:
                data = _toml(text)
            except ValueError as exc:
                if "[tool.contractlint" in text:
                    raise _toml_error(candidate, exc, text) from None
                continue  # someone else's broken pyproject.toml
            tool = data.get("tool")
            if not isinstance(tool, dict) or "contractlint" not in tool:
                continue
        return candidate
    return None


def git_root(start: Union[str, os.PathLike[str]]) -> Optional[str]:
    """The nearest folder at or above ``start`` (a real path) that holds ``.git``."""
    folder = os.fspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _toml_error(path: Union[str, os.PathLike[str]], exc: ValueError, text: str) -> ConfigError:
    """``FILE:LINE: invalid TOML: ...`` (tomllib puts the place at the end of its message;
    "at end of document" is the last line of ``text``)."""
    message = str(exc)
    found = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if found is None:
        if message.endswith(" (at end of document)"):
            last = text.rstrip("\n").count("\n") + 1
            problem = message[: -len(" (at end of document)")]
            return ConfigError(f"{path}:{last}: invalid TOML: {problem} (at the end of the file)")
        return ConfigError(f"{path}: invalid TOML: {message}")
    line, column = found.groups()
    return ConfigError(f"{path}:{line}: invalid TOML: {message[: found.start()]} (column {column})")


def _yaml_error(path: Union[str, os.PathLike[str]], text: str, exc: Exception) -> ConfigError:
    """``FILE:LINE: invalid YAML: ...``, naming the file (PyYAML says ``<unicode string>``)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is not None and problem:
        message = f"{problem} (column {mark.column + 1})"
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and start.line != mark.line:
            message += f", {context} at line {start.line + 1}"
        elif context:
            message = f"{context}: {message}"
        return ConfigError(f"{path}:{mark.line + 1}: invalid YAML: {message}")
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML refuses
    head = str(exc).split("\n", 1)[0]
    if isinstance(position, int):
        return ConfigError(f"{path}:{text.count(chr(10), 0, position) + 1}: invalid YAML: {head}")
    return ConfigError(f"{path}: invalid YAML: {head}")


def _read_config(path: Union[str, os.PathLike[str]]) -> tuple[Mapping[str, Any], str]:
    """The configuration table in ``path``, and the file's text (to find lines in)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: cannot read the config file: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        try:
            data = _toml(text)
        except ValueError as exc:
            raise _toml_error(path, exc, text) from None
        tool = data.get("tool", {})
        table = tool.get("contractlint", {}) if isinstance(tool, dict) else {}
    else:
        import yaml  # only for a YAML configuration file

        try:
            try:
                # libyaml reads a long configuration (fifty team rules) ten times faster;
                # a broken one is read again by PyYAML's own parser, whose messages we show.
                table = yaml.load(text, Loader=_loader(getattr(yaml, "CSafeLoader", None)))
            except yaml.YAMLError:
                try:
                    table = yaml.load(text, Loader=_loader(yaml.SafeLoader))
                except yaml.YAMLError as exc:
                    raise _yaml_error(path, text, exc) from None
        except RecursionError:  # thousands of levels: no configuration is so deep
            raise ConfigError(f"{path}: the configuration is nested too deeply to read") from None
        except _Twice as twice:
            lines = f"lines {twice.first} and {twice.line}"
            if twice.first == twice.line:
                lines = f"line {twice.line}"
            raise ConfigError(
                f"{path}:{twice.line}: `{twice.key}` is written twice in one mapping ({lines}): "
                "the second would replace the first; keep one"
            ) from None
        if table is None:
            table = {}
    if not isinstance(table, dict):
        where = _Where(str(path), text).at(())
        raise ConfigError(
            f"{where}: the configuration must be a mapping of keys to values, got {_shown(table)}"
        )
    return table, text


class _Twice(Exception):
    """A key written twice in one mapping of a configuration file."""

    def __init__(self, key: str, first: int, line: int) -> None:
        super().__init__(key)
        self.key, self.first, self.line = key, first, line


@functools.lru_cache(maxsize=2)
def _loader(base: Any) -> Any:
    """``base`` (a safe loader; PyYAML's own when libyaml is missing) refusing a key
    written twice in a mapping, which YAML loaders let the last one win: two rules
    of one code would silently be one."""
    import yaml

    base = base or yaml.SafeLoader

    class Loader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[tuple[str, str], int] = {}
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    line = key.start_mark.line + 1
                    if (key.tag, key.value) in seen:
                        raise _Twice(str(key.value), seen[(key.tag, key.value)], line)
                    seen[(key.tag, key.value)] = line
            return super().construct_mapping(node, deep)

    return Loader


_MERGED = ("rules", "kinds", "schema-extensions", "severity", "per-file-ignores")


def _extended(
    path: str, table: Mapping[str, Any], text: str, root: str
) -> tuple[dict[str, Any], tuple[str, ...], dict[KeyPath, "_Where"]]:
    """``table`` with the files its ``extends`` names merged under it, in order: a later
    file's key replaces an earlier one's, and the mappings of rules, kinds, schema
    extensions, severities and per-file-ignores are merged key by key. Each file is
    checked against the config's schema on its own, so an error names its file and
    line; so does a later error about a key, through the returned origins (the file
    each key, and each entry of a merged mapping, came from). A file is found relative
    to the config that names it (inside the project), or inside an installed package
    (``pkg:NAME/PATH``); never at a URL."""
    chain: list[_Link] = []
    _chain(path, table, text, _Area(root, "the project"), [os.path.realpath(path)], chain)
    merged: dict[str, Any] = {}
    origins: dict[KeyPath, _Where] = {}
    here = os.path.dirname(os.path.realpath(path))
    for name, part, part_text, area in chain:
        where = _Where(name, part_text, area=area)
        if part:
            _validate(part, where)
        if name != path:
            part = _schemas_from(part, os.path.dirname(name), here, root)
        for key, value in part.items():
            if key == "extends":
                continue
            origins[(key,)] = where
            if key in _MERGED and isinstance(value, dict):
                origins.update({(key, entry): where for entry in value})
            if key in _MERGED and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    # A bad rule is reported in the file that holds it (the merged table has no lines).
    declared = tuple(merged.get("kinds") or ())
    for name, part, part_text, area in chain:
        if isinstance(part.get("rules"), dict):
            _team_rules(part["rules"], _Where(name, part_text, area=area), declared)
    return merged, tuple(link.path for link in chain[:-1]), origins


class _Area(NamedTuple):
    """The folder whose files a configuration file may name (by ``extends``, ``kinds``
    and ``schema-extensions``): the project's root, or for a file of an installed
    package (``pkg:``) that package's folder, as a user reads of it."""

    folder: str
    label: str  # "the project", "the package acme_policy"

    def refuses(self, real: str) -> Optional[str]:
        """Why the real path ``real`` may not be read, or None."""
        top = os.path.realpath(self.folder)
        if real.startswith(top.rstrip(os.sep) + os.sep):
            return None
        return f"is outside {self.label} ({top})"


class _Link(NamedTuple):
    """A configuration file of an ``extends`` chain, and what it may name files in."""

    path: str
    table: Mapping[str, Any]
    text: str
    area: _Area


def _schemas_from(table: Mapping[str, Any], folder: str, here: str, root: str) -> dict[str, Any]:
    """A base's table with the schema files its ``kinds`` and ``schema-extensions`` name
    (relative to the base's ``folder``) written relative to ``here``, the folder of the
    configuration it is merged into, where they are read from; a file outside the
    project ``root`` (in a policy package) by its absolute path, as messages show it."""

    def moved(written: Any) -> Any:
        if not isinstance(written, str) or _URL.match(written) or os.path.isabs(written):
            return written  # a URL or an absolute path: checked as written
        real = os.path.normpath(os.path.join(folder, os.path.expanduser(written)))
        return os.path.relpath(real, here) if inside(real, os.path.realpath(root)) else real

    out = dict(table)
    if isinstance(table.get("kinds"), dict):
        out["kinds"] = {
            kind: {**body, "schema": moved(body.get("schema"))} if isinstance(body, dict) else body
            for kind, body in table["kinds"].items()
        }
    if isinstance(table.get("schema-extensions"), dict):
        out["schema-extensions"] = {
            kind: moved(written) for kind, written in table["schema-extensions"].items()
        }
    return out


def _chain(
    path: str,
    table: Mapping[str, Any],
    text: str,
    area: _Area,
    stack: list[str],
    chain: list[_Link],
) -> None:
    """Depth first: the bases of ``path`` (each once, in order), then ``path`` itself.
    ``path`` names files inside ``area`` only."""
    where = _Where(path, text)
    names = table.get("extends", [])
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise where.error(("extends",), "`extends`: expected a list of file paths")
    for index, name in enumerate(names):
        base, base_area = _base_file(name, path, area, where, index)
        if base in stack:
            cycle = " -> ".join([*stack[stack.index(base) :], base])
            raise where.error(("extends", index), f"`extends`: a cycle: {cycle}")
        if any(base == done.path for done in chain):
            continue
        base_table, base_text = _read_config(base)
        _chain(base, base_table, base_text, base_area, [*stack, base], chain)
    chain.append(_Link(path, table, text, area))


def _base_file(name: str, path: str, area: _Area, where: "_Where", index: int) -> tuple[str, _Area]:
    """The real path of the file ``extends`` names, and the folder whose files that file
    may name in turn; or an error naming the entry. ``path``, the file that names it,
    names files inside ``area`` only (or in an installed package)."""
    if "://" in name:
        raise where.error(("extends", index), f"`extends`: `{name}`: no URL is ever fetched")
    if name.startswith("pkg:"):
        import importlib.util

        package, _, inner = name[4:].partition("/")
        try:  # finds the installed package without importing (running) it
            spec = importlib.util.find_spec(package) if package.isidentifier() else None
        except (ImportError, ValueError):
            spec = None
        folders = list(spec.submodule_search_locations or []) if spec else []
        home = os.path.realpath(folders[0]) if folders else ""
        found = os.path.realpath(os.path.join(home, inner)) if home and inner else ""
        if not found.startswith(home + os.sep):
            raise where.error(
                ("extends", index), f"`extends`: `{name}`: no installed package holds that file"
            )
        area = _Area(home, f"the package {package}")
    else:
        found = os.path.realpath(os.path.join(os.path.dirname(os.path.realpath(path)), name))
        refused = area.refuses(found)
        if refused:
            raise where.error(("extends", index), f"`extends`: `{name}` {refused}")
    if not os.path.isfile(found):
        raise where.error(("extends", index), f"`extends`: `{name}`: the file is not found")
    return found, area


def read_config_file(path: Union[str, os.PathLike[str]]) -> Mapping[str, Any]:
    """The configuration table in ``path`` (YAML, or ``[tool.contractlint]`` of TOML)."""
    return _read_config(path)[0]


# The largest value each limit accepts. Nesting is walked by recursion, and past about
# 250 levels Python's own stack gives out: 128 leaves room for the deepest caller (the
# language server, a test runner). The others bound memory and time. The schema's
# `maximum` of each (schemas/config.schema.json) must equal it: tests/test_config_schema.py.
LIMIT_MAXIMUMS = {
    "max-depth": 128,
    "max-file-size": 100 * 1024 * 1024,
    "max-alias-nodes": 1_000_000,
}

# Keys whose value is a list of strings (or one comma-separated string), kept as written.
_STRING_LISTS = ("include", "exclude", "extend-exclude", "placeholders", "required-owners")
_SELECTIONS = ("select", "ignore", "extend-select")
# What the keys of a mapping-valued key are, for a message (the schema says "string").
_MAPPING_KEYS = {"severity": "rule code or name", "per-file-ignores": "glob", "kinds": "kind name"}


class _Where:
    """Where in the configuration file a key is: ``FILE:LINE``, or ``FILE`` when the line
    is not known. Lines are looked for only when there is an error to report."""

    def __init__(
        self,
        source: str,
        text: Optional[str],
        origins: Optional[Mapping[KeyPath, "_Where"]] = None,
        area: Optional[_Area] = None,
    ) -> None:
        self.source = source
        self.text = text
        self.area = area  # for a file of an `extends` chain: what it may name files in
        self.toml = os.path.basename(source) == "pyproject.toml"
        # For a table merged from `extends`: the file each key (or each entry of a
        # merged mapping) came from, so that an error names that file and its line.
        self.origins = origins or {}

    def area_of(self, path: KeyPath, root: str) -> _Area:
        """What the file that holds the key at ``path`` may name files in."""
        return self._file_of(path).area or _Area(root, "the project")

    def _file_of(self, path: KeyPath) -> "_Where":
        return self.origins.get(tuple(path[:2]), self.origins.get(tuple(path[:1]), self))

    def line(self, path: KeyPath) -> Optional[int]:
        if self.text is None:
            return None
        if self.toml:
            return _toml_line(self.text, path)
        return _yaml_line(self.text, path)

    def at(self, path: KeyPath) -> str:
        where = self._file_of(path)
        line = where.line(path)
        return where.source if line is None else f"{where.source}:{line}"

    def error(self, path: KeyPath, message: str) -> ConfigError:
        return ConfigError(f"{self.at(path)}: {message}")


def _yaml_line(text: str, path: KeyPath) -> Optional[int]:
    """The line of the key (or list item) at ``path``, or of its nearest ancestor found."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:
        return 1
    line: int = node.start_mark.line + 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            entries = [
                (k, v)
                for k, v in node.value
                if isinstance(k, yaml.ScalarNode) and k.value == str(key)
            ]
            if not entries:
                break
            name, node = entries[-1]  # as YAML loads a repeated key: the last wins
            line = name.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if not 0 <= key < len(node.value):
                break
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


# Compiled when an error is located in a TOML file: `re` keeps it.
_TOML_KEY = r"""\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|'([^']*)')\s*"""


def _toml_keys(text: str) -> tuple[list[str], str]:
    """A (dotted) TOML key at the start of ``text``: its parts, and the rest of the text."""
    parts: list[str] = []
    while True:
        found = re.match(_TOML_KEY, text)
        if found is None:
            return parts, text
        parts.append(next(g for g in found.groups() if g is not None))
        text = text[found.end() :]
        if not text.startswith("."):
            return parts, text
        text = text[1:]


def _toml_line(text: str, path: KeyPath) -> Optional[int]:
    """The line of the key at ``path`` under ``[tool.contractlint]`` (a best effort: it
    reads headers and ``key =`` lines, not the TOML grammar), or of its nearest ancestor."""
    wanted = [str(key) for key in path if not isinstance(key, int)]
    table: list[str] = []
    best: tuple[int, int] = (-1, 0)  # (how many keys of `wanted` matched, line)
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("["):
            keys, rest = _toml_keys(stripped.strip("[").lstrip())
            if not rest.lstrip().startswith("]"):
                continue
            table = keys
            full = keys
        else:
            keys, rest = _toml_keys(raw)
            if not keys or not rest.startswith("="):
                continue
            full = table + keys
        if full[:2] != ["tool", "contractlint"]:
            continue
        inside = full[2:]
        matched = 0
        while matched < min(len(inside), len(wanted)) and inside[matched] == wanted[matched]:
            matched += 1
        if matched == len(inside) and matched > best[0]:
            best = (matched, number)
    return best[1] or None


def _shown(value: Any) -> str:
    """A value as the configuration's own languages write it (`true`, not `True`)."""
    import json

    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


@functools.cache
def _compiled_check() -> Optional[Callable[[Any], bool]]:
    """The configuration schema compiled to plain Python (or None: ask ``jsonschema``)."""
    from contractlint import schemas
    from contractlint.pipeline import schemacheck

    try:
        return schemacheck.compile_schema(schemas.load_config_schema())
    except schemacheck.Unsupported:  # pragma: no cover - the schema uses compiled keywords
        return None


def _deref(root: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target: Any = root
        for part in node["$ref"][2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node


def _named(
    root: dict[str, Any], table: Mapping[str, Any], path: KeyPath
) -> tuple[list[tuple[Any, bool]], Any]:
    """The part of ``path`` that names a key, not a list item (each key with True when it
    is one of the schema's ``properties``, False for an entry of a mapping), and the
    schema of its value."""
    node: Any = root
    value: Any = table
    named: list[tuple[Any, bool]] = []
    for key in path:
        node = _deref(root, node)
        if not isinstance(node, dict) or not isinstance(value, dict) or key not in value:
            break
        properties = node.get("properties", {})
        if isinstance(key, str) and key in properties:
            node = properties[key]
            named.append((key, True))
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
            named.append((key, False))
        else:
            break
        value = value[key]
    return named, _deref(root, node)


def _label(named: list[tuple[Any, bool]]) -> str:
    """``[("experiment", True), ("alpha", True)]`` -> `` `experiment.alpha` ``;
    ``[("severity", True), ("CL101", False)]`` -> `` `severity`: `CL101` ``."""
    groups: list[list[str]] = []
    for key, is_property in named:
        if is_property and groups:
            groups[-1].append(str(key))
        else:
            groups.append([str(key)])
    return ": ".join(f"`{'.'.join(group)}`" for group in groups)


def _number_text(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _expected(root: dict[str, Any], node: Any, key: Any = None) -> str:
    """What a value of schema ``node`` is, in words (the key it is under names what the
    keys of a mapping are)."""
    node = _deref(root, node)
    if not isinstance(node, dict):
        return "a valid value"
    if "enum" in node:
        return "one of " + ", ".join(str(choice) for choice in node["enum"])
    types = node.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    words = []
    for name in types:
        if name == "boolean":
            words.append("true or false")
        elif name == "integer":
            positive = node.get("minimum", 0) >= 1 or node.get("exclusiveMinimum", -1) >= 0
            text = "a positive integer" if positive else "an integer"
            if "maximum" in node:
                text += f" of at most {_number_text(node['maximum'])}"
            words.append(text)
        elif name == "number":
            low, high = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
            if low is not None and high is not None:
                words.append(f"a number between {_number_text(low)} and {_number_text(high)}")
            elif low is not None:
                words.append(f"a number greater than {_number_text(low)}")
            else:
                words.append("a number")
        elif name == "string":
            words.append("a comma-separated string" if "array" in types else "a string")
        elif name == "array":
            items = _deref(root, node.get("items", {}))
            strings = isinstance(items, dict) and items.get("type") == "string"
            words.append("a list of strings" if strings else "a list")
        elif name == "object":
            if node.get("properties"):
                words.append("a mapping with " + ", ".join(node["properties"]))
            elif isinstance(node.get("additionalProperties"), dict):
                noun = _MAPPING_KEYS.get(key, "key")
                value = _expected(root, node["additionalProperties"])
                words.append(f"a mapping of {noun} to {value}")
            else:
                words.append("a mapping")
        else:  # pragma: no cover - the schema uses no other type
            words.append(f"a value of type {name}")
    return " or ".join(words) or "a valid value"


def _value_at(table: Mapping[str, Any], path: KeyPath) -> Any:
    value: Any = table
    for key in path:
        value = value[key]
    return value


def _schema_problems(table: Mapping[str, Any]) -> list[tuple[KeyPath, str]]:
    """Every way ``table`` breaks the configuration schema: (path, message) pairs, the
    message naming the key (``jsonschema`` explains; only on a configuration that fails)."""
    from contractlint import schemas

    root = schemas.load_config_schema()
    problems: list[tuple[KeyPath, str]] = []
    for error in schemas.config_validator().iter_errors(table):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and error.validator_value is False:
            named, _ = _named(root, table, path)
            known = list(error.schema.get("properties", {}))
            for key in error.instance:
                if key in known:
                    continue
                if not named:
                    near = closest(str(key), known, limit=1)
                    hint = f"; did you mean `{near[0]}`?" if near else ""
                else:
                    hint = f"; expected one of {', '.join(known)}"
                dotted = ".".join(str(k) for k, _ in [*named, (key, True)])
                problems.append(((*path, key), f"unknown key `{dotted}`{hint}"))
            continue
        named, node = _named(root, table, path)
        if not named:  # the whole table (a table read from a file is a mapping)
            problems.append((path, error.message))
            continue
        where = tuple(key for key, _ in named)
        value = _value_at(table, where)
        if error.validator == "required" and isinstance(error.instance, dict):
            # A missing key is named, rather than every key the mapping may hold.
            missing = [key for key in error.validator_value if key not in error.instance]
            shown = ", ".join(f"`{key}`" for key in missing)
            message = f"{_label(named)}: {shown} {'is' if len(missing) == 1 else 'are'} required"
            if not any(p == (path, message) for p in problems):
                problems.append((path, message))
            continue
        expected = _expected(root, node, where[0] if len(where) == 1 else None)
        message = f"{_label(named)}: expected {expected}, got {_shown(value)}"
        if not any(p == (path, message) for p in problems):
            problems.append((path, message))
    return problems


def _validate(table: Mapping[str, Any], where: _Where) -> None:
    """Raise the first (in the file) way ``table`` breaks the configuration schema.

    The schema compiled to plain Python answers yes or no in microseconds; only a
    configuration that fails is handed to ``jsonschema`` (80 ms of imports), to explain.
    """
    check = _compiled_check()
    try:
        if check is not None and check(table):
            return
    except (TypeError, ValueError, RecursionError):
        pass  # e.g. a number compared with a bound of another type: jsonschema decides
    problems = _schema_problems(table)
    if not problems:
        return
    order = {key: index for index, key in enumerate(table)}

    def place(problem: tuple[KeyPath, str]) -> tuple[bool, int, int]:
        line = where.line(problem[0])
        key = order.get(problem[0][0], 0) if problem[0] else 0
        return (line is None, line or 0, key)  # by line; without lines, in the table's order

    path, message = min(problems, key=place)
    raise where.error(path, message)


def _team_rules(
    table: Any, where: _Where, declared: tuple[str, ...] = ()
) -> "tuple[TeamRule, ...]":
    """The `rules` table, checked (a bad rule names itself and its key); ``declared``:
    the kinds the configuration declares, which a rule's `kinds` may name."""
    from contractlint import team

    try:
        return team.parse_rules(table, frozenset(CODES), frozenset(CODE_OF_NAME), declared)
    except team.TeamRuleError as exc:
        raise where.error(("rules", *exc.path), str(exc)) from None


def _plugins(
    names: Sequence[Any], where: _Where, known: "tuple[Selectable, ...]"
) -> "tuple[tuple[tuple[str, str], ...], tuple[Rule, ...]]":
    """The `plugins` list: each plugin found among the installed distributions, loaded
    and its rules checked (a code and a name no built-in rule, team rule (``known``) or
    other plugin has); an error names the file, the line and the plugin."""
    from contractlint import plugins

    codes = {rule.code for rule in known}
    rule_names = {rule.name for rule in known}
    pairs: list[tuple[str, str]] = []
    found: list[Rule] = []
    for index, written in enumerate(names):
        name = str(written)
        if any(name == seen for seen, _ in pairs):
            raise where.error(("plugins", index), f"`plugins`: `{name}` is named twice")
        try:
            version, rules = plugins.load(name)
        except plugins.PluginError as exc:
            raise where.error(("plugins", index), f"`plugins`: {exc}") from None
        for rule in rules:
            if rule.code in codes or rule.name in rule_names:
                raise where.error(
                    ("plugins", index),
                    f"`plugins`: plugin `{name}`: rule `{rule.code}` ({rule.name}): its code "
                    "or name is already a team rule's or another plugin's",
                )
            codes.add(rule.code)
            rule_names.add(rule.name)
        pairs.append((name, version))
        found.extend(rules)
    return tuple(pairs), tuple(found)


# A declared kind's name: kebab-case, as ours are (`data-contract`).
_KIND_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# A schema named by a URL (`https://...`): never fetched.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# A schema file larger than this is refused (the bundled ones are about 20 KB).
MAX_SCHEMA_BYTES = 1024 * 1024


def _declared_kinds(
    value: Mapping[str, Any], where: _Where, folder: str, root: str
) -> tuple[tuple[str, str, str], ...]:
    """The `kinds` table: each kind's name checked and its schema file read and checked."""
    from contractlint.kinds import KINDS

    declared = []
    for name, body in value.items():
        kind = str(name)
        if kind in KINDS:
            raise where.error(
                ("kinds", name),
                f"`kinds`: `{kind}` is a built-in kind, with a schema of its own; lay a "
                "schema over it with `schema-extensions`",
            )
        if not _KIND_NAME.match(kind):
            raise where.error(
                ("kinds", name), f"`kinds`: `{kind}` is not a kebab-case kind name (data-contract)"
            )
        written = str(body["schema"])
        text = _schema_file(
            written, where, ("kinds", name, "schema"), f"`kinds`: `{kind}`", folder, root
        )
        declared.append((kind, written, text))
    return tuple(declared)


def _schema_extensions(
    value: Mapping[str, Any], where: _Where, folder: str, root: str
) -> tuple[tuple[str, str, str], ...]:
    """The `schema-extensions` table (its keys are our kinds: the schema says so), each
    schema file read and checked."""
    return tuple(
        (
            str(kind),
            str(written),
            _schema_file(
                str(written),
                where,
                ("schema-extensions", kind),
                f"`schema-extensions`: `{kind}`",
                folder,
                root,
            ),
        )
        for kind, written in value.items()
    )


def schema_path(written: str, folder: str) -> str:
    """The real path of the schema file ``written`` in the configuration in ``folder``
    (a base's own paths are made relative to that folder when it is merged)."""
    return os.path.realpath(os.path.join(folder, os.path.expanduser(written)))


def _schema_file(
    written: str, where: _Where, path: KeyPath, label: str, folder: str, root: str
) -> str:
    """The JSON Schema in the file ``written`` (relative to the configuration's
    ``folder``), checked, as compact JSON text. It is read only from inside the project
    ``root``, or the installed package of the base that names it (symlinks resolved),
    and a URL is never fetched."""
    import json

    from contractlint import schemas

    if _URL.match(written):
        raise where.error(
            path,
            f"{label}: `{written}` is a URL; contractlint never fetches a schema, so give "
            "the path of a file inside the project",
        )
    real = schema_path(written, folder)
    area = where.area_of(path, root)
    refused = area.refuses(real)
    if refused:
        raise where.error(
            path, f"{label}: the schema `{written}` {refused}; a schema is read only from inside it"
        )
    if not os.path.exists(real):
        raise where.error(path, f"{label}: the schema file `{written}` is not found")
    if not os.path.isfile(real):
        raise where.error(path, f"{label}: the schema `{written}` is not a file")
    try:
        if os.path.getsize(real) > MAX_SCHEMA_BYTES:
            raise where.error(
                path,
                f"{label}: the schema `{written}` is larger than {MAX_SCHEMA_BYTES:,} bytes",
            )
        with open(real, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError as exc:
        raise where.error(
            path, f"{label}: cannot read the schema `{written}`: {exc.strerror or exc}"
        ) from None
    except ValueError:
        raise where.error(path, f"{label}: the schema `{written}` is not UTF-8") from None
    try:
        schema = json.loads(text)
    except RecursionError:
        raise where.error(path, f"{label}: the schema `{written}` is nested too deeply") from None
    except ValueError as exc:
        detail = (
            f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
            if isinstance(exc, json.JSONDecodeError)
            else str(exc)
        )
        raise where.error(
            path, f"{label}: the schema `{written}` is not valid JSON: {detail}"
        ) from None
    try:
        problem = schemas.schema_problem(schema)
    except RecursionError:
        problem = "is nested too deeply"
    if problem is not None:
        raise where.error(path, f"{label}: the schema `{written}` {problem}")
    return schemas.compact(schema)


def _selectors(
    value: Any, where: _Where, path: KeyPath, label: str, team: "tuple[Selectable, ...]" = ()
) -> tuple[str, ...]:
    """A list of rule codes, names or prefixes (or a comma-separated string of them)
    -> codes and code prefixes; an unknown one names its key."""
    if isinstance(value, str):
        items: list[tuple[KeyPath, str]] = [(path, p) for p in value.split(",") if p.strip()]
    else:
        items = [((*path, index), item) for index, item in enumerate(value)]
    codes = []
    for item_path, text in items:
        code = _selector_code(text, team)
        if code is None:
            raise where.error(item_path, f"{label}: {_unknown_rule(text, team)}")
        codes.append(code)
    return tuple(codes)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    return tuple(str(v).strip() for v in value)


def _docs_url(template: str, where: "_Where") -> str:
    """`docs-url`: a template that fills `{code}` and `{name}` and nothing else (no
    attribute, index or conversion), as a team rule's message fills its own."""
    import string

    if template and not template.startswith(("https://", "http://")):
        raise where.error(("docs-url",), "`docs-url`: expected an http(s) URL template")
    try:
        fields = [part for part in string.Formatter().parse(template) if part[1] is not None]
    except ValueError as exc:
        raise where.error(("docs-url",), f"`docs-url`: {exc}") from None
    for _, name, spec, conversion in fields:
        if name not in ("code", "name") or spec or conversion:
            raise where.error(
                ("docs-url",),
                f"`docs-url`: `{{{name}}}` is not allowed; the template fills only {{code}} "
                "and {name}",
            )
    return template


def parse(
    table: Mapping[str, Any],
    source: str,
    text: Optional[str] = None,
    root: Optional[str] = None,
    origins: Optional[Mapping[KeyPath, "_Where"]] = None,
) -> dict[str, Any]:
    """Validate a config table (read from ``source``, whose ``text`` gives the line of a
    bad key) against ``schemas/config.schema.json``, then check what the schema cannot
    say: every rule named exists, every schema file named is inside the project ``root``
    (default: the folder of ``source``) and a valid JSON Schema. Returns the fields of
    :class:`Config` it sets."""
    where = _Where(source, text, origins)
    if table:  # an empty table is valid: nothing to import or compile
        _validate(table, where)
    out: dict[str, Any] = {}
    folder = ""  # where schema files are found from: only asked for when one is named
    if table.get("kinds") or table.get("schema-extensions"):
        folder = os.path.dirname(os.path.realpath(source))
    root = root or folder
    declared: tuple[str, ...] = ()
    if table.get("kinds"):  # before `rules`, whose `kinds` may name them
        out["declared_kinds"] = _declared_kinds(table["kinds"], where, folder, root)
        declared = tuple(kind for kind, _, _ in out["declared_kinds"])
    team: tuple[Selectable, ...] = ()
    if "rules" in table:  # first: the other keys may select, ignore or grade them
        team = out["team_rules"] = _team_rules(table["rules"], where, declared)
    if table.get("plugins"):  # and the plugins' rules too
        out["plugins"], loaded = _plugins(table["plugins"], where, team)
        team = (*team, *loaded)
    for key, value in table.items():
        field = str(key).replace("-", "_")
        if key in ("rules", "kinds", "extends", "plugins"):
            continue
        if key == "schema-extensions":
            out[field] = _schema_extensions(value, where, folder, root)
            continue
        if key in _SELECTIONS:
            out[field] = _selectors(value, where, (key,), f"`{key}`", team)
        elif key == "severity":
            pairs = []
            for rule, level in value.items():
                code = _selector_code(str(rule), team)
                if code is None:
                    raise where.error((key, rule), f"`{key}`: {_unknown_rule(str(rule), team)}")
                if code not in CODES and code not in {r.code for r in team}:
                    raise where.error(
                        (key, rule), f"`{key}`: `{rule}` must name one rule, not a prefix"
                    )
                pairs.append((code, Severity(level)))
            # The last word on a rule wins (a config's own over what it extends).
            out[field] = tuple(dict(pairs).items())
        elif key == "per-file-ignores":
            out[field] = tuple(
                (str(glob), _selectors(codes, where, (key, glob), f"`{key}`: `{glob}`", team))
                for glob, codes in value.items()
            )
        elif key in _STRING_LISTS:
            out[field] = _strings(value)
        elif key in ("fail-on", "output-format"):
            out[field] = value
        elif key == "docs-url":
            out[field] = _docs_url(value, where)
        elif key == "experiment":
            for name, number in value.items():
                if not math.isfinite(number):  # NaN passes every bound of a schema
                    from contractlint import schemas

                    schema = schemas.load_config_schema()
                    node = schema["properties"][key]["properties"][name]
                    raise where.error(
                        (key, name),
                        f"`{key}.{name}`: expected {_expected(schema, node)}, got {number!r}",
                    )
                out[name] = float(number)
        elif key == "require-suppression-reason":
            out[field] = value
        elif key in LIMIT_MAXIMUMS:
            out[field] = int(value)  # 10.0 is an integer to JSON Schema
        else:  # pragma: no cover - the schema admits no other key
            raise where.error((key,), f"unknown key `{key}`")
    return out


def load(
    config_file: Optional[str] = None,
    cwd: Optional[Union[str, os.PathLike[str]]] = None,
    overrides: Optional[Mapping[str, Sequence[str]]] = None,
    isolated: bool = False,
) -> Config:
    """Find and read the configuration (none with ``isolated``: the defaults), then
    apply command-line selection overrides.

    ``overrides`` holds the raw ``select``/``extend_select``/``ignore`` and
    ``exclude``/``extend_exclude`` lists given on the command line; ``select`` and
    ``exclude`` replace the config's, the others add.
    """
    here = os.fspath(cwd) if cwd is not None else os.getcwd()
    path = config_file if config_file or isolated else find_config(here)
    fields: dict[str, Any] = {}
    if path is not None:
        if config_file and not os.path.isfile(path):
            raise ConfigError(f"{path}: config file not found")
        table, text = _read_config(path)
        root = os.path.dirname(os.path.realpath(path))
        bases: tuple[str, ...] = ()
        origins: dict[KeyPath, _Where] = {}
        if table.get("extends"):
            table, bases, origins = _extended(str(path), table, text, root)
        fields = {**parse(table, str(path), text, root, origins), "extends": bases}
    else:
        real = os.path.realpath(here)
        root = git_root(real) or real
    config = Config(path=str(path) if path else None, root=root)._replace(**fields)
    overrides = overrides or {}
    select = config.select
    team: tuple[Selectable, ...] = config.team_rules
    if config.plugins:
        from contractlint import plugins

        team = (*team, *plugins.of(config.plugins))
    if overrides.get("select"):
        select = tuple(resolve_selector(s, "--select", team) for s in overrides["select"])
    extend = config.extend_select + tuple(
        resolve_selector(s, "--extend-select", team) for s in overrides.get("extend_select", ())
    )
    ignore = config.ignore + tuple(
        resolve_selector(s, "--ignore", team) for s in overrides.get("ignore", ())
    )
    if overrides.get("exclude"):
        config = config._replace(exclude=tuple(overrides["exclude"]))
    if overrides.get("extend_exclude"):
        config = config._replace(
            extend_exclude=config.extend_exclude + tuple(overrides["extend_exclude"])
        )
    return config._replace(
        select=select,
        extend_select=extend,
        ignore=ignore,
        enabled=enabled_codes(select, extend, ignore, [rule.code for rule in team]),
    )


def split_list(values: Sequence[str]) -> list[str]:
    """``("CL1,CL2", "CL3")`` -> ``["CL1", "CL2", "CL3"]`` (comma lists, repeatable options)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
