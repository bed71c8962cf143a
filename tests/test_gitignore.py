"""Gitignore patterns, held to two oracles: ``pathspec`` (the library the module replaces
at run time) on generated patterns and paths, and git itself, whose ``ls-files`` says
which files of a real tree a ``.gitignore`` leaves, negations included."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pathspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint.gitignore import compile_patterns

NAMES = ["a", "b", "foo", "x.yaml", "ab", "a.b"]
SEGMENTS = ["a", "b", "foo", "*", "*.yaml", "?", "[ab]", "**", "x.*", "f*o", "a?", "[!a]b"]


def _pattern(draw: st.DrawFn, negations: bool) -> str:
    pattern = "/".join(draw(st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3)))
    if draw(st.booleans()):
        pattern = "/" + pattern
    if draw(st.booleans()):
        pattern += "/"
    if negations and draw(st.integers(0, 3)) == 0:
        pattern = "!" + pattern
    return pattern


@st.composite
def _plain_patterns(draw: st.DrawFn) -> list[str]:
    # pathspec matches `dir/**` against the folder itself (as `git check-ignore` does);
    # a walk never looks inside it either way, so the tests that need git cover those.
    patterns = [_pattern(draw, negations=False) for _ in range(draw(st.integers(1, 4)))]
    return [p for p in patterns if not p.endswith(("/**", "/**/"))]


_paths = st.lists(st.sampled_from(NAMES), min_size=1, max_size=4).map("/".join)


@settings(max_examples=400, deadline=None)
@given(patterns=_plain_patterns(), path=_paths, folder=st.booleans())
def test_the_same_verdicts_as_pathspec(patterns: list[str], path: str, folder: bool) -> None:
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    parts = path.split("/")
    query = path + ("/" if folder else "")
    expected = any(
        spec.match_file("/".join(parts[:end]) + "/") for end in range(1, len(parts))
    ) or spec.match_file(query)
    assert compile_patterns(patterns).match_tree(query) == expected


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_same_files_left_as_git(tmp_path: Path) -> None:
    """Random trees and `.gitignore` files with negations: the files git leaves are
    exactly those no pattern (or folder above) excludes."""
    rng = random.Random(13)
    segments = [*SEGMENTS, "!"]  # "!" marks a negation below
    for trial in range(60):
        tree = tmp_path / str(trial)
        subprocess.run(["git", "init", "-q", str(tree)], check=True)
        files = {"/".join(rng.choices(NAMES, k=rng.randint(1, 3))) for _ in range(12)}
        files = {f for f in files if not any(g.startswith(f + "/") for g in files)}
        for name in files:
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            (tree / name).touch()
        patterns = []
        for _ in range(rng.randint(1, 4)):
            pattern = "/".join(rng.choices(segments[:-1], k=rng.randint(1, 3)))
            pattern = ("/" if rng.random() < 0.3 else "") + pattern
            pattern += "/" if rng.random() < 0.3 else ""
            patterns.append(("!" if rng.random() < 0.3 else "") + pattern)
        (tree / ".gitignore").write_text("\n".join(patterns) + "\n")
        listed = subprocess.run(
            ["git", "-C", str(tree), "ls-files", "--others", "--exclude-standard"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        compiled = compile_patterns(patterns)
        left = {f for f in files if not compiled.match_tree(f)}
        assert left == set(listed) - {".gitignore"}, patterns


@pytest.mark.parametrize(
    ("lines", "path", "expected"),
    [
        (["# a comment", "", "   "], "a", None),
        (["\\#notes"], "#notes", True),
        (["\\!important"], "!important", True),
        (["trailing   "], "trailing", True),
        (["space\\ "], "space ", True),
        (["space\\ "], "space", None),
        (["*.yaml", "!keep.yaml"], "keep.yaml", False),
        (["!keep.yaml", "*.yaml"], "keep.yaml", True),
        (["build/"], "build", None),  # a folder-only pattern and a file
        (["build/"], "build/", True),
        (["/dist"], "src/dist/", None),  # anchored to its folder
        (["dist"], "src/dist/", True),  # at any depth
        (["docs/*.md"], "docs/a.md", True),
        (["docs/*.md"], "docs/sub/a.md", None),  # `*` never crosses `/`
        (["foo/*"], "foo/", None),
        (["foo/**"], "foo/", None),  # the contents, not the folder itself
        (["foo/**"], "foo/a/b.yaml", True),
        (["a/**/b"], "a/b", True),
        (["a/**/b"], "a/x/y/b", True),
        (["**/**/x.yaml"], "x.yaml", True),
        (["*.py[cod]"], "m.pyc", True),
        (["*.py[cod]"], "m.pyx", None),
        (["[!a]b"], "bb", True),
        (["[!a]b"], "ab", None),
        (["x[ab"], "x[ab", True),  # an unclosed class is literal
        (["?"], "a/", True),
        (["a//b"], "a/b", None),  # git matches nothing with an empty segment
        ([], "a", None),
    ],
)
def test_rules(lines: list[str], path: str, expected: bool | None) -> None:
    assert compile_patterns(lines).match(path) is expected


def test_a_folder_above_decides_and_cannot_be_overridden_below() -> None:
    patterns = compile_patterns(["logs/", "!logs/keep.yaml"])
    assert patterns.match_tree("logs/keep.yaml")  # as git: the folder is never entered
    assert not compile_patterns(["logs/*", "!logs/keep.yaml"]).match_tree("logs/keep.yaml")


OTHERS = ("--others", "--exclude-standard")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_walk_leaves_what_git_leaves_with_info_exclude(tmp_path: Path) -> None:
    """`.git/info/exclude` excludes as `.gitignore` does, below it in git's order: a
    `.gitignore` negation takes a file back from it."""
    from contractlint.pipeline.discover import discover

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name in ("a.yaml", "keep.yaml", "scratch/x.yaml", "docs/b.yaml", "docs/c.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("kind: model-contract\n")
    (tmp_path / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("*.yaml\nscratch/\n!docs/b.yaml\n")
    (tmp_path / ".gitignore").write_text("!keep.yaml\n")
    listed = subprocess.run(
        ["git", "-c", "core.excludesFile=/dev/null", "-C", str(tmp_path), "ls-files", *OTHERS],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = discover([str(tmp_path)], str(tmp_path), ["*.yaml", "*.json"], [])
    walked = {Path(t.path).relative_to(tmp_path).as_posix() for t in found.targets}
    assert walked == set(listed) - {".gitignore"} == {"keep.yaml", "docs/b.yaml", "docs/c.json"}
