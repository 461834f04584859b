"""The speed figures the docs quote are those in the benchmark results files (`benchmarks/results/*.txt`).

A whole results file is quoted between `<!-- results: FILE -->` and `<!-- end results -->` (README.md, docs/*.md):
`python benchmarks/run_all.py --results` rewrites those blocks from the files it writes, and the block must equal
its file, or the file was written without the page (commit both). A block whose file has not been written yet is
skipped, saying so.

Figures quoted in prose are listed in FIGURES. `python benchmarks/run_all.py --results NAME` writes a script's
table there (commit it with the page that quotes it). Each figure below names the page, the words that quote it, the
rows of the results file it stands for, and the interval its words allow: "about X" is X +- 25% (a one-digit "about
1" is what rounds to it); a range "X to Y" is that range, widened by 25% when the page says "about". A figure whose
results file has not been written yet is skipped, saying so.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
ABOUT = 0.25


@dataclass(frozen=True)
class Figure:
    page: str
    quote: str  # the words on the page
    results: str  # the results file's name
    row: str  # a regex over the file's lines; group 1 is a value, in the quote's unit after `scale`
    scale: float
    low: float
    high: float


def about(value: float) -> tuple[float, float]:
    return value * (1 - ABOUT), value * (1 + ABOUT)


FIGURES = [
    Figure(
        "docs/03-derived-values.md",
        "construction costs about 0.2 µs per link at every length",
        "bench_pinnable.txt",
        r"^\s*\d+\s.*?x\s+(\d+)ns\s",
        1e-3,
        *about(0.2),
    ),
    Figure(
        "docs/04-runner-and-printer.md",
        "the tree of 1,365 configs takes about 23 µs per config",
        "bench_print.txt",
        r"^print 1,365 configs .*, ([\d.]+) us/config$",
        1,
        *about(23),
    ),
    Figure(
        "docs/04-runner-and-printer.md",
        "about two thirds of the time pprint takes",
        "bench_print.txt",
        r"^print 1,365 configs .*\s([\d.]+)x, ",
        1,
        *about(2 / 3),
    ),
    Figure(
        "docs/04-runner-and-printer.md",
        "the deeper trees take about 84 µs per config",
        "bench_print.txt",
        r"^print (?:5,461|21,841) configs .*, ([\d.]+) us/config$",
        1,
        *about(84),
    ),
    Figure(
        "docs/04-runner-and-printer.md",
        "about 2.4x pprint's time",
        "bench_print.txt",
        r"^print (?:5,461|21,841) configs .*\s([\d.]+)x, ",
        1,
        *about(2.4),
    ),
    Figure(
        "docs/10-workflow.md",
        "diffs in about 28 µs",
        "bench_llm.txt",
        r"^diff 70B vs 70B apart\s+([\d.]+) us",
        1,
        *about(28),
    ),
    Figure(
        "docs/10-workflow.md",
        "with 25 differences to write, in about 65 µs",
        "bench_llm.txt",
        r"^diff llama_8b vs llama_70b\s+([\d.]+) us",
        1,
        *about(65),
    ),
    Figure(
        "docs/11-sweeps.md",
        "takes about 0.15 to 0.2 s, 0.15 to 0.2 ms a point",
        "bench_sweep.txt",
        r"^build and check 1,000 points\s+\d+ ms\s+([\d.]+) us a point",
        1e-3,
        0.15 * (1 - ABOUT),
        0.2 * (1 + ABOUT),
    ),
    Figure(
        "docs/11-sweeps.md",
        "spends about 11 ms a point with `processes`",
        "bench_sweep.txt",
        r"^record \+ pickle, a point\s+([\d.]+) ms",
        1,
        *about(11),
    ),
    Figure(
        "docs/11-sweeps.md",
        "the git state (about 15 ms)",
        "bench_sweep.txt",
        r"^git state, once a sweep\s+([\d.]+) ms",
        1,
        *about(15),
    ),
    Figure(
        "docs/11-sweeps.md",
        "takes about 65 ms of wall time a point",
        "bench_sweep.txt",
        r"^pconfigs-run, 8 points, processes:2\s+([\d.]+) ms a point",
        1,
        *about(65),
    ),
]


@pytest.mark.parametrize("figure", FIGURES, ids=lambda f: f"{f.page}: {f.quote}")
def test_figure_matches_results(figure: Figure) -> None:
    """A figure quoted on a page agrees with every row of the results file it stands for."""
    text = " ".join((ROOT / figure.page).read_text(encoding="utf-8").split())
    assert figure.quote in text, f"{figure.page} no longer says {figure.quote!r}: update FIGURES"
    path = RESULTS / figure.results
    if not path.exists():
        pytest.skip(f"no benchmarks/results/{figure.results} yet: python benchmarks/run_all.py --results")
    results = path.read_text(encoding="utf-8")
    values = [float(m.group(1)) * figure.scale for m in re.finditer(figure.row, results, re.M)]
    assert values, f"{figure.results} has no row matching {figure.row!r}"
    outside = [v for v in values if not figure.low <= v <= figure.high]
    assert not outside, (
        f"{figure.page} says {figure.quote!r}, but benchmarks/results/{figure.results} has {outside} "
        f"(allowed {figure.low:g} to {figure.high:g})"
    )


def _run_all():  # type: ignore[no-untyped-def]
    """benchmarks/run_all.py, which owns the marked blocks' format (a script folder, not a package)."""
    spec = importlib.util.spec_from_file_location("run_all", ROOT / "benchmarks" / "run_all.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUN_ALL = _run_all()
QUOTED = [
    (page.relative_to(ROOT).as_posix(), match["name"], match["body"])
    for page in RUN_ALL.pages()
    for match in RUN_ALL.MARKED.finditer(page.read_text(encoding="utf-8"))
]


def test_results_markers_are_paired() -> None:
    """Every `<!-- results: FILE -->` marker opens a block that an `<!-- end results -->` closes."""
    for page in RUN_ALL.pages():
        text = page.read_text(encoding="utf-8")
        opened = len(re.findall(r"^<!-- results: ", text, re.M))
        assert opened == len(RUN_ALL.MARKED.findall(text)), f"{page.relative_to(ROOT)}: an unclosed results marker"


def test_some_page_quotes_results() -> None:
    """The performance page quotes the comparison table from its results file."""
    assert ("docs/12-performance.md", "bench_compare.txt") in [(page, name) for page, name, _ in QUOTED]


@pytest.mark.parametrize(("page", "name", "body"), QUOTED, ids=[f"{p}: {n}" for p, n, _ in QUOTED])
def test_quoted_results_equal_file(page: str, name: str, body: str) -> None:
    """A block marked with a results file's name holds that file, as run_all.py --results wrote it."""
    script = ROOT / "benchmarks" / f"{name.removesuffix('.txt')}.py"
    assert name.endswith(".txt") and script.exists(), f"{page} quotes {name}, which no benchmarks/bench_*.py writes"
    path = RESULTS / name
    if not path.exists():
        pytest.skip(f"no benchmarks/results/{name} yet: python benchmarks/run_all.py --results")
    assert body == RUN_ALL.quoted(path.read_text(encoding="utf-8")), (
        f"{page}: the block quoting {name} differs from benchmarks/results/{name}; "
        "python benchmarks/run_all.py --results rewrites it (or commit the page it rewrote)"
    )
