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


LIBRARY_MODELS = """
import dataclasses
import enum
from typing import Any

from pconfigs import pconfig


class Secret(str):
    def __str__(self):
        return "***"

    def __repr__(self):
        return "Secret(***)"


class Count(int):
    def __int__(self):
        return 0

    def __index__(self):
        return 0

    def __repr__(self):
        return "many"

    __str__ = __repr__


class Ratio(float):
    def __float__(self):
        return 0.0

    def __repr__(self):
        return "half"


class Blob(bytes):
    def __bytes__(self):
        return b"hidden"

    def __repr__(self):
        return "Blob(...)"


Mode = enum.Enum("Mode", [("in", "i"), ("not", "n"), ("a b", "ab"), ("ok", "k")])
Long = enum.Enum("Long", [("a member whose name has spaces and is long enough to pass the line on its own", 1)])


@dataclasses.dataclass(frozen=True)
class Pair:
    left: Any
    right: Any


@pconfig
class Box:
    value: Any
"""

ODD_MODULE = """
from typing import Any

from pconfigs import pconfig


def helper(x):
    return x


@pconfig
class Exp:
    lr: float
    fn: Any
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("lib")
    (root / "rtlib.py").write_text(LIBRARY_MODELS)
    (root / "exp-2024-adv.py").write_text(ODD_MODULE)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("rtlib")
    finally:
        sys.path.remove(str(root))


def rebuilt(text: str) -> Any:
    """The config a `--runnable` module binds, executed in a fresh namespace."""
    namespace: dict[str, Any] = {}
    exec(compile(text, "<runnable>", "exec"), namespace)
    return namespace["config"]


def test_subclasses_of_str_int_float_bytes_print_their_class_and_held_value(lib: Any) -> None:
    """A subclass prints as its class called with the value it holds, never what its __str__ or __repr__ say."""
    cfg = lib.Box(value=[lib.Secret("hunter2"), lib.Count(3), lib.Ratio(0.5), lib.Blob(b"x")])
    text = render_module(cfg, runnable=True)
    assert text == (
        "from rtlib import Box, Secret, Count, Ratio, Blob\n"
        "\n"
        'config = Box(value=[Secret("hunter2"), Count(3), Ratio(0.5), Blob(b"x")])\n'
    )
    again = rebuilt(text)
    assert again == cfg
    assert [type(x) for x in again.value] == [lib.Secret, lib.Count, lib.Ratio, lib.Blob]
    keyed = lib.Box(value={lib.Secret("k"): lib.Secret("v")})
    assert render_expression(keyed) == 'Box(value={Secret("k"): Secret("v")})'


def test_enum_members_whose_names_are_not_names_print_by_subscript(lib: Any) -> None:
    """A member named by a keyword or a non-identifier prints as `Mode["in"]`, never `Mode.in`."""
    cfg = lib.Box(value=list(lib.Mode))
    text = render_module(cfg, runnable=True)
    assert text == (
        'from rtlib import Box, Mode\n\nconfig = Box(value=[Mode["in"], Mode["not"], Mode["a b"], Mode.ok])\n'
    )
    assert rebuilt(text) == cfg
    assert black_stable(text)


def test_long_enum_subscripts_split_as_black_splits_them(lib: Any) -> None:
    """A subscript too long for its line is split after `[`, its name alone on the next line, without a comma."""
    cfg = lib.Box(value=[*lib.Long])
    text = render_module(cfg, runnable=True)
    assert text.splitlines()[2:] == [
        "config = Box(",
        "    value=[",
        "        Long[",
        '            "a member whose name has spaces and is long enough to pass the line on its own"',
        "        ],",
        "    ],",
        ")",
    ]
    assert rebuilt(text) == cfg
    assert black_stable(text)


HUGE = 10**5000


def test_huge_ints_print_in_hexadecimal_anywhere(lib: Any) -> None:
    """An int past CPython's decimal digit limit prints as hexadecimal, as a value, in containers and as a dict key."""
    cfg = lib.Box(value=[HUGE, -HUGE, (HUGE,), {HUGE, 1}, frozenset({-HUGE}), lib.Pair(left={HUGE: 1}, right=2)])
    text = render_module(cfg, runnable=True)
    assert text.replace(format(HUGE, "X"), "H") == textwrap.dedent(
        """\
        from rtlib import Box, Pair

        config = Box(
            value=[
                0xH,
                -0xH,
                (
                    0xH,
                ),
                {
                    1,
                    0xH,
                },
                frozenset(
                    {
                        -0xH,
                    },
                ),
                Pair(
                    left={
                        0xH: 1,
                    },
                    right=2,
                ),
            ],
        )
        """
    )
    assert rebuilt(text) == cfg
    assert black_stable(text)


def test_ints_up_to_14000_bits_print_in_decimal(lib: Any) -> None:
    """Ints that fit CPython's default digit limit with room to spare print as today, in decimal."""
    widest = 2**14000 - 1
    cfg = lib.Box(value=[0, -7, 2**63, widest, -widest, widest + 1])
    assert render_expression(cfg).splitlines()[2:8] == [
        "        0,",
        "        -7,",
        f"        {2**63},",
        f"        {widest},",
        f"        -{widest},",
        f"        0x1{'0' * 3500},",
    ]


def test_huge_ints_compile_under_the_default_digit_limit(lib: Any) -> None:
    """The printed text compiles in a process with CPython's default limit, whatever limit the printer had."""
    cfg = lib.Box(value=[10**4500, 10**4000])
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if limit:
        sys.set_int_max_str_digits(0)  # the printing process may lift the limit; the text must not rely on that
    try:
        text = render_module(cfg, runnable=True)
    finally:
        if limit:
            sys.set_int_max_str_digits(limit)
    assert f"0x{format(10**4500, 'X')}" in text and f"{10**4000}" in text
    folder = str(Path(lib.__file__).parent)
    code = f"import sys\nsys.path.insert(0, {folder!r})\n{text}print(config.value[0] == 10**4500)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "True\n"


def test_modules_whose_names_are_not_identifiers_are_loaded_by_importlib(lib: Any) -> None:
    """Objects of a module named `exp-2024-adv` are named through `importlib.import_module`, never `from exp-...`."""
    odd = importlib.import_module("exp-2024-adv")
    cfg = odd.Exp(lr=0.1, fn=odd.helper)
    text = render_module(cfg, runnable=True)
    assert text == (
        "import importlib\n"
        "\n"
        'exp_2024_adv = importlib.import_module("exp-2024-adv")\n'
        "\n"
        "config = exp_2024_adv.Exp(lr=0.1, fn=exp_2024_adv.helper)\n"
    )
    assert rebuilt(text) == cfg
    assert black_stable(text)
    readable = render_module(cfg)
    ast.parse(readable)
    assert black_stable(readable)


def test_modules_print_as_imports(lib: Any) -> None:
    """A module held as a value is imported by an `import` line; one with an odd name through importlib."""
    import json
    import os.path

    odd = importlib.import_module("exp-2024-adv")
    cfg = lib.Box(value=[json, os.path, odd])
    text = render_module(cfg, runnable=True)
    assert text == (
        "from rtlib import Box\n"
        "import json\n"
        f"import {os.path.__name__}\n"
        "import importlib\n"
        "\n"
        'exp_2024_adv = importlib.import_module("exp-2024-adv")\n'
        "\n"
        f"config = Box(value=[json, {os.path.__name__}, exp_2024_adv])\n"
    )
    assert rebuilt(text) == cfg


def test_time_zone_aware_datetimes_print_their_time_zone(lib: Any) -> None:
    """UTC, fixed offsets (named or not) and IANA zones print as Python that evaluates back to the same value."""
    import datetime as dt
    import zoneinfo

    try:
        paris = zoneinfo.ZoneInfo("Europe/Paris")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database on this machine")
    values = [
        dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.timezone.utc),
        dt.datetime(2024, 3, 1, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        dt.time(9, 15, tzinfo=dt.timezone(dt.timedelta(hours=-5), "EST")),
        dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=paris),
        dt.timedelta(days=-1, seconds=1),
        paris,
    ]
    cfg = lib.Box(value=values)
    text = render_module(cfg, runnable=True)
    assert text == (
        "from rtlib import Box\n"
        "from datetime import datetime, timezone, timedelta, time\n"
        "from zoneinfo import ZoneInfo\n"
        "\n"
        "config = Box(\n"
        "    value=[\n"
        "        datetime(2024, 3, 1, 12, 30, tzinfo=timezone.utc),\n"
        "        datetime(2024, 3, 1, tzinfo=timezone(timedelta(hours=2))),\n"
        '        time(9, 15, tzinfo=timezone(timedelta(hours=-5), "EST")),\n'
        '        datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Paris"), fold=1),\n'
        "        timedelta(hours=-23, minutes=-59, seconds=-59),\n"
        '        ZoneInfo("Europe/Paris"),\n'
        "    ],\n"
        ")\n"
    )
    again = rebuilt(text).value
    assert again == values
    assert [getattr(x, "tzinfo", None) for x in again[:4]] == [v.tzinfo for v in values[:4]]
    assert again[2].tzname() == "EST" and again[3].utcoffset() == values[3].utcoffset()
    assert black_stable(text)


def test_numpy_scalars_print_as_python_values_or_keep_their_type(lib: Any) -> None:
    """float64, int64 and bool scalars print as Python values; float32, int8 and others keep their NumPy type."""
    np = pytest.importorskip("numpy")
    values = [
        np.float64(0.5),
        np.int64(3),
        np.bool_(True),
        np.str_("s"),
        np.float32(0.1),
        np.float16(-2.5),
        np.int8(-3),
        np.uint64(2**64 - 1),
        np.complex64(1 - 2j),
        np.float32("nan"),
        np.datetime64("2024-01-01", "D"),
        np.timedelta64(90, "s"),
    ]
    cfg = lib.Box(value=values)
    text = render_module(cfg, runnable=True)
    assert text == (
        "from rtlib import Box\n"
        "import numpy\n"
        "\n"
        "config = Box(\n"
        "    value=[\n"
        "        0.5,\n"
        "        3,\n"
        "        True,\n"
        '        "s",\n'
        "        numpy.float32(0.1),\n"
        "        numpy.float16(-2.5),\n"
        "        numpy.int8(-3),\n"
        "        numpy.uint64(18446744073709551615),\n"
        "        numpy.complex64(complex(1.0, -2.0)),\n"
        '        numpy.float32(float("nan")),\n'
        '        numpy.datetime64("2024-01-01", "D"),\n'
        '        numpy.timedelta64(90, "s"),\n'
        "    ],\n"
        ")\n"
    )
    again = rebuilt(text).value
    assert [type(x) for x in again] == [float, int, bool, str, *(type(v) for v in values[4:])]
    assert [x == v or x != x and v != v for x, v in zip(again, values)] == [True] * len(values)
    assert black_stable(text)


def test_numpy_arrays_print_as_array_calls(lib: Any) -> None:
    """Arrays print as `numpy.array(..., dtype=...)` giving back their shape, dtype and values, NaN included."""
    np = pytest.importorskip("numpy")
    values = [
        np.array([1.0, np.nan, 0.1], dtype=np.float32),
        np.arange(6).reshape(2, 3),
        np.zeros((0, 3), dtype=np.int16),
        np.array([], dtype=np.float64),
        np.array(True),
        np.array(["a", "bc"]),
        np.array([1.5], dtype=">f8"),
    ]
    cfg = lib.Box(value=values)
    text = render_module(cfg, runnable=True)
    assert text == (
        "from rtlib import Box\n"
        "import numpy\n"
        "\n"
        "config = Box(\n"
        "    value=[\n"
        '        numpy.array([1.0, float("nan"), 0.1], dtype=numpy.float32),\n'
        "        numpy.array([[0, 1, 2], [3, 4, 5]], dtype=numpy.int64),\n"
        "        numpy.zeros((0, 3), dtype=numpy.int16),\n"
        "        numpy.array([], dtype=numpy.float64),\n"
        "        numpy.array(True, dtype=numpy.bool),\n"
        '        numpy.array(["a", "bc"], dtype="<U2"),\n'
        '        numpy.array([1.5], dtype=">f8"),\n'
        "    ],\n"
        ")\n".replace("numpy.bool)", f"numpy.{np.bool_.__name__})")
    )
    again = rebuilt(text).value
    for x, v in zip(again, values):
        assert (x.dtype, x.shape) == (v.dtype, v.shape)
        assert np.array_equal(x, v, equal_nan=v.dtype.kind == "f")
    assert black_stable(text)


def test_numpy_values_without_a_form_print_as_ellipsis(lib: Any) -> None:
    """An array of objects has no form: `...` with a comment in the readable print; --runnable names its path."""
    np = pytest.importorskip("numpy")
    cfg = lib.Box(value={"a": np.array([object()]), "t": np.dtype([("x", np.int8)])})
    assert render_expression(cfg) == (
        "Box(\n"
        "    value={\n"
        '        "a": ...,  # unrepresentable: numpy.ndarray with dtype object\n'
        "        \"t\": ...,  # unrepresentable: numpy dtype [('x', 'i1')]\n"
        "    },\n"
        ")"
    )
    with pytest.raises(UnrenderableError) as info:
        render_module(cfg, runnable=True)
    assert str(info.value) == (
        "cannot write a runnable module: these values have no Python form:\n"
        "  value['a']: numpy.ndarray with dtype object\n"
        "  value['t']: numpy dtype [('x', 'i1')]"
    )


def test_unrepresentable_values_are_still_refused_among_library_values(lib: Any) -> None:
    """A value with no form inside a subclass, a time zone or a module list still gives `...` and a refusal."""
    import datetime as dt

    class LocalZone(dt.tzinfo):
        def utcoffset(self, when: Any) -> dt.timedelta:
            return dt.timedelta(0)

    cfg = lib.Box(value=[lib.Secret("s"), dt.datetime(2024, 1, 1, tzinfo=LocalZone())])
    text = render_module(cfg)
    ast.parse(text)
    assert text.endswith(
        "Box(\n"
        "    value=[\n"
        '        Secret("s"),\n'
        "        datetime(\n"
        "            2024,\n"
        "            1,\n"
        "            1,\n"
        "            tzinfo=...,\n"
        "        ),  # unrepresentable: test_render_values.test_unrepresentable_values_are_still_refused_among_library_"
        "values.<locals>.LocalZone object\n"
        "    ],\n"
        ")\n".replace("test_render_values.", f"{__name__}.")
    )
    with pytest.raises(UnrenderableError) as info:
        render_module(cfg, runnable=True)
    assert str(info.value).splitlines()[1:] == [
        f"  value[1]: {__name__}.test_unrepresentable_values_are_still_refused_among_library_values.<locals>.LocalZone "
        "object"
    ]
