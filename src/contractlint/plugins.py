"""Plugins: installed Python distributions that add rules (SPEC section 8).

A plugin exposes an entry point in the group :data:`GROUP` whose object is a callable
``register()`` returning an iterable of :class:`contractlint.api.Rule`. contractlint
loads a plugin only when the configuration names it under ``plugins:``: installing a
package alone runs nothing, and a configuration alone can never run code that is not
installed (a named plugin that is not installed is an error, exit 2).

Each plugin is loaded and its rules checked once per process (:func:`load`); the
configuration keeps only plain values, each plugin's name and its distribution's
version, so a new version of a plugin is a new cache key.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from contractlint.model import Rule
from contractlint.results import Severity
from contractlint.rules import CODE_OF_NAME, CODES
from contractlint.team import CODE, NAME

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

GROUP = "contractlint.plugins"


class PluginError(ValueError):
    """A plugin is not installed, does not load, or registers a bad rule; the message
    names the plugin."""


def _find(name: str) -> tuple[str, EntryPoint] | None:
    """The entry point ``name`` of :data:`GROUP` (not loaded) and its distribution's
    version, or None when no installed distribution declares it."""
    from importlib import metadata  # only when a configuration names a plugin

    for distribution in metadata.distributions():
        for entry in distribution.entry_points:
            if entry.group == GROUP and entry.name == name:
                return str(distribution.version or "0"), entry
    return None


@functools.cache
def load(name: str) -> tuple[str, tuple[Rule, ...]]:
    """Plugin ``name``: its distribution's version and its rules, each checked (a code
    and a name of its own, a check). Raises :class:`PluginError`."""
    found = _find(name)
    if found is None:
        raise PluginError(
            f"plugin `{name}` is not installed: no installed package declares it in the "
            f"entry point group `{GROUP}`; install the package that provides it into the "
            "environment contractlint runs in (`python -m pip install PACKAGE`), or remove "
            "it from `plugins`"
        )
    version, entry = found
    try:
        register = entry.load()
        registered = list(register())
    except Exception as exc:  # the plugin's own bug: a configuration error naming it
        raise PluginError(
            f"plugin `{name}` failed to register its rules: {type(exc).__name__}: {exc}"
        ) from None
    return version, _checked(name, registered)


def _checked(plugin: str, registered: Iterable[object]) -> tuple[Rule, ...]:
    where = f"plugin `{plugin}`"
    rules: list[Rule] = []
    for rule in registered:
        if not isinstance(rule, Rule):
            raise PluginError(f"{where}: registered {rule!r}, not a contractlint.api.Rule")
        code = rule.code
        if not isinstance(code, str) or not CODE.match(code) or code.startswith("CL"):
            raise PluginError(
                f"{where}: rule code {code!r}: a plugin rule's code is 2 to 10 capitals or "
                "digits, starting with a capital, then 3 digits (ACME101), and never starts "
                "with CL"
            )
        if code in CODES or any(r.code == code for r in rules):
            raise PluginError(f"{where}: rule `{code}`: the code is already a rule's")
        if not isinstance(rule.name, str) or not NAME.match(rule.name):
            raise PluginError(
                f"{where}: rule `{code}`: name {rule.name!r} is not kebab-case "
                "(model-needs-owner-email)"
            )
        if rule.name in CODE_OF_NAME or any(r.name == rule.name for r in rules):
            raise PluginError(f"{where}: rule `{code}`: `{rule.name}` is already a rule's name")
        if not callable(rule.check) or rule.compare is not None:
            raise PluginError(f"{where}: rule `{code}`: a plugin rule needs a `check` function")
        if not isinstance(rule.severity, Severity):
            raise PluginError(f"{where}: rule `{code}`: `severity` is not a Severity")
        if not isinstance(rule.kinds, tuple) or not all(isinstance(k, str) for k in rule.kinds):
            raise PluginError(f"{where}: rule `{code}`: `kinds` is not a tuple of kind names")
        rules.append(rule)
    return tuple(rules)


def rules(names: tuple[str, ...]) -> tuple[Rule, ...]:
    """The rules of the plugins ``names``, in order (each plugin loaded once)."""
    return tuple(rule for name in names for rule in load(name)[1])


def of(plugins: tuple[tuple[str, str], ...]) -> tuple[Rule, ...]:
    """The rules of a configuration's ``plugins`` ((name, version) pairs)."""
    return rules(tuple(name for name, _ in plugins)) if plugins else ()


def files(name: str) -> list[str]:
    """The Python files of plugin ``name``'s module (every one of its package, for a
    package), found without running it when it is not loaded: what the cache's run key
    stamps, so that a plugin edited in place (an editable install) keeps its version
    but not its old results."""
    import sys

    found = _find(name)
    if found is None:
        return []
    module = sys.modules.get(found[1].module)  # loaded with the configuration
    path = getattr(module, "__file__", None)
    if not path:
        import importlib.util

        try:
            spec = importlib.util.find_spec(found[1].module)
        except (ImportError, ValueError):
            spec = None
        path = spec.origin if spec is not None else None
    if not path or not os.path.isfile(path):
        return []
    if os.path.basename(path) != "__init__.py":
        return [path]
    return sorted(  # a package: every module in it
        os.path.join(here, file)
        for here, _, names in os.walk(os.path.dirname(path))
        for file in names
        if file.endswith(".py")
    )
