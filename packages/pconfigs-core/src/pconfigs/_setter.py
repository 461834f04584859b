"""`psetter`: setting deeply nested values, then building the config tree bottom-up.

```python
ps = psetter(type=ExperimentConfig, inputs=base)   # inputs: a config to start from, or None
ps.epochs = 10
ps.optimizer.lr = 0.1                              # a nested recorder for a config-typed field
config = psetter(construct=ps)
```

Configs are frozen, and building a changed copy of a deep tree by hand means rebuilding every level:
`ExperimentConfig(base, optimizer=OptimizerConfig(base.optimizer, lr=0.1))`. A setter records the changes and
writes that expression for you: each level is built as `Cls(inputs_level, **recorded)`, children first, so
registered defaults and bases merge as usual and derived values are computed by the normal constructor.

Decisions:

* A recorder only records. Setting a field checks the name and the value's type at once (the error names the line
  that set it), setting it twice is a `ValueError` naming both lines, and an unknown name is an `AttributeError`
  with a "did you mean". Reading a field returns what was set; reading one that was not set is an
  `AttributeError` (so `hasattr` and `getattr(ps, name, default)` work) and never falls back to the base, which
  would make a read and a write look alike.
* Reading a config-typed field that was not set (`ps.optimizer`) opens a nested recorder for it. Its class is the
  class of the base's value when that is a config (so a subclass held by the base keeps its extra fields),
  otherwise the field's annotation with `None` removed; an annotation naming several config classes is an
  `AttributeError` that says to assign a whole config. Once a nested recorder is open, assigning the field is a
  `ValueError` (the field is set twice). A nested recorder that recorded nothing changes nothing: the base's
  value (even `None`) is kept.
* `psetter(construct=ps)` does not consume the recorder: it may be built again, and a nested recorder may be built
  on its own.
* `inputs=` may be a config of `type=` or of a subclass of it; with a subclass's config the recorder records for
  that class and builds a config of it (the earlier pconfigs did the same), so its extra fields are kept.
* Misuse is a `TypeError`: `psetter()`, both `type=` and `construct=`, `inputs=` without `type=`, a `type=` that
  is not a config class, `inputs=` that is not a config of `type=`'s family, or `construct=` given something else.
"""

from __future__ import annotations

import builtins
from typing import Any, Generic, TypeVar, overload

from ._errors import compose, did_you_mean, short_repr
from ._sentinels import UNSET
from ._site import Site, caller_site
from ._spec import ClassSpec, FieldSpec, input_of, is_config, is_config_class
from ._trail import Label, relabel
from ._typeforms import union_members

__all__ = ["psetter", "Setter"]

C = TypeVar("C")


class _State:
    """A recorder's bookkeeping, kept apart so that every public attribute name is a field's."""

    __slots__ = ("cls", "spec", "inputs", "path", "values", "sites", "children")

    def __init__(self, cls: type, inputs: Any, path: str) -> None:
        self.cls = cls
        self.spec: ClassSpec = cls.__pconfig_spec__  # type: ignore[attr-defined]
        self.inputs = inputs
        self.path = path
        self.values: dict[str, Any] = {}
        self.sites: dict[str, Site] = {}
        self.children: dict[str, Setter[Any]] = {}


class Setter(Generic[C]):
    """Records field values for a config of class `C`; see the module docstring. Build with `psetter`."""

    __slots__ = ("_Setter__state",)

    def __init__(self, cls: type, inputs: Any, path: str) -> None:
        object.__setattr__(self, "_Setter__state", _State(cls, inputs, path))

    def __setattr__(self, name: str, value: Any) -> None:
        state: _State = self.__state
        site = caller_site(1)
        f = _field(state, name, site, "set at")
        previous = state.sites.get(name)
        if previous is not None:
            opened = name in state.children
            raise ValueError(
                compose(
                    f"{state.path}.{name}: set twice on the same psetter"
                    + (" (its nested setter is open, so the whole value cannot be assigned)" if opened else ""),
                    where=[("nested setter opened at" if opened else "first set at", previous), ("set again at", site)],
                    hint="set each field once; start another psetter for a variant",
                )
            )
        if f.kind is not None:
            value = f.kind.check_input(state.cls, f, value, site)
        else:
            state.spec.check_value(f, value, None, site)
        state.values[name] = value
        state.sites[name] = site

    def __getattr__(self, name: str) -> Any:
        if (name.startswith("__") and name.endswith("__")) or name == "_Setter__state":
            raise AttributeError(name)  # protocol probes (copy, pickle, IPython) must not reach field lookup
        state: _State = self.__state
        if name in state.values:
            return state.values[name]
        site = caller_site(1)
        f = _field(state, name, site, "read at")
        child_class = _child_class(state, f)
        if isinstance(child_class, tuple):
            problem, hint = child_class
            raise AttributeError(compose(f"{state.path}.{name}: {problem}", where=[("read at", site)], hint=hint))
        child: Setter[Any] = Setter(child_class, _child_inputs(state, name, child_class), f"{state.path}.{name}")
        state.values[name] = child
        state.sites[name] = site
        state.children[name] = child
        return child

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{self.__state.path}.{name}: a psetter cannot forget a value it recorded")

    def __repr__(self) -> str:
        state: _State = self.__state
        recorded = ", ".join(f"{k}={short_repr(v)}" for k, v in state.values.items())
        return f"<psetter {state.path}: {recorded or 'nothing set'}>"

    def __reduce__(self) -> Any:
        raise TypeError(f"{self.__state.path}: a psetter cannot be pickled or copied; build the config first")


def _field(state: _State, name: str, site: Site, label: str) -> FieldSpec:
    index = state.spec.index.get(name)
    if index is None:
        hint = did_you_mean(name, state.spec.names) or f"{state.cls.__qualname__}'s fields are: " + ", ".join(
            state.spec.names
        )
        raise AttributeError(compose(f"{state.path}.{name}: unknown field", where=[(label, site)], hint=hint))
    return state.spec.fields[index]


def _child_class(state: _State, f: FieldSpec) -> type | tuple[str, str]:
    """The config class of a nested recorder for `f`, or (problem, hint) saying why there is none."""
    if f.kind is not None:
        return "a derived field: it is computed, not set", "set the fields it is computed from"
    current = _base_value(state, f.name)
    if is_config(current):
        return type(current)
    state.spec.resolve()
    candidates = [a for a in union_members(f.resolved) if is_config_class(a)]
    if len(candidates) == 1:
        chosen: type = candidates[0]
        return chosen
    if not candidates:
        return "not set on this psetter", "a psetter returns only the values set on it; read the others from the base"
    names = ", ".join(c.__qualname__ for c in candidates)
    return (
        f"not set, and it may hold {names}, so it has no nested setter",
        f"assign a whole config: ps.{f.name} = {candidates[0].__qualname__}(...)",
    )


def _base_value(state: _State, name: str) -> Any:
    return input_of(state.inputs, name) if state.inputs is not None else UNSET


def _child_inputs(state: _State, name: str, child_class: type) -> Any:
    current = _base_value(state, name)
    return current if is_config(current) else None


@overload
def psetter(*, type: type[C], inputs: C | None = None) -> Setter[C]: ...


@overload
def psetter(*, construct: Setter[C]) -> C: ...


def psetter(*, type: Any = None, inputs: Any = None, construct: Any = None) -> Any:
    """`psetter(type=Cls, inputs=base)` starts a recorder; `psetter(construct=recorder)` builds its config."""
    site = caller_site(1)
    if construct is not None:
        if type is not None or inputs is not None:
            _misuse("pass either type= (and inputs=) to start a recorder, or construct= alone to build one", site)
        if not isinstance(construct, Setter):
            _misuse(f"construct= expects a recorder from psetter(type=...), got {_what(construct)}", site)
        return _build(construct)
    if type is None:
        what = "inputs= without type=" if inputs is not None else "nothing"
        _misuse(f"got {what}; say which config class to record with type=", site)
    if not is_config_class(type):
        _misuse(f"type= expects a config class, got {_what(type)}", site)
    if inputs is not None and builtins.type(inputs) not in type.__pconfig_spec__.ancestors:
        if is_config(inputs) and isinstance(inputs, type):
            # A config of a subclass: record for its class, so the result keeps its extra fields (DESIGN 3.11).
            return Setter(builtins.type(inputs), inputs, builtins.type(inputs).__qualname__)
        allowed = ", ".join(c.__qualname__ for c in type.__pconfig_spec__.ancestors)
        _misuse(f"inputs= expects a config of {allowed} or of a subclass (or None), got {_what(inputs)}", site)
    return Setter(type, inputs, type.__qualname__)


def _what(value: object) -> str:
    return f"{builtins.type(value).__qualname__} {short_repr(value)}"


_USAGE = "ps = psetter(type=MyConfig, inputs=base); ps.field = ...; config = psetter(construct=ps)"


def _misuse(problem: str, site: Site, hint: str = _USAGE) -> None:
    raise TypeError(compose(f"psetter: {problem}", where=[("called at", site)], hint=hint))


def _build(setter: Setter[Any]) -> Any:
    state: _State = setter._Setter__state
    kwargs = {}
    labels: dict[str, Label] = {}
    for name, value in state.values.items():
        if name in state.children:
            if not _recorded_anything(value):
                continue
            labels[name] = Label("psetter", _first_site(value), "(nested)")
            value = _build(value)
        else:
            labels[name] = Label("psetter", state.sites.get(name))
        kwargs[name] = value
    if state.inputs is not None:
        built = state.cls(state.inputs, **kwargs)
    else:
        built = state.cls(**kwargs)
    return relabel(built, labels)


def _first_site(setter: Setter[Any]) -> Site | None:
    """Where a nested recorder first recorded a value (its field's origin in the parent)."""
    state: _State = setter._Setter__state
    for name, value in state.values.items():
        site = _first_site(value) if name in state.children else state.sites.get(name)
        if site is not None:
            return site
    return None


def _recorded_anything(setter: Setter[Any]) -> bool:
    state: _State = setter._Setter__state
    return any(n not in state.children or _recorded_anything(v) for n, v in state.values.items())
