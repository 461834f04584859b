"""Every ```python block of README.md, docs/*.md and examples/*/README.md runs, or says why it does not.

A page's blocks run in order, in one namespace, in a fresh interpreter whose working directory is empty (so a
block may build on the blocks above it on the same page, and the example packages `project` and `llm` are
importable as installed). When a block that runs is followed directly (blank lines only) by a ```text or bare ```
block, that block is the code's output and must equal what the code printed.

A block that cannot run says so in an HTML comment on the line right before its fence (other comments such as
`<!-- printed:NAME -->` may sit between): `<!-- not run: REASON -->`. The convention is described in
docs/architecture.md ("The docs").
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(
    [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "examples").glob("*/README.md")],
    key=lambda p: p.relative_to(ROOT).as_posix(),
)
FENCE = re.compile(r"^( *)(`{3,})(.*)$")  # indented: a block inside a list item
NOT_RUN = re.compile(r"^<!-- not run: (.+?) -->$")
COMMENT = re.compile(r"^<!--.*-->$")
OUTPUT_INFOS = ("", "text")


@dataclass
class Block:
    info: str
    line: int  # 1-based line of the opening fence
    code: str
    not_run: str | None = None
    output: str | None = None  # the block right after it, when that one shows output


def blocks(text: str) -> list[Block]:
    """Every fenced block of a Markdown text, with its not-run reason and shown output."""
    lines = text.splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, ticks, info = len(opening.group(1)), opening.group(2), opening.group(3).strip()
        end = i + 1
        while end < len(lines) and lines[end].strip() != ticks:
            end += 1
        code = "\n".join(line[indent:] for line in lines[i + 1 : end]) + "\n"
        block = Block(info=info, line=i + 1, code=code)
        before = i - 1
        while before >= 0 and COMMENT.match(lines[before].strip()):
            reason = NOT_RUN.match(lines[before].strip())
            if reason:
                block.not_run = reason.group(1)
            before -= 1
        found.append(block)
        i = end + 1
    for block, following in zip(found, found[1:]):
        closing = block.line + block.code.count("\n")  # the index of the closing fence's line
        gap = lines[closing + 1 : following.line - 1]
        if all(not line.strip() for line in gap) and following.info in OUTPUT_INFOS:
            block.output = following.code
    return found


def python_blocks(page: Path) -> list[Block]:
    return [b for b in blocks(page.read_text(encoding="utf-8")) if b.info.split(" ")[0] == "python"]


# Runs one page's blocks: exec each in the same fresh `__main__` module, its source registered in linecache (so
# tracebacks and inspect.getsource see it), printing captured into a per-block result written as JSON.
DRIVER = r"""
import contextlib, io, json, linecache, sys, traceback, types

def _run(blocks, results_path):
    module = types.ModuleType("__main__")
    sys.modules["__main__"] = module
    results = []
    for block in blocks:
        filename = block["filename"]
        linecache.cache[filename] = (len(block["code"]), None, block["code"].splitlines(True), filename)
        out = io.StringIO()
        error = None
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(block["code"], filename, "exec"), module.__dict__)
        except BaseException:
            error = traceback.format_exc()
        results.append({"stdout": out.getvalue(), "error": error})
    with open(results_path, "w", encoding="utf-8") as file:
        json.dump(results, file)

_run(json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2])
"""


def run_page(page: Path, runnable: list[Block], workdir: Path) -> list[dict[str, str | None]]:
    name = page.relative_to(ROOT).as_posix()
    spec = [{"filename": f"{name}:{b.line}", "code": "\n" * b.line + b.code} for b in runnable]
    (workdir / "blocks.json").write_text(json.dumps(spec), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, "blocks.json", "results.json"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"{name}: the block runner failed\n{proc.stderr}"
    return json.loads((workdir / "results.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_blocks_run(page: Path, tmp_path: Path) -> None:
    """Each ```python block on the page runs (printing the output shown after it) or is marked not run."""
    runnable = [b for b in python_blocks(page) if b.not_run is None]
    if not runnable:
        return
    problems = []
    for block, result in zip(runnable, run_page(page, runnable, tmp_path)):
        where = f"{page.relative_to(ROOT).as_posix()}:{block.line}"
        if result["error"] is not None:
            problems.append(
                f"{where}: the block fails (mark it <!-- not run: REASON --> if it cannot run)\n{result['error']}"
            )
        elif block.output is not None and result["stdout"] != block.output:
            problems.append(f"{where}: printed\n{result['stdout']}\nbut the page shows\n{block.output}")
    assert not problems, "\n".join(problems)


def test_reasons_are_given() -> None:
    """A not-run marker states a reason, and sits only before a ```python block."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        python_lines = {b.line for b in python_blocks(page)}
        inside = {b.line + k for b in blocks(text) for k in range(b.code.count("\n") + 1)}
        lines = text.splitlines()
        for number, line in enumerate(lines, 1):
            if line.strip().startswith("<!-- not run") and number not in inside:
                assert NOT_RUN.match(line.strip()), f"{page.name}:{number}: write <!-- not run: REASON -->"
                after = number
                while after < len(lines) and COMMENT.match(lines[after].strip()):
                    after += 1
                assert after + 1 in python_lines, f"{page.name}:{number}: the marker is not before a python block"


def test_block_parser() -> None:
    """The parser finds a marked block, and a bare block right after a python block as its output."""
    text = (
        "text\n\n<!-- not run: a fragment -->\n<!-- printed:x -->\n```python\nx\n```\n\n"
        "```python\nprint(1)\n```\n\n```\n1\n```\n\nprose\n\n```python\ny = 2\n```\nprose\n```\nnot output\n```\n"
    )
    found = [b for b in blocks(text) if b.info == "python"]
    assert [(b.line, b.not_run, b.output) for b in found] == [
        (5, "a fragment", None),
        (9, None, "1\n"),
        (19, None, None),
    ]
