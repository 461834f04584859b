"""`@pconfig`: the decorator's dispatch.

`@pconfig` and `@pconfig(constructs=Target)` make a config class (`_make`); `@pconfig(calls=function)` and
`@pconfig(mocks=Class)` make a config of a target's defaulted parameters (`_calls`). The decorator is declared with
`dataclass_transform`, so type checkers see keyword fields without a plugin.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar, overload

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - 3.10
    from typing_extensions import dataclass_transform

from ._calls import make_call_config
from ._make import make_config, restore
from ._site import caller_site

__all__ = ["pconfig", "restore"]  # restore: pickles written by earlier versions name it here

T = TypeVar("T", bound=type)


@overload
def pconfig(cls: T, /) -> T: ...


@overload
def pconfig(
    *, constructs: type | None = None, calls: Callable[..., Any] | None = None, mocks: type | None = None
) -> Callable[[T], T]: ...


@dataclass_transform(kw_only_default=True, frozen_default=True)
def pconfig(
    cls: Any = None,
    /,
    *,
    constructs: type | None = None,
    calls: Callable[..., Any] | None = None,
    mocks: type | None = None,
) -> Any:
    """Make `cls` a config class: typed keyword fields, frozen instances, built as `Cls(*bases, **fields)`.

    `constructs=Target` names the `@pconfiged` class that `cfg.construct()` builds. `calls=function` and
    `mocks=Class` make a config of a function's or a class's defaulted parameters (see `_calls`).
    """
    site = caller_site(1)
    frame = sys._getframe(1)
    localns = dict(frame.f_locals) if frame.f_code.co_name != "<module>" else None

    def wrap(c: Any) -> Any:
        if calls is not None or mocks is not None:
            return make_call_config(c, constructs, calls, mocks, site, localns)
        return make_config(c, constructs, site, localns)

    if cls is None:
        return wrap
    return wrap(cls)
