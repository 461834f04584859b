"""Exceptions from user code that pconfigs runs keep their type and gain one note saying what was running."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from pconfigs import pconfig, pconfiged


def assert_note(exc: BaseException, message: str, note: str) -> None:
    """`exc` still says `message`, and carries `note` (a note on 3.11+, appended to the message on 3.10)."""
    if sys.version_info >= (3, 11):
        assert exc.__notes__ == [note]
        assert exc.args == (message,)
    else:
        assert exc.args == (f"{message}\n{note}",)


@pconfiged
class Loader:
    config: LoaderConfig

    def __init__(self) -> None:
        raise FileNotFoundError("no such file: data.bin")


@pconfig(constructs=Loader)
class LoaderConfig:
    path: str


def load(path: str, *, retries: int = 1) -> None:
    raise ConnectionError(f"cannot reach {path}")


@pconfig(calls=load)
class LoadCall: ...


class Client:
    def __init__(self, endpoint: str, *, timeout: float = 1.0) -> None:
        raise PermissionError("denied")


@pconfig(mocks=Client)
class ClientConfig: ...


def test_constructed_init_keeps_its_exception_and_names_the_class(sites: Any) -> None:
    """An error in a @pconfiged class's __init__ under construct() keeps its type and names the class."""
    cfg = LoaderConfig(path="data.bin")
    line = sys._getframe().f_lineno - 1
    with pytest.raises(FileNotFoundError) as info:
        cfg.construct()
    note = f"while constructing Loader (its __init__), from a config built at {sites.text(__file__, line)}"
    assert_note(info.value, "no such file: data.bin", note)
    assert info.traceback[-1].name == "__init__"


def test_calls_target_keeps_its_exception_and_names_the_function(sites: Any) -> None:
    """An error in a calls= function keeps its type and names the function and where the config was built."""
    cfg = LoadCall(retries=3)
    line = sys._getframe().f_lineno - 1
    with pytest.raises(ConnectionError) as info:
        cfg("db")
    assert_note(
        info.value, "cannot reach db", f"while calling load from LoadCall (built at {sites.text(__file__, line)})"
    )
    assert info.traceback[-1].name == "load"


def test_mocked_class_keeps_its_exception(sites: Any) -> None:
    """An error in a mocks= class's __init__ under construct() keeps its type and names the class."""
    cfg = ClientConfig(timeout=2.0)
    line = sys._getframe().f_lineno - 1
    with pytest.raises(PermissionError) as info:
        cfg.construct("host")
    note = f"while calling Client from ClientConfig (built at {sites.text(__file__, line)})"
    assert_note(info.value, "denied", note)
