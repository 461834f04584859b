"""The LLM example's presets (examples/llm, 120 fields in nine config classes): printing, diffing, provenance.

1. `pconfigs-print llm.presets.llama_70b.config` with three overrides (`optimizer.lr=1e-4 data.seq_length=4096
   parallel.recompute=selective`) against the same command without them. Budget: within 1.2x. The budget is for
   the command a user runs, so the first row times it as a whole process (`python -m pconfigs.print ...`, best of
   alternating runs). The next rows time it in-process (`print_main`, output to a buffer), which leaves out the
   interpreter's start and the imports and so shows the overrides' own cost; an override rebuilds the configs
   along its path and everything above them, and the last row splits that cost into `pconfigs.override` (typed
   values, no text to parse) against the same rebuild written by hand.
2. `pconfigs.diff` of two presets: llama_8b against llama_70b (the one built from the other, so sub-configs they
   share are skipped), small against llama_70b, and llama_70b against a copy built apart from the same inputs (equal,
   nothing shared: every value is walked). Budget: under 50 ms.
3. What provenance recording costs a build, and a read. Provenance is what the generated `__init__` records for
   `pconfigs.origin` and `--origins`: the build's trail (`__pconfig_trail__`: which fields came from which source,
   made by the merge as a `Trail` of every source's class, trail and site) and the build's site (`__pconfig_site__`:
   a walk up the stack to the first frame outside pconfigs, which error messages use too).
   Method: for every config class of the example, take the generated `__init__` the class really uses (its source
   is registered in `linecache`) and compile variants of that same source. The first calls a copy of pconfigs' merge
   whose `trail = Trail(...)` is `trail = None` (edited in its syntax tree, so the rest of the merge is the code that
   runs), so the build stores `None` as its trail; the second also replaces the frame walk by a constant site. The
   stores themselves are kept (with those constants): leaving them out would change the order of the instances'
   attributes and lose CPython's shared-key layout, which slows the variant and hides the cost (two attribute writes
   per build, the same as one field's). The variants run in the same classes, with the same specs, checks, derived
   values and `__post_init__`, so the difference between the timings is the recording alone. The builds are the
   three presets, built as their files build them (small from the registered defaults, llama_8b from small,
   llama_70b from llama_8b: 12 builds, 9 of them merging from a base or defaults). Timings alternate between the
   real and the variant `__init__`s and take the best of many short samples. Reads go through the same attributes
   on configs built with and without the recording. Budget: at most 10% on builds, nothing on reads.

Prints a table of times and ratios; it asserts nothing. Run: `python benchmarks/bench_llm.py` (the example must be
installed, as it is in the hatch environment).
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import linecache
import sys
import textwrap
import timeit
import types
from collections.abc import Callable, Iterator
from typing import Any

import pconfigs
from llm.checkpoint import CheckpointConfig
from llm.data import DataConfig
from llm.evaluation import EvalConfig
from llm.model import ModelConfig
from llm.optim import OptimizerConfig, ScheduleConfig
from llm.parallel import ParallelConfig, Recompute
from llm.presets import llama_8b, llama_70b, small
from llm.pretrain import PretrainConfig
from llm.tracking import TrackingConfig
from pconfigs.cli import print_main

CLASSES = [
    PretrainConfig,
    ModelConfig,
    OptimizerConfig,
    ScheduleConfig,
    DataConfig,
    ParallelConfig,
    CheckpointConfig,
    TrackingConfig,
    EvalConfig,
]


def best(fn: Callable[[], object], number: int, repeat: int = 7) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def alternating(fns: list[Callable[[], object]], rounds: int, number: int) -> list[float]:
    """The best time per call of each of `fns`, timed in turn round after round, so that a busy machine slows all of
    them alike and the best of many short samples is each one's undisturbed time."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for fn, samples in zip(fns, times):
            samples.append(timeit.timeit(fn, number=number) / number)
    return [min(samples) for samples in times]


# 1. Printing ---------------------------------------------------------------------------------------------------------

TARGET = "llm.presets.llama_70b.config"
OVERRIDES = ["optimizer.lr=1e-4", "data.seq_length=4096", "parallel.recompute=selective"]


def printed(argv: list[str]) -> Callable[[], None]:
    def run() -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            status = print_main(argv)
        if status != 0:
            raise RuntimeError(f"pconfigs-print {' '.join(argv)} exited {status}")

    return run


def processes(a: list[str], b: list[str], rounds: int) -> tuple[float, float]:
    """Best wall time of `python -m pconfigs.print` with arguments `a` and with `b`, run alternately."""
    import subprocess
    import time

    best = [float("inf"), float("inf")]
    for _ in range(rounds):
        for i, argv in enumerate((a, b)):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "pconfigs.print", *argv], check=True, capture_output=True)
            best[i] = min(best[i], time.perf_counter() - start)
    return best[0], best[1]


def _python_best(code: list[str], rounds: int) -> list[float]:
    """Best wall time of `python -c CODE` for each of `code`, run in turns, with bytecode caches (written by a first
    run: a machine may set PYTHONDONTWRITEBYTECODE)."""
    import os
    import subprocess
    import time

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for c in code:
        subprocess.run([sys.executable, "-c", c], check=True, env=env)
    best = [float("inf")] * len(code)
    for _ in range(rounds):
        for i, c in enumerate(code):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", c], check=True, env=env)
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def building() -> list[tuple[str, str, str, str]]:
    """Importing the example (its nine modules and three presets, each built at import), and each preset's build as
    its file writes it: small from the registered defaults, llama_8b from small, llama_70b from llama_8b."""
    bare, core, example = _python_best(
        ["pass", "import pconfigs, pconfigs.pinnable", "import llm.presets.llama_70b"], rounds=20
    )
    s = small.config
    b = llama_8b.config

    def build_small() -> object:
        return PretrainConfig(name="small", train_tokens=2_500_000_000, model=ModelConfig(num_key_value_heads=4))

    def build_8b() -> object:
        return PretrainConfig(
            s,
            name="llama_8b",
            train_tokens=15_000_000_000_000,
            model=ModelConfig(s.model, vocab_size=128256, hidden_size=4096, num_layers=32, num_attention_heads=32),
            optimizer=OptimizerConfig(s.optimizer, lr=3e-4),
            parallel=ParallelConfig(s.parallel, tensor_parallel=2, recompute=Recompute.selective),
        )

    def build_70b() -> object:
        return PretrainConfig(
            b,
            name="llama_70b",
            model=ModelConfig(b.model, hidden_size=8192, num_layers=80, num_attention_heads=64, ffn_hidden_size=28672),
            optimizer=OptimizerConfig(b.optimizer, lr=1.5e-4),
            data=DataConfig(b.data, global_batch_tokens=8_388_608),
            parallel=ParallelConfig(b.parallel, tensor_parallel=4, pipeline_parallel=2, virtual_pipeline_stages=5),
        )

    t_small, t_8b, t_70b = alternating([build_small, build_8b, build_70b], rounds=200, number=20)
    return [
        (
            "import llm.presets.llama_70b",
            f"{(example - bare) * 1e3:.1f} ms",
            f"pconfigs + pinnable {(core - bare) * 1e3:.1f} ms",
            "whole processes, above python -c pass",
        ),
        ("build small (defaults, 2 configs)", f"{t_small * 1e6:.1f} us", "", ""),
        ("build llama_8b from small (5 configs)", f"{t_8b * 1e6:.1f} us", "", ""),
        ("build llama_70b from llama_8b (5)", f"{t_70b * 1e6:.1f} us", "", ""),
    ]


def printing() -> list[tuple[str, str, str, str]]:
    plain, overridden = printed([TARGET]), printed([TARGET, *OVERRIDES])
    cfg = llama_70b.config
    typed = {"optimizer.lr": 1e-4, "data.seq_length": 4096, "parallel.recompute": Recompute.selective}

    def by_hand() -> PretrainConfig:
        return PretrainConfig(
            cfg,
            optimizer=OptimizerConfig(cfg.optimizer, lr=1e-4),
            data=DataConfig(cfg.data, seq_length=4096),
            parallel=ParallelConfig(cfg.parallel, recompute=Recompute.selective),
        )

    assert pconfigs.override(cfg, typed) == by_hand()
    p_plain, p_overridden = processes([TARGET], [TARGET, *OVERRIDES], rounds=7)
    t_plain, t_overridden, t_override, t_hand = alternating(
        [plain, overridden, lambda: pconfigs.override(cfg, typed), by_hand], rounds=100, number=5
    )
    return [
        (
            "pconfigs-print 70B + 3 overrides",
            f"{p_overridden * 1e3:.1f} ms",
            f"no overrides {p_plain * 1e3:.1f} ms",
            f"{p_overridden / p_plain:.2f}x (budget 1.2x)",
        ),
        (
            "  in-process",
            f"{t_overridden * 1e3:.3f} ms",
            f"no overrides {t_plain * 1e3:.3f} ms",
            f"{t_overridden / t_plain:.2f}x",
        ),
        (
            "  of which: override(), typed",
            f"{t_override * 1e3:.3f} ms",
            f"same rebuild by hand {t_hand * 1e3:.3f} ms",
            f"{t_override / t_hand:.2f}x",
        ),
    ]


# 2. Diffing ----------------------------------------------------------------------------------------------------------


def diffing() -> list[tuple[str, str, str, str]]:
    a8, a70, s = llama_8b.config, llama_70b.config, small.config
    apart = pconfigs.from_dict(PretrainConfig, pconfigs.to_dict(a70, inputs=True))  # equal, shares nothing
    assert apart == a70 and apart.model is not a70.model
    rows = []
    for name, a, b in [
        ("llama_8b vs llama_70b", a8, a70),
        ("small vs llama_70b", s, a70),
        ("70B vs 70B apart", a70, apart),
    ]:
        count = len(pconfigs.diff(a, b))
        t = best(lambda a=a, b=b: pconfigs.diff(a, b), 200)
        t_eq = best(lambda a=a, b=b: a == b, 200)
        rows.append(
            (f"diff {name}", f"{t * 1e6:.1f} us", f"a == b {t_eq * 1e6:.1f} us", f"{count} differences (budget 50 ms)")
        )
    return rows


# 3. Provenance -------------------------------------------------------------------------------------------------------


def build_presets() -> PretrainConfig:
    """The three presets, built as examples/llm/src/llm/presets/*.py build them."""
    s = PretrainConfig(name="small", train_tokens=2_500_000_000, model=ModelConfig(num_key_value_heads=4))
    b = PretrainConfig(
        s,
        name="llama_8b",
        train_tokens=15_000_000_000_000,
        model=ModelConfig(
            s.model,
            vocab_size=128256,
            hidden_size=4096,
            num_layers=32,
            num_attention_heads=32,
            num_key_value_heads=8,
            ffn_hidden_size=14336,
            max_position_embeddings=8192,
            rope_theta=500000.0,
        ),
        optimizer=OptimizerConfig(s.optimizer, lr=3e-4),
        data=DataConfig(
            s.data,
            tokenizer="meta-llama/Meta-Llama-3-8B",
            seq_length=8192,
            global_batch_tokens=4_194_304,
            micro_batch_size=1,
            eod_token_id=128001,
        ),
        parallel=ParallelConfig(s.parallel, tensor_parallel=2, sequence_parallel=True, recompute=Recompute.selective),
        checkpoint=CheckpointConfig(s.checkpoint, save_interval=2000, async_save=True),
    )
    return PretrainConfig(
        b,
        name="llama_70b",
        model=ModelConfig(b.model, hidden_size=8192, num_layers=80, num_attention_heads=64, ffn_hidden_size=28672),
        optimizer=OptimizerConfig(b.optimizer, lr=1.5e-4),
        data=DataConfig(b.data, global_batch_tokens=8_388_608),
        parallel=ParallelConfig(
            b.parallel, tensor_parallel=4, pipeline_parallel=2, virtual_pipeline_stages=5, recompute=Recompute.full
        ),
    )


BENCH_SITE = ("<bench>", 0)


class VariantError(Exception):
    """The generated code no longer has the shape this benchmark edits: the method needs updating."""


def _merge_without_trail(merge: Callable[..., Any]) -> Callable[..., Any]:
    """A copy of pconfigs' merge (same module globals) whose `trail = Trail(...)` is `trail = None`."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(merge)))
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and [getattr(t, "id", None) for t in node.targets] == ["trail"]
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", None) == "Trail"
    ]
    if len(found) != 1:
        raise VariantError("merge no longer builds its trail as `trail = Trail(...)`")
    found[0].value = ast.Constant(None)
    namespace: dict[str, Any] = {}
    exec(compile(ast.fix_missing_locations(tree), "<bench merge without trail>", "exec"), merge.__globals__, namespace)
    return namespace[merge.__name__]  # type: ignore[no-any-return]


def _without_recording(init: Any, merge_variant: Callable[..., Any], site_too: bool) -> Any:
    """`init` (a generated `__init__`) recompiled to call `merge_variant`, so the trail it stores is `None` (a build
    from the registered defaults alone, which reuses a cached merge, stores `None` too: its trail was recorded once);
    with `site_too`, also without the frame walk (the site it stores is a constant)."""
    source = "".join(linecache.getlines(init.__code__.co_filename))
    if not source:
        raise VariantError(f"no source registered for {init.__qualname__}")
    tree = ast.parse(source)
    func = tree.body[0]
    assert isinstance(func, ast.FunctionDef)
    p = func.args.posonlyargs[0].arg.removesuffix("self")  # the generated code's own prefix
    globals_ = dict(init.__globals__)
    globals_[f"{p}merge"] = merge_variant
    if not any(isinstance(node, ast.Name) and node.id == f"{p}merge" for node in ast.walk(func)):
        raise VariantError(f"{init.__qualname__} no longer calls `{p}merge`")
    edits = _Unrecord(p, site_too)
    edits.visit(func)
    wanted = {"cached trail"} | ({"frame", "walk", "code", "site"} if site_too else set())
    if not wanted <= edits.done:
        raise VariantError(f"{init.__qualname__} no longer has the shape edited here: {sorted(wanted - edits.done)}")
    filename = f"<pconfigs __init__ of {init.__qualname__} without provenance>"  # internal to the frame walk
    namespace: dict[str, Any] = {}
    exec(compile(ast.fix_missing_locations(tree), filename, "exec"), globals_, namespace)
    return namespace["__init__"]


class _Unrecord(ast.NodeTransformer):
    """The edits of `_without_recording`, by the names the generated code uses (`done` says which were made)."""

    def __init__(self, p: str, site_too: bool) -> None:
        self.p, self.site_too, self.done = p, site_too, set[str]()

    def visit_Assign(self, node: ast.Assign) -> Any:
        p, names = self.p, [getattr(t, "id", None) for t in node.targets]
        target = node.targets[0]
        if isinstance(target, ast.Tuple) and any(getattr(e, "id", None) == f"{p}trail" for e in target.elts):
            value = node.value
            if getattr(value, "id", None) == f"{p}d":  # the cached merge of the defaults
                self.done.add("cached trail")
                return [node, *ast.parse(f"{p}trail = None").body]
        if self.site_too and names == [f"{p}f"]:
            self.done.add("frame")
            return None
        if self.site_too and names == [f"{p}code"]:
            self.done.add("code")
            node.value = ast.Constant(None)
        if self.site_too and names == [f"{p}site"]:
            self.done.add("site")
            node.value = ast.parse(repr(BENCH_SITE), mode="eval").body
        return node

    def visit_If(self, node: ast.If) -> Any:
        if self.site_too and f"{self.p}user_files" in ast.unparse(node.test):
            self.done.add("walk")
            return None
        return self.generic_visit(node)


@contextlib.contextmanager
def installed(inits: dict[type, Any]) -> Iterator[None]:
    real = {cls: cls.__dict__["__init__"] for cls in inits}
    try:
        for cls, init in inits.items():
            type.__setattr__(cls, "__init__", init)
        yield
    finally:
        for cls, init in real.items():
            type.__setattr__(cls, "__init__", init)


def provenance(rounds: int = 100, number: int = 2) -> list[tuple[str, str, str, str]]:
    reference = build_presets()  # also generates every class's real __init__
    assert reference == llama_70b.config
    real = {cls: cls.__dict__["__init__"] for cls in CLASSES}
    some_init = real[PretrainConfig]
    try:
        # The generated code calls `merge_build`, which calls `merge`: a copy of merge_build calling the variant.
        build = some_init.__globals__[some_init.__code__.co_varnames[0].removesuffix("self") + "merge"]
        variant = _merge_without_trail(build.__globals__["merge"])
        merge = types.FunctionType(build.__code__, {**build.__globals__, "merge": variant}, build.__name__)
        no_trail = {cls: _without_recording(init, merge, site_too=False) for cls, init in real.items()}
        no_record = {cls: _without_recording(init, merge, site_too=True) for cls, init in real.items()}
    except VariantError as exc:
        return [("provenance on builds", "not measured", str(exc), "")]
    with installed(no_record):
        bare = build_presets()
    assert bare == reference and bare.__pconfig_trail__ is None and reference.__pconfig_trail__ is not None
    assert bare.__pconfig_site__ == BENCH_SITE and list(vars(bare)) == list(vars(reference))

    def with_inits(inits: dict[type, Any]) -> Callable[[], object]:
        def run() -> None:
            with installed(inits):
                for _ in range(10):
                    build_presets()

        return run

    t_real, t_no_trail, t_neither = (
        t / 10 for t in alternating([with_inits(real), with_inits(no_trail), with_inits(no_record)], rounds, number)
    )

    read = "; ".join(["c.model.hidden_size", "c.total_steps", "c.parallel.tensor_parallel"] * 4)
    reads = [timeit.Timer(read, globals={"c": c}).timeit for c in (reference, bare)]
    r_real, r_bare = (t / 120_000 for t in alternating([lambda r=r: r(10_000) for r in reads], rounds=50, number=1))
    return [
        (
            "build the 3 presets (12 builds)",
            f"{t_real * 1e6:.0f} us",
            f"no trail {t_no_trail * 1e6:.0f} us",
            f"trail costs {(t_real / t_no_trail - 1) * 100:+.1f}% (budget 10%)",
        ),
        (
            "  same",
            f"{t_real * 1e6:.0f} us",
            f"no trail, no site {t_neither * 1e6:.0f} us",
            f"trail + site cost {(t_real / t_neither - 1) * 100:+.1f}% (budget 10%)",
        ),
        (
            "read a field (with / without)",
            f"{r_real * 1e9:.1f} ns",
            f"no provenance {r_bare * 1e9:.1f} ns",
            f"{r_real / r_bare:.2f}x (budget 1.0x)",
        ),
    ]


def main() -> int:
    print(f"the LLM example's presets, Python {sys.version.split()[0]}")
    rows = [("measure", "pconfigs", "against", "ratio"), *building(), *printing(), *diffing(), *provenance()]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
