"""``contractlint.paths``: paths relative to the project root, the current folder or the
workspace; inside and outside, through symlinks and ``..``."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractlint import paths
from contractlint.paths import Folder

needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="needs symlinks")


# --- strings: no file system ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a.yaml", "a.yaml"),
        ("./plans//a.yaml/", "plans/a.yaml"),
        (".", "."),
        ("", "."),
        ("./", "."),
        ("/abs/./x", "/abs/x"),
        ("../up/a.yaml", "../up/a.yaml"),  # `..` is kept: it is not resolved
        (Path("p") / "q.yaml", "p/q.yaml"),
    ],
)
def test_as_posix(path: str | Path, expected: str) -> None:
    assert paths.as_posix(path) == expected


@pytest.mark.skipif(os.sep != "/", reason="POSIX paths")
@pytest.mark.parametrize(
    ("path", "folder", "expected"),
    [
        ("/p/a.yaml", "/p", "a.yaml"),
        ("/p/sub/a.yaml", "/p", "sub/a.yaml"),
        ("/p", "/p", "."),
        ("/p/", "/p/", "."),
        ("/p/a.yaml", "/p/", "a.yaml"),
        ("/pq/a.yaml", "/p", None),  # a sibling that starts with the same letters
        ("/a.yaml", "/p", None),
        ("/", "/p", None),
        ("/p", "/p/sub", None),
        ("/x/a.yaml", "/", "x/a.yaml"),
        ("/", "/", "."),
    ],
)
def test_relative_to_and_inside(path: str, folder: str, expected: str | None) -> None:
    assert paths.relative_to(path, folder) == expected
    assert paths.inside(path, folder) is (expected is not None)


_PARTS = st.lists(st.sampled_from(["a", "b", "ab", "a.yaml", "..a", "x y", "é"]), max_size=4)


@pytest.mark.skipif(os.sep != "/", reason="POSIX paths")
@given(_PARTS, _PARTS)
def test_relative_to_agrees_with_pathlib(folder_parts: list[str], path_parts: list[str]) -> None:
    folder = PurePosixPath("/", *folder_parts)
    for path in (PurePosixPath("/", *path_parts), folder.joinpath(*path_parts)):
        try:
            expected: str | None = path.relative_to(folder).as_posix()
        except ValueError:
            expected = None
        assert paths.relative_to(str(path), str(folder)) == expected
        # ...and with os.path.relpath, which climbs out instead of giving up.
        climbing = os.path.relpath(str(path), str(folder))
        assert paths.relative_from(str(path), str(folder)) == climbing
        assert (expected is not None) is not (climbing == ".." or climbing.startswith("../"))


def test_relative_from_climbs_out(tmp_path: Path) -> None:
    start = str(tmp_path / "cwd")
    assert paths.relative_from(str(tmp_path / "other" / "a.yaml"), start) == "../other/a.yaml"
    assert paths.relative_from(str(tmp_path / "cwd" / "a.yaml"), start) == "a.yaml"
    assert paths.relative_from(start, start) == "."


def test_absolute_takes_dotdot_lexically(tmp_path: Path) -> None:
    cwd = str(tmp_path / "cwd")
    assert paths.absolute("a/../b.yaml", cwd) == str(tmp_path / "cwd" / "b.yaml")
    assert paths.absolute("../b.yaml", cwd) == str(tmp_path / "b.yaml")
    assert paths.absolute(str(tmp_path / "x.yaml"), cwd) == str(tmp_path / "x.yaml")


def test_shown_is_relative_to_the_cwd_when_below_it(tmp_path: Path) -> None:
    cwd = tmp_path / "cwd"
    assert paths.shown(cwd / "plans" / "a.yaml", cwd) == "plans/a.yaml"
    assert paths.shown(str(cwd), str(cwd)) == "."
    outside = tmp_path / "elsewhere" / "a.yaml"
    assert paths.shown(outside, cwd) == outside.as_posix()  # as given
    assert paths.shown("../elsewhere/./a.yaml", cwd) == "../elsewhere/a.yaml"


# --- the file system: symlinks and `..` -------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """``outside/ext.yaml``, and ``project/`` holding ``plans/a.yaml``, a link to it, a
    link out to ``ext.yaml``, and a link to the ``plans`` folder."""
    base = tmp_path.resolve()  # no symlink above the test's own
    (base / "outside").mkdir()
    (base / "outside" / "ext.yaml").write_text("kind: x\n", encoding="utf-8")
    root = base / "project"
    (root / "plans").mkdir(parents=True)
    (root / "sub").mkdir()
    (root / "plans" / "a.yaml").write_text("kind: x\n", encoding="utf-8")
    if sys.platform != "win32":
        (root / "link-in.yaml").symlink_to(Path("plans") / "a.yaml")
        (root / "link-out.yaml").symlink_to(base / "outside" / "ext.yaml")
        (root / "sub" / "plans-link").symlink_to(root / "plans", target_is_directory=True)
        (base / "outside" / "link-into.yaml").symlink_to(root / "plans" / "a.yaml")
        (base / "root-link").symlink_to(root, target_is_directory=True)
    return root


def test_folder_inside_and_outside(project: Path) -> None:
    root = Folder(str(project), str(project))
    assert root.by_name("plans/a.yaml") == "plans/a.yaml"
    assert root.by_target("plans/a.yaml") == "plans/a.yaml"
    assert root.by_name(".") == "."
    assert root.by_name("../outside/ext.yaml") is None
    assert root.by_target("../outside/ext.yaml") is None
    assert root.absolute("../outside/ext.yaml") == str(project.parent / "outside" / "ext.yaml")


def test_folder_from_another_cwd(project: Path) -> None:
    root = Folder(str(project), str(project / "sub"))
    assert root.by_name("../plans/a.yaml") == "plans/a.yaml"
    assert root.by_target("../plans/a.yaml") == "plans/a.yaml"
    assert root.by_name(str(project / "plans" / "a.yaml")) == "plans/a.yaml"  # absolute
    assert root.by_name("../../outside/ext.yaml") is None
    # A relative folder is taken from the current folder, as the run's root would be.
    assert Folder(os.path.relpath(project), str(project)).by_name("plans/a.yaml") == (
        "plans/a.yaml"
    )


def test_folder_takes_dotdot_lexically_by_name_and_physically_by_target(project: Path) -> None:
    root = Folder(str(project), str(project))
    assert root.by_name("sub/../plans/a.yaml") == "plans/a.yaml"
    if sys.platform == "win32":
        return
    # `sub/plans-link` leads to `plans`: by name, `..` climbs back to `sub/`; where it
    # leads, `..` climbs out of `plans/` to the root.
    assert root.by_name("sub/plans-link/../x.yaml") == "sub/x.yaml"
    assert root.by_target("sub/plans-link/../plans/a.yaml") == "plans/a.yaml"


@needs_symlinks
def test_folder_and_symlinks(project: Path) -> None:
    root = Folder(str(project), str(project))
    # A link inside to a file inside: by its own name, or by where it leads.
    assert root.by_name("link-in.yaml") == "link-in.yaml"
    assert root.by_target("link-in.yaml") == "plans/a.yaml"
    # A link inside to a file outside: shown by its name, but it leads out.
    assert root.by_name("link-out.yaml") == "link-out.yaml"
    assert root.by_target("link-out.yaml") is None
    # A link outside to a file inside: by where it leads, both ways.
    assert root.by_name("../outside/link-into.yaml") == "plans/a.yaml"
    assert root.by_target("../outside/link-into.yaml") == "plans/a.yaml"
    # A folder reached through a link.
    assert root.by_name("sub/plans-link/a.yaml") == "sub/plans-link/a.yaml"
    assert root.by_target("sub/plans-link/a.yaml") == "plans/a.yaml"


@needs_symlinks
def test_a_root_given_through_a_symlink(project: Path) -> None:
    link = project.parent / "root-link"
    # Run from the real folder with the root named by the link, and the other way round.
    root = Folder(str(link), str(project))
    assert root.real == str(project)
    assert root.by_name("plans/a.yaml") == "plans/a.yaml"  # through where the root leads
    assert root.by_target("plans/a.yaml") == "plans/a.yaml"
    from_link = Folder(str(project), str(link))
    assert from_link.by_name("plans/a.yaml") == "plans/a.yaml"
    assert from_link.by_target("link-in.yaml") == "plans/a.yaml"
    assert from_link.by_name("../outside/ext.yaml") is None


@needs_symlinks
def test_shown_keeps_the_name_of_a_symlink(project: Path) -> None:
    assert paths.shown(project / "link-in.yaml", project) == "link-in.yaml"
    assert paths.shown(project / "sub" / "plans-link" / "a.yaml", project / "sub") == (
        "plans-link/a.yaml"
    )


@needs_symlinks
def test_each_path_is_resolved_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resolved: list[str] = []
    realpath = os.path.realpath

    def counting(path: str) -> str:
        resolved.append(path)
        return realpath(path)

    monkeypatch.setattr(os.path, "realpath", counting)
    root = Folder(str(project), str(project))
    for _ in range(3):  # three findings in each file
        assert root.by_name("plans/a.yaml") == "plans/a.yaml"
        assert root.by_name("../outside/link-into.yaml") == "plans/a.yaml"
        assert root.by_target("link-in.yaml") == "plans/a.yaml"
        assert root.by_target("plans/a.yaml") == "plans/a.yaml"
    # The root once; each file once per question (a path inside by name, none).
    assert resolved.count(str(project)) == 1
    assert len(resolved) == 4


# --- URIs (SARIF) -------------------------------------------------------------------

_PATH_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), max_size=30
)


@given(_PATH_TEXT)
def test_uri_path_encodes_as_urllib_does(path: str) -> None:
    from urllib.parse import quote

    assert paths.uri_path(path) == quote(path, safe="/")


@pytest.mark.skipif(os.name == "nt", reason="POSIX paths")
@given(st.lists(_PATH_TEXT.filter(lambda part: "/" not in part), max_size=4))
def test_file_uri_is_pathlibs(parts: list[str]) -> None:
    path = os.path.abspath("/" + "/".join(parts))
    assert paths.file_uri(path) == Path(path).as_uri()


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names")
def test_a_name_that_is_not_utf8_is_encoded_by_its_bytes() -> None:
    name = os.fsdecode(b"plan-\xff.yaml")  # a surrogate escape
    assert paths.uri_path(name) == "plan-%FF.yaml"
    assert paths.file_uri("/p/" + name) == Path("/p/" + name).as_uri()


@given(st.lists(st.sampled_from(["a", "b.yaml", ".", "..", "", "c d"]), min_size=1, max_size=5))
def test_by_name_from_the_root_is_the_normalized_relative_path(parts: list[str]) -> None:
    root = os.path.abspath("/project/root")
    path = "/".join(parts)
    expected = paths.relative_to(os.path.normpath(os.path.join(root, path)), root)
    assert Folder(root, root).by_name(path) == expected
