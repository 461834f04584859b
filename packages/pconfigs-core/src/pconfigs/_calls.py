"""Configs for code you do not own: `@pconfig(calls=function)` and `@pconfig(mocks=Class)`.

```python
@pconfig(calls=train)          # def train(data, *, lr: float = 0.1, epochs: int = 3): ...
class TrainCall: ...

cfg = TrainCall(lr=0.2)        # fields: lr, epochs; default registered: TrainCall(lr=0.1, epochs=3)
cfg(data)                      # train(data, lr=0.2, epochs=3)
```

A third-party function or class cannot be decorated, but its defaulted parameters are exactly the settings an
experiment wants to record, print and vary. This module turns them into an ordinary config class, so building
from a base, `pdefaults`, `Required`, printing and type checks work as for any config.

Decisions:

* Fields are the parameters that have a default and can be passed by keyword, in the signature's order.
  Positional-only parameters and parameters without a default are not fields: they are the call's arguments.
  Naming one when building the config is a `TypeError` that says to pass it in the call instead.
* A field's type is the parameter's annotation (unannotated or unresolvable: `Any`). When the default does not fit
  it, the type is widened so the default is accepted: `Optional[T]` for a `None` default (the old implicit
  Optional), `Any` otherwise. An annotation in the class body overrides the parameter's (to narrow an unannotated
  parameter); the class body may annotate only defaulted parameters and hold no values.
* The default registered for the class holds the parameters' defaults, registered where the class is decorated.
  A later `pdefaults += Cls(...)` is refused like any second default, unless a field was made `Required`.
* Calling. `cfg(*args, **kwargs)` calls the function like `functools.partial` would: positional arguments bind to
  parameters in order, keywords override the config's values, and every other field is passed by keyword from
  the config. `@pconfig(mocks=Class)` does the same through `cfg.construct(*args, **kwargs)` (the class's
  `constructable_type` is `Class`, so printed configs name it). Fields still `Required` (nested ones included)
  and not given in the call are refused with a `TypeError` before the call. The function's own exceptions keep
  their type and traceback.
* `calls=` and `mocks=` exclude each other and `constructs=`; a config subclass of such a class calls the same
  target with the target's parameters only.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from typing import Any, Optional

from ._errors import add_context, compose, short_repr
from ._make import make_config
from ._registry import pdefaults
from ._required import collect_required, still_required
from ._site import Site, format_site
from ._typeforms import compile_check, type_hints

__all__ = ["make_call_config"]

_KEYWORDS = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def make_call_config(
    cls: Any,
    constructs: type | None,
    calls: Callable[..., Any] | None,
    mocks: type | None,
    site: Site,
    localns: dict[str, Any] | None,
) -> type:
    """`@pconfig(calls=...)` / `@pconfig(mocks=...)`: fields from the target's defaulted parameters."""
    target, verb = _check_arguments(cls, constructs, calls, mocks, site)
    target_name = getattr(target, "__qualname__", None) or repr(target)
    name = cls.__qualname__
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        raise TypeError(
            compose(
                f"{name}: cannot read the parameters of {target_name}",
                where=[("declared at", site)],
                hint=f"declare the fields yourself with @pconfig and call {target_name} in your own code",
            )
        ) from None
    params = [p for p in signature.parameters.values() if p.kind in _KEYWORDS and p.default is not p.empty]
    own = inspect.get_annotations(cls)
    _check_body(cls, own, [p.name for p in params], target_name, site)
    hints = type_hints(target if calls is not None else getattr(target, "__init__", target))
    annotations = {p.name: own[p.name] if p.name in own else _field_type(p, hints) for p in params}
    type.__setattr__(cls, "__annotations__", annotations)

    make_config(cls, None, site, localns)
    pdefaults._register(cls(**{p.name: p.default for p in params}), site)

    names = tuple(annotations)
    nonfields = dict(getattr(cls, "__pconfig_nonfields__", {}))
    for p in signature.parameters.values():
        if p.name not in annotations and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            call = "cfg" if calls is not None else "cfg.construct"
            if p.kind is p.POSITIONAL_ONLY:
                what, how = "is positional-only", f"pass it by position in the call: {call}({p.name}, ...)"
            else:
                what, how = "has no default", f"pass it in the call: {call}({p.name}=...)"
            nonfields[p.name] = (f"a parameter of {target_name} that {what}, not a field", how)
    type.__setattr__(cls, "__pconfig_nonfields__", nonfields)

    def invoke(cfg: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        given = set(signature.bind_partial(*args).arguments) | set(kwargs)
        values = {n: getattr(cfg, n) for n in names if n not in given}
        unset: list[str] = []
        for n, v in values.items():
            collect_required(v, n, unset)
        if unset:
            how = "cfg" if verb == "call" else "cfg.construct"
            refusal = still_required(
                cfg,
                f"{verb} {target_name}",
                unset=unset,
                also=lambda it, field: f"pass {it} in the call: {how}({field}=...)",
            )
            raise TypeError(refusal)
        try:
            return target(*args, **values, **kwargs)
        except Exception as exc:
            built = format_site(cfg.__pconfig_site__)
            add_context(exc, f"while calling {target_name} from {type(cfg).__qualname__} (built at {built})")
            raise

    if calls is not None:

        def __call__(self: Any, *args: Any, **kwargs: Any) -> Any:
            return invoke(self, args, kwargs)

        _install(cls, "__call__", __call__)
        type.__setattr__(cls, "__pconfig_calls__", calls)
    else:

        def construct(self: Any, *args: Any, **kwargs: Any) -> Any:
            return invoke(self, args, kwargs)

        _install(cls, "construct", construct)
        type.__setattr__(cls, "constructable_type", mocks)
        type.__setattr__(cls, "__pconfig_mocks__", mocks)
    return cls  # type: ignore[no-any-return]


def _install(cls: type, method_name: str, fn: Callable[..., Any]) -> None:
    fn.__qualname__ = f"{cls.__qualname__}.{method_name}"
    fn.__module__ = cls.__module__
    type.__setattr__(cls, method_name, fn)


def _check_arguments(
    cls: Any, constructs: type | None, calls: Callable[..., Any] | None, mocks: type | None, site: Site
) -> tuple[Callable[..., Any], str]:
    name = getattr(cls, "__qualname__", "@pconfig")
    problem = hint = None
    if not isinstance(cls, type):
        problem, hint = f"expected a class, got {type(cls).__qualname__}", "decorate an empty class body"
        name = "@pconfig"
    elif calls is not None and mocks is not None:
        problem, hint = "calls= and mocks= exclude each other", "use calls= for a function, mocks= for a class"
    elif constructs is not None:
        which = "calls=" if calls is not None else "mocks="
        problem, hint = f"constructs= and {which} exclude each other", f"keep {which} only"
    elif calls is not None and not callable(calls):
        problem = f"calls={short_repr(calls)} is not callable"
        hint = "pass the function itself: @pconfig(calls=train)"
    elif mocks is not None and not isinstance(mocks, type):
        problem = f"mocks={short_repr(mocks)} is not a class"
        hint = "pass the class itself: @pconfig(mocks=Client); for a function use calls="
    elif (calls is not None and "__call__" in cls.__dict__) or (mocks is not None and "construct" in cls.__dict__):
        which = "__call__" if calls is not None else "construct"
        problem, hint = f"defines {which}, which @pconfig(calls=/mocks=) provides", f"remove {which}"
    if problem is not None:
        raise TypeError(compose(f"{name}: {problem}", where=[("used at", site)], hint=hint))
    if calls is not None:
        return calls, "call"
    assert mocks is not None
    return mocks, "construct"


def _check_body(cls: type, own: Mapping[str, Any], params: list[str], target_name: str, site: Site) -> None:
    name = cls.__qualname__
    for field_name in own:
        if field_name not in params:
            raise TypeError(
                compose(
                    f"{name}.{field_name}: not a parameter of {target_name} that has a default",
                    where=[("declared at", site)],
                    hint=f"annotate only parameters with defaults ({', '.join(params) or 'none'}); "
                    "the others are passed in the call",
                )
            )
        if field_name in cls.__dict__:
            raise TypeError(
                compose(
                    f"{name}.{field_name}: a value in the class body is not allowed",
                    where=[("declared at", site)],
                    hint=f"the default comes from {target_name}; annotate only, or register another default",
                )
            )


def _field_type(p: inspect.Parameter, hints: Mapping[str, Any]) -> Any:
    tp = hints.get(p.name, p.annotation)
    if tp is p.empty or isinstance(tp, (str, typing.ForwardRef)):
        return Any
    check = compile_check(tp)
    if check is None or check(p.default):
        return tp
    return Optional[tp] if p.default is None else Any
