"""The declarations type checkers read (`pconfigs/__init__.pyi`, `pconfigs/pinnable/__init__.pyi`, `_types.pyi`)
agree with the runtime.

mypy reads a `.pyi` instead of the `.py` beside it, so nothing else notices when the two drift apart. Three
checks: each stub exports exactly the runtime module's `__all__`; the two classes declared in `_types.pyi` have
the runtime classes' methods and parameters; and mypy's `stubtest` compares every public object's signature
with the runtime (on the mypy versions whose stubtest reads an overload carrying `dataclass_transform`).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pconfigs
import pytest

STUBBED = ("pconfigs", "pconfigs.pinnable")

TOLERATED = [
    # The runtime's own overloads, which the stubs copy, do not accept an explicit None for the argument that
    # tells `@pconfig` from `@pconfig(...)`: the None default is how the implementation tells them apart, not API.
    (
        r"pconfigs\.(pconfig|pconfiged|penum|penv|psetter)|pconfigs\.pinnable\.pproperty",
        r'runtime parameter "\w+" has a default value of type None, which is incompatible with stub parameter',
    ),
    # The stubs declare `pdefaults`'s class in the stub-only `pconfigs._types` (so that mypy need not read
    # `_registry.py`); test_private_classes_match_the_runtime compares it with `pconfigs._registry.Defaults`.
    (r"pconfigs\.pdefaults", r"variable differs from runtime type pconfigs\._registry\.Defaults$"),
    # To a type checker `Kwarg[T]` and `NotMock[T]` are `T` (an `Annotated` alias); at run time they are markers
    # that `@pconfig(calls=...)` reads.
    (r"pconfigs\.(Kwarg|NotMock)", r"is not a recognised type alias"),
    # `Pinned` is a sentinel at run time; the stub declares it as a generic descriptor class so that pyright reads
    # `Pinned[T]` as a type (docs/05-mypy.md, "Declarations for checkers without a plugin").
    (r"pconfigs(\.pinnable)?\.Pinned", r"is not a type$"),
    # A tuple subclass; `@disjoint_base` is newer than the oldest typing_extensions and mypy we support.
    (r"pconfigs\.sweep\.Sweep", r"is a disjoint base at runtime"),
    # Tells pytest that the class is not a test class; not API.
    (r"pconfigs\.TestConfigs\.__test__", r"is not present in stub"),
]


def stub_path(module: str) -> Path:
    return Path(importlib.import_module(module).__file__ or "").with_suffix(".pyi")


def stub_tree(module: str) -> ast.Module:
    return ast.parse(stub_path(module).read_text(encoding="utf-8"))


def exported(tree: ast.Module) -> tuple[list[str], set[str]]:
    """The stub's `__all__`, and the names it exports (defined in it, or imported `as` themselves)."""
    declared: list[str] = []
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["__all__"]:
            declared = ast.literal_eval(node.value)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.name for a in node.names if a.asname == a.name)
    return declared, {n for n in names if not n.startswith("_") or n == "__version__"}


@pytest.mark.parametrize("module", STUBBED)
def test_stub_exports_the_runtime_all(module: str) -> None:
    """A stub's `__all__` and the names it exports are exactly the runtime module's `__all__`."""
    runtime = importlib.import_module(module)
    declared, names = exported(stub_tree(module))
    assert declared == runtime.__all__
    assert names == set(runtime.__all__)


def test_private_classes_match_the_runtime() -> None:
    """`_types.pyi` declares `Defaults`, `Setter`, `Layer` and `Origin` with the runtime classes' public methods and
    parameters."""
    from pconfigs._origins import Layer, Origin
    from pconfigs._registry import Defaults
    from pconfigs._setter import Setter

    runtime = {"Defaults": Defaults, "Setter": Setter, "Layer": Layer, "Origin": Origin}
    tree = ast.parse(Path(pconfigs.__file__).with_name("_types.pyi").read_text(encoding="utf-8"))
    # A private class (`_Config`, the protocol `pdefaults +=` takes) exists for type checkers only.
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef) and node.name[0] != "_"}
    assert set(classes) == set(runtime)
    for name, node in classes.items():
        cls = runtime[name]
        methods = [m for m in node.body if isinstance(m, ast.FunctionDef)]
        public = {m for m in vars(cls) if not m.startswith("_") and callable(vars(cls)[m])}
        assert public <= {m.name for m in methods}, name
        for method in methods:
            arguments = method.args
            stub_params = [a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]]
            runtime_params = list(inspect.signature(getattr(cls, method.name)).parameters)
            assert stub_params == runtime_params, f"{name}.{method.name}"


_STUBTEST_READS_DECORATED_OVERLOADS = hasattr(
    importlib.import_module("mypy.stubtest"), "_resolve_funcitem_from_callable_type"
)


@pytest.mark.skipif(
    not _STUBTEST_READS_DECORATED_OVERLOADS, reason="this mypy's stubtest fails on a decorated overload"
)
def test_stubtest_finds_no_difference(tmp_path: Path) -> None:
    """mypy's stubtest reports no difference between the stubs and the runtime, beyond the tolerated ones."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", *STUBBED, "--concise"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in done.stderr, done.stderr
    public = "|".join(re.escape(f"{m}.{name}") for m in STUBBED for name in importlib.import_module(m).__all__)
    differences = []
    for line in done.stdout.splitlines():
        # stubtest walks every submodule; only the two stubbed modules' public objects are compared here.
        match = re.match(rf"^((?:{public})(?:\.\w+)*) (.*)$", line)
        if match is None:
            continue
        obj, problem = match.groups()
        if not any(re.fullmatch(o, obj) and re.search(p, problem) for o, p in TOLERATED):
            differences.append(line)
    assert not differences, "\n".join(differences)
