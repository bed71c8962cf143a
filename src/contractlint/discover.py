"""Stage "discover": command-line paths -> the files to lint, in a stable order.

Folders are walked for the ``include`` patterns (``*.yaml``, ``*.yml``,
``*.json``, ``*.md``), skipping what ``exclude`` or a ``.gitignore`` names and
the folders every tool skips (``.git``, caches, virtual environments). Files
named explicitly are always linted, unless ``--force-exclude`` asks for
``exclude`` to apply to them too, as pre-commit passes every staged file.

Patterns use gitignore syntax (via ``pathspec``, the library yamllint and
black use), relative to the project root.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import pathspec

ALWAYS_SKIPPED = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".contractlint_cache",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
    }
)


@dataclass(frozen=True)
class Target:
    """A file to lint: where to read it, and how to show it."""

    path: str
    display: str


@dataclass(frozen=True)
class Discovery:
    targets: tuple[Target, ...]
    missing: tuple[str, ...]
    # Folders not walked because a symlink leads back to a folder already walked.
    loops: tuple[Target, ...] = ()


def _spec(patterns: Sequence[str]) -> pathspec.PathSpec[Any]:
    import pathspec  # 50 ms of imports: only when a folder is walked or a pattern applies

    return pathspec.GitIgnoreSpec.from_lines(patterns)


class _Ignores:
    """``.gitignore`` files met on the way, each applying below its own folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache: dict[Path, pathspec.PathSpec[Any] | None] = {}

    def _for(self, folder: Path) -> pathspec.PathSpec[Any] | None:
        if folder not in self.cache:
            gitignore = folder / ".gitignore"
            spec = None
            if gitignore.is_file():
                try:
                    spec = _spec(
                        gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
                    )
                except (OSError, ValueError):
                    spec = None
            self.cache[folder] = spec
        return self.cache[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        """The deepest ``.gitignore`` that has an opinion about ``path`` decides."""
        folder = path.parent
        while True:
            spec = self._for(folder)
            if spec is not None:
                relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                result = spec.check_file(relative)
                if result.include is not None:
                    return bool(result.include)
            if folder == self.root or folder == folder.parent:
                return False
            if self.root not in folder.parents and folder != self.root:
                return False
            folder = folder.parent


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def display_path(path: Path, cwd: Path) -> str:
    """Paths are shown relative to the current folder when they are below it, by their
    own name: a symlink is shown as the link, not as the file it points to."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(cwd)).as_posix()
    except ValueError:
        return path.as_posix()


def discover(
    paths: Sequence[str],
    root: str,
    include: Sequence[str],
    exclude: Sequence[str],
    force_exclude: bool = False,
    cwd: Path | None = None,
) -> Discovery:
    cwd = cwd or Path.cwd()
    root_path = Path(root).resolve()
    ignores = _Ignores(root_path)
    seen: dict[str, Target] = {}
    missing: list[str] = []
    loops: list[Path] = []
    exclude_spec: list[pathspec.PathSpec[Any]] = []  # built when first needed

    def excluded(path: Path, real: Path, is_dir: bool) -> bool:
        if not exclude:
            return False
        if not exclude_spec:
            exclude_spec.append(_spec(exclude))
        relative = _relative(real, root_path)
        if relative is None:
            relative = path.as_posix()
        return exclude_spec[0].match_file(relative + ("/" if is_dir else ""))

    for raw in paths or ["."]:
        path = Path(raw)
        if path.is_dir():
            include_spec = _spec(include)
            for file, real in _walk(path, root_path, include_spec, excluded, ignores, loops):
                seen.setdefault(str(real), Target(str(file), display_path(file, cwd)))
        elif path.exists() or path.is_symlink():
            if force_exclude and excluded(path, path.resolve(), False):
                continue
            seen.setdefault(str(path.resolve()), Target(str(path), display_path(path, cwd)))
        else:
            missing.append(raw)
    targets = sorted(seen.values(), key=lambda t: t.display)
    # Shown by the path that was walked: resolving it would name the folder it loops to.
    looped = tuple(Target(str(p), Path(os.path.relpath(p, cwd)).as_posix()) for p in loops)
    return Discovery(tuple(targets), tuple(missing), looped)


def _walk(
    top: Path,
    root: Path,
    include: pathspec.PathSpec[Any],
    excluded: Callable[[Path, Path, bool], bool],
    ignores: _Ignores,
    loops: list[Path],
) -> Iterator[tuple[Path, Path]]:
    """The files to lint below ``top``, each with its real path."""
    visited = set()
    for folder, dirs, files in os.walk(top, followlinks=True):
        here = Path(folder)
        real = os.path.realpath(folder)
        if real in visited:
            dirs[:] = []  # a symlink loop: reported once, never followed
            loops.append(here)
            continue
        visited.add(real)
        kept = []
        for name in dirs:
            if name in ALWAYS_SKIPPED:
                continue
            real_dir = _resolved(folder, real, name)
            if excluded(here / name, real_dir, True) or ignores.ignored(real_dir, True):
                continue
            kept.append(name)
        dirs[:] = sorted(kept)
        for name in sorted(files):
            if not include.match_file(name):
                continue
            file, real_file = here / name, _resolved(folder, real, name)
            if excluded(file, real_file, False) or ignores.ignored(real_file, False):
                continue
            yield file, real_file


def _resolved(folder: str, real_folder: str, name: str) -> Path:
    """The real path of ``folder/name``, given the folder's: only a symlink needs resolving."""
    path = os.path.join(folder, name)
    if os.path.islink(path):
        return Path(os.path.realpath(path))
    return Path(real_folder, name)
