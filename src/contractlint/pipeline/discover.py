"""Stage "discover": command-line paths -> the files to lint, in a stable order.

Folders are walked for the ``include`` patterns (``*.yaml``, ``*.yml``,
``*.json``, ``*.md``), skipping what ``exclude`` or a ``.gitignore`` names and
the folders every tool skips (``.git``, caches, virtual environments). Files
named explicitly are always linted, unless ``--force-exclude`` asks for
``exclude`` to apply to them too, as pre-commit passes every staged file.

Patterns use gitignore syntax (compiled by :mod:`contractlint.gitignore`),
relative to the project root.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import functools
import os
import re
from collections.abc import Iterator, Sequence
from typing import Callable, NamedTuple, Optional, Union

from contractlint import gitexcludes
from contractlint.gitignore import Patterns, compile_patterns
from contractlint.paths import as_posix, inside, relative_from, relative_to, shown

# A pattern that is a plain name (``node_modules``, ``build/``) matches a file or folder
# of that name at any depth: the walker checks it against each entry's name, a set
# lookup, instead of matching paths.
_NAME = re.compile(r"^[^/*?\[\]!\\#]+/?$")


class Target(NamedTuple):
    """A file to lint: where to read it, and how to show it."""

    path: str
    display: str
    real: str = ""  # the real path, when discovery already resolved it


class Discovery(NamedTuple):
    targets: tuple[Target, ...]
    missing: tuple[str, ...]
    # Folders not walked because a symlink leads back up to a folder above them (CL006).
    loops: tuple[Target, ...] = ()
    # Files named on the command line that ``exclude`` skips (``--force-exclude``).
    excluded: tuple[Target, ...] = ()
    # Links to a folder walked by its own path (`docs/examples -> ../examples`): its
    # files are linted once, under that path.
    aliases: tuple[Target, ...] = ()


class _Ignores:
    """``.gitignore`` files met on the way, each applying below its own folder."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.specs: dict[str, Optional[Patterns]] = {}
        self.chains: dict[str, tuple[tuple[str, Patterns], ...]] = {}

    def _spec_in(self, folder: str, name: str = ".gitignore") -> Optional[Patterns]:
        key = os.path.join(folder, name)
        if key not in self.specs:
            spec = None
            if os.path.isfile(key):
                try:
                    with open(key, encoding="utf-8", errors="replace") as handle:
                        spec = compile_patterns(handle.read().splitlines())
                except (OSError, ValueError):
                    spec = None
            self.specs[key] = spec if spec is not None and spec.regex is not None else None
        return self.specs[key]

    def _repository_excludes(self) -> tuple[Patterns, ...]:
        """The repository's own exclusions, below its `.gitignore` files as git ranks
        them: `.git/info/exclude`, then `core.excludesFile`; their patterns are relative
        to the root."""
        git_dir = gitexcludes.git_folder(self.root)
        if git_dir is None:
            return ()
        files = [os.path.join(git_dir, "info", "exclude")]
        named = gitexcludes.excludes_file(git_dir, os.environ)
        if named is not None:
            files.append(named)
        specs = (self._spec_in(self.root, path) for path in files)
        return tuple(spec for spec in specs if spec is not None)

    def chain(self, folder: str) -> tuple[tuple[str, Patterns], ...]:
        """The ``.gitignore`` files that apply in ``folder`` (a real path), deepest first:
        its own and its parents' up to the project root (none outside the root)."""
        if folder not in self.chains:
            chain: tuple[tuple[str, Patterns], ...] = ()
            if inside(folder, self.root):
                spec = self._spec_in(folder)
                parent = os.path.dirname(folder)
                above = self.chain(parent) if folder != self.root and parent != folder else ()
                if folder == self.root:
                    above = tuple((folder, spec) for spec in self._repository_excludes())
                chain = (((folder, spec),) if spec is not None else ()) + above
            self.chains[folder] = chain
        return self.chains[folder]

    def ignored(self, path: str, is_dir: bool, folder: Optional[str] = None) -> bool:
        """The deepest ``.gitignore`` that has an opinion about ``path`` (a real path, in
        the real ``folder`` when given) decides."""
        chain = self.chain(folder if folder is not None else os.path.dirname(path))
        for folder, spec in chain:
            relative = path[len(folder) :].lstrip(os.sep).replace(os.sep, "/")
            result = spec.match(relative + ("/" if is_dir else ""))
            if result is not None:
                return result
        return False


# How a path named on the command line is shown: the CLI and the API call it by this name.
display_path = shown


def discover(
    paths: Sequence[str],
    root: str,
    include: Sequence[str],
    exclude: Sequence[str],
    force_exclude: bool = False,
    cwd: Optional[Union[str, os.PathLike[str]]] = None,
) -> Discovery:
    """The files to lint. ``exclude`` (gitignore patterns, relative to ``root``) prunes
    the walk, as ``.gitignore`` files do; files named explicitly are always read,
    unless ``force_exclude``."""
    here = os.fspath(cwd) if cwd is not None else os.getcwd()
    root_path = os.path.realpath(root)
    ignores = _Ignores(root_path)
    seen: dict[str, Target] = {}
    missing: list[str] = []
    loops: list[str] = []
    aliases: list[str] = []
    excluded_files: list[Target] = []
    names = frozenset(p.rstrip("/") for p in exclude if _NAME.match(p) and not p.endswith("/"))
    folder_names = frozenset(p.rstrip("/") for p in exclude if _NAME.match(p))
    patterns = [p for p in exclude if not _NAME.match(p)]

    spec: list[Patterns] = []  # the path patterns, compiled when first needed

    def excluded(path: str, real: str, is_dir: bool) -> bool:
        """``path`` (walked) matches one of ``exclude``'s path patterns."""
        if not spec:
            spec.append(_compiled(tuple(patterns)))
        relative = relative_to(real, root_path)
        if relative is None:
            relative = as_posix(path)
        return bool(spec[0].match(relative + ("/" if is_dir else "")))

    for raw in paths or ["."]:
        if os.path.isdir(raw):
            includes = includer(include)
            skip = _Skip(names, folder_names, excluded if patterns else None)
            for target, real in _walk(raw, here, includes, skip, ignores, loops, aliases):
                seen.setdefault(real, target)
        elif os.path.lexists(raw):
            real = os.path.realpath(raw)
            target = Target(as_posix(raw), shown(raw, here))
            if force_exclude and named_excluded(raw, root_path, exclude):
                excluded_files.append(target)
                continue
            seen.setdefault(real, target)
        else:
            missing.append(raw)
    targets = sorted(seen.values(), key=lambda t: t.display)
    # Shown by the path that was walked: resolving it would name the folder it loops to.
    looped, linked = (
        tuple(Target(p, relative_from(os.path.abspath(p), here) or as_posix(p)) for p in found)
        for found in (loops, aliases)
    )
    return Discovery(tuple(targets), tuple(missing), looped, tuple(excluded_files), linked)


@functools.lru_cache(maxsize=16)
def _compiled(patterns: tuple[str, ...]) -> Patterns:
    return compile_patterns(patterns)


def named_excluded(path: str, root: str, exclude: Sequence[str]) -> bool:
    """Whether ``exclude`` skips the file ``path`` named on its own (``--force-exclude``,
    or an editor's buffer): by its name, or by any folder above it. The file need not
    exist (an editor's unsaved buffer)."""
    if not exclude:
        return False
    relative = relative_to(os.path.realpath(path), os.path.realpath(root))
    return _compiled(tuple(exclude)).match_tree(
        relative if relative is not None else as_posix(path)
    )


class _Skip(NamedTuple):
    """What ``exclude`` prunes from a walk: names of files, names of folders, and a test
    for the patterns that are paths."""

    names: frozenset[str]
    folder_names: frozenset[str]
    excluded: Optional[Callable[[str, str, bool], bool]]


def _walk(
    top: str,
    cwd: str,
    include: Callable[[str], bool],
    skip: _Skip,
    ignores: _Ignores,
    loops: list[str],
    aliases: list[str],
) -> Iterator[tuple[Target, str]]:
    """The files to lint below ``top``, each with its real path, folder by folder in
    sorted order (``os.scandir`` and plain strings: a monorepo has tens of thousands
    of files, and a directory entry knows whether it is a link without a system call).
    Excluded folders are pruned, never entered; only regular files are yielded (a FIFO
    or a device named ``*.yaml`` would block or never end); a symlink is followed only
    when it stays inside the project root or the folder being walked, and after every
    folder that is not a link, so that a folder is walked by its own path first."""
    visited = set()
    stack = [as_posix(top)]
    links: list[str] = []  # folders that are symlinks: walked last
    tops = (ignores.root, os.path.realpath(top))
    while stack or links:
        folder = stack.pop() if stack else links.pop(0)
        real = os.path.realpath(folder)
        if real in visited:
            if inside(os.path.realpath(os.path.dirname(folder)), real):
                loops.append(folder)  # leads back up: reported once, never followed
            else:
                aliases.append(folder)  # another way to a folder walked: nothing new
            continue
        visited.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue  # unreadable folder: as os.walk does, skip it
        folders: list[str] = []
        where = shown(folder, cwd)
        prefix = "" if where == "." else where.rstrip("/") + "/"
        gitignored = bool(ignores.chain(real))  # a .gitignore applies in this folder
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()  # a link to a folder is walked too
            except OSError:
                is_dir = False
            if is_dir:
                if name in skip.folder_names:
                    continue
            elif name in skip.names or not include(name):
                continue
            else:
                try:
                    if not entry.is_file():
                        continue  # a FIFO, socket or device: never read
                except OSError:
                    continue
            is_link = entry.is_symlink()
            real_path = os.path.realpath(entry.path) if is_link else real + os.sep + name
            if is_link and not any(inside(real_path, top) for top in tops):
                continue  # a symlink out of the project (and of the folder asked for)
            if skip.excluded is not None and skip.excluded(entry.path, real_path, is_dir):
                continue
            if (is_link or gitignored) and ignores.ignored(
                real_path, is_dir, None if is_link else real
            ):
                continue
            if is_dir:
                (links if is_link else folders).append(entry.path)
            else:
                yield Target(entry.path, prefix + name, real_path), real_path
        stack.extend(reversed(folders))


def includer(patterns: Sequence[str]) -> Callable[[str], bool]:
    """Whether a file name matches ``include``: plain ``*.ext`` patterns (the default)
    by suffix, anything else with gitignore semantics."""
    if all(p.startswith("*.") and not any(c in p[2:] for c in "*?[]/\\!") for p in patterns):
        suffixes = tuple(p[1:] for p in patterns)
        return lambda name: name.endswith(suffixes)
    spec = compile_patterns(patterns)
    return lambda name: bool(spec.match(name))
