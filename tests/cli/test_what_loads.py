"""What a command loads: only the modules its work needs.

Loading modules is most of a short command's time (docs/12-performance.md), so printing a config loads nothing
of sweeps, run records or origins, and `import pconfigs, pconfigs.pinnable` loads none of the modules whose features
load on first use. Each test runs a fresh interpreter and reads its `sys.modules`; none times anything.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

NOT_FOR_PRINTING = {
    "hashlib": "sweep folder names only",
    "json": "--format json and run records only",
    "pconfigs.sweep": "sweeps only",
    "pconfigs.cli._record": "run records only",
    "pconfigs._origins": "--origins and --why only",
    "pconfigs._fielddocs": "--docs only",
    "pconfigs._equality": "comparing configs and --runnable only",
    "pconfigs._caster": "overrides and @penv only",
    "pconfigs._env": "@penv only",
}
NOT_FOR_RUNNING = {
    "json": "run records and sweeps only",
    "pconfigs.cli._record": "--record only",
    "pconfigs._render": "--record and printing only",
    "pconfigs._equality": "comparing configs only",
}


def _loaded(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)), file=sys.stderr)"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return set(out.split())


def _commanded(command: str, *args: str) -> set[str]:
    return _loaded(
        "import contextlib, io, sys\n"
        f"from pconfigs.{command} import main\n"
        f"sys.argv = ['pconfigs-{command}', *{list(args)!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main() == 0\n"
    )


def _printed(*args: str) -> set[str]:
    return _commanded("print", *args)


def test_printing_a_config_loads_no_sweep_record_or_origin_module() -> None:
    loaded = _printed("project.experiments.second.config")
    assert "project.experiments.second" in loaded
    assert {m: why for m, why in NOT_FOR_PRINTING.items() if m in loaded} == {}


def test_running_a_config_without_a_record_loads_no_record_or_printer_module() -> None:
    loaded = _commanded("run", "project.experiments.second.config")
    assert "project.modules.trainer" in loaded
    assert {m: why for m, why in NOT_FOR_RUNNING.items() if m in loaded} == {}


def test_printing_with_overrides_loads_nothing_for_errors_or_other_numbers() -> None:
    """`difflib` serves "did you mean" in errors only; `numbers` only values of non-builtin number classes."""
    overrides = ("optimizer.lr=1e-4", "data.seq_length=4096", "parallel.recompute=selective")
    loaded = _printed("llm.presets.llama_70b.config", *overrides)
    assert {"pconfigs._override", "pconfigs._caster"} <= loaded
    wanted = {"pconfigs._caster", "pconfigs._env"}  # overrides cast text; the example declares a `@penv` class
    assert loaded & {"difflib", "numbers", *NOT_FOR_PRINTING} - wanted == set()


@pytest.mark.parametrize(
    ("flag", "module"),
    [("--origins", "pconfigs._origins"), ("--docs", "pconfigs._fielddocs"), ("--runnable", "pconfigs._equality")],
)
def test_the_printouts_that_need_them_load_them(flag: str, module: str) -> None:
    assert module in _printed("project.experiments.second.config", flag)


def test_import_loads_no_module_of_a_feature_used_later() -> None:
    loaded = _loaded("import pconfigs, pconfigs.pinnable")
    later = {
        "hashlib",
        "json",
        "pconfigs.sweep",
        "pconfigs._render",
        "pconfigs._origins",
        "pconfigs._diff",
        "pconfigs._data",
        "pconfigs._override",
        "pconfigs._calls",
        "pconfigs._construct",
        "pconfigs._equality",
        "pconfigs._env",
        "pconfigs._caster",
        "pconfigs.pinnable._inputs",
    }
    assert "pconfigs._decorate" in loaded
    assert loaded & later == set()


@pytest.mark.parametrize(
    ("code", "module"),
    [
        ("from pconfigs import penv", "pconfigs._env"),
        ("from pconfigs.pinnable import penv", "pconfigs._env"),
        ("from pconfigs.pinnable import pinputs", "pconfigs.pinnable._inputs"),
        (
            "import pconfigs.pinnable as p\nassert p.pinputs.__module__ == 'pconfigs.pinnable._inputs'",
            "pconfigs.pinnable._inputs",
        ),
        ("from pconfigs._extension import text_caster", "pconfigs._caster"),
        ("from pconfigs._extension import same", "pconfigs._equality"),
        ("from pconfigs._extension import rebuild", "pconfigs._env"),
    ],
)
def test_the_names_of_a_feature_loaded_later_load_its_module(code: str, module: str) -> None:
    assert module in _loaded(code)


def test_comparing_or_hashing_a_config_loads_equality_on_first_use() -> None:
    loaded = _loaded(
        "import sys\n"
        "from pconfigs import pconfig\n"
        "@pconfig\n"
        "class C:\n"
        "    x: float\n"
        "assert 'pconfigs._equality' not in sys.modules\n"
        "assert C(x=float('nan')) == C(x=float('nan')) and hash(C(x=1.0)) == hash(C(x=1.0))\n"
        "assert C(x=1.0) != C(x=2.0)\n"
        # the first comparison and hash bind `_equality`'s functions in `_make`: later ones import nothing
        "import pconfigs._make as m, pconfigs._equality as e\n"
        "assert m._configs_equal is e.configs_equal and m._config_hash is e.config_hash\n"
    )
    assert "pconfigs._equality" in loaded
