"""The type-test harness: snippets whose expected diagnostics are written inline, run through `mypy.api`.

A test writes one or more files; each line may end with expectations:

    config = TrainerConfig(stepz=3)  # E: Unexpected keyword argument "stepz" for "TrainerConfig"; did you mean "steps"?  [call-arg]
    reveal_type(config.steps)  # N: Revealed type is "builtins.int"

Several expectations on one line follow each other (`# E: ... # N: ...`). mypy runs with the plugin enabled and
the harness compares, line by line, every diagnostic mypy printed with every expectation, then fails with one
report listing every mismatch (missing and unexpected alike). Union types and builtins are compared in one
spelling (`X | None`, `int`), because the supported mypy versions print them differently; for the same reason
mypy's notes that point at a callee's definition (`"f" defined in "module"`, or `"f" defined here` in older
versions), which only some versions add to a call's errors, are left out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import mypy.api
import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_SRC = REPO / "examples" / "project" / "src"

DEFAULT_CONFIG = """\
[mypy]
plugins = pconfigs.mypy
"""

_EXPECTATION = re.compile(r"#\s*([EN]):\s*(.*?)\s*(?=#\s*[EN]:|$)")
_DIAGNOSTIC = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<severity>error|note): (?P<message>.*)$")


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def normalize(message: str) -> str:
    """One spelling for unions (`Union[A, B]` -> `A | B`, `Optional[A]` -> `A | None`) and builtins (`int`)."""
    message = re.sub(r"\bbuiltins\.", "", message).replace("Type[", "type[")
    while True:
        match = re.search(r"\b(Union|Optional)\[", message)
        if match is None:
            return message
        start, depth, i = match.end(), 1, match.end()
        parts, last = [], start
        while depth:
            ch = message[i]
            if ch == "[":
                depth += 1
            elif ch == "]":
                depth -= 1
            elif ch == "," and depth == 1:
                parts.append(message[last:i].strip())
                last = i + 1
            i += 1
        parts.append(message[last : i - 1].strip())
        if match.group(1) == "Optional":
            parts.append("None")
        message = message[: match.start()] + " | ".join(parts) + message[i:]


def expectations(root: Path, files: Mapping[str, str]) -> list[Diagnostic]:
    found = []
    for name, text in files.items():
        for number, line in enumerate(text.splitlines(), start=1):
            for kind, message in _EXPECTATION.findall(line):
                severity = "error" if kind == "E" else "note"
                found.append(Diagnostic(name, number, severity, normalize(message)))
    return found


_DEFINED_HERE = re.compile(r'^"[^"]+"( of "[^"]+")? defined (in "[^"]+"|here)$')


def parse(output: str, root: Path) -> list[Diagnostic]:
    found = []
    for line in output.splitlines():
        match = _DIAGNOSTIC.match(line)
        if match is None or _DEFINED_HERE.match(match["message"]):
            continue
        path = Path(match["path"])
        if path.is_absolute() and path.is_relative_to(root):
            path = path.relative_to(root)
        found.append(Diagnostic(path.as_posix(), int(match["line"]), match["severity"], normalize(match["message"])))
    return found


@dataclass
class Result:
    diagnostics: list[Diagnostic]
    stdout: str
    stderr: str
    status: int


class Checker:
    """Writes snippets to a directory and runs mypy over them with the plugin."""

    def __init__(self, root: Path, cache_dir: Path) -> None:
        self.root = root
        self.cache_dir = cache_dir
        self.files: dict[str, str] = {}

    def write(self, files: Mapping[str, str], config: str = DEFAULT_CONFIG, config_name: str = "mypy.ini") -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            text = textwrap.dedent(text).lstrip("\n")
            self.files[name] = text
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        self.config_file = self.root / config_name
        self.config_file.write_text(textwrap.dedent(config), encoding="utf-8")

    def run(self, *targets: str, extra: tuple[str, ...] = ()) -> Result:
        args = [
            *(targets or sorted(n for n in self.files if n.endswith(".py"))),
            "--config-file",
            str(self.config_file),
            "--cache-dir",
            str(self.cache_dir),
            "--show-error-codes",
            "--no-error-summary",
            "--hide-error-context",
            "--no-pretty",
            "--no-color-output",
            *extra,
        ]
        stdout, stderr, status = run_mypy(self.root, args)
        return Result(parse(stdout, self.root), stdout, stderr, status)

    def check(
        self, files: Mapping[str, str] | None = None, *, config: str = DEFAULT_CONFIG, config_name: str = "mypy.ini"
    ) -> Result:
        """Write `files` (if given), run mypy, and fail with every mismatch against the inline expectations."""
        if files is not None:
            self.write(files, config, config_name)
        result = self.run()
        assert_matches(expectations(self.root, self.files), result)
        return result


def run_mypy(root: Path, args: list[str]) -> tuple[str, str, int]:
    import os

    old = Path.cwd()
    os.chdir(root)
    try:
        return mypy.api.run(args)
    finally:
        os.chdir(old)


def assert_matches(expected: list[Diagnostic], result: Result) -> None:
    if "INTERNAL ERROR" in result.stdout + result.stderr or result.status == 2:
        pytest.fail(f"mypy crashed or refused to run:\n{result.stdout}\n{result.stderr}", pytrace=False)
    remaining = list(result.diagnostics)
    missing = []
    for e in expected:
        if e in remaining:
            remaining.remove(e)
        else:
            missing.append(e)
    if missing or remaining:
        report = ["mypy's diagnostics differ from the expectations written in the snippets:"]
        report += [f"  expected, not reported:  {d}" for d in sorted(missing)]
        report += [f"  reported, not expected:  {d}" for d in sorted(remaining)]
        pytest.fail("\n".join(report), pytrace=False)


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the snippet tests: typeshed is analysed once per session, snippets each time."""
    return tmp_path_factory.mktemp("mypy-cache")


@pytest.fixture
def checker(tmp_path: Path, shared_cache: Path) -> Checker:
    return Checker(tmp_path / "src", shared_cache)


@pytest.fixture
def check(checker: Checker) -> Callable[..., Result]:
    """`check({"name.py": source, ...})`: run mypy with the plugin and compare with the inline expectations."""
    return checker.check


TRAINER = EXAMPLE_SRC / "project" / "modules" / "trainer.py"
"""The walkthrough's trainer module, copied into snippets that make mistakes in experiment files."""
