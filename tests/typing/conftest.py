"""The typing corpus: every case file under `cases/` checked by mypy (with the plugin) and by pyright in two modes.

Each checker runs once per session over the whole corpus (one mypy run, one pyright run in `standard` mode and one
in `off` mode, the mode Pylance uses unless told otherwise); the tests then compare each file's diagnostics with
the expectations written in it. A case line states what each checker reports on it, after the code:

    config = TrainerConfig(first, stepz=4)  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue(other)
    reveal_type(config.lr_schedule)  # reveal: list[float]

* `# mypy: CODE ...`, `# pyright-standard: RULE ...`, `# pyright-off: RULE ...`: the diagnostics that checker
  reports on the line,
  by mypy error code or pyright rule (pyright's errors and warnings both count: Pylance shows both). A line without
  a tag for a checker expects nothing from it.
* `CODE(other)`: the checker reports something on the mistake's line, but not the mistake (a false error that
  happens to sit there). It counts as a miss.
* `# mistake`: the one line of a file under `cases/mistakes/` that holds its mistake. A checker catches the mistake
  when it has an expectation on that line not marked `(other)`.
* `# reveal: TYPE` on a `reveal_type(...)` line: the type every checker reveals, in one spelling (`int`,
  `list[float]`, `X | None`, classes by bare name); `# reveal-mypy:` and `# reveal-pyright:` when they differ.

Files under `cases/valid/` and `cases/lib/` are valid code (a test runs them); every diagnostic on them is a false
error. pyright reads the installed distributions through one merged `pconfigs` folder of links, the layout of an
install from wheels: it does not merge a package spread over several editable source folders (docs/05-mypy.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
REPO = HERE.parents[1]
CHECKERS = ("mypy", "pyright-standard", "pyright-off")

MYPY_CONFIG = """\
[mypy]
plugins = pconfigs.mypy

[pconfigs-mypy]
defaults_elsewhere = lib.loader.LoaderConfig
"""

_TAG = re.compile(r"#\s*(mypy|pyright-standard|pyright-off|reveal-mypy|reveal-pyright|reveal|mistake)\b:?\s*([^#]*)")


@dataclass(frozen=True, order=True)
class Found:
    """One diagnostic: a code (or `reveal`, whose detail is the type), at a line of a case file."""

    line: int
    code: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.line}: {self.code}" + (f" {self.detail}" if self.detail else "")


@dataclass
class Case:
    path: Path
    expected: dict[str, list[Found]] = field(default_factory=lambda: {c: [] for c in CHECKERS})
    other: dict[str, Counter[int]] = field(default_factory=lambda: {c: Counter() for c in CHECKERS})
    mistake: int | None = None

    def catches(self, checker: str) -> bool:
        """Whether the checker reports the file's mistake: a diagnostic on its line not marked `(other)`."""
        on_line = sum(1 for f in self.expected[checker] if f.line == self.mistake and f.code != "reveal")
        return self.mistake is not None and on_line > self.other[checker][self.mistake]

    @property
    def name(self) -> str:
        return self.path.relative_to(CASES).as_posix()

    @property
    def kind(self) -> str:
        return self.path.relative_to(CASES).parts[0]


def read_case(path: Path) -> Case:
    case = Case(path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "#" not in line:
            continue
        reveals: dict[str, str] = {}
        for tag, body in _TAG.findall(line[line.index("#") :]):
            body = body.strip()
            if tag == "mistake":
                case.mistake = number
            elif tag.startswith("reveal"):
                for checker in ("mypy",) if tag == "reveal-mypy" else ("pyright",) if tag == "reveal-pyright" else ():
                    reveals[checker] = body
                if tag == "reveal":
                    reveals.setdefault("mypy", body)
                    reveals.setdefault("pyright", body)
            else:
                for token in body.split():
                    code = token.removesuffix("(other)")
                    case.expected[tag].append(Found(number, code))
                    if code != token:
                        case.other[tag][number] += 1
        if "mypy" in reveals:
            case.expected["mypy"].append(Found(number, "reveal", reveals["mypy"]))
        if "pyright" in reveals:
            for checker in ("pyright-standard", "pyright-off"):
                case.expected[checker].append(Found(number, "reveal", reveals["pyright"]))
    return case


def all_cases() -> list[Case]:
    return [read_case(p) for p in sorted(CASES.rglob("*.py")) if p.name != "__init__.py"]


def normalize_type(text: str) -> str:
    """One spelling of a revealed type: no module prefixes, `X | Y` unions, no mypy `?`/`*` marks."""
    text = re.sub(r"\b(?:[a-z_][a-z0-9_]*\.)+(?=[A-Za-z_])", "", text).replace("*", "").replace("?", "")
    text = text.replace("Type[", "type[").replace("Unknown", "Any")
    while True:
        match = re.search(r"\b(Union|Optional)\[", text)
        if match is None:
            return text
        depth, i, last, parts = 1, match.end(), match.end(), []
        while depth:
            ch = text[i]
            depth += ch == "["
            depth -= ch == "]"
            if ch == "," and depth == 1:
                parts.append(text[last:i].strip())
                last = i + 1
            i += 1
        parts.append(text[last : i - 1].strip())
        parts += ["None"] if match.group(1) == "Optional" else []
        text = text[: match.start()] + " | ".join(parts) + text[i:]


_MYPY_LINE = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<severity>error|note): (?P<message>.*?)(?:  \[(?P<code>[a-z-]+)\])?$"
)


def run_mypy(cache: Path) -> dict[Path, list[Found]]:
    import mypy.api

    cache.mkdir(parents=True, exist_ok=True)
    (cache / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
    files = [str(p) for p in sorted(CASES.rglob("*.py"))]
    old, old_path = Path.cwd(), os.environ.get("MYPYPATH")
    os.chdir(CASES)
    os.environ["MYPYPATH"] = str(CASES)
    try:
        stdout, stderr, status = mypy.api.run(
            [*files, "--config-file", str(cache / "mypy.ini"), "--cache-dir", str(cache / "cache")]
            + ["--show-error-codes", "--no-error-summary", "--hide-error-context", "--no-pretty", "--no-color-output"]
            + ["--explicit-package-bases"]
        )
    finally:
        os.chdir(old)
        if old_path is None:
            os.environ.pop("MYPYPATH", None)
        else:
            os.environ["MYPYPATH"] = old_path
    if status == 2 or "INTERNAL ERROR" in stdout + stderr:
        pytest.fail(f"mypy did not run:\n{stdout}\n{stderr}", pytrace=False)
    found: dict[Path, list[Found]] = {}
    for line in stdout.splitlines():
        match = _MYPY_LINE.match(line)
        if match is None:
            continue
        path = (CASES / match["path"]).resolve()
        message = match["message"]
        if match["severity"] == "note":
            revealed = re.match(r'^Revealed type is "(.*)"$', message)
            if revealed is None:
                continue
            item = Found(int(match["line"]), "reveal", normalize_type(revealed[1]))
        else:
            item = Found(int(match["line"]), match["code"] or "misc", message)
        found.setdefault(path, []).append(item)
    return found


def merged_site(root: Path) -> Path:
    """A `pconfigs` folder of links to every distribution's files: the layout of an install from wheels."""
    import pconfigs

    site = root / "site"
    target = site / "pconfigs"
    target.mkdir(parents=True, exist_ok=True)
    for directory in pconfigs.__path__:
        for entry in Path(directory).iterdir():
            if entry.name != "__pycache__" and not (target / entry.name).exists():
                (target / entry.name).symlink_to(entry)
    return site


def pyright_command() -> list[str]:
    beside = Path(sys.executable).with_name("pyright")
    found = str(beside) if beside.exists() else shutil.which("pyright")
    if found is None:
        pytest.skip("pyright is not installed (it is in the default hatch environment)")
    return [found]


def run_pyright(root: Path, mode: str) -> dict[Path, list[Found]]:
    site = merged_site(root)
    config = root / f"pyright-{mode}.json"
    config.write_text(json.dumps({"extraPaths": [str(site), str(CASES)], "typeCheckingMode": mode}), encoding="utf-8")
    files = [str(p) for p in sorted(CASES.rglob("*.py"))]
    done = subprocess.run(
        [*pyright_command(), "--outputjson", "--project", str(config), "--pythonpath", sys.executable, *files],
        capture_output=True,
        text=True,
        cwd=root,
    )
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"pyright did not run:\n{done.stdout}\n{done.stderr}", pytrace=False)
    found: dict[Path, list[Found]] = {}
    for diagnostic in report["generalDiagnostics"]:
        line = diagnostic["range"]["start"]["line"] + 1
        message = diagnostic["message"]
        if diagnostic["severity"] == "information":
            revealed = re.match(r'^Type of ".*" is "(.*)"$', message, re.S)
            if revealed is None:
                continue
            item = Found(line, "reveal", normalize_type(revealed[1]))
        else:
            item = Found(line, diagnostic.get("rule", "error"), message.splitlines()[0])
        found.setdefault(Path(diagnostic["file"]).resolve(), []).append(item)
    return found


@dataclass
class Reports:
    by_checker: dict[str, dict[Path, list[Found]]]

    def of(self, checker: str, case: Case) -> list[Found]:
        return self.by_checker[checker].get(case.path.resolve(), [])


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reports]:
    """mypy once and pyright once in each mode, over every case file."""
    pytest.importorskip("mypy")
    root = tmp_path_factory.mktemp("typing")
    yield Reports(
        {
            "mypy": run_mypy(root / "mypy"),
            "pyright-standard": run_pyright(root, "standard"),
            "pyright-off": run_pyright(root, "off"),
        }
    )
