"""Making a user's class a config class, in place.

The decorator keeps the user's class object (zero-argument `super()`, `__qualname__`, pickling and IDE navigation
behave as for any class) and makes it a dataclass without a dataclass `__init__`. `make_config` collects the
fields (the class's own annotations after its config ancestors'), asks each derived-field kind which fields and
members are its own (`_derived`), builds the `ClassSpec`, and installs the config's methods: the bootstrap
`__init__` (`_generate`), frozen `__setattr__`/`__delattr__`, equality, hashing, pickling, `repr` (`_render`) and
`construct()` (`_construct`); the modules of pickling and `construct()` are imported on first use.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from typing import Any

from . import _derived
from ._errors import compose, require_class
from ._generate import bootstrap_init
from ._site import Site
from ._spec import ClassSpec, FieldSpec
from ._typeforms import is_classvar

__all__ = ["make_config", "RESERVED"]


def __getattr__(name: str) -> Any:
    if name == "restore":  # pickles written by earlier versions name `pconfigs._make.restore`
        from ._state import restore

        return restore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


RESERVED = frozenset({"construct", "constructable_type", "default_config", "environment"})
"""Names of the config's own API; they cannot be field names. (pconfigs-mypy keeps a copy, tested equal.)

Dunder names (`__x__`) and private names that Python mangles (`__x`) are reserved too; any other identifier can be
a field (the generated `__init__` never collides with one, see `_generate`)."""

_HOOKS = {
    "__init__": "configs are built by pconfigs' own __init__ (keywords, bases, defaults); "
    "validate in `def __post_init__(self)`",
    "__setattr__": "configs are frozen; compute values with @pproperty (pconfigs-pinnable), "
    "validate in `def __post_init__(self)`",
    "__delattr__": "configs are frozen; validate in `def __post_init__(self)`",
    "__slots__": "remove __slots__: a config keeps its values in its instance dictionary, "
    "which keeps reads as fast as a dataclass's",
}
"""What a config class may not define itself, and the hook to use instead (nothing the user wrote is dropped)."""


def make_config(
    cls: type,
    constructs: type | None,
    site: Site,
    localns: dict[str, Any] | None,
    inherit_constructable_type: bool | None = None,
) -> type:
    """Make `cls` a config class (see the module docstring); `constructs` is the `@pconfiged` class it builds.

    A subclass of a constructing config constructs the same class (DESIGN 3.1); `inherit_constructable_type=False`
    (the earlier pconfigs' keyword) makes it construct nothing, and `True` says the default out loud."""
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

    for hook, instead in _HOOKS.items():
        if hook in cls.__dict__:
            raise TypeError(
                compose(
                    f"{name}.{hook}: a config class cannot define {hook}",
                    where=[("declared at", site)],
                    hint=instead,
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
    environments: dict[str, Any] = {}  # attribute -> `@penv` class
    env = sys.modules.get(f"{__package__}._env")  # loaded with `penv`: until then no class is a `@penv` class
    for field_name, annotation in own.items():
        if is_classvar(annotation):
            continue
        kind, inner = _derived.classify(annotation, cls, localns)
        if kind is None and env is not None and env.is_penv(inner):
            environments[field_name] = inner  # a class-level attribute, not a field
            continue
        if _reserved(cls, field_name):
            written = _as_written(cls, field_name)
            raise ValueError(
                compose(
                    f"{name}.{written}: {written!r} is a reserved name and cannot be a field",
                    where=[("declared at", site)],
                    details=[
                        f"reserved: {', '.join(sorted(RESERVED))}, dunder names (__x__) and private names (__x)",
                    ],
                    hint=f"rename the field, e.g. {written.strip('_') + '_'!r}",
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
    # dataclasses writes a class without a docstring one made of `inspect.signature(cls)`: the signature of object's
    # `__init__` here ("Cfg()"), parsed from text, about 1 ms a class. A placeholder spares that; the class keeps
    # having no docstring (help() shows the real signature).
    undocumented = cls.__dict__.get("__doc__") is None
    if undocumented:
        type.__setattr__(cls, "__doc__", "-")
    dataclasses.dataclass(init=False, repr=False, eq=False, match_args=False)(cls)
    if undocumented:
        type.__setattr__(cls, "__doc__", None)
    if environments and env is not None:  # (`environments` holds `@penv` classes only when `_env` is loaded)
        env.attach(cls, environments, site)

    field_specs = tuple(fields.values())
    computers = [c for c in (k.prepare(cls, field_specs, members, site) for k in kinds) if c is not None]
    computer = computers[0] if len(computers) == 1 else (_Chain(computers) if computers else None)
    spec = ClassSpec(cls, field_specs, site, computer=computer, members=members)
    type.__setattr__(cls, "__pconfig_spec__", spec)
    if constructs is not None:
        type.__setattr__(cls, "constructable_type", constructs)
    elif inherit_constructable_type is False:
        type.__setattr__(cls, "constructable_type", None)
    type.__setattr__(cls, "default_config", None)  # the registered default, once there is one (see _registry)
    # Whether the config holds no `Required` at any depth; a build validated by `__post_init__` records it on the
    # instance (`_generate._post_init`), so a parent's check need not walk it again (`_required.has_required`).
    type.__setattr__(cls, "__pconfig_complete__", False)
    _install_methods(cls, spec)
    return cls


def _reserved(cls: type, field_name: str) -> bool:
    if field_name in RESERVED or (field_name.startswith("__") and field_name.endswith("__")):
        return True
    return field_name.startswith(f"_{cls.__name__.lstrip('_')}__")  # `__x` in the body, mangled by Python


def _as_written(cls: type, field_name: str) -> str:
    mangled = f"_{cls.__name__.lstrip('_')}"
    return field_name[len(mangled) :] if field_name.startswith(mangled + "__") else field_name


class _Chain(_derived.Computer):
    """Two derived-field kinds in one class: each computes its own fields, in registration order."""

    def __init__(self, parts: list[_derived.Computer]) -> None:
        self.parts = parts
        self.transforms = frozenset().union(*(p.transforms for p in parts))
        self.sets = tuple(name for p in parts for name in p.sets)

    def compute(self, cfg: Any, inputs: Any) -> None:
        for p in self.parts:
            p.compute(cfg, inputs)

    def dependencies(self, name: str) -> tuple[str, ...]:
        return next((deps for p in self.parts if (deps := p.dependencies(name))), ())


def _configs_equal(a: Any, b: Any) -> bool:
    """`_equality.configs_equal`, imported by the first comparison of two configs, which rebinds this name to it: a
    program that never compares configs never loads `_equality`, and later comparisons pay no import (an import
    statement in `__eq__` costs about 1 µs a call on CPython 3.11)."""
    global _configs_equal
    from ._equality import configs_equal as _configs_equal

    return _configs_equal(a, b)


def _config_hash(cfg: Any) -> int:
    """`_equality.config_hash`, imported by the first hash of a config as `_configs_equal` is."""
    global _config_hash
    from ._equality import config_hash as _config_hash

    return _config_hash(cfg)


def _install_methods(cls: type, spec: ClassSpec) -> None:
    own = cls.__dict__

    def __setattr__(self: Any, attr: str, value: object) -> None:
        raise _frozen(self, attr, "assign to")

    def __delattr__(self: Any, attr: str) -> None:
        raise _frozen(self, attr, "delete")

    # Comparing and hashing go through `_configs_equal` and `_config_hash`, which load `_equality` on first use;
    # pickling, deep copies and construct() import their modules there (`import pconfigs` stays cheaper).
    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _configs_equal(self, other)

    def __hash__(self: Any) -> int:
        return _config_hash(self)

    def __reduce__(self: Any) -> tuple[Any, ...]:
        from ._state import reduce_config

        return reduce_config(self)

    def __copy__(self: Any) -> Any:
        return self  # frozen, and every value it holds is immutable or the user's own to keep unchanged

    def __deepcopy__(self: Any, memo: dict[int, Any]) -> Any:
        from ._state import deepcopy_config

        return deepcopy_config(self, memo)

    def __repr__(self: Any) -> str:
        from ._render import render_expression

        return render_expression(self)

    def construct(self: Any) -> Any:
        from ._construct import construct_config

        return construct_config(self)

    def __replace__(self: Any, **changes: Any) -> Any:
        # copy.replace (Python 3.13+): the config as a base, so inputs (pins included) travel.
        return self.__class__(self, **changes)

    methods: dict[str, Any] = {
        "__init__": bootstrap_init(cls, spec),
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__reduce__": __reduce__,
        "__copy__": __copy__,
        "__deepcopy__": __deepcopy__,
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


def _frozen(cfg: Any, attr: str, verb: str) -> dataclasses.FrozenInstanceError:
    name = type(cfg).__qualname__
    return dataclasses.FrozenInstanceError(
        compose(
            f"{name}.{attr}: configs are frozen; cannot {verb} a field",
            where=[("built at", getattr(cfg, "__pconfig_site__", None))],
            hint=f"build a changed copy: {name}(cfg, {attr}=...)",
        )
    )
