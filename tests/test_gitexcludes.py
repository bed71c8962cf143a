"""`core.excludesFile`: the walk skips what git's global ignore file names, found as git
finds it. git itself is the oracle: `git config` for how a value reads, `git ls-files
--others --exclude-standard` for what a walk leaves."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from contractlint import gitexcludes
from contractlint.pipeline.discover import discover

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FILES = ("a.yaml", "keep.yaml", "scratch/x.yaml", "docs/b.yaml", "docs/c.json", "d.json")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A HOME of the test's own, with no system configuration: what git and the walk
    read is only what the test writes."""
    folder = tmp_path / "home"
    folder.mkdir()
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "XDG_CONFIG_HOME", "GIT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield folder


def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("kind: model-contract\n")
    return root


def git_leaves(root: Path) -> set[str]:
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {name for name in listed if name.endswith((".yaml", ".json"))}


def walked(root: Path) -> set[str]:
    found = discover([str(root)], str(root), ["*.yaml", "*.json"], [])
    return {Path(t.path).relative_to(root).as_posix() for t in found.targets}


def test_the_default_global_ignore_file(home: Path, tmp_path: Path) -> None:
    root = repository(tmp_path)
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "ignore").write_text("*.yaml\nscratch/\n")
    (root / ".gitignore").write_text("!keep.yaml\n")  # a .gitignore outranks it
    assert walked(root) == git_leaves(root) == {"keep.yaml", "docs/c.json", "d.json"}


def test_xdg_config_home_moves_the_default(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repository(tmp_path)
    xdg = tmp_path / "xdg"
    (xdg / "git").mkdir(parents=True)
    (xdg / "git" / "ignore").write_text("docs/\n")
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "ignore").write_text("*.json\n")  # not read now
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    assert walked(root) == git_leaves(root) == {"a.yaml", "keep.yaml", "scratch/x.yaml", "d.json"}


def test_a_file_named_in_gitconfig_with_a_tilde_and_a_space(home: Path, tmp_path: Path) -> None:
    root = repository(tmp_path)
    (home / "my ignores").write_text("a.yaml\n*.json\n")
    (home / ".gitconfig").write_text(
        '[user]\n\tname = x\n[core]\n\texcludesFile = "~/my ignores"\n'
    )
    assert walked(root) == git_leaves(root) == {"keep.yaml", "scratch/x.yaml", "docs/b.yaml"}


def test_the_repository_config_outranks_the_global_one(home: Path, tmp_path: Path) -> None:
    root = repository(tmp_path)
    (home / "global").write_text("*.yaml\n")
    (tmp_path / "local").write_text("*.json\n")
    (home / ".gitconfig").write_text(f"[core]\n\texcludesfile = {home / 'global'}\n")
    with (root / ".git" / "config").open("a") as config:
        config.write(f"[Core]\n  ExcludesFile = {tmp_path / 'local'} ; the team's\n")
    assert (
        walked(root)
        == git_leaves(root)
        == {
            "a.yaml",
            "keep.yaml",
            "scratch/x.yaml",
            "docs/b.yaml",
        }
    )


def test_an_included_config_file_is_followed(home: Path, tmp_path: Path) -> None:
    root = repository(tmp_path)
    (home / "ignores").write_text("scratch\n")
    (home / "extra.gitconfig").write_text(f"[core]\nexcludesFile = {home / 'ignores'}\n")
    (home / ".gitconfig").write_text("[include]\n\tpath = extra.gitconfig\n")
    assert walked(root) == git_leaves(root) == set(FILES) - {"scratch/x.yaml"}


def test_a_linked_worktree_reads_the_main_repositorys_exclusions(
    home: Path, tmp_path: Path
) -> None:
    root = repository(tmp_path)
    subprocess.run(["git", "-C", str(root), "add", "."], check=True)
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "x"],
        check=True,
    )
    tree = tmp_path / "tree"
    subprocess.run(["git", "-C", str(root), "worktree", "add", "-q", str(tree)], check=True)
    (root / ".git" / "info" / "exclude").write_text("new*.yaml\n")
    (tmp_path / "ignores").write_text("*.json\n")
    (home / ".gitconfig").write_text(f"[core]\nexcludesFile = {tmp_path / 'ignores'}\n")
    for name in ("new.yaml", "new2.yaml", "other.yaml", "other.json"):
        (tree / name).write_text("kind: model-contract\n")
    assert git_leaves(tree) == {"other.yaml"}
    assert walked(tree) - set(FILES) == {"other.yaml"}


def test_outside_a_repository_nothing_global_applies(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.yaml").write_text("kind: model-contract\n")
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".config" / "git" / "ignore").write_text("*.yaml\n")
    assert walked(folder) == {"a.yaml"}


@pytest.mark.parametrize(
    "written",
    [
        "plain",
        "  spaced out  ",
        '"quoted # not a comment"',
        "value # a comment",
        "value ; a comment",
        '"a\\"b"',
        "back\\\\slash",
        'half"quoted  part"  x',
        "tab\\there",
        "continued \\\n  line",
        "",
        "~/relative/to/home",
    ],
)
def test_a_value_reads_as_git_reads_it(home: Path, tmp_path: Path, written: str) -> None:
    config = tmp_path / "config"
    config.write_text(f"[core]\n\texcludesFile = {written}\n")
    git = subprocess.run(
        ["git", "config", "--file", str(config), "--path", "--get", "core.excludesfile"],
        capture_output=True,
        text=True,
    )
    expected = git.stdout[:-1] if git.returncode == 0 else None
    read = gitexcludes._value_in(str(config), "core", "excludesfile", str(home), 0)
    if read is not None and read:
        read = gitexcludes._expand(read, str(home))
    assert read == expected


def test_a_subsection_of_core_is_not_core(home: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.write_text('[core "x"]\nexcludesFile = no\n[core] excludesFile = yes\n')
    assert gitexcludes._value_in(str(config), "core", "excludesfile", str(home), 0) == "yes"


def test_an_include_loop_ends(home: Path, tmp_path: Path) -> None:
    (tmp_path / "a").write_text("[include]\npath = b\n[core]\nexcludesFile = a\n")
    (tmp_path / "b").write_text("[include]\npath = a\n")
    assert gitexcludes._value_in(str(tmp_path / "a"), "core", "excludesfile", "", 0) == "a"


def test_no_home_and_no_setting_is_no_file() -> None:
    assert gitexcludes.excludes_file("/nonexistent/.git", {"GIT_CONFIG_NOSYSTEM": "1"}) is None
    assert (
        os.path.basename(gitexcludes.excludes_file("/nonexistent/.git", {"HOME": "/h"}) or "")
        == "ignore"
    )
