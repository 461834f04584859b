"""The printer's text for every kind of value: valid Python, black's style, imports named by first use.

Needs only pconfigs-core. The black-stability checks skip where black is not installed (the core-only CI job);
Pinned fields are covered in tests/pinnable/test_render_values.py.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from pconfigs._literals import str_literal, width
from pconfigs._render import UnrenderableError, render_expression, render_module

MODELS = """
import collections
import datetime
import decimal
import enum
import pathlib
from typing import Any, NamedTuple

from pconfigs import pconfig, pconfiged, pdefaults


class Color(enum.Enum):
    red = 1
    dark_blue = "db"


class Perm(enum.Flag):
    r = 4
    w = 2


class Point(NamedTuple):
    x: int
    y: int


def helper(x):
    return x


class Tools:
    @classmethod
    def make(cls):
        return cls()

    class Inner:
        pass


@pconfig
class Leaf:
    a: Any
    b: Any


@pconfig
class Base:
    first: Any


@pconfiged(runnable=True)
class App:
    config: "Node"

    def main(self):
        return 0


@pconfig(constructs=App)
class Node(Base):
    value: Any
    leaf: Any


pdefaults += Node(first=0, value=None, leaf=None)
"""

OTHER = """
import enum


class Color(enum.Enum):
    green = 2


class Leaf:
    pass
"""


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("models")
    (root / "rtmodels.py").write_text(MODELS)
    (root / "rtother.py").write_text(OTHER)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("rtmodels")
    finally:
        sys.path.remove(str(root))


NO_BLACK = "black is not installed (as in the core-only CI job); black-stability is checked where it is"


def black_stable(text: str) -> bool:
    """Whether black's default style leaves `text` unchanged; skips the calling test where black is not installed."""
    black = pytest.importorskip("black", reason=NO_BLACK)
    return black.format_str(text, mode=black.Mode()) == text


def every_value_kind(models: Any) -> Any:
    """A config holding every kind of value the printer knows."""
    import collections
    import datetime
    import decimal
    import pathlib

    m = models
    value = {
        "s": 'it\'s "q"\n\t\\ é 中',
        "b": b"\x00a'\"",
        "n": [None, True, False, 0, -7, 10**30],
        "f": [0.1, -0.0, 1e22, 1e-05, float("inf"), float("-inf"), float("nan")],
        "c": complex(1, -2.5),
        "t": ((1,), (), (1, 2)),
        "sets": [{3, 1, 2}, frozenset({"b", "a"}), set(), frozenset()],
        "enums": [m.Color.red, m.Color.dark_blue, m.Perm.r | m.Perm.w],
        "paths": [pathlib.Path("a/b.txt"), pathlib.PurePosixPath("/x")],
        "objects": [m.helper, m.Tools.make, m.Tools.Inner, int, len, m.Point(1, 2)],
        "more": [collections.OrderedDict(a=1), datetime.date(2024, 2, 29), decimal.Decimal("1.50"), range(3)],
        (1, "k"): b"",
    }
    return m.Node(first=m.Leaf(a=1, b=[1, 2]), value=value, leaf=m.Leaf(a="x", b=None))


def test_every_value_kind_prints_as_valid_python(models: Any) -> None:
    """Scalars, containers, enums, paths, classes, functions and nested configs print as readable Python."""
    text = render_module(every_value_kind(models))
    ast.parse(text)
    assert text == textwrap.dedent(
        """\
        from rtmodels import Node, App, Leaf, Color, Perm, helper, Tools, Point
        from pathlib import Path, PurePosixPath
        from collections import OrderedDict
        from datetime import date
        from decimal import Decimal

        # NOTE: This code is not intended to run. It is for reading and looking up type definitions.
        # If you want to run or inspect these objects, import the config from where it is defined.

        Node(
            constructable_type=App,  # ClassVar (omit from config)
            first=Leaf(a=1, b=[1, 2]),
            value={
                "s": 'it\\'s "q"\\n\\t\\\\ é 中',
                "b": b"\\x00a'\\"",
                "n": [None, True, False, 0, -7, 1000000000000000000000000000000],
                "f": [0.1, -0.0, 1e22, 1e-05, float("inf"), float("-inf"), float("nan")],
                "c": complex(1.0, -2.5),
                "t": ((1,), (), (1, 2)),
                "sets": [{1, 2, 3}, frozenset({"a", "b"}), set(), frozenset()],
                "enums": [Color.red, Color.dark_blue, Perm(6)],
                "paths": [Path("a/b.txt"), PurePosixPath("/x")],
                "objects": [helper, Tools.make, Tools.Inner, int, len, Point(x=1, y=2)],
                "more": [
                    OrderedDict({"a": 1}),
                    date(2024, 2, 29),
                    Decimal("1.50"),
                    range(0, 3, 1),
                ],
                (1, "k"): b"",
            },
            leaf=Leaf(a="x", b=None),
        )
        """
    )


def test_every_value_kind_prints_in_black_style(models: Any) -> None:
    """The module printed for every kind of value is one black's default style leaves unchanged."""
    assert black_stable(render_module(every_value_kind(models)))


def test_name_clashes_are_aliased_in_order_of_first_use(models: Any) -> None:
    """Two objects with one name: the first keeps it, the second is imported under an alias."""
    import rtother

    cfg = models.Leaf(a=[models.Color.red, rtother.Color.green, rtother.Leaf], b=models.Tools)
    assert render_module(cfg, runnable=True) == (
        "from rtmodels import Leaf, Color, Tools\n"
        "from rtother import Color as rtother_Color, Leaf as rtother_Leaf\n"
        "\n"
        "config = Leaf(a=[Color.red, rtother_Color.green, rtother_Leaf], b=Tools)\n"
    )


@pytest.fixture(scope="module")
def wide_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The runnable module printed for a config that imports five long class names from one module."""
    tmp_path = tmp_path_factory.mktemp("wide")
    names = [f"Config{i:02d}WithALongName" for i in range(5)]
    source = "from typing import Any\nfrom pconfigs import pconfig\n" + "".join(
        f"@pconfig\nclass {n}:\n    x: Any\n" for n in names
    )
    (tmp_path / "rtwide.py").write_text(source)
    sys.path.insert(0, str(tmp_path))
    try:
        mod = importlib.import_module("rtwide")
        classes = [getattr(mod, n) for n in names]
        cfg = classes[0](x=[c for c in classes[1:]])
        return render_module(cfg, runnable=True)
    finally:
        sys.path.remove(str(tmp_path))


def test_long_import_lines_wrap_one_name_per_line(wide_text: str) -> None:
    """An import line past 88 columns is wrapped in parentheses, one name per line, as black writes it."""
    assert wide_text.startswith("from rtwide import (\n    Config00WithALongName,\n    Config01WithALongName,\n")


def test_long_import_lines_are_in_black_style(wide_text: str) -> None:
    """The wrapped import lines are ones black's default style leaves unchanged."""
    assert black_stable(wide_text)


def test_unrepresentable_values_print_as_ellipsis_with_a_comment(models: Any) -> None:
    """A value with no Python form prints as `...` with a comment naming its type; the output still parses."""
    cfg = models.Leaf(a=[1, object()], b=lambda: 0)
    text = render_expression(cfg)
    assert text == textwrap.dedent(
        """\
        Leaf(
            a=[
                1,
                ...,  # unrepresentable: builtins.object object
            ],
            b=...,  # unrepresentable: rtmodels.<lambda> is not importable
        )"""
    ).replace(
        "rtmodels.<lambda>",
        f"{__name__}.test_unrepresentable_values_print_as_ellipsis_with_a_comment.<locals>.<lambda>",
    )
    ast.parse(text)


def test_unrepresentable_values_print_in_black_style(models: Any) -> None:
    """The `...` placeholders and their comments are in black's default style."""
    cfg = models.Leaf(a=[1, object()], b=lambda: 0)
    assert black_stable(render_expression(cfg) + "\n")


def test_runnable_refuses_values_without_a_python_form(models: Any) -> None:
    """`--runnable` output would not rebuild an equal config, so the renderer refuses it and names each value."""
    cfg = models.Leaf(a=[1, object()], b={"k": object()})
    with pytest.raises(UnrenderableError) as info:
        render_module(cfg, runnable=True)
    assert str(info.value) == (
        "cannot write a runnable module: these values have no Python form:\n"
        "  a[1]: builtins.object object\n"
        "  b['k']: builtins.object object"
    )


def test_repr_is_the_expression(models: Any) -> None:
    """`repr(cfg)` is the printed expression, on one line when it fits and has no comments."""
    cfg = models.Leaf(a=1, b="two")
    assert repr(cfg) == 'Leaf(a=1, b="two")'


STRINGS = [
    "",
    "plain",
    "it's",
    'say "hi"',
    "both ' and \"",
    "\\",
    "tab\there",
    "\x00\x7f\x80",
    "é中",
    "\u200b",
    "\U0001f600",
]


@pytest.mark.parametrize("text", STRINGS)
def test_string_literals_round_trip(text: str) -> None:
    """A string literal evaluates back to the string."""
    assert ast.literal_eval(str_literal(text)) == text


@pytest.mark.parametrize("text", STRINGS)
def test_string_literals_are_in_black_style(text: str) -> None:
    """Black would not change a string literal's quotes or escapes."""
    assert black_stable(f"x = {str_literal(text)}\n")


def test_width_counts_wide_characters_as_black_does() -> None:
    """East Asian wide characters count two columns, like black's own line-length check."""
    pytest.importorskip("black", reason=NO_BLACK)
    from black.strings import str_width

    samples = ["abc", "é", "中文", "ｱ", "\u3000", "😀", "a\u0301"]
    assert [width(s) for s in samples] == [str_width(s) for s in samples]


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Sets, frozensets and dicts print the same text in processes with different hash seeds."""
    code = (
        "from typing import Any\n"
        "from pconfigs import pconfig\n"
        "from pconfigs._render import render_module\n"
        "@pconfig\nclass C:\n    x: Any\n"
        "print(render_module(C(x=[{'pear', 'apple', 'fig', 'kiwi'}, frozenset({b'z', b'a'}), {(2, 'b'), (1, 'a')},"
        " {3.5, 1, -2}, {'k': {'v', 'w'}}])))\n"
    )
    outputs = set()
    for seed in ("0", "1", "2", "12345"):
        env = {**__import__("os").environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert '{"apple", "fig", "kiwi", "pear"}' in outputs.pop()
