"""Code written for the earlier pconfigs: every name it exported imports from the same place here, and its test
runner's names (`TestConfigs`, `TestSubdirs`) say what to use instead."""

from __future__ import annotations

import importlib

import pconfigs
import pconfigs.pinnable
import pytest

OLD_ALL = [
    "PCallable",
    "Pin",
    "Pinned",
    "Required",
    "pconfig",
    "pconfiged",
    "pdefaults",
    "pproperty",
    "pinputs",
    "psetter",
    "penum",
    "penv",
    "Kwarg",
    "NotMock",
    "Omitted",
    "TestConfigs",
    "TestSubdirs",
]
"""`pconfigs.__all__` of the earlier pconfigs 0.1."""

OLD_PINNABLE = [
    "Pin",
    "Pinned",
    "Required",
    "pconfig",
    "pconfiged",
    "pdefaults",
    "pproperty",
    "pinputs",
    "penum",
    "penv",
]
"""`pconfigs.pinnable.__all__` of the earlier pconfigs; it also defined `psetter`, which code imported from there."""

TESTING_HINT = (
    "  hint: pconfigs tests experiments with its pytest plugin: list the packages that hold them in "
    '`pconfigs_experiments = ["project.experiments"]` under [tool.pytest.ini_options]; __pconfigs__.py files are '
    "not read"
)


@pytest.mark.parametrize("name", OLD_ALL)
def test_every_earlier_name_imports_from_pconfigs(name: str) -> None:
    """Each name of the earlier `pconfigs.__all__` is in ours and imports with `from pconfigs import ...`."""
    assert name in pconfigs.__all__
    namespace: dict[str, object] = {}
    exec(f"from pconfigs import {name}", namespace)
    assert namespace[name] is getattr(pconfigs, name)


def test_star_import_brings_every_earlier_name() -> None:
    """`from pconfigs import *` binds every name the earlier one exported."""
    namespace: dict[str, object] = {}
    exec("from pconfigs import *", namespace)
    assert [name for name in OLD_ALL if name not in namespace] == []


@pytest.mark.parametrize("name", [*OLD_PINNABLE, "psetter"])
def test_the_earlier_pinnable_names_import_from_pconfigs_pinnable(name: str) -> None:
    """Each name the earlier `pconfigs.pinnable` exported imports from there, the same object as from `pconfigs`."""
    pinnable = importlib.import_module("pconfigs.pinnable")
    assert getattr(pinnable, name) is getattr(pconfigs, name)


def test_star_import_from_pinnable_brings_its_earlier_names() -> None:
    """`from pconfigs.pinnable import *` binds what the earlier one's did (and `psetter`)."""
    namespace: dict[str, object] = {}
    exec("from pconfigs.pinnable import *", namespace)
    assert [name for name in [*OLD_PINNABLE, "psetter"] if name not in namespace] == []


def test_test_configs_points_to_the_pytest_plugin() -> None:
    """`TestConfigs(...)` in a `__pconfigs__.py` is a TypeError that says how experiments are tested now."""
    from pconfigs import TestConfigs

    with pytest.raises(TypeError) as info:
        TestConfigs("module1", "module2")
    assert str(info.value) == "TestConfigs(...) is not used by pconfigs\n" + TESTING_HINT


def test_test_subdirs_imports_and_points_to_the_pytest_plugin() -> None:
    """`from pconfigs import TestSubdirs` works (its documented use); using it says how experiments are tested."""
    from pconfigs import TestSubdirs

    assert repr(TestSubdirs) == "TestSubdirs"
    with pytest.raises(TypeError) as info:
        TestSubdirs()
    assert str(info.value) == "TestSubdirs is not used by pconfigs\n" + TESTING_HINT


@pytest.mark.parametrize("marker", ["Kwarg", "NotMock"])
def test_annotation_markers_are_not_values(marker: str) -> None:
    """`Kwarg` and `NotMock` only annotate fields; calling one is a TypeError that shows how to annotate."""
    with pytest.raises(TypeError) as info:
        getattr(pconfigs, marker)()
    assert str(info.value) == (
        f"{marker} is an annotation marker, not a value\n"
        f"  hint: annotate a field of a @pconfig(calls=...) or (mocks=...) class: `field: {marker}[int]`"
    )


def test_markers_print_as_written() -> None:
    """`Kwarg[T]`, `NotMock[T]`, `Omitted[T]` and the value `Omitted` print as written."""
    from pconfigs import Kwarg, NotMock, Omitted

    assert [repr(Kwarg[int]), repr(NotMock[list[int]]), repr(Omitted[str]), repr(Omitted)] == [
        "Kwarg[int]",
        "NotMock[list[int]]",
        "Omitted[str]",
        "Omitted",
    ]
