"""Each case file gets exactly the diagnostics written in it from mypy, pyright and pyright with checking off, and
the counts that docs/05-mypy.md gives are those of the corpus."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

from .conftest import CASES, CHECKERS, REPO, Case, Reports, all_cases

CORPUS = all_cases()
DOCS = REPO / "docs" / "05-mypy.md"
LABELS = {
    "mypy": "mypy + plugin",
    "pyright-standard": "pyright, standard",
    "pyright-off": "pyright, off (Pylance's default)",
}


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_case(case: Case, reports: Reports) -> None:
    """The diagnostics each checker reports on the file are exactly those its lines expect."""
    problems = []
    for checker in CHECKERS:
        expected = Counter((f.line, f.code, f.detail if f.code == "reveal" else "") for f in case.expected[checker])
        actual = Counter((f.line, f.code, f.detail if f.code == "reveal" else "") for f in reports.of(checker, case))
        details = {(f.line, f.code): f.detail for f in reports.of(checker, case)}
        for line, code, detail in sorted((expected - actual).elements()):
            problems.append(f"  {checker}: expected, not reported:  {line}: {code} {detail}".rstrip())
        for line, code, detail in sorted((actual - expected).elements()):
            shown = detail or details.get((line, code), "")
            problems.append(f"  {checker}: reported, not expected:  {line}: {code}  {shown}".rstrip())
    if problems:
        pytest.fail(f"{case.name}:\n" + "\n".join(problems), pytrace=False)


def test_every_case_is_well_formed() -> None:
    """A valid case has no mistake line, a mistake case has exactly one, and every case opens with a docstring."""
    for case in CORPUS:
        text = case.path.read_text(encoding="utf-8")
        assert text.startswith('"""'), case.name
        marks = text.count("# mistake")
        assert marks == (1 if case.kind == "mistakes" else 0), case.name


def test_valid_cases_run() -> None:
    """The valid cases are valid for the runtime too: each one runs without an error, in one fresh process (the
    library modules are imported, as the cases import them)."""
    files = [c.path for c in CORPUS if c.kind in ("valid", "lib")]
    # `reveal_type` is a builtin for checkers only; the cases' own output is not of interest.
    script = (
        "import builtins, contextlib, importlib, io, runpy, sys, traceback\n"
        "builtins.reveal_type = lambda value: value\n"
        "failed = []\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        with contextlib.redirect_stdout(io.StringIO()):\n"
        "            if path.startswith('lib/'):\n"
        "                importlib.import_module(path[:-3].replace('/', '.'))\n"
        "            else:\n"
        "                runpy.run_path(path, run_name='__case__')\n"
        "    except Exception:\n"
        "        failed.append(path + '\\n' + traceback.format_exc())\n"
        "sys.stderr.write('\\n'.join(failed))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *(f.relative_to(CASES).as_posix() for f in files)],
        cwd=CASES,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def counts() -> str:
    """The corpus in numbers, as the table in docs/05-mypy.md shows it."""
    valid = [c for c in CORPUS if c.kind in ("valid", "lib")]
    mistakes = [c for c in CORPUS if c.kind == "mistakes"]
    rows = [
        f"| checker | valid files with a false error (of {len(valid)}) | false errors "
        f"| mistakes caught (of {len(mistakes)}) |",
        "|---|---|---|---|",
    ]
    for checker in CHECKERS:
        errors = [[f for f in c.expected[checker] if f.code != "reveal"] for c in valid]
        caught = sum(1 for c in mistakes if c.catches(checker))
        flagged = sum(1 for e in errors if e)
        rows.append(f"| {LABELS[checker]} | {flagged} | {sum(map(len, errors))} | {caught} |")
    return "\n".join(rows)


def test_docs_give_the_corpus_counts() -> None:
    """The table of counts in docs/05-mypy.md is the one the corpus's expectations give."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"<!-- corpus-counts -->\n(.*?)\n<!-- /corpus-counts -->", text, re.S)
    assert match is not None, "docs/05-mypy.md has no <!-- corpus-counts --> table"
    assert match.group(1).strip() == counts(), counts()
