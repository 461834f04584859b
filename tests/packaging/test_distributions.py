"""The four distributions: lockstep versions, exact sibling pins, wheel contents, install modes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = sorted((ROOT / "packages").iterdir())
NAMES = {"pconfigs-core", "pconfigs-pinnable", "pconfigs-cli", "pconfigs-mypy"}


def project(path: Path) -> dict[str, object]:
    data = tomllib.loads((path / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]  # type: ignore[no-any-return]


def test_root_has_no_project_table() -> None:
    """The workspace root holds tool configuration and environments only."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "project" not in data
    assert "dev-mode-exact" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_four_distributions_exist() -> None:
    """packages/ holds exactly the four distributions."""
    assert {project(p)["name"] for p in PACKAGES} == NAMES


def test_versions_are_lockstep_and_sibling_pins_exact() -> None:
    """Every distribution has one version, and every dependency on a sibling is pinned == to it."""
    versions = {project(p)["version"] for p in PACKAGES}
    assert len(versions) == 1
    (version,) = versions
    import pconfigs

    assert pconfigs.__version__ == version
    for path in [*PACKAGES, ROOT / "examples" / "project"]:
        for dep in project(path).get("dependencies", []):  # type: ignore[attr-defined]
            name = re.split(r"[=<>!~;\[ ]", dep, maxsplit=1)[0]
            if name in NAMES:
                assert dep == f"{name}=={version}", f"{path.name}: {dep}"


def test_core_depends_on_typing_extensions_only() -> None:
    """pconfigs-core's only dependency is typing_extensions."""
    deps = project(ROOT / "packages" / "pconfigs-core")["dependencies"]
    assert [re.split(r"[=<>]", d)[0] for d in deps] == ["typing_extensions"]  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each distribution built as a wheel (with the hatchling of this environment, no network)."""
    out = tmp_path_factory.mktemp("wheels")
    for path in PACKAGES:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "-q",
                "--no-deps",
                "--no-build-isolation",
                "-w",
                str(out),
                str(path),
            ],
            check=True,
        )
    built = {p.name.split("-")[0].replace("_", "-"): p for p in out.glob("*.whl")}
    assert set(built) == NAMES
    return built


def test_only_core_ships_the_package_init(wheels: dict[str, Path]) -> None:
    """Only pconfigs-core's wheel contains pconfigs/__init__.py; each ships only its own subpackage."""
    expected = {
        "pconfigs-core": "pconfigs/",
        "pconfigs-pinnable": "pconfigs/pinnable/",
        "pconfigs-cli": "pconfigs/",
        "pconfigs-mypy": "pconfigs/mypy/",
    }
    for name, wheel in wheels.items():
        files = [n for n in zipfile.ZipFile(wheel).namelist() if not n.split("/")[0].endswith(".dist-info")]
        assert ("pconfigs/__init__.py" in files) == (name == "pconfigs-core"), name
        assert all(f.startswith(expected[name]) for f in files), (name, files)


def test_every_wheel_ships_py_typed(wheels: dict[str, Path]) -> None:
    """Every distribution ships a py.typed marker for its package."""
    for name, wheel in wheels.items():
        assert any(n.endswith("py.typed") for n in zipfile.ZipFile(wheel).namelist()), name


def test_core_and_pinnable_ship_their_stubs(wheels: dict[str, Path]) -> None:
    """The declarations mypy reads instead of the implementation are in the wheels, beside the modules."""
    core = zipfile.ZipFile(wheels["pconfigs-core"]).namelist()
    pinnable = zipfile.ZipFile(wheels["pconfigs-pinnable"]).namelist()
    assert "pconfigs/__init__.pyi" in core and "pconfigs/_types.pyi" in core
    assert "pconfigs/pinnable/__init__.pyi" in pinnable


def test_cli_wheel_ships_only_its_modules(wheels: dict[str, Path]) -> None:
    """pconfigs-cli ships the run and print modules and none of core's files."""
    core = {n for n in zipfile.ZipFile(wheels["pconfigs-core"]).namelist() if n.startswith("pconfigs/")}
    cli = {n for n in zipfile.ZipFile(wheels["pconfigs-cli"]).namelist() if n.startswith("pconfigs/")}
    assert not core & cli
    assert any(n.startswith("pconfigs/run") for n in cli) and any(n.startswith("pconfigs/print") for n in cli)


CHECK = (
    "import pconfigs, pconfigs.pinnable\n"
    "from pconfigs import Pinned, Pin, pproperty, pinputs\n"
    "from pconfigs.pinnable import Pinned as P2\n"
    "assert Pinned is P2\n"
    "print('ok')\n"
)


@pytest.mark.skipif(os.environ.get("PCONFIGS_SKIP_INSTALL_TESTS") == "1", reason="install tests disabled")
def test_plain_and_mixed_installs_import_the_subpackages(wheels: dict[str, Path], tmp_path: Path) -> None:
    """Installed from wheels, and with core from a wheel beside an editable pinnable, the subpackages import."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "typing_extensions", "hatchling", "editables"], check=True)
    subprocess.run([*pip, "--no-deps", str(wheels["pconfigs-core"]), str(wheels["pconfigs-pinnable"])], check=True)
    plain = subprocess.run([python, "-c", CHECK], capture_output=True, text=True, cwd=tmp_path)
    assert plain.stdout == "ok\n", plain.stderr
    subprocess.run([python, "-m", "pip", "uninstall", "-q", "-y", "pconfigs-pinnable"], check=True)
    subprocess.run(
        [*pip, "--no-deps", "--no-build-isolation", "-e", str(ROOT / "packages" / "pconfigs-pinnable")], check=True
    )
    mixed = subprocess.run([python, "-c", CHECK], capture_output=True, text=True, cwd=tmp_path)
    assert mixed.stdout == "ok\n", mixed.stderr
