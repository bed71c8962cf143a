"""Configuration: found, validated against its own schema, and frozen into one value.

Sources, first found wins: ``--config FILE``; else, from the current folder
upward, ``.contractlint.yaml``, ``.contractlint.yml`` or a ``pyproject.toml``
with a ``[tool.contractlint]`` table. A bad config is a :class:`ConfigError`
naming the key, which the CLI turns into exit code 2.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Union

from contractlint.results import Severity
from contractlint.rules import CODE_OF_NAME, CODES
from contractlint.suggest import closest

if TYPE_CHECKING:
    from contractlint.model import Rule, RuleOptions


def _toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data


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

_KEYS: dict[str, str] = {
    "select": "a list of rule codes, names or code prefixes",
    "ignore": "a list of rule codes, names or code prefixes",
    "extend-select": "a list of rule codes, names or code prefixes",
    "severity": "a mapping of rule code or name to error, warning or info",
    "per-file-ignores": "a mapping of glob to a list of rule codes, names or prefixes",
    "include": "a list of glob patterns",
    "exclude": "a list of glob patterns (gitignore syntax); replaces the default list",
    "extend-exclude": "a list of glob patterns (gitignore syntax) added to `exclude`",
    "fail-on": "one of error, warning, info, never",
    "placeholders": "a list of strings",
    "required-owners": "a list of decision names",
    "experiment": "a mapping with alpha, power, min_duration_days",
    "require-suppression-reason": "true or false",
    "max-file-size": "a positive integer (bytes), at most 100 MiB",
    "max-depth": "a positive integer, at most 128",
    "max-alias-nodes": "a positive integer, at most 1,000,000",
}
_EXPERIMENT_KEYS = ("alpha", "power", "min_duration_days")


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


class Config(NamedTuple):
    """The resolved configuration of one run (a ``NamedTuple``: every run makes one,
    and a dataclass costs a warm run more to define than its cache lookups)."""

    path: Optional[str] = None
    root: str = "."
    select: tuple[str, ...] = ("CL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    fail_on: str = "error"
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

    @property
    def rule_options(self) -> "RuleOptions":
        from contractlint.model import RuleOptions  # only when a file is linted

        return RuleOptions(
            placeholders=frozenset(p.strip().lower() for p in self.placeholders),
            required_owners=self.required_owners,
            alpha=self.alpha,
            power=self.power,
            min_duration_days=self.min_duration_days,
        )

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
        }


_CODE_PREFIX = re.compile(r"^CL\d{0,3}$")


def resolve_selector(selector: str, where: str) -> str:
    """A rule code, name or code prefix -> a code or code prefix; ``ALL`` -> ``CL``."""
    text = str(selector).strip()
    if text.upper() == "ALL":
        return "CL"
    if text.lower() in CODE_OF_NAME:
        return CODE_OF_NAME[text.lower()]
    upper = text.upper()
    if _CODE_PREFIX.match(upper) and any(code.startswith(upper) for code in CODES):
        return upper
    near = closest(text, [*CODES, *CODE_OF_NAME], limit=3)
    hint = f"; did you mean {', '.join(f'`{n}`' for n in near)}?" if near else ""
    raise ConfigError(f"{where}: unknown rule `{text}`{hint}")


def enabled_codes(
    select: Iterable[str], extend_select: Iterable[str], ignore: Iterable[str]
) -> frozenset[str]:
    """The decision of flake8: the longest matching selector wins; on a tie, ignore wins."""
    chosen = [*select, *extend_select]
    dropped = list(ignore)
    enabled = set()
    for code in CODES:
        best_select = max((len(s) for s in chosen if code.startswith(s)), default=-1)
        best_ignore = max((len(s) for s in dropped if code.startswith(s)), default=-1)
        if best_select >= 0 and best_select > best_ignore:
            enabled.add(code)
    return frozenset(enabled)


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
                    raise ConfigError(f"{candidate}: invalid TOML: {exc}") from None
                continue  # someone else's broken pyproject.toml
            if "contractlint" not in data.get("tool", {}):
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


def read_config_file(path: Union[str, os.PathLike[str]]) -> Mapping[str, Any]:
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
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        table = data.get("tool", {}).get("contractlint", {})
    else:
        import yaml  # only for a YAML configuration file

        try:
            table = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from None
        if table is None:
            table = {}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys to values")
    return table


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _number(value: Any, where: str, low: float, high: Optional[float] = None) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not ok or value <= low or (high is not None and value >= high):
        bound = f"between {low} and {high}" if high is not None else f"greater than {low}"
        raise ConfigError(f"{where}: expected a number {bound}, got {value!r}")
    return float(value)


# The largest value each limit accepts. Nesting is walked by recursion, and past about
# 250 levels Python's own stack gives out: 128 leaves room for the deepest caller (the
# language server, a test runner). The others bound memory and time.
LIMIT_MAXIMUMS = {
    "max-depth": 128,
    "max-file-size": 100 * 1024 * 1024,
    "max-alias-nodes": 1_000_000,
}


def _integer(value: Any, where: str, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= maximum:
        raise ConfigError(
            f"{where}: expected a positive integer of at most {maximum:,}, got {value!r}"
        )
    return value


def parse(table: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Validate a config table; returns the fields of :class:`Config` it sets."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{source}: `{key}`"
        if key not in _KEYS:
            near = closest(str(key), list(_KEYS), limit=1)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            raise ConfigError(f"{source}: unknown key `{key}`{hint}")
        if key in ("select", "ignore", "extend-select"):
            out[key.replace("-", "_")] = tuple(
                resolve_selector(s, where) for s in _strings(value, where)
            )
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected {_KEYS[key]}")
            pairs = []
            for rule, level in value.items():
                code = resolve_selector(str(rule), where)
                if code not in CODES:
                    raise ConfigError(f"{where}: `{rule}` must name one rule, not a prefix")
                if level not in ("error", "warning", "info"):
                    raise ConfigError(
                        f"{where}: severity of `{rule}` must be error, warning or info, "
                        f"got {level!r}"
                    )
                pairs.append((code, Severity(level)))
            out["severity"] = tuple(pairs)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected {_KEYS[key]}")
            out["per_file_ignores"] = tuple(
                (
                    str(glob),
                    tuple(resolve_selector(s, where) for s in _strings(codes, where)),
                )
                for glob, codes in value.items()
            )
        elif key in ("include", "exclude", "extend-exclude", "placeholders", "required-owners"):
            out[key.replace("-", "_")] = _strings(value, where)
        elif key == "fail-on":
            if value not in FAIL_ON:
                raise ConfigError(f"{where}: expected {_KEYS[key]}, got {value!r}")
            out["fail_on"] = value
        elif key == "experiment":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected {_KEYS[key]}")
            for sub, sub_value in value.items():
                sub_where = f"{source}: `experiment.{sub}`"
                if sub not in _EXPERIMENT_KEYS:
                    raise ConfigError(
                        f"{source}: unknown key `experiment.{sub}`; "
                        f"expected one of {', '.join(_EXPERIMENT_KEYS)}"
                    )
                if sub == "min_duration_days":
                    out[sub] = _number(sub_value, sub_where, 0)
                else:
                    out[sub] = _number(sub_value, sub_where, 0, 1)
        elif key == "require-suppression-reason":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: expected true or false, got {value!r}")
            out["require_suppression_reason"] = value
        else:
            out[key.replace("-", "_")] = _integer(value, where, LIMIT_MAXIMUMS[key])
    return out


def load(
    config_file: Optional[str] = None,
    cwd: Optional[Union[str, os.PathLike[str]]] = None,
    overrides: Optional[Mapping[str, Sequence[str]]] = None,
) -> Config:
    """Find and read the configuration, then apply command-line selection overrides.

    ``overrides`` holds the raw ``select``/``extend_select``/``ignore`` and
    ``exclude``/``extend_exclude`` lists given on the command line; ``select`` and
    ``exclude`` replace the config's, the others add.
    """
    here = os.fspath(cwd) if cwd is not None else os.getcwd()
    path = config_file if config_file else find_config(here)
    fields: dict[str, Any] = {}
    if path is not None:
        if config_file and not os.path.isfile(path):
            raise ConfigError(f"{path}: config file not found")
        fields = parse(read_config_file(path), str(path))
        root = os.path.dirname(os.path.realpath(path))
    else:
        real = os.path.realpath(here)
        root = git_root(real) or real
    config = Config(path=str(path) if path else None, root=root)._replace(**fields)
    overrides = overrides or {}
    select = config.select
    if overrides.get("select"):
        select = tuple(resolve_selector(s, "--select") for s in overrides["select"])
    extend = config.extend_select + tuple(
        resolve_selector(s, "--extend-select") for s in overrides.get("extend_select", ())
    )
    ignore = config.ignore + tuple(
        resolve_selector(s, "--ignore") for s in overrides.get("ignore", ())
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
        enabled=enabled_codes(select, extend, ignore),
    )


def split_list(values: Sequence[str]) -> list[str]:
    """``("CL1,CL2", "CL3")`` -> ``["CL1", "CL2", "CL3"]`` (comma lists, repeatable options)."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]
