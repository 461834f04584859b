"""`text_caster`: the one text-to-value caster of command-line overrides and `@penv` (DESIGN 6.1)."""

from __future__ import annotations

import collections.abc as abc
import enum
import math
import os
import pickle
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, Literal, NewType, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pconfigs import pconfig, penum
from pconfigs._caster import CastError, text_caster
from pconfigs._errors import short_repr
from pconfigs._literals import float_literal, int_literal, str_literal


@penum
class Device:
    cpu = "cpu"
    cuda = "cuda"


@penum
class Verbosity:
    quiet = 0
    loud = 2


Mode = enum.Enum("Mode", {"in": "i", "out": "o"})  # member names that are keywords


class Perm(enum.Flag):
    R = 1
    W = 2


@pconfig
class Optimizer:
    lr: float


class Base:
    pass


class Derived(Base):
    pass


def helper() -> int:
    return 1


UserId = NewType("UserId", str)
OPTIMIZER = Optimizer(lr=0.5)
NOT_EVALUATED = "only literals and the printer's forms are read; nothing is evaluated"
BOOL_ACCEPTED = "true, false, yes, no, on, off, 1 or 0 (any case)"
DEVICE_ACCEPTED = "one of 'cpu', 'cuda' (a name or a value)"
MODES = [pytest.param(False, id="override"), pytest.param(True, id="environment")]


def cast(tp: object, text: str, environment: bool = False, importer: Callable[[str], object] | None = None) -> Any:
    """Cast `text` to `tp` with a fresh caster (which must exist)."""
    caster = text_caster(tp, environment=environment, importer=importer)
    assert caster is not None
    return caster(text)


def refusal(tp: object, text: str, environment: bool = False, importer: Any = None) -> tuple[str, str]:
    """(expected, accepted) of the CastError that casting `text` raises."""
    with pytest.raises(CastError) as info:
        cast(tp, text, environment, importer)
    return info.value.expected, info.value.accepted


def same(a: object, b: object) -> bool:
    """Equality that counts nan as equal to nan and tells -0.0 from 0.0, inside containers too."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def importer(path: str) -> object:
    """Stands for the command line's importer: a few dotted paths to objects."""
    return {"pkg.optimizers.fast": OPTIMIZER, "pkg.models.Derived": Derived, "pkg.utils.helper": helper}[path]


# -- literals and word rules, in both modes ---------------------------------------------------------------------


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "tp, text, expected",
    [
        (int, "2", 2),
        (int, " 7 ", 7),
        (int, "1_000", 1000),
        (int, "-5", -5),
        (int, "0x10", 16),
        (float, "1e-3", 0.001),
        (float, "-0.5", -0.5),
        (float, "2", 2),
        (bool, "True", True),
        (bytes, "b'x\\x00'", b"x\x00"),
        (complex, "2j", 2j),
        (complex, "complex(0.5, -1.0)", complex(0.5, -1.0)),
        (Optional[int], "5", 5),
        (int | str, "7", 7),
        (str | int, "7", 7),
        (Literal[1, 2], "2", 2),
    ],
)
def test_a_python_literal_wins(tp: object, text: str, expected: object, environment: bool) -> None:
    """A Python literal gives its value when the annotation accepts it (an int is accepted for a float)."""
    assert same(cast(tp, text, environment), expected)


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize("word", ["true", "false", "yes", "no", "on", "off", "1", "0"])
def test_bool_takes_its_words_in_any_case(word: str, environment: bool) -> None:
    """`bool` takes true/false/yes/no/on/off/1/0 in any case, surrounding spaces ignored."""
    for text in (word, word.upper(), word.title(), f"  {word} "):
        assert cast(bool, text, environment) is (word in ("true", "yes", "on", "1"))


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "tp, expected, accepted", [(int, "an int", "a whole number such as 2"), (float, "a float", "a number such as 0.5")]
)
def test_bool_is_not_a_number(tp: type, expected: str, accepted: str, environment: bool) -> None:
    """`True` is not accepted for an int or a float field."""
    assert refusal(tp, "True", environment) == (expected, accepted)


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("inf", math.inf),
        ("-inf", -math.inf),
        ("+INF", math.inf),
        ("Infinity", math.inf),
        ("NaN", math.nan),
        ('float("nan")', math.nan),
        ('float("inf")', math.inf),
        ('float("-inf")', -math.inf),
    ],
)
def test_float_takes_inf_and_nan(text: str, expected: float, environment: bool) -> None:
    """A float takes inf, -inf and nan in any case, and the printer's `float("...")` forms."""
    assert same(cast(float, text, environment), expected)


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "tp, text, expected",
    [
        (Device, "cuda", Device.cuda),
        (Device, "Device.cuda", Device.cuda),
        (Device, 'Device["cuda"]', Device.cuda),
        (Verbosity, "loud", Verbosity.loud),
        (Verbosity, "2", Verbosity.loud),
        (Verbosity, "Verbosity.quiet", Verbosity.quiet),
        (Verbosity, "Verbosity(2)", Verbosity.loud),
        (Mode, "in", Mode["in"]),
        (Mode, 'Mode["in"]', Mode["in"]),
        (Mode, "o", Mode["out"]),
        (Perm, "Perm(3)", Perm.R | Perm.W),
        (Perm, "W", Perm.W),
    ],
)
def test_enum_takes_a_name_a_value_or_the_printed_form(
    tp: type, text: str, expected: enum.Enum, environment: bool
) -> None:
    """An enum takes a member's name, a member's value (cast to the value's type), or the printer's form."""
    assert cast(tp, text, environment) is expected


@pytest.mark.parametrize("environment", MODES)
def test_literal_takes_one_of_its_values(environment: bool) -> None:
    """A Literal takes one of its values: the bare text of a string literal, a cast one otherwise."""
    assert cast(Literal["train", "test"], "test", environment) == "test"
    assert cast(Literal[1, 2], "1", environment) == 1
    assert cast(Literal[True, "auto"], "yes", environment) is True
    assert cast(Literal[Device.cpu], "cpu", environment) is Device.cpu


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "tp, text, expected",
    [
        (list[float], "[0.1, 2, inf, -inf, nan]", [0.1, 2, math.inf, -math.inf, math.nan]),
        (list[float], '[float("nan"), -1e-3]', [math.nan, -0.001]),
        (list[str], "['a', \"b c\"]", ["a", "b c"]),
        (list[list[int]], "[[1], [], [2, 3]]", [[1], [], [2, 3]]),
        (dict[str, int], "{'a': 1, 'b': -2}", {"a": 1, "b": -2}),
        (dict[str, list[float]], "{'x': [1.5]}", {"x": [1.5]}),
        (tuple[int, str], "(1, 'a')", (1, "a")),
        (tuple[int, ...], "(1, 2, 3)", (1, 2, 3)),
        (tuple[int, ...], "()", ()),
        (tuple[int], "(1,)", (1,)),
        (set[str], "{'a', 'b'}", {"a", "b"}),
        (set[str], "set()", set()),
        (frozenset[int], "frozenset({1, 2})", frozenset({1, 2})),
        (frozenset[int], "frozenset()", frozenset()),
        (frozenset[int], "{1}", frozenset({1})),
        (abc.Sequence[int], "[1]", [1]),
        (abc.Sequence[int], "(1,)", (1,)),
        (abc.Mapping[str, float], "{'x': 1.5}", {"x": 1.5}),
        (list[Device], "[cpu, Device.cuda, 'cuda']", [Device.cpu, Device.cuda, Device.cuda]),
        (list[Verbosity], "[2, quiet]", [Verbosity.loud, Verbosity.quiet]),
        (list[Path], "['a', Path('b')]", [Path("a"), Path("b")]),
        (list[bool], "[True, off, 'yes']", [True, False, True]),
        (list[int | None], "[1, None]", [1, None]),
        (list[Literal["a", "b"]], "[a, 'b']", ["a", "b"]),
    ],
)
def test_container_displays_read_elements_for_their_types(
    tp: object, text: str, expected: object, environment: bool
) -> None:
    """A list, tuple, dict or set display is read element by element, with the element types of the annotation."""
    assert same(cast(tp, text, environment), expected)


def test_a_str_field_takes_bare_text() -> None:
    """An override for a `str` takes a bare word, or any text that is not a string literal, as its text."""
    assert cast(str, "hello") == "hello"
    assert cast(str, "123") == "123"
    assert cast(str, "1e-3") == "1e-3"
    assert cast(str, "a, b") == "a, b"
    assert cast(str, "'quoted text'") == "quoted text"
    assert cast(str, "' spaced '") == " spaced "
    assert cast(str, " spaced ") == "spaced"
    assert cast(str, "None") == "None"
    assert cast(str, "'unterminated") == "'unterminated"
    assert cast(UserId, "u42") == "u42"


def test_a_path_field_takes_bare_text_or_the_printed_form() -> None:
    """An override for a path takes the bare text, a quoted string, or `Path("...")`."""
    assert cast(Path, "data/x") == Path("data/x")
    assert cast(Path, "'a b'") == Path("a b")
    assert cast(Path, 'Path("x")') == Path("x")
    assert cast(PurePosixPath, "x/y") == PurePosixPath("x/y")
    assert cast(PurePosixPath, 'PurePosixPath("x")') == PurePosixPath("x")


def test_optional_none_and_unions_in_overrides() -> None:
    """In an override `None` gives None for an Optional; union members try their word rules left to right."""
    assert cast(Optional[int], "None") is None
    assert cast(Optional[str], "None") is None
    assert cast(list[str] | None, "None") is None
    assert cast(int | str, "x7") == "x7"
    assert cast(bool | str, "yes") is True
    assert cast(str | bool, "yes") == "yes"
    assert cast(Device | str, "cuda") is Device.cuda
    assert refusal(Optional[int], "none") == ("an int or None", "a whole number such as 2 or None")


def test_any_takes_literals_only() -> None:
    """An `Any` field in an override takes a Python literal; a bare word is refused rather than guessed at."""
    assert cast(Any, "5") == 5
    assert cast(Any, "[1, 'a', {'b': None}]") == [1, "a", {"b": None}]
    assert refusal(Any, "hello") == ("a value", "a Python literal such as 2, 'text' or [1, 2]")
    assert refusal(Any, "hello", importer=importer) == (
        "a value",
        "a Python literal such as 2, 'text' or [1, 2], or @package.module.name",
    )


# -- errors ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "tp, text, expected, accepted",
    [
        (int, "many", "an int", "a whole number such as 2"),
        (int, "1e3", "an int", "a whole number such as 2"),
        (float, "big", "a float", "a number such as 0.5"),
        (bool, "maybe", "a bool", BOOL_ACCEPTED),
        (bool, "2", "a bool", BOOL_ACCEPTED),
        (bytes, "x", "a bytes", "a bytes literal such as b'data'"),
        (Device, "tpu", "a Device value", DEVICE_ACCEPTED),
        (Device, "CUDA", "a Device value", DEVICE_ACCEPTED),
        (Device, "Device.tpu", "a Device value", DEVICE_ACCEPTED + "; Device has no member 'tpu'"),
        (Verbosity, "1", "a Verbosity value", "one of 'quiet', 'loud', '0', '2' (a name or a value)"),
        (Literal["train", "test"], "dev", "one of 'train', 'test'", "one of 'train', 'test'"),
        (int | Device, "tpu", "an int or a Device value", "a whole number such as 2 or " + DEVICE_ACCEPTED),
        (list[float], "[a]", "a list[float]", "a list of floats in brackets, such as [0.1, 0.2]"),
        (list[float], "[0.1, 'x']", "a list[float]", "a list of floats in brackets, such as [0.1, 0.2]"),
        (
            list[float],
            "0.1, 0.2",
            "a list[float]",
            "a list of floats in brackets, such as [0.1, 0.2]; commas separate values only inside brackets",
        ),
        (
            tuple[int, str],
            "1, 'a'",
            "a tuple[int, str]",
            "a tuple of int, str in parentheses, such as (2, 'a'); commas separate values only inside brackets",
        ),
        (
            tuple[int, str],
            "(1, 'a', 3)",
            "a tuple[int, str]",
            "a tuple of int, str in parentheses, such as (2, 'a'); the tuple holds 2 values, not 3",
        ),
        (
            tuple[int, ...],
            "[1, 2]",
            "a tuple[int, ...]",
            "a tuple of ints in parentheses, such as (2, 3)",
        ),
        (
            list[str],
            "[a, b]",
            "a list[str]",
            "a list of strings in brackets, such as ['a', 'b']; quote text inside brackets: 'a', not a",
        ),
        (
            list[str],
            "[1]",
            "a list[str]",
            "a list of strings in brackets, such as ['a', 'b']; quote text inside brackets: '1', not 1",
        ),
        (
            list[Path],
            "[data]",
            "a list[Path]",
            "a list of paths in brackets, such as ['a', 'b']; quote text inside brackets: 'data', not data",
        ),
        (
            dict[str, int],
            "{a: 1}",
            "a dict[str, int]",
            "a dict of strings to ints in braces, such as {'a': 2}; quote text inside brackets: 'a', not a",
        ),
        (
            set[Device],
            "{tpu}",
            "a set[Device]",
            "a set of Device values in braces, such as {Device.cpu, Device.cuda}",
        ),
        (
            dict[abc.Sequence[int], int],
            "{[1]: 2}",
            "a dict[Sequence[int], int]",
            "a dict of Sequence[int] values to ints in braces, such as {[2, 3]: 2}; "
            "set elements and dict keys must be hashable (tuples, not lists)",
        ),
        (
            list[int],
            "[1, *rest]",
            "a list[int]",
            f"a list of ints in brackets, such as [2, 3]; {NOT_EVALUATED}",
        ),
        (
            dict[str, int],
            "{**other}",
            "a dict[str, int]",
            f"a dict of strings to ints in braces, such as {{'a': 2}}; {NOT_EVALUATED}",
        ),
    ],
)
def test_errors_say_what_to_type(tp: object, text: str, expected: str, accepted: str, environment: bool) -> None:
    """Every refusal names the type and says what text would fit."""
    assert refusal(tp, text, environment) == (expected, accepted)


def test_cast_error_reads_and_pickles() -> None:
    """A CastError is a ValueError whose text joins what was expected and what is accepted, and it pickles."""
    with pytest.raises(ValueError) as info:
        cast(int, "many")
    assert str(info.value) == "expected an int: a whole number such as 2"
    copy = pickle.loads(pickle.dumps(info.value))
    assert (type(copy), copy.expected, copy.accepted) == (CastError, "an int", "a whole number such as 2")


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "text",
    [
        'os.system("x")',
        '__import__("os").system("echo hi")',
        "1 + 1",
        "2 ** 100000000",
        "(lambda: 1)()",
        "len([])",
        "[x for x in range(3)]",
        "Device.cuda",
        "-Device.cuda",
        'float("1e309")',
        "...",
    ],
)
def test_only_literals_and_printed_forms_are_read(text: str, environment: bool) -> None:
    """Calls, operators, attributes and comprehensions that are not the printer's forms are refused."""
    assert refusal(int, text, environment) == ("an int", f"a whole number such as 2; {NOT_EVALUATED}")
    assert refusal(list[int], f"[{text}]", environment) == (
        "a list[int]",
        f"a list of ints in brackets, such as [2, 3]; {NOT_EVALUATED}",
    )


def test_nothing_is_evaluated(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    """Text that would run code is refused or kept as text, and the code never runs."""
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda command: calls.append(command))
    text = '__import__("os").system("echo hi")'
    for tp in (int, float, bool, Any, list[str], dict[str, int], Device, Literal["a"]):
        with pytest.raises(CastError):
            cast(tp, text, importer=importer)
    assert cast(str, text) == text
    assert cast(str, text, environment=True) == text
    assert cast(Optional[Path] | int, text) == Path(text)
    assert calls == []
    assert capfd.readouterr() == ("", "")


INTS = ("a list[int]", "a list of ints in brackets, such as [2, 3]")
INT = ("an int", "a whole number such as 2")


@pytest.mark.parametrize("environment", MODES)
@pytest.mark.parametrize(
    "tp, text, expected",
    [
        (list[int], "[" * 10_000, INTS),
        (list[int], "[" * 10_000 + "]" * 10_000, INTS),
        (list[int], "[" * 150 + "]" * 150, INTS),
        (int, "-" * 10_000 + "1", INT),
        (int, "(" * 10_000 + "1" + ")" * 10_000, INT),
        (int, "a" + ".a" * 100_000, INT),
        (int, "1" * 5_000, INT),
    ],
)
def test_deep_or_huge_text_is_refused_without_crashing(
    tp: object, text: str, expected: tuple[str, str], environment: bool
) -> None:
    """Deep nesting and huge numbers give a CastError, never a RecursionError or MemoryError."""
    got_expected, got_accepted = refusal(tp, text, environment)
    # Python 3.10's parser reports a 5,000-digit literal differently, which adds a reason after the accepted forms.
    assert (got_expected, got_accepted.split("; ")[0]) == expected


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    """Displays nested deeper than 100 levels (which the parser still reads) are refused, saying why."""
    assert refusal(list[Any], "[" * 150 + "]" * 150) == (
        "a list[Any]",
        "a list of Any values in brackets, such as [2, 'a']; nested more than 100 levels deep",
    )


def test_nesting_up_to_the_limit_is_read() -> None:
    """Lists nested 90 deep are read."""
    value: list[Any] = []
    for _ in range(89):
        value = [value]
    assert cast(list[Any], repr(value)) == value


# -- references -----------------------------------------------------------------------------------------------------


def test_references_are_imported_and_checked() -> None:
    """`@package.module.attr` gives the object the importer imports, when the annotation accepts it."""
    assert cast(Optimizer, "@pkg.optimizers.fast", importer=importer) is OPTIMIZER
    assert cast(Optional[Optimizer], " @pkg.optimizers.fast ", importer=importer) is OPTIMIZER
    assert cast(type[Base], "@pkg.models.Derived", importer=importer) is Derived
    assert cast(Callable[[], int], "@pkg.utils.helper", importer=importer) is helper


def test_a_reference_of_the_wrong_type_is_refused() -> None:
    """A reference to an object the annotation does not accept is a CastError naming what it got."""
    assert refusal(type[Base], "@pkg.utils.helper", importer=importer) == (
        "a type[Base]",
        f"@package.module.name (a reference to a type[Base]); @pkg.utils.helper is function {short_repr(helper)}",
    )
    assert refusal(Optimizer, "@pkg.models.Derived", importer=importer) == (
        "an Optimizer",
        f"@package.module.name (a reference to an Optimizer); @pkg.models.Derived is type {short_repr(Derived)}",
    )


def test_a_reference_must_be_a_dotted_path() -> None:
    """`@` must be followed by a dotted import path of at least two names."""
    for path in ("os", "pkg.1x", "pkg..x", ""):
        assert refusal(Optimizer, f"@{path}", importer=importer) == (
            "an Optimizer",
            "@package.module.name (a reference to an Optimizer); a reference is @ and a dotted import path such as "
            f"@package.module.name, not @{path}",
        )


def test_the_importers_own_errors_pass_through() -> None:
    """An error the importer raises (a missing module, say) reaches the caller as it is."""
    with pytest.raises(KeyError):
        cast(Optimizer, "@pkg.missing.thing", importer=importer)


def test_references_without_an_importer_are_refused() -> None:
    """Without an importer, `@...` is refused with a message saying references are not accepted here."""
    assert refusal(Optimizer, "@pkg.optimizers.fast") == (
        "an Optimizer",
        "@package.module.name (a reference to an Optimizer); references (@package.module.name) are not accepted here",
    )
    assert refusal(int, "@pkg.n") == (
        "an int",
        "a whole number such as 2; references (@package.module.name) are not accepted here",
    )


@pytest.mark.parametrize(
    "tp, text, expected, detail",
    [
        (Optimizer, "Optimizer(lr=1.0)", "an Optimizer", f"; {NOT_EVALUATED}"),
        (Callable[[], int], "helper", "a Callable", ""),
        (type[Base], "Derived", "a type[Base]", ""),
        (Base, "Base()", "a Base", f"; {NOT_EVALUATED}"),
    ],
)
def test_configs_classes_and_callables_only_by_reference(tp: object, text: str, expected: str, detail: str) -> None:
    """A config, a class or a callable can only be given as a reference."""
    assert refusal(tp, text, importer=importer) == (
        expected,
        f"@package.module.name (a reference to {expected}){detail}",
    )


# -- environment mode -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tp",
    [
        Optimizer,
        Optional[Optimizer],
        Callable[[], int],
        type[Base],
        Any,
        object,
        Base,
        list,
        list[Optimizer],
        int | Base,
    ],
)
def test_environment_has_no_text_form_for_objects(tp: object) -> None:
    """In the environment, configs, callables, classes, `Any` and containers of them have no caster."""
    assert text_caster(tp, environment=True) is None
    assert text_caster(tp) is not None


@pytest.mark.parametrize("tp", [str, Optional[str], UserId, Path, Optional[Path], str | int])
@pytest.mark.parametrize("text", ['"5"', "5", "None", "'a'", 'Path("x")', "  spaced  ", "", "@pkg.mod.x", "[a, b]"])
def test_environment_keeps_the_raw_text_for_str_and_paths(tp: object, text: str) -> None:
    """An environment variable for a str or path is its raw text, quotes and all, and never None."""
    found = cast(tp, text, environment=True)
    if tp == str | int and text == "5":
        assert found == 5  # a literal the union accepts still wins
    elif tp in (Path, Optional[Path]):
        assert found == Path(text)
    else:
        assert found == text


def test_environment_text_is_never_none() -> None:
    """In the environment, `None` for an Optional is cast to the inner type like any other text."""
    assert refusal(Optional[int], "None", environment=True) == ("an int", "a whole number such as 2")
    assert refusal(Optional[Device], "None", environment=True) == ("a Device value", DEVICE_ACCEPTED)
    assert cast(Optional[list[int]], "[1]", environment=True) == [1]


def test_environment_keeps_quotes_as_typed() -> None:
    """In the environment a quoted word is not unquoted for an enum or a Literal."""
    assert refusal(Device, "'cuda'", environment=True) == ("a Device value", DEVICE_ACCEPTED)
    assert refusal(Literal["a", "b"], "'a'", environment=True) == ("one of 'a', 'b'", "one of 'a', 'b'")
    assert cast(Device, "'cuda'") is Device.cuda
    assert cast(Literal["a", "b"], "'a'") == "a"


def test_environment_does_not_read_references() -> None:
    """In the environment `@...` is plain text, never imported."""
    assert cast(str, "@pkg.optimizers.fast", environment=True, importer=importer) == "@pkg.optimizers.fast"
    assert refusal(int, "@pkg.n", environment=True, importer=importer) == ("an int", "a whole number such as 2")


# -- round trips ----------------------------------------------------------------------------------------------------

FLOATS = st.floats(allow_nan=True, allow_infinity=True)


def printed_list(values: list[float]) -> str:
    return "[" + ", ".join(float_literal(v) for v in values) + "]"


def printed_dict(values: dict[str, int]) -> str:
    return "{" + ", ".join(f"{str_literal(k)}: {int_literal(v)}" for k, v in values.items()) + "}"


@given(st.integers(), st.booleans())
def test_ints_round_trip(value: int, environment: bool) -> None:
    """An int written as its repr or as the printer writes it reads back as itself."""
    assert same(cast(int, repr(value), environment), value)
    assert same(cast(int, int_literal(value), environment), value)


@given(FLOATS, st.booleans())
def test_floats_round_trip(value: float, environment: bool) -> None:
    """A float (nan and infinities too) written as its repr or as the printer writes it reads back as itself."""
    assert same(cast(float, repr(value), environment), value)
    assert same(cast(float, float_literal(value), environment), value)


@given(st.text())
def test_strings_round_trip(value: str) -> None:
    """A string written as its repr or as the printer writes it reads back as itself; in the environment, as is."""
    assert cast(str, repr(value)) == value
    assert cast(str, str_literal(value)) == value
    assert cast(str, value, environment=True) == value


@given(st.lists(FLOATS), st.booleans())
def test_lists_of_floats_round_trip(value: list[float], environment: bool) -> None:
    """A list of floats written as its repr or as the printer writes it reads back as itself."""
    assert same(cast(list[float], repr(value), environment), value)
    assert same(cast(list[float], printed_list(value), environment), value)


@given(st.dictionaries(st.text(), st.integers()), st.booleans())
def test_dicts_of_str_to_int_round_trip(value: dict[str, int], environment: bool) -> None:
    """A dict of strings to ints written as its repr or as the printer writes it reads back as itself."""
    assert cast(dict[str, int], repr(value), environment) == value
    assert cast(dict[str, int], printed_dict(value), environment) == value
