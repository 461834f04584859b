"""Field docs: the string literal after a field's annotation documents it, read lazily from source (DESIGN 6.3)."""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pconfigs import pconfig
from pconfigs._fielddocs import field_docs


@pytest.fixture
def load(tmp_path: Path) -> Iterator[Callable[[str], ModuleType]]:
    """Writes source to a module file under tmp_path and imports it, so `inspect` finds the classes' source."""
    names: list[str] = []

    def load(source: str) -> ModuleType:
        name = f"fielddocs_sample_{len(names)}_{abs(hash(str(tmp_path)))}"
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(source))
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        names.append(name)
        spec.loader.exec_module(module)
        return module

    yield load
    for name in names:
        sys.modules.pop(name, None)


TRAINER = '''
    from typing import ClassVar, Optional

    from pconfigs import pconfig


    @pconfig
    class OptimizerConfig:
        lr: float
        """Learning rate at the start of the schedule."""
        momentum: float


    @pconfig
    class TrainerConfig:
        kind: ClassVar[str] = "trainer"
        """Not a field."""

        steps: int
        """
        Optimizer steps to run.

        Each step reads one batch.
        """
        optimizer: OptimizerConfig
        """The optimizer; see OptimizerConfig."""
        name: Optional[str]

        def describe(self) -> str:
            """A method's docstring is not a field doc."""
            return "trainer"

        "not a doc: it follows no annotation"


    @pconfig
    class LongTrainerConfig(TrainerConfig):
        warmup: int
        """Steps of linear warmup."""
        steps: int
        """Optimizer steps, warmup included."""
        optimizer: OptimizerConfig
'''


def test_a_string_after_an_annotation_is_the_fields_doc(load: Any) -> None:
    """Each documented field maps to its doc, cleaned of indentation; undocumented fields are left out."""
    module = load(TRAINER)
    assert field_docs(module.OptimizerConfig) == {"lr": "Learning rate at the start of the schedule."}
    assert field_docs(module.TrainerConfig) == {
        "steps": "Optimizer steps to run.\n\nEach step reads one batch.",
        "optimizer": "The optimizer; see OptimizerConfig.",
    }


def test_subclasses_inherit_docs_and_a_redeclared_doc_wins(load: Any) -> None:
    """Inherited fields keep their doc; a redeclaration's own doc replaces it; fields come in field order."""
    module = load(TRAINER)
    docs = field_docs(module.LongTrainerConfig)
    assert docs == {
        "steps": "Optimizer steps, warmup included.",
        "optimizer": "The optimizer; see OptimizerConfig.",
        "warmup": "Steps of linear warmup.",
    }
    assert list(docs) == ["steps", "optimizer", "warmup"]


def test_docs_of_a_class_defined_in_a_function(load: Any) -> None:
    """A class nested in a function is read too, even when its strings' lines start left of the class."""
    module = load(
        '''
        from pconfigs import pconfig


        def make():
            @pconfig
            class Local:
                size: int
                """Size in bytes,
        rounded up."""

            return Local
        '''
    )
    assert field_docs(module.make()) == {"size": "Size in bytes,\nrounded up."}


def test_docs_of_a_derived_field(load: Any) -> None:
    """A Pinned field's doc reads like any other's; the @pproperty's docstring is not it."""
    pytest.importorskip("pconfigs.pinnable")
    module = load(
        '''
        from pconfigs import pconfig
        from pconfigs.pinnable import Pinned, pproperty


        @pconfig
        class Box:
            width: int
            area: Pinned[int]
            """Width squared."""

            @pproperty
            def area(self) -> int:
                """Computes the area."""
                return self.width**2
        '''
    )
    assert field_docs(module.Box) == {"area": "Width squared."}


def test_docs_of_an_environment_class(load: Any) -> None:
    """A class that is not a config (a @penv class) gives the docs of its annotated names."""
    module = load(
        '''
        from pconfigs import penv


        @penv(convention="uppercase")
        class WorkerEnv:
            workers: int = 2
            """Data-loading processes."""
        '''
    )
    assert field_docs(module.WorkerEnv) == {"workers": "Data-loading processes."}


def test_a_class_without_source_has_no_docs() -> None:
    """A class defined by exec has no source to read: no docs, and no error."""
    namespace: dict[str, Any] = {"pconfig": pconfig}
    exec('@pconfig\nclass NoSource:\n    x: int\n    """Doc."""\n', namespace)
    assert field_docs(namespace["NoSource"]) == {}


def test_docs_are_read_once_per_class(load: Any, tmp_path: Path) -> None:
    """A class's source is read on the first request only; later requests use what was read."""
    module = load(TRAINER)
    assert field_docs(module.OptimizerConfig) == {"lr": "Learning rate at the start of the schedule."}
    for path in tmp_path.glob("*.py"):
        path.write_text("")
    assert field_docs(module.OptimizerConfig) == {"lr": "Learning rate at the start of the schedule."}


def test_building_reads_no_source(load: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Declaring and building configs never reads source: docs cost nothing until asked for."""
    import inspect

    def refuse(*args: object) -> None:
        raise AssertionError("source was read")

    monkeypatch.setattr(inspect, "getsourcelines", refuse)
    monkeypatch.setattr(inspect, "getsource", refuse)
    module = load(TRAINER)
    module.LongTrainerConfig(warmup=1, steps=2, optimizer=module.OptimizerConfig(lr=0.1, momentum=0.9), name=None)


def test_field_docs_refuses_what_is_not_a_class() -> None:
    """field_docs takes a class; a config object is refused with a hint."""
    with pytest.raises(TypeError) as info:
        field_docs(3)  # type: ignore[arg-type]
    assert str(info.value) == (
        "field_docs: expected a class, got int 3\n  hint: pass the config's class: field_docs(type(cfg))"
    )
