"""Configs for code you do not own: `@pconfig(calls=function)` and `@pconfig(mocks=Class)`."""

from __future__ import annotations

from collections.abc import Callable

from .conftest import Result

Check = Callable[..., Result]

LIBRARY = """
from typing import Generic, TypeVar

T = TypeVar("T")

def train(data: list[int], /, steps: int, *, lr: float = 0.1, epochs: int = 3, name: str | None = None) -> dict[str, float]:
    return {}

def untyped(a, b=1, *, c="x"):
    return a

class Client:
    def __init__(self, endpoint: str, *, retries: int = 3, timeout: float = 1.0) -> None:
        self.endpoint = endpoint

class Box(Generic[T]):
    def __init__(self, item: T, size: int = 2) -> None:
        self.item = item
"""


def test_calls_fields_are_the_defaulted_parameters(check: Check) -> None:
    """The fields are the keyword parameters with defaults, typed by their annotations, all optional."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import pconfig, pdefaults
            from library import train

            @pconfig(calls=train)
            class TrainCall: ...

            cfg = TrainCall(lr=0.2)
            reveal_type(cfg.lr)  # N: Revealed type is "float"
            reveal_type(cfg.epochs)  # N: Revealed type is "int"
            reveal_type(cfg.name)  # N: Revealed type is "str | None"
            reveal_type(TrainCall(cfg, epochs=1))  # N: Revealed type is "configs.TrainCall"
            reveal_type(pdefaults(TrainCall))  # N: Revealed type is "configs.TrainCall"
            """,
        }
    )


def test_calls_wrong_fields(check: Check) -> None:
    """An unknown keyword, a parameter without a default and a wrong type get mypy's usual errors."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import pconfig
            from library import train

            @pconfig(calls=train)
            class TrainCall: ...

            a = TrainCall(lrr=0.2)  # E: Unexpected keyword argument "lrr" for "TrainCall"; did you mean "lr"?  [call-arg]
            b = TrainCall(steps=3)  # E: Unexpected keyword argument "steps" for "TrainCall"  [call-arg]
            c = TrainCall(lr="0.2")  # E: Argument "lr" to "TrainCall" has incompatible type "str"; expected "float"  [arg-type]
            d = TrainCall()
            d.lr = 0.3  # E: Property "lr" defined in "TrainCall" is read-only  [misc]
            """,
        }
    )


def test_calling_the_config(check: Check) -> None:
    """`cfg(...)` returns the function's result; its arguments are checked against the function's signature."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import pconfig
            from library import train

            @pconfig(calls=train)
            class TrainCall: ...

            cfg = TrainCall(lr=0.2)
            reveal_type(cfg([1], 3))  # N: Revealed type is "dict[str, float]"
            reveal_type(cfg([1], steps=3, epochs=1))  # N: Revealed type is "dict[str, float]"
            cfg("x", 3)  # E: Argument 1 to "__call__" of "TrainCall" has incompatible type "str"; expected "list[int]"  [arg-type]
            cfg([1])  # E: Missing positional argument "steps" in call to "__call__" of "TrainCall"  [call-arg]
            cfg([1], 3, lr="fast")  # E: Argument "lr" to "__call__" of "TrainCall" has incompatible type "str"; expected "float"  [arg-type]
            """,
        }
    )


def test_body_annotation_replaces_the_parameter_type(check: Check) -> None:
    """An annotation in the class body replaces a parameter's type; a default value in the body is refused."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import pconfig
            from library import untyped

            @pconfig(calls=untyped)
            class Narrowed:
                b: int

            reveal_type(Narrowed().b)  # N: Revealed type is "int"
            reveal_type(Narrowed().c)  # N: Revealed type is "Any"
            reveal_type(Narrowed()(1))  # N: Revealed type is "Any"
            Narrowed(b="x")  # E: Argument "b" to "Narrowed" has incompatible type "str"; expected "int"  [arg-type]

            @pconfig(calls=untyped)
            class Wrong:
                a: int
                b: int = 2  # E: Field "b" of "Wrong" has a default value in the class body; register defaults with "pdefaults += Wrong(...)"  [pconfig]
            """,
        }
    )


def test_mocks_construct(check: Check) -> None:
    """`cfg.construct(...)` returns the mocked class and checks its arguments against `__init__`."""
    check(
        {
            "library.py": LIBRARY,
            "configs.py": """
            from pconfigs import pconfig
            from library import Box, Client

            @pconfig(mocks=Client)
            class ClientConfig: ...

            cfg = ClientConfig(retries=5)
            reveal_type(cfg.timeout)  # N: Revealed type is "float"
            reveal_type(cfg.construct("https://example.org"))  # N: Revealed type is "library.Client"
            reveal_type(ClientConfig.constructable_type)  # N: Revealed type is "type[library.Client]"
            cfg.construct(3)  # E: Argument 1 to "construct" of "ClientConfig" has incompatible type "int"; expected "str"  [arg-type]
            cfg.construct()  # E: Missing positional argument "endpoint" in call to "construct" of "ClientConfig"  [call-arg]
            ClientConfig(endpoint="x")  # E: Unexpected keyword argument "endpoint" for "ClientConfig"  [call-arg]

            @pconfig(mocks=Box)
            class BoxConfig: ...

            reveal_type(BoxConfig(size=3).construct(1.5))  # N: Revealed type is "library.Box[float]"
            """,
        }
    )


def test_targets_from_stubs(check: Check) -> None:
    """Targets declared in typeshed work too: an overloaded constructor and a generic function."""
    check(
        {
            "configs.py": """
            import subprocess

            from pconfigs import pconfig

            @pconfig(mocks=subprocess.Popen)
            class PopenConfig: ...

            @pconfig(calls=sorted)
            class SortedCall: ...

            reveal_type(PopenConfig(text=True, cwd="/tmp").cwd)  # N: Revealed type is "str | bytes | os.PathLike[str] | os.PathLike[bytes] | None"
            reveal_type(SortedCall(reverse=True)([3, 1]))  # N: Revealed type is "list[int]"
            reveal_type(SortedCall().reverse)  # N: Revealed type is "bool"
            """,
        }
    )


def test_across_modules_and_from_the_cache(check: Check) -> None:
    """Experiments in another module see the same fields and calls, also when the configs come from the cache."""
    files = {
        "library.py": LIBRARY,
        "configs.py": """
        from pconfigs import pconfig
        from library import Client, train

        @pconfig(calls=train)
        class TrainCall: ...

        @pconfig(mocks=Client)
        class ClientConfig: ...
        """,
        "experiment.py": """
        from configs import ClientConfig, TrainCall

        result = TrainCall(epochs=1)([1], 2)
        reveal_type(result)  # N: Revealed type is "dict[str, float]"
        client = ClientConfig(TrainCall())  # E: Argument 1 to "ClientConfig" has incompatible type "TrainCall"; expected "ClientConfig"  [arg-type]
        reveal_type(ClientConfig(timeout=2.0).construct("x"))  # N: Revealed type is "library.Client"
        """,
    }
    check(files)
    check()


def test_required_parameter_left_unset_names_its_function(check: Check) -> None:
    """A build that leaves unset a body-declared parameter without a default names the function or class it belongs
    to and its module, in the config's module, in another and from the cache alike."""
    files = {
        "library.py": LIBRARY
        + """
def fit(data: list[int], steps: int, *, scale: float) -> float:
    return 0.0

class Client2:
    def __init__(self, endpoint: str, *, retries: int = 3) -> None:
        self.endpoint = endpoint
""",
        "configs.py": """
        from pconfigs import NotMock, pconfig
        from library import Client2, fit

        @pconfig(calls=fit)
        class FitCall:
            steps: int
            scale: float
            label: NotMock[str]

        @pconfig(mocks=Client2)
        class ClientConfig:
            endpoint: str

        def local(x: int, *, y: str) -> None: ...

        @pconfig(calls=local)
        class LocalCall:
            y: str

        a = FitCall(scale=1.0, label="x")  # E: Missing named argument "steps" for "FitCall": its registered default leaves it Required  [required]  # N: "steps" is a required parameter of "fit" defined in "library", which "FitCall" calls
        b = FitCall(a, steps=2)
        c = ClientConfig()  # E: Missing named argument "endpoint" for "ClientConfig": its registered default leaves it Required  [required]  # N: "endpoint" is a required parameter of "Client2" defined in "library", which "ClientConfig" constructs
        d = LocalCall()  # E: Missing named argument "y" for "LocalCall": its registered default leaves it Required  [required]  # N: "y" is a required parameter of "local" defined in "configs", which "LocalCall" calls
        e = FitCall(steps=1, scale=1.0)  # E: Missing named argument "label" for "FitCall": its registered default leaves it Required  [required]
        """,
        "experiment.py": """
        from configs import FitCall

        f = FitCall(steps=1, label="x")  # E: Missing named argument "scale" for "FitCall": its registered default leaves it Required  [required]  # N: "scale" is a required parameter of "fit" defined in "library", which "FitCall" calls
        """,
    }
    check(files)
    check()
