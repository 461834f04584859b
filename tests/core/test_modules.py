"""Core's modules import each other without cycles, so each can be read (and split) on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pconfigs

CORE = Path(pconfigs.__file__).parent


def imports_of(path: Path) -> set[str]:
    """Core modules `path` imports when it runs (deferred imports too; type-checking-only imports are not run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        for inner in ast.walk(node)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1 or module == "pconfigs" or module.startswith("pconfigs."):
                base = module.removeprefix("pconfigs").lstrip(".") if node.level == 0 else module
                if base:
                    found.add(base.split(".")[0])
                else:
                    found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pconfigs."))
    return {m for m in found if (CORE / f"{m}.py").exists()} - {path.stem}


def test_core_has_no_import_cycle() -> None:
    """No chain of run-time imports between core modules leads back to where it started."""
    graph = {p.stem: imports_of(p) for p in CORE.glob("*.py") if p.stem != "__init__"}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        for nxt in sorted(graph.get(module, ())):
            if nxt in trail:
                cycle = trail[trail.index(nxt) :] + [nxt]
                if cycle[0] == min(cycle[:-1]):
                    cycles.append(" -> ".join(cycle))
            elif len(trail) < len(graph):
                visit(nxt, [*trail, nxt])

    for start in sorted(graph):
        visit(start, [start])
    assert cycles == []


def test_the_cycle_check_reads_deferred_imports(tmp_path: Path) -> None:
    """Imports inside functions count; imports under `if TYPE_CHECKING:` do not."""
    sample = CORE / "_spec.py"
    found = imports_of(sample)
    assert "_typeforms" in found and "_derived" not in found
    assert "_render" in imports_of(CORE / "_make.py")  # a deferred import in __repr__
