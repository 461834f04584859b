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
  Positional-only parameters and parameters without a default are the call's arguments, unless the class body
  annotates them: an annotated parameter without a default is a field whose default is `Required`. Naming a
  call's argument when building the config is a `TypeError` that says to pass it in the call instead.
* A field's type is the parameter's annotation (unannotated or unresolvable: `Any`). When the default does not fit
  it, the type is widened so the default is accepted: `Optional[T]` for a `None` default (the old implicit
  Optional), `Any` otherwise. An annotation in the class body overrides the parameter's; when the signature's
  default does not fit it (the earlier pconfigs' `model: Omitted[Callable]` over `model=None`), the registered
  default is `Omitted` for an `Omitted[T]` parameter (the target's own default applies, as it did there) and
  `Required` for any other annotation (the user narrowed the type, so a value that fits must be set).
* The class body may also hold, as the earlier pconfigs allowed (DESIGN 3.11), fields that are not parameters and
  `@pproperty` methods. A field that is not a parameter is kept by the config but not passed (`NotMock[T]`, said
  or not), unless it is `Kwarg[T]`, which is passed through the target's `**kwargs`. A parameter annotated
  `Pinned[T]` is computed by its `@pproperty` and passed; one still `Pinned` (nothing computes it) is left out of
  the call, so the target's own default applies. A parameter annotated `Omitted[T]` may hold the value `Omitted`,
  which also leaves it out of the call.
* The default registered for the class holds the parameters' defaults (`Required` for fields that are not
  parameters, or have no default), registered where the class is decorated. The first explicit
  `pdefaults += Cls(...)` replaces it; later ones follow the usual rules.
* Calling. `cfg(*args, **kwargs)` calls the function like `functools.partial` would: positional arguments bind to
  parameters in order, keywords override the config's values, and every other passed field goes by keyword from the
  config. `@pconfig(mocks=Class)` does the same through `cfg.construct(*args, **kwargs)` (the class's
  `constructable_type` is `Class`, so printed configs name it); a `@pconfiged(mock=True)` class is built the same
  way with `config=cfg` added (its `__init__` adds the config's values, so `Cls(config=cfg, x=1)` is
  `cfg.construct(x=1)`, and the parameters come first: `config` is keyword-only). Fields still `Required` (nested
  ones included) are refused with a `TypeError` before the call, kept fields too (they feed `@pproperty` methods and
  the constructed class, so a value computed from a `Required` one would silently be left out); a passed field may
  instead be given in the call. Values are passed as plain (mutable) copies of the config's frozen lists, dicts and
  sets, so the target may change its arguments without changing the config. The function's own exceptions keep their
  type and traceback, with a note. Too many positional arguments are a `TypeError` naming the config and the target.
* `calls=` and `mocks=` exclude each other and `constructs=`, and apply to a class with no config base (the earlier
  pconfigs refused them on any subclass: the parent's fields would otherwise be lost). A plain `@pconfig` subclass of
  such a class keeps its parent's fields and target; the fields it adds are kept, not passed.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from typing import Any, Optional, Union

from . import _derived
from ._errors import add_context, compose, short_repr
from ._frozen import thaw
from ._make import make_config
from ._markers import Omitted, OmittedType, marker_of
from ._registry import pdefaults
from ._required import collect_required, still_required
from ._sentinels import ACCEPTED, Required
from ._site import Site, caller_site, format_site
from ._trail import Label, relabel
from ._typeforms import compile_check, evaluate, is_classvar, type_hints

__all__ = ["make_call_config"]

_KEYWORDS = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_PARAM, _KWARG, _KEPT = "parameter", "kwarg", "kept"
"""How a field reaches the target: as a named parameter, through `**kwargs`, or not at all."""


def make_call_config(
    cls: Any,
    constructs: type | None,
    calls: Callable[..., Any] | None,
    mocks: type | None,
    site: Site,
    localns: dict[str, Any] | None,
    *,
    configured: type | None = None,
) -> type:
    """`@pconfig(calls=...)` / `@pconfig(mocks=...)`: fields from the target's defaulted parameters.

    `configured` is a `@pconfiged(mock=True)` class named by `constructs=`: its original `__init__` gives the
    fields, and `construct()` builds it with `config=cfg` added."""
    if configured is not None:
        target: Callable[..., Any] = configured
        verb, init = "construct", configured.__dict__["__pconfig_configured__"]["init"]
    else:
        target, verb = _check_arguments(cls, constructs, calls, mocks, site)
        init = target if calls is not None else getattr(target, "__init__", target)
    target_name = getattr(target, "__qualname__", None) or repr(target)
    name = cls.__qualname__
    try:
        signature = inspect.signature(init if configured is not None else target)
    except (TypeError, ValueError):
        raise TypeError(
            compose(
                f"{name}: cannot read the parameters of {target_name}",
                where=[("declared at", site)],
                hint=f"declare the fields yourself with @pconfig and call {target_name} in your own code",
            )
        ) from None
    parameters = list(signature.parameters.values())[1 if configured is not None else 0 :]  # without `self`
    signature = signature.replace(parameters=parameters)
    own = {n: a for n, a in inspect.get_annotations(cls).items() if not is_classvar(a)}
    _check_body(cls, own, target_name, site)
    hints = type_hints(init)
    annotations: dict[str, Any] = {}
    defaults: dict[str, Any] = {}
    passes: dict[str, str] = {}
    omittable: set[str] = set()
    by_name = {p.name: p for p in parameters}
    takes_kwargs = any(p.kind is p.VAR_KEYWORD for p in parameters)
    for p in parameters:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            if p.name in own:
                star = "*" if p.kind is p.VAR_POSITIONAL else "**"
                _refuse(
                    name,
                    p.name,
                    f"names {target_name}'s {star}{p.name}, which is not a field",
                    site,
                    "name the keyword it takes instead, as a Kwarg: `key: Kwarg[int]`",
                )
            continue
        if p.name in own:
            if p.kind is p.POSITIONAL_ONLY:
                _refuse(name, p.name, f"is a positional-only parameter of {target_name}", site, "pass it in the call")
            marker, inner = _marker(own[p.name], cls, localns)
            annotations[p.name] = Union[inner, OmittedType] if marker == "Omitted" else inner
            if marker == "Omitted":
                omittable.add(p.name)
            passes[p.name] = _KEPT if marker == "NotMock" else _PARAM
            defaults[p.name] = Required if p.default is p.empty else p.default
        elif p.default is not p.empty and p.kind in _KEYWORDS:
            annotations[p.name] = _field_type(p, hints)
            passes[p.name] = _PARAM
            defaults[p.name] = p.default
    for field_name, annotation in own.items():
        if field_name in by_name:
            continue
        marker, inner = _marker(annotation, cls, localns)
        if marker == "Kwarg" and not takes_kwargs:
            _refuse(name, field_name, f"is Kwarg[...], but {target_name} takes no **kwargs", site, "use NotMock[...]")
        if marker == "Omitted":
            _refuse(
                name, field_name, f"is Omitted[...], but not a parameter of {target_name}", site, "use NotMock[...]"
            )
        annotations[field_name] = inner
        passes[field_name] = _KWARG if marker == "Kwarg" else _KEPT
        defaults[field_name] = Required
    type.__setattr__(cls, "__annotations__", annotations)

    make_config(cls, None, site, localns)
    spec = cls.__pconfig_spec__
    for n in [n for n in defaults if n not in spec.index]:  # `environment: SomeEnv` is a class attribute
        del defaults[n], passes[n]
    spec.resolve()
    for field_name in own.keys() & by_name.keys() & defaults.keys():
        f = spec.field(field_name)
        if f.kind is None and f.accepts is not None and not f.accepts(defaults[field_name]):
            # The body narrowed the parameter's type, and the signature's default does not fit it (the earlier
            # pconfigs' `model: Omitted[Callable]` over `model=None`): the target's own default is what `Omitted`
            # asks for; for any other annotation, the user must set a value that fits.
            defaults[field_name] = Omitted if field_name in omittable else Required
    default = cls(**{n: v for n, v in defaults.items() if spec.field(n).kind is None})
    declared = _declared_at(init if configured is not None else target)
    relabel(
        default,
        {
            n: Label("signature", declared, f"of {target_name}")
            for n, v in defaults.items()
            if spec.field(n).kind is None and v is not Required
        },
    )
    pdefaults._register(default, site, replaceable=True)

    nonfields = dict(getattr(cls, "__pconfig_nonfields__", {}))
    for p in parameters:
        if p.name not in annotations and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            call = "cfg" if verb == "call" else "cfg.construct"
            if p.kind is p.POSITIONAL_ONLY:
                what, how = "is positional-only", f"pass it by position in the call: {call}({p.name}, ...)"
            else:
                what, how = "has no default", f"pass it in the call: {call}({p.name}=...)"
            nonfields[p.name] = (f"a parameter of {target_name} that {what}, not a field", how)
    type.__setattr__(cls, "__pconfig_nonfields__", nonfields)
    type.__setattr__(cls, "__pconfig_passes__", passes)
    type.__setattr__(cls, "__pconfig_binds__", signature)  # binds a call's positional arguments

    if calls is not None:

        def __call__(self: Any, *args: Any, **kwargs: Any) -> Any:
            return _invoke(self, target, target_name, verb, args, kwargs)

        _install(cls, "__call__", __call__)
        type.__setattr__(cls, "__pconfig_calls__", calls)
    elif configured is not None:

        def construct(self: Any, *args: Any, **kwargs: Any) -> Any:
            return target(*args, config=self, **kwargs)  # its __init__ adds the config's values (`_arguments`)

        def arguments(cfg: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
            return _arguments(cfg, target_name, verb, args, kwargs)

        _install(cls, "construct", construct)
        type.__setattr__(cls, "__pconfig_arguments__", staticmethod(arguments))
        type.__setattr__(cls, "constructable_type", target)
        type.__setattr__(cls, "__pconfig_mocks__", target)
    else:

        def construct(self: Any, *args: Any, **kwargs: Any) -> Any:
            return _invoke(self, target, target_name, verb, args, kwargs)

        _install(cls, "construct", construct)
        type.__setattr__(cls, "constructable_type", target)
        type.__setattr__(cls, "__pconfig_mocks__", target)
    return cls  # type: ignore[no-any-return]


def _invoke(cfg: Any, target: Callable[..., Any], target_name: str, verb: str, args: tuple[Any, ...], kw: Any) -> Any:
    """Call the target with the call's arguments and every passed field the call does not give."""
    values = _arguments(cfg, target_name, verb, args, kw)
    try:
        return target(*args, **values, **kw)
    except Exception as exc:
        built = format_site(cfg.__pconfig_site__)
        add_context(exc, f"while calling {target_name} from {type(cfg).__qualname__} (built at {built})")
        raise


def _arguments(cfg: Any, target_name: str, verb: str, args: tuple[Any, ...], kw: Any) -> dict[str, Any]:
    """The passed fields the call does not give, by name; a `TypeError` while any field is still Required."""
    cls = type(cfg)
    passes: dict[str, str] = cls.__pconfig_passes__
    binds: inspect.Signature = cls.__pconfig_binds__
    try:
        given = set(binds.bind_partial(*args).arguments) | set(kw)
    except TypeError:  # too many positional arguments: say whose, rather than inspect's bare message
        positional = [p.name for p in binds.parameters.values() if p.kind in _POSITIONAL]
        raise TypeError(
            compose(
                f"{cls.__qualname__}: cannot {verb} {target_name} with {len(args)} positional arguments",
                where=[("called at", caller_site(1))],
                hint=f"{target_name} takes at most {len(positional)} by position ({', '.join(positional)}); "
                "pass the others by keyword",
            )
        ) from None
    values = {}
    unset: list[str] = []
    for n in cls.__pconfig_spec__.names:
        how = passes.get(n, _KEPT)  # the fields a plain @pconfig subclass adds are kept
        if how != _KEPT and n in given:
            continue
        value = getattr(cfg, n)
        collect_required(value, n, unset)  # a kept field feeds @pproperty methods or the constructed class
        if how == _KEPT:
            continue
        if value.__class__ is OmittedType or (value is not Required and any(value is s for s in ACCEPTED)):
            continue  # Omitted, or a derived value nothing computed: the target's own default applies
        values[n] = value
    if unset:
        how = "cfg" if verb == "call" else "cfg.construct"
        # Only passed fields can be given in the call instead.
        passed = all(passes.get(u.split("[", 1)[0].split(".", 1)[0], _KEPT) != _KEPT for u in unset)
        refusal = still_required(
            cfg,
            f"{verb} {target_name}",
            unset=unset,
            also=(lambda it, field: f"pass {it} in the call: {how}({field}=...)") if passed else None,
        )
        raise TypeError(refusal)
    return {n: thaw(v) for n, v in values.items()}


def _marker(annotation: Any, cls: type, localns: Mapping[str, Any] | None) -> tuple[str | None, Any]:
    """(`Kwarg`/`NotMock`/`Omitted` or None, the annotation without the marker) for a class-body annotation."""
    try:
        evaluated = evaluate(annotation, cls, localns)
    except Exception:
        if isinstance(annotation, str):
            for name in ("Kwarg", "NotMock", "Omitted"):
                if annotation.startswith(f"{name}[") and annotation.endswith("]"):
                    return name, annotation[len(name) + 1 : -1]
        return None, annotation  # resolved (or reported) when the class is first built
    marker, inner = marker_of(evaluated)
    return (marker, inner) if marker is not None else (None, annotation)


def _install(cls: type, method_name: str, fn: Callable[..., Any]) -> None:
    fn.__qualname__ = f"{cls.__qualname__}.{method_name}"
    fn.__module__ = cls.__module__
    type.__setattr__(cls, method_name, fn)


def _refuse(name: str, field_name: str, problem: str, site: Site, hint: str) -> None:
    raise TypeError(compose(f"{name}.{field_name}: {problem}", where=[("declared at", site)], hint=hint))


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
    elif any("__pconfig_spec__" in base.__dict__ for base in cls.__mro__[1:]):
        parents = ", ".join(b.__qualname__ for b in cls.__mro__[1:] if "__pconfig_spec__" in b.__dict__)
        which = "calls=" if calls is not None else "mocks="
        problem = f"@pconfig({which}...) on a subclass of the config {parents}, whose fields it would lose"
        hint = f"declare {name} without a config base, and hold the other config in a field if it needs one"
    if problem is not None:
        raise TypeError(compose(f"{name}: {problem}", where=[("used at", site)], hint=hint))
    if calls is not None:
        return calls, "call"
    assert mocks is not None
    return mocks, "construct"


def _check_body(cls: type, own: Mapping[str, Any], target_name: str, site: Site) -> None:
    name = cls.__qualname__
    kinds = _derived.kinds()
    for field_name in own:
        value = cls.__dict__.get(field_name)
        if field_name in cls.__dict__ and not any(k.claims_member(value) for k in kinds):
            raise TypeError(
                compose(
                    f"{name}.{field_name}: a default value in the class body is not allowed (got {short_repr(value)})",
                    where=[("declared at", site)],
                    hint=f"annotate only; defaults come from {target_name}'s signature, or register one with "
                    f"`pdefaults += {name}({field_name}=...)`",
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


def _declared_at(function: Any) -> Site | None:
    """Where a function (or a class's `__init__`) is defined, from its code object: no source is read."""
    code = getattr(inspect.unwrap(function), "__code__", None) if callable(function) else None
    if code is None and isinstance(function, type):
        code = getattr(getattr(function, "__init__", None), "__code__", None)
    return (code.co_filename, code.co_firstlineno) if code is not None else None
