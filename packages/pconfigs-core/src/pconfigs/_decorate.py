"""`@pconfig`: turning a user's class into a config class, in place.

The decorator keeps the user's class object (zero-argument `super()`, `__qualname__`, pickling and IDE navigation
behave as for any class) and makes it a dataclass without a dataclass `__init__`. Each class gets a generated
`__init__`: real source, built once per class, compiled under a pseudo-filename naming the class and registered
in `linecache`, so tracebacks and pdb show the generated line.

The source is generated on the first construction, not at decoration, because checking values needs resolved
annotations and those may name classes defined later in the module. Until then the class holds a small
bootstrap `__init__` carrying the true `__signature__`.

Speed notes (measured on CPython 3.11, see `benchmarks/`): attributes are set by name with
`object.__setattr__` in a fixed order, which keeps CPython's shared-key instance layout (writing `__dict__`
directly loses it and every later read gets slower); a value of exactly its annotation's class skips the check
call; merging bases and defaults only happens when a keyword is missing or a base is passed.
"""

from __future__ import annotations

import dataclasses
import inspect
import linecache
import sys
from collections.abc import Callable
from typing import Any, TypeVar, cast, overload

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # pragma: no cover - 3.10
    from typing_extensions import dataclass_transform

from . import _derived, _env, _merge, _site
from ._errors import compose, did_you_mean, require_class
from ._sentinels import UNSET, Required
from ._site import Site, caller_site
from ._spec import ClassSpec, FieldSpec, classify, is_config
from ._typeforms import is_classvar

__all__ = ["pconfig", "RESERVED", "required_paths", "restore"]

T = TypeVar("T", bound=type)

RESERVED = frozenset({"construct", "constructable_type", "environment"})
"""Names of the config's own API; they cannot be field names."""


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
            from ._calls import make_call_config

            return make_call_config(c, constructs, calls, mocks, site, localns)
        return _make_config(c, constructs, site, localns)

    if cls is None:
        return wrap
    return wrap(cls)


def _make_config(cls: type, constructs: type | None, site: Site, localns: dict[str, Any] | None) -> type:
    require_class("@pconfig", cls, site, "@pconfig class MyConfig: ...")
    name = cls.__qualname__
    if "__pconfig_spec__" in cls.__dict__:
        raise TypeError(
            compose(f"{name}: @pconfig applied twice", where=[("used at", site)], hint="remove one @pconfig")
        )
    if constructs is not None and "__pconfig_configured__" not in getattr(constructs, "__dict__", {}):
        raise TypeError(
            compose(
                f"{name}: constructs={getattr(constructs, '__qualname__', repr(constructs))}, "
                "which is not a @pconfiged class",
                where=[("declared at", site)],
                hint=f"decorate {getattr(constructs, '__qualname__', 'it')} with @pconfiged",
            )
        )

    fields: dict[str, FieldSpec] = {}
    members: dict[str, object] = {}
    for ancestor in reversed(cls.__mro__[1:]):
        parent = ancestor.__dict__.get("__pconfig_spec__")
        if parent is not None:
            fields.update((f.name, f) for f in parent.fields)
            members.update(parent.members)

    # Names are interned: an attribute read specialises on the identity of its name, and a key that is an equal
    # but distinct string (a class built with type() and f-strings) would make every read take the slow path.
    kinds = _derived.kinds()
    for attr, value in list(cls.__dict__.items()):
        if any(k.claims_member(value) for k in kinds):
            members[sys.intern(attr)] = value
            delattr(cls, attr)

    own = {sys.intern(n): a for n, a in inspect.get_annotations(cls).items()}
    own_derived = []
    environments: dict[str, type] = {}
    for field_name, annotation in own.items():
        if is_classvar(annotation):
            continue
        kind, inner = classify(annotation, cls, localns)
        if kind is None and _env.is_penv(inner):
            environments[field_name] = inner  # a class-level attribute, not a field
            continue
        if field_name in RESERVED or field_name.startswith("__pconfig"):
            raise TypeError(
                compose(
                    f"{name}.{field_name}: {field_name!r} is reserved for the config's own API and cannot be a field",
                    where=[("declared at", site)],
                    hint=f"rename the field, e.g. {field_name.strip('_') + '_'!r}",
                )
            )
        if field_name in cls.__dict__:
            value = cls.__dict__[field_name]
            raise TypeError(
                compose(
                    f"{name}.{field_name}: a default value in the class body is not allowed (got {value!r})",
                    where=[("declared at", site)],
                    hint=f"remove '= {value!r}' and register defaults with "
                    f"`pdefaults += {name}({field_name}={value!r}, ...)`",
                )
            )
        fields[field_name] = FieldSpec(field_name, inner, cls, kind, localns)
        if kind is not None:
            own_derived.append(field_name)

    for field_name in own_derived:
        setattr(cls, field_name, dataclasses.field(init=False))
    dataclasses.dataclass(init=False, repr=False, eq=False, match_args=False)(cls)
    if environments:
        _env.attach(cls, environments, site)

    field_specs = tuple(fields.values())
    computers = [c for c in (k.prepare(cls, field_specs, members, site) for k in kinds) if c is not None]
    computer = computers[0] if len(computers) == 1 else (_Chain(computers) if computers else None)
    spec = ClassSpec(cls, field_specs, site, computer=computer, members=members)
    type.__setattr__(cls, "__pconfig_spec__", spec)
    if constructs is not None:
        type.__setattr__(cls, "constructable_type", constructs)
    _install_methods(cls, spec)
    return cls


class _Chain(_derived.Computer):
    def __init__(self, parts: list[_derived.Computer]) -> None:
        self.parts = parts
        self.transforms = frozenset().union(*(p.transforms for p in parts))
        self.sets = tuple(name for p in parts for name in p.sets)

    def compute(self, cfg: Any, inputs: Any) -> None:
        for p in self.parts:
            p.compute(cfg, inputs)


def _install_methods(cls: type, spec: ClassSpec) -> None:
    own = cls.__dict__
    names = spec.names
    tracked = spec.tracked

    def __setattr__(self: Any, attr: str, value: object) -> None:
        raise _frozen(self, attr, "assign to")

    def __delattr__(self: Any, attr: str) -> None:
        raise _frozen(self, attr, "delete")

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        if not all(_merge.same(getattr(self, n), getattr(other, n)) for n in names):
            return False
        if not tracked:
            return True
        mine, theirs = cast(Any, self).__pconfig_inputs__, cast(Any, other).__pconfig_inputs__
        return all(_merge.same(mine[n], theirs[n]) for n in tracked)

    def __hash__(self: Any) -> int:
        return hash((self.__class__.__qualname__, tuple(getattr(self, n) for n in names)))

    def __reduce__(self: Any) -> tuple[Any, ...]:
        return (restore, (self.__class__, tuple((n, getattr(self, n)) for n in spec.state)))

    def __repr__(self: Any) -> str:
        from ._render import render_expression

        return render_expression(self)

    def construct(self: Any) -> Any:
        return _construct(self)

    def __replace__(self: Any, **changes: Any) -> Any:
        # copy.replace (Python 3.13+): the config as a base, so inputs (pins included) travel.
        return self.__class__(self, **changes)

    bootstrap = _bootstrap_init(cls, spec)
    methods: dict[str, Any] = {
        "__init__": bootstrap,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__reduce__": __reduce__,
        "__replace__": __replace__,
        "construct": construct,
    }
    for optional_name, fn in (("__eq__", __eq__), ("__hash__", __hash__), ("__repr__", __repr__)):
        if optional_name not in own or (optional_name == "__hash__" and own[optional_name] is None):
            methods[optional_name] = fn
    for method_name, fn in methods.items():
        fn.__qualname__ = f"{cls.__qualname__}.{method_name}"
        fn.__module__ = cls.__module__
        type.__setattr__(cls, method_name, fn)


def restore(cls: type, items: tuple[tuple[str, Any], ...]) -> Any:
    """Rebuild a config from its instance state (pickle, copy, deepcopy), attribute by attribute."""
    obj: Any = object.__new__(cls)
    for key, value in items:
        object.__setattr__(obj, key, value)
    return obj


def _frozen(cfg: Any, attr: str, verb: str) -> dataclasses.FrozenInstanceError:
    name = type(cfg).__qualname__
    return dataclasses.FrozenInstanceError(
        compose(
            f"{name}.{attr}: configs are frozen; cannot {verb} a field",
            where=[("built at", getattr(cfg, "__pconfig_site__", None))],
            hint=f"build a changed copy: {name}(cfg, {attr}=...)",
        )
    )


def _construct(cfg: Any) -> Any:
    cls = type(cfg)
    name = cls.__qualname__
    site = cfg.__pconfig_site__
    target = getattr(cls, "constructable_type", None)
    if target is None:
        raise TypeError(
            compose(
                f"{name}.construct: {name} constructs nothing",
                where=[("built at", site)],
                hint="declare the class with @pconfig(constructs=SomeClass)",
            )
        )
    unset = required_paths(cfg)
    if unset:
        noun = "field is" if len(unset) == 1 else "fields are"
        raise TypeError(
            compose(
                f"{name}: cannot construct, {len(unset)} {noun} still Required: {', '.join(unset)}",
                where=[("built at", site)],
                hint=f"set {'it' if len(unset) == 1 else 'them'}: {name}(cfg, {unset[0].split('.')[0]}=...)",
            )
        )
    return target(config=cfg)


def required_paths(cfg: Any, prefix: str = "") -> list[str]:
    """Dotted paths of every field still holding `Required`, nested configs included."""
    found: list[str] = []
    for n in type(cfg).__pconfig_spec__.names:
        _collect_required(getattr(cfg, n), prefix + n, found)
    return found


def _collect_required(value: object, path: str, found: list[str]) -> None:
    if value is Required:
        found.append(path)
    elif is_config(value):
        found.extend(required_paths(value, path + "."))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _collect_required(item, f"{path}[{i}]", found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_required(item, f"{path}[{key!r}]", found)


def _signature(cls: type, spec: ClassSpec) -> inspect.Signature:
    params = [
        inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY),
        inspect.Parameter("bases", inspect.Parameter.VAR_POSITIONAL, annotation=cls.__qualname__),
    ]
    for f in spec.fields:
        annotation = inspect.get_annotations(f.owner).get(f.name, f.annotation)
        params.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=UNSET, annotation=annotation))
    return inspect.Signature(params, return_annotation=None)


def _bootstrap_init(cls: type, spec: ClassSpec) -> Callable[..., None]:
    def __init__(self: Any, *bases: Any, **kwargs: Any) -> None:
        init = _compile_init(cls, spec)
        type.__setattr__(cls, "__init__", init)
        init(self, *bases, **kwargs)

    __init__.__signature__ = _signature(cls, spec)  # type: ignore[attr-defined]
    return __init__


def _compile_init(cls: type, spec: ClassSpec) -> Callable[..., None]:
    """Generate, compile and register the source of `cls.__init__`."""
    spec.resolve()
    ns: dict[str, Any] = {
        "_U": UNSET,
        "_R": Required,
        "_S": _derived.sentinels(),
        "_cls": cls,
        "_spec": spec,
        "_set": object.__setattr__,
        "_getframe": sys._getframe,
        "_sitemod": _site,
        "_merge": _merge.merge,
        "_unknown": _unknown_field,
        "_bad": _bad_value,
        "_undecorated": _undecorated,
        "_computer": spec.computer,
    }
    params = ", ".join(f"{f.name}=_U" for f in spec.fields)
    args = ", ".join(f.name for f in spec.fields)
    unpack = args + ("," if len(spec.fields) == 1 else "")
    body = [
        f"def __init__(self, *bases, {params + ', ' if params else ''}**_extra):",
        "    if self.__class__ is not _cls: _undecorated(_cls, self)",
        "    _f = _getframe(1)",
        "    _internal = _sitemod._internal",
        "    while _f.f_code.co_filename.startswith(_internal): _f = _f.f_back",
        "    _site = (_f.f_code.co_filename, _f.f_lineno)",
        "    if _extra: _unknown(_spec, _extra, _site)",
    ]
    if spec.fields:
        unset_test = " or ".join(f"{f.name} is _U" for f in spec.fields)
        body.append(f"    if bases or {unset_test}:")
        body.append(f"        {unpack} = _merge(_spec, bases, [{args}], _site)")
    else:
        body.append("    if bases: _merge(_spec, bases, [], _site)")
    transforms = spec.computer.transforms if spec.computer is not None else frozenset()
    for i, f in enumerate(spec.fields):
        ns[f"_f{i}"] = f
        if f.kind is not None:
            ns[f"_k{i}"] = f.kind
            body.append(f"    {f.name} = _k{i}.check_input(_cls, _f{i}, {f.name}, _site)")
            continue
        if f.name in transforms or f.check is None:
            continue
        ns[f"_c{i}"] = f.check
        test = f"not _c{i}({f.name}) and {f.name} is not _R and not any({f.name} is _s for _s in _S)"
        if f.fast_class is not None:
            ns[f"_t{i}"] = f.fast_class
            test = f"{f.name}.__class__ is not _t{i} and {test}"
        body.append(f"    if {test}: _bad(_spec, _f{i}, {f.name}, _site)")
    for f in spec.fields:
        if f.kind is None and f.name not in transforms:
            body.append(f"    _set(self, {f.name!r}, {f.name})")
    body.append("    _set(self, '__pconfig_site__', _site)")
    if spec.tracked:
        entries = ", ".join(f"{n!r}: {n}" for n in spec.tracked)
        body.append(f"    _inputs = {{{entries}}}")
        body.append("    _set(self, '__pconfig_inputs__', _inputs)")
        body.append("    _computer.compute(self, _inputs)")
    source = "\n".join(body) + "\n"
    filename = f"<pconfigs __init__ of {cls.__module__}.{cls.__qualname__}>"
    exec(compile(source, filename, "exec"), ns)
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    init: Callable[..., None] = ns["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__signature__ = _signature(cls, spec)  # type: ignore[attr-defined]
    return init


def _unknown_field(spec: ClassSpec, extra: dict[str, Any], site: Site) -> None:
    name = spec.cls.__qualname__
    field_name = next(iter(extra))
    special = getattr(spec.cls, "__pconfig_nonfields__", {}).get(field_name)
    if special is not None:  # a name that looks like a field but is not one (an environment, a call's argument)
        raise TypeError(compose(f"{name}.{field_name}: {special[0]}", where=[("set at", site)], hint=special[1]))
    hint = did_you_mean(field_name, spec.names) or f"{name}'s fields are: {', '.join(spec.names)}"
    raise TypeError(compose(f"{name}.{field_name}: unknown field", where=[("set at", site)], hint=hint))


def _bad_value(spec: ClassSpec, f: FieldSpec, value: object, site: Site) -> None:
    raise spec.type_error(f, value, site)


def _undecorated(cls: type, obj: object) -> None:
    sub = type(obj).__qualname__
    raise TypeError(
        compose(
            f"{sub}: a subclass of the config class {cls.__qualname__} must be decorated with @pconfig",
            hint=f"add @pconfig above `class {sub}`",
        )
    )
