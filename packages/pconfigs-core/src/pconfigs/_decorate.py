"""`@pconfig`: the decorator's dispatch.

`@pconfig` and `@pconfig(constructs=Target)` make a config class (`_make`); `@pconfig(calls=function)` and
`@pconfig(mocks=Class)` make a config of a target's defaulted parameters (`_calls`). The decorator is declared with
`dataclass_transform`, so type checkers see keyword fields without a plugin.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
elif TYPE_CHECKING:  # pragma: no cover - 3.10
    from typing_extensions import dataclass_transform
else:  # pragma: no cover - 3.10 at run time: what typing_extensions' does, without its import (3 ms at start-up)

    def dataclass_transform(**kwargs: Any) -> Callable[[T], T]:
        def decorate(fn: T) -> T:
            fn.__dataclass_transform__ = {  # type: ignore[attr-defined]
                "eq_default": kwargs.pop("eq_default", True),
                "order_default": kwargs.pop("order_default", False),
                "kw_only_default": kwargs.pop("kw_only_default", False),
                "frozen_default": kwargs.pop("frozen_default", False),
                "field_specifiers": kwargs.pop("field_specifiers", ()),
                "kwargs": kwargs,
            }
            return fn

        return decorate


from ._errors import compose
from ._make import make_config
from ._site import caller_site

__all__ = ["pconfig"]


def __getattr__(name: str) -> Any:
    if name == "restore":  # pickles written by earlier versions name `pconfigs._decorate.restore`
        from ._state import restore

        return restore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


T = TypeVar("T", bound=type)


@overload
def pconfig(cls: T, /) -> T: ...


@overload
def pconfig(
    *,
    constructs: type | None = None,
    calls: Callable[..., Any] | None = None,
    mocks: type | None = None,
    inherit_constructable_type: bool | None = None,
) -> Callable[[T], T]: ...


@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(
    cls: Any = None,
    /,
    *,
    constructs: type | None = None,
    calls: Callable[..., Any] | None = None,
    mocks: type | None = None,
    inherit_constructable_type: bool | None = None,
) -> Any:
    """Make `cls` a config class: typed keyword fields, frozen instances, built as `Cls(*bases, **fields)`.

    `constructs=Target` names the `@pconfiged` class that `cfg.construct()` builds (a `@pconfiged(mock=True)`
    class gets a config of its `__init__`'s parameters, see `_calls`). `calls=function` and `mocks=Class` make a
    config of a function's or a class's defaulted parameters. `inherit_constructable_type=False` makes a subclass
    of a constructing config construct nothing (by default it constructs what its parent does).
    """
    site = caller_site(1)
    frame = sys._getframe(1)
    localns = dict(frame.f_locals) if frame.f_code.co_name != "<module>" else None

    if inherit_constructable_type not in (None, True, False):
        raise TypeError(
            compose(
                f"@pconfig: inherit_constructable_type={inherit_constructable_type!r} is not a bool",
                where=[("used at", site)],
                hint="pass True (construct what the parent constructs, the default) or False (construct nothing)",
            )
        )

    def wrap(c: Any) -> Any:
        if calls is not None or mocks is not None:
            from ._calls import make_call_config  # on first use: most programs never use calls= or mocks=

            return make_call_config(c, constructs, calls, mocks, site, localns)
        configured = getattr(constructs, "__dict__", {}).get("__pconfig_configured__")
        if isinstance(c, type) and configured is not None and configured.get("mock"):
            from ._calls import make_call_config

            return make_call_config(c, None, None, None, site, localns, configured=constructs)
        return make_config(c, constructs, site, localns, inherit_constructable_type)

    if cls is None:
        return wrap
    return wrap(cls)
