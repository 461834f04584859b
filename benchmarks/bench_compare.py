"""pconfigs side by side with a frozen dataclass, a plain dataclass, pydantic v2 and chz, measured in one run.

Every ratio is to the frozen dataclass with the same fields (DESIGN section 8): writing a frozen instance costs at
least 2.6x a plain dataclass's build on CPython 3.11-3.13, so the frozen dataclass is the floor an immutable config
can reach, and the plain dataclass column shows what mutability buys. The rows:

- import: a fresh interpreter running one statement, above `python -c pass` (see `IMPORTS`);
- building a config of 20 fields (int, float, str, bool, in turn) from keywords, from registered defaults (field
  defaults elsewhere), and from a base plus 2 overrides;
- a chain of 50 derived values (link i = link i-1 + 1, from an input `seed`): building it and reading the last link
  once, and defining the class itself;
- reading an input field, and the chain's last link once it has been computed.

Each timed cell is the best of ROUNDS samples of `timeit`, each sample about TARGET seconds long. The libraries take
turns: every round times each of them once before the next round starts, so a slow spell of a shared machine falls
on all of them alike. Imports are timed the same way, whole processes in turns, after one run of each statement has
written its bytecode caches; where valgrind is installed, the import of pconfigs is also counted in machine
instructions (`instructions`), which a busy machine does not change. A library that cannot be imported gets "n/a"
in its column and a note saying why. The table asserts nothing about durations; `check_results.py` reads its
structure (`parse`).

    python benchmarks/bench_compare.py [--quick]
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import gc
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import timeit
from collections.abc import Callable
from importlib import metadata
from typing import Any

N = 20
NAMES = [f"f{i}" for i in range(N)]
TYPES = [int, float, str, bool] * (N // 4)
VALUES: dict[str, Any] = {n: t(i) if t is not str else f"v{i}" for i, (n, t) in enumerate(zip(NAMES, TYPES))}
LINKS = 50
LAST = f"f{LINKS - 1}"

BASELINE = "frozen dataclass"
COLUMNS = (BASELINE, "dataclass", "pconfigs", "pydantic", "chz")
OPTIONAL = ("pydantic", "chz")
"""Columns that may be n/a: the libraries pconfigs does not depend on."""

IMPORT_ROW = "import, above python -c pass"
KEYWORDS_ROW = f"build from {N} keywords"
DEFAULTS_ROW = f"build from defaults, {N} fields"
OVERRIDES_ROW = f"base + 2 overrides, {N} fields"
CHAIN_ROW = f"build + read a {LINKS}-link chain"
DEFINE_ROW = f"define a class of {LINKS} links"
READ_ROW = "read a field"
READ_DERIVED_ROW = "read a derived link"
ROWS = (IMPORT_ROW, KEYWORDS_ROW, DEFAULTS_ROW, OVERRIDES_ROW, CHAIN_ROW, DEFINE_ROW, READ_ROW, READ_DERIVED_ROW)
TIMED = (KEYWORDS_ROW, DEFAULTS_ROW, OVERRIDES_ROW, CHAIN_ROW, READ_ROW, READ_DERIVED_ROW)
"""The rows timed in this process with `timeit`, in the order `cells` gives their statements."""

IMPORTS = {
    BASELINE: "import dataclasses, typing",
    "dataclass": "import dataclasses, typing",
    "pconfigs": "import pconfigs, pconfigs.pinnable",
    # `import pydantic` alone loads little: its package defers the model machinery to the first attribute read.
    "pydantic": "from pydantic import BaseModel",
    "chz": "import chz",
}

NOTES = [
    "- import: `python -c STATEMENT` in a fresh process, bytecode caches written, minus `python -c pass`: "
    f"`{IMPORTS[BASELINE]}` (both dataclass columns),",
    f"  `{IMPORTS['pconfigs']}`, `{IMPORTS['pydantic']}` (`import pydantic` alone defers the model machinery to "
    f"first use), `{IMPORTS['chz']}`",
    "- from defaults: field defaults; pconfigs: `pdefaults.register(Config(**values))`, then `Config()`",
    "- overrides: `dataclasses.replace`; pconfigs `Config(base, f0=5, f1=2.5)`; pydantic "
    "`base.model_copy(update=...)`, which does not validate the new values; `chz.replace` (runs `__init__`)",
    f"- chain (link i = link i-1 + 1, the last read once): frozen dataclass: `__post_init__` setting {LINKS} "
    "`field(init=False)` fields; dataclass: a chain of `functools.cached_property`,",
    "  computed by the read; pconfigs: `Pinned[int]` fields computed by `@pproperty` at build; pydantic: "
    "`@computed_field` over `functools.cached_property`, computed by the read;",
    "  chz: `@chz.init_property`, computed at build",
    "- define: `type(name, bases, namespace)` and the decorator (pydantic: its metaclass) for that chain's class, "
    "fresh functions each time",
    "- pydantic models are frozen (`ConfigDict(frozen=True)`) and validate in lax mode; chz checks no types unless "
    "asked (`typecheck=True`); dataclasses check nothing",
]


@dataclasses.dataclass
class Library:
    """One column: the statements timed for each row, and how to define the chain's class afresh."""

    column: str
    version: str
    cells: dict[str, tuple[str, dict[str, Any]]]
    """Timed row -> (statement, its globals); a read statement holds READS reads."""
    define: Callable[[], Callable[[], type]]
    """Makes fresh functions and a namespace (not timed) and returns the step that creates the class (timed)."""


READS = 10


def reads(attribute: str) -> str:
    return "; ".join([f"c.{attribute}"] * READS)


def fields_namespace(defaults: bool, **extra: Any) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__annotations__": dict(zip(NAMES, TYPES)), "__module__": __name__, **extra}
    if defaults:
        namespace.update(VALUES)
    return namespace


def link_functions() -> dict[str, Callable[..., int]]:
    """Fresh functions f0..f49, each returning the previous link (or `seed`) plus one."""
    source = "\n".join(
        f"def f{i}(self) -> int:\n    return self.{f'f{i - 1}' if i else 'seed'} + 1\n" for i in range(LINKS)
    )
    scope: dict[str, Any] = {}
    exec(source, scope)
    return {f"f{i}": scope[f"f{i}"] for i in range(LINKS)}


def cells(
    keywords: type, defaults: type, replace: str, chain: type, scope: dict[str, Any] | None = None
) -> dict[str, tuple[str, dict[str, Any]]]:
    """The timed statements of one library: `replace` is its base-plus-2-overrides call on `base`."""
    base = keywords(**VALUES)
    built = chain(seed=1)
    getattr(built, LAST)  # the lazy libraries compute the chain on the first read; later reads are plain
    rows = (
        ("C(**kw)", {"C": keywords, "kw": dict(VALUES)}),
        ("C()", {"C": defaults}),
        (replace, {"base": base, **(scope or {})}),
        (f"C(seed=1).{LAST}", {"C": chain}),
        (reads("f7"), {"c": base}),
        (reads(LAST), {"c": built}),
    )
    return dict(zip(TIMED, rows))


def dataclass_library(frozen: bool) -> Library:
    decorate = dataclasses.dataclass(frozen=frozen)
    keywords = decorate(type("Config", (), fields_namespace(False)))
    defaults = decorate(type("Defaults", (), fields_namespace(True)))

    if frozen:

        def define() -> Callable[[], type]:
            lines = ["def __post_init__(self):", "    s = object.__setattr__", "    s(self, 'f0', self.seed + 1)"]
            lines += [f"    s(self, 'f{i}', self.f{i - 1} + 1)" for i in range(1, LINKS)]
            scope: dict[str, Any] = {}
            exec("\n".join(lines), scope)
            namespace: dict[str, Any] = {"__module__": __name__, "__post_init__": scope["__post_init__"]}
            namespace["__annotations__"] = {"seed": int, **{f"f{i}": int for i in range(LINKS)}}
            namespace.update({f"f{i}": dataclasses.field(init=False) for i in range(LINKS)})
            return lambda: decorate(type("Chain", (), namespace))

    else:

        def define() -> Callable[[], type]:
            namespace: dict[str, Any] = {"__annotations__": {"seed": int}, "__module__": __name__}
            namespace.update({name: functools.cached_property(f) for name, f in link_functions().items()})
            return lambda: decorate(type("Chain", (), namespace))

    chain = define()()
    return Library(
        BASELINE if frozen else "dataclass",
        platform.python_version(),
        cells(keywords, defaults, "replace(base, f0=5, f1=2.5)", chain, {"replace": dataclasses.replace}),
        define,
    )


def pconfigs_library() -> Library:
    from pconfigs import pconfig, pdefaults
    from pconfigs.pinnable import Pinned, pproperty

    keywords = pconfig(type("Config", (), fields_namespace(False)))
    defaults = pconfig(type("Defaults", (), fields_namespace(False)))
    pdefaults.register(defaults(**VALUES))

    def define() -> Callable[[], type]:
        namespace: dict[str, Any] = {"__annotations__": {"seed": int}, "__module__": __name__}
        for i, (name, function) in enumerate(link_functions().items()):
            namespace["__annotations__"][name] = Pinned[int]
            namespace[name] = pproperty(function, deps=[f"f{i - 1}" if i else "seed"])
        return lambda: pconfig(type("Chain", (), namespace))

    chain = define()()
    return Library(
        "pconfigs",
        metadata.version("pconfigs-core"),
        cells(keywords, defaults, "C(base, f0=5, f1=2.5)", chain, {"C": keywords}),
        define,
    )


def pydantic_library() -> Library:
    from pydantic import BaseModel, ConfigDict, computed_field

    frozen = ConfigDict(frozen=True)
    model = type(BaseModel)
    keywords = model("Config", (BaseModel,), fields_namespace(False, model_config=frozen))
    defaults = model("Defaults", (BaseModel,), fields_namespace(True, model_config=frozen))

    def define() -> Callable[[], type]:
        namespace: dict[str, Any] = {"__annotations__": {"seed": int}, "__module__": __name__, "model_config": frozen}
        namespace.update({name: computed_field(functools.cached_property(f)) for name, f in link_functions().items()})
        return lambda: model("Chain", (BaseModel,), namespace)

    chain = define()()
    version = f"{metadata.version('pydantic')} (pydantic-core {metadata.version('pydantic-core')})"
    return Library(
        "pydantic",
        version,
        cells(keywords, defaults, "base.model_copy(update={'f0': 5, 'f1': 2.5})", chain),
        define,
    )


def chz_library() -> Library:
    import chz

    keywords = chz.chz(type("Config", (), fields_namespace(False)))
    defaults = chz.chz(type("Defaults", (), fields_namespace(True)))

    def define() -> Callable[[], type]:
        namespace: dict[str, Any] = {"__annotations__": {"seed": int}, "__module__": __name__}
        namespace.update({name: chz.init_property(f) for name, f in link_functions().items()})
        return lambda: chz.chz(type("Chain", (), namespace))

    chain = define()()
    return Library(
        "chz",
        metadata.version("chz"),
        cells(keywords, defaults, "replace(base, f0=5, f1=2.5)", chain, {"replace": chz.replace}),
        define,
    )


def libraries() -> tuple[list[Library], list[str]]:
    """Every column that can run here, and a note for each that cannot."""
    found = [dataclass_library(frozen=True), dataclass_library(frozen=False), pconfigs_library()]
    missing = []
    for column, make in (("pydantic", pydantic_library), ("chz", chz_library)):
        try:
            found.append(make())
        except ImportError as error:
            why = f"{column}: n/a, not importable here ({error})"
            if column == "chz" and sys.version_info < (3, 11):
                why += "; chz 0.4 needs Python 3.11+"
            else:
                why += "; the bench environment installs it (hatch run bench:all)"
            missing.append(why)
    for library in found:
        check(library)
    return found, missing


def check(library: Library) -> None:
    """Each library computes the same thing (a wrong statement would time something else); durations are free."""
    chained = (CHAIN_ROW, READ_DERIVED_ROW)
    for row, (statement, scope) in library.cells.items():
        value = eval(statement.split("; ")[0], dict(scope))
        got = value if row in (*chained, READ_ROW) else value.f7
        expected = LINKS + 1 if row in chained else VALUES["f7"]
        assert got == expected, f"{library.column}, {row}: {statement} gives {got!r}, not {expected!r}"
    statement, scope = library.cells[OVERRIDES_ROW]
    overridden = eval(statement, dict(scope))
    assert (overridden.f0, overridden.f1, overridden.f2) == (5, 2.5, scope["base"].f2), library.column


def samples_for(timer: timeit.Timer, target: float) -> int:
    """How many runs of the statement make one sample of about `target` seconds."""
    number = 1
    while True:
        took = timer.timeit(number)
        if took >= target / 5 or number >= 10**8:
            return max(1, round(number * target / max(took, 1e-9)))
        number *= 10


def in_turns(columns: list[str], round_: int) -> list[str]:
    """The columns in a rotated order, so that no library is always the first after a pause."""
    shift = round_ % len(columns)
    return columns[shift:] + columns[:shift]


def timed(found: list[Library], rounds: int, target: float) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for row in TIMED:
        timers = {}
        for lib in found:
            statement, scope = lib.cells[row]
            timers[lib.column] = timeit.Timer(statement, globals=scope)
        per = READS if row in (READ_ROW, READ_DERIVED_ROW) else 1
        numbers = {column: samples_for(timer, target) for column, timer in timers.items()}
        best = dict.fromkeys(timers, math.inf)
        for r in range(rounds):
            for column in in_turns(list(timers), r):
                took = timers[column].timeit(numbers[column]) / numbers[column] / per
                best[column] = min(best[column], took)
        results[row] = best
    return results


def definitions(found: list[Library], rounds: int) -> dict[str, float]:
    best = {lib.column: math.inf for lib in found}
    by_column = {lib.column: lib for lib in found}
    for r in range(rounds):
        for column in in_turns(list(by_column), r):
            make = by_column[column].define()
            gc.collect()
            gc.disable()  # as timeit does: a collection would fall on whichever library happened to be running
            try:
                start = time.perf_counter()
                make()
                took = time.perf_counter() - start
            finally:
                gc.enable()
            best[column] = min(best[column], took)
    return best


# Imports are timed as users meet them: with bytecode caches written (a machine may set PYTHONDONTWRITEBYTECODE,
# which would make every run compile every module from source).
CHILD_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME")}


def imports(found: list[Library], runs: int) -> dict[str, float]:
    """Each column's import statement in a fresh process, above `python -c pass`: best of `runs` taken in turns."""
    statements = sorted({IMPORTS[lib.column] for lib in found} | {"pass"})

    def run(statement: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], check=True, stdout=subprocess.DEVNULL, env=CHILD_ENV)
        return time.perf_counter() - start

    for statement in statements:
        run(statement)  # writes the bytecode caches
    best = dict.fromkeys(statements, math.inf)
    for r in range(runs):
        for statement in in_turns(statements, r):
            best[statement] = min(best[statement], run(statement))
    return {lib.column: best[IMPORTS[lib.column]] - best["pass"] for lib in found}


def instructions(statements: list[str]) -> dict[str, int] | str:
    """Machine instructions each statement's whole process runs, counted by valgrind's callgrind, or why there is
    no count. A count does not change with what else the machine is doing, so it tracks the import row where the
    timings are noisy; its hash seed is fixed, so two runs of the same code give the same count within 0.1%."""
    if shutil.which("valgrind") is None:
        return "valgrind is not installed"
    counts = {}
    env = {**CHILD_ENV, "PYTHONHASHSEED": "0"}
    for statement in statements:
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", statement],
            capture_output=True,
            text=True,
            env=env,
        )
        found = re.search(r"Collected : (\d+)", run.stderr)
        if run.returncode != 0 or found is None:
            last = run.stderr.strip().splitlines()[-1:] or ["no output"]
            return f"valgrind failed on {statement!r} (exit status {run.returncode}): {last[0]}"
        counts[statement] = int(found[1])
    return counts


def duration(seconds: float) -> str:
    unit, scale = next(((u, s) for u, s in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)) if seconds >= s), ("ns", 1e-9))
    value = seconds / scale
    return f"{value:.0f} {unit}" if value >= 100 else f"{value:.1f} {unit}" if value >= 10 else f"{value:.2f} {unit}"


def ratio(value: float) -> str:
    return f"{value:.0f}x" if value >= 100 else f"{value:.1f}x" if value >= 10 else f"{value:.2f}x"


NAME_WIDTH = 32
CELL_WIDTH = 18


def table(results: dict[str, dict[str, float]]) -> list[str]:
    lines = ["operation".ljust(NAME_WIDTH) + "".join(c.rjust(CELL_WIDTH) for c in COLUMNS)]
    for row in ROWS:
        cells = []
        for column in COLUMNS:
            value = results[row].get(column)
            if value is None:
                cells.append("n/a".rjust(CELL_WIDTH))
            else:
                cells.append(f"{duration(value):>9} {ratio(value / results[row][BASELINE]):>6}".rjust(CELL_WIDTH))
        lines.append(row.ljust(NAME_WIDTH) + "".join(cells))
    return lines


CELL = re.compile(r"(n/a)|(\d+(?:\.\d+)?) (ns|us|ms|s) +(\d+(?:\.\d+)?)x")
UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def parse(text: str) -> dict[str, dict[str, float | None]]:
    """The table in a printed (or results) text: row -> column -> seconds, None where the cell says n/a.

    Raises ValueError naming what is missing or unreadable: a row, a column, a cell.
    """
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if line.split()[:1] == ["operation"]), None)
    if header is None:
        raise ValueError("no table: no line starts with 'operation'")
    if re.split(r"\s{2,}", lines[header].strip())[1:] != list(COLUMNS):
        raise ValueError(f"the header names other columns: {lines[header].strip()!r}; expected {COLUMNS}")
    parsed: dict[str, dict[str, float | None]] = {}
    for line in lines[header + 1 :]:
        if not line.strip():
            break
        name, rest = line[:NAME_WIDTH].strip(), line[NAME_WIDTH:]
        found = list(CELL.finditer(rest))
        if len(found) != len(COLUMNS) or CELL.sub("", rest).strip():
            raise ValueError(f"row {name!r}: expected {len(COLUMNS)} cells (a time and a ratio, or n/a): {rest!r}")
        parsed[name] = {
            column: None if m.group(1) else float(m.group(2)) * UNITS[m.group(3)] for column, m in zip(COLUMNS, found)
        }
    missing = [row for row in ROWS if row not in parsed]
    if missing:
        raise ValueError(f"rows missing from the table: {missing}")
    return parsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer and shorter samples (for CI: structure only)")
    args = parser.parse_args(argv)
    rounds, target, runs = (3, 0.005, 8) if args.quick else (15, 0.05, 40)

    found, missing = libraries()
    results: dict[str, dict[str, float]] = {IMPORT_ROW: imports(found, runs)}
    results.update(timed(found, rounds, target))
    results[DEFINE_ROW] = definitions(found, rounds * 3)

    mode = ", quick mode: few short samples, not for quoting" if args.quick else ""
    versions = ", ".join(f"{lib.column} {lib.version}" for lib in found if lib.column not in COLUMNS[:2])
    print(f"pconfigs against a frozen dataclass, a dataclass, pydantic v2 and chz, measured in one run{mode}")
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), {os.cpu_count()} CPUs; {versions}")
    print(
        f"each cell: the best of {rounds} samples taken in turns ({DEFINE_ROW}: of {rounds * 3}; imports: of {runs}), "
        "and its ratio to the frozen dataclass"
    )
    print()
    print("\n".join(table(results)))
    print()
    above = results[IMPORT_ROW]["pconfigs"] - results[IMPORT_ROW][BASELINE]
    print(
        f"pconfigs above dataclasses, typing: {above * 1e3:.1f} ms ({IMPORTS['pconfigs']} against "
        f"{IMPORTS[BASELINE]}; DESIGN budget: under 30 ms above python -c pass)"
    )
    counts = instructions(["pass", IMPORTS[BASELINE], IMPORTS["pconfigs"]])
    if isinstance(counts, str):
        print(f"instructions: n/a ({counts})")
    else:
        print(
            f"instructions (callgrind, whole processes): pconfigs above dataclasses, typing: "
            f"{(counts[IMPORTS['pconfigs']] - counts[IMPORTS[BASELINE]]) / 1e6:.1f} M; dataclasses, typing above "
            f"python -c pass: {(counts[IMPORTS[BASELINE]] - counts['pass']) / 1e6:.1f} M"
        )
    print()
    print("what each cell runs:")
    print("\n".join(NOTES))
    for note in missing:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
