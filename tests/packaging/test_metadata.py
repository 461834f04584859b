"""What each distribution tells an index and an installer: license, classifiers, project URLs, long description."""

from __future__ import annotations

import email.parser
import re
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = "https://github.com/pconfigs/pconfigs"
WANTED = [
    *(f"Programming Language :: Python :: 3.{minor}" for minor in (10, 11, 12, 13)),
    "Typing :: Typed",
    "Intended Audience :: Science/Research",
    "Development Status :: 3 - Alpha",
]


def metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))


def test_every_package_folder_holds_the_repository_license() -> None:
    """LICENSE at the root is the MIT license, and each package folder holds an identical copy for its builds."""
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    for path in sorted((ROOT / "packages").iterdir()):
        assert (path / "LICENSE").read_text(encoding="utf-8") == text, path.name


def test_license_is_in_every_wheel_and_sdist(dists: dict[str, tuple[Path, Path]]) -> None:
    """Each wheel holds LICENSE in its .dist-info/licenses and each sdist at its top, equal to the repository's."""
    text = (ROOT / "LICENSE").read_bytes()
    assert len(dists) == 4
    for name, (wheel, sdist) in dists.items():
        with zipfile.ZipFile(wheel) as archive:
            licenses = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
            assert [archive.read(n) for n in licenses] == [text], name
        with tarfile.open(sdist) as archive:
            top = sdist.name.removesuffix(".tar.gz")
            member = archive.extractfile(f"{top}/LICENSE")
            assert member is not None and member.read() == text, name


def test_license_expression_and_classifiers(dists: dict[str, tuple[Path, Path]]) -> None:
    """METADATA says MIT as a license expression, and names the supported Pythons, typing and real classifiers."""
    from trove_classifiers import classifiers as known

    for name, (wheel, _) in dists.items():
        meta = metadata(wheel)
        assert meta["License-Expression"] == "MIT", name
        assert meta.get_all("License-File") == ["LICENSE"], name
        found = meta.get_all("Classifier") or []
        assert set(found) <= known, name
        for wanted in WANTED:
            assert wanted in found, (name, wanted)
        # PEP 639: a license expression replaces the License :: classifiers, which are deprecated.
        assert not [c for c in found if c.startswith("License ::")], name
        assert ("Framework :: Pytest" in found) == (name == "pconfigs-cli"), name
        assert meta["Requires-Python"] == ">=3.10"
        assert meta["Keywords"], name


def test_project_urls(dists: dict[str, tuple[Path, Path]]) -> None:
    """Every distribution links the same home, repository, documentation, issues and changelog."""
    expected = [
        f"Homepage, {HOME}",
        f"Repository, {HOME}",
        f"Documentation, {HOME}/tree/main/docs",
        f"Issues, {HOME}/issues",
        f"Changelog, {HOME}/blob/main/CHANGELOG.md",
    ]
    for name, (wheel, _) in dists.items():
        assert sorted(metadata(wheel).get_all("Project-URL") or []) == sorted(expected), name


def test_long_description_stands_alone(dists: dict[str, tuple[Path, Path]]) -> None:
    """Each long description is its package's README in Markdown, whose links are all absolute."""
    for name, (wheel, _) in dists.items():
        meta = metadata(wheel)
        body = meta.get_payload()
        assert isinstance(body, str)
        assert meta["Description-Content-Type"] == "text/markdown", name
        assert body.strip() == (ROOT / "packages" / name / "README.md").read_text(encoding="utf-8").strip(), name
        assert body.startswith(f"# {name}\n"), name
        links = re.findall(r"\]\(([^)]*)\)", body) + re.findall(r"^\[[^\]]+\]:\s*(\S+)", body, re.M)
        assert links, name
        assert [link for link in links if not link.startswith("https://")] == [], name
