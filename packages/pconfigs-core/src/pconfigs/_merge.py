"""Merging the sources of a new config's values.

`Cls(*bases, **fields)` takes each field from the first source that has it, in this order: the keyword, the
positional bases left to right, the class's registered default, then its ancestors' registered defaults in MRO
order. Sources hand over their *inputs*: for a derived or transformed field that is the input the source was
built from, so computed values are recomputed in the new config. A source only hands over a field that has the
same kind in its class (a field re-declared as derived in a subclass is recomputed, not copied).

The rule of which fields a source hands over lives in `handover_plan` alone. `default_input` answers with it what a
field's input would be when nobody passes it (the printer's `--runnable` form leaves those out), and `_origins`
which source a value came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from . import _registry
from ._errors import compose, short_repr
from ._registry import default_chain
from ._sentinels import UNSET
from ._site import Site, format_site
from ._spec import input_of, spec_of
from ._trail import Trail

if TYPE_CHECKING:
    from ._spec import ClassSpec, FieldSpec

__all__ = ["merge", "merge_build", "merged_default", "default_input"]


def merge(spec: ClassSpec, bases: tuple[Any, ...], values: list[Any], site: Site) -> list[Any]:
    """Fill every unset entry of `values` (one per field, in field order) from the bases and defaults.

    Returns `values` with one more entry at the end: the build's trail (see `_origins`), which says which fields were
    left to the sources and what each source's own trail is, so where a value came from can be told later."""
    cls = spec.cls
    for position, base in enumerate(bases, start=1):
        if type(base) not in spec.ancestors:
            raise TypeError(_refuse_base(spec, position, base, site))
    pending = [i for i, value in enumerate(values) if value is UNSET]
    sources = (*bases, *default_chain(cls))
    trail = Trail(
        tuple(pending),
        len(bases),
        tuple((type(s), getattr(s, "__pconfig_trail__", None), getattr(s, "__pconfig_site__", None)) for s in sources),
    )
    for src in sources:
        if not pending:
            break
        plan = handover_plan(spec, type(src))
        inputs = getattr(src, "__pconfig_inputs__", None)
        still = []
        for i in pending:
            name = plan.get(i)
            if name is None:
                still.append(i)
            elif inputs is not None and name in inputs:
                values[i] = inputs[name]
            else:
                values[i] = getattr(src, name)
        pending = still
    missing = []
    for i in pending:
        f = spec.fields[i]
        if f.kind is not None:
            values[i] = f.kind.default_input()
        else:
            missing.append(f.name)
    if missing:
        name = cls.__qualname__
        example = ", ".join(f"{m}=..." for m in missing[:3]) + (", ..." if len(missing) > 3 else "")
        noun = "field" if len(missing) == 1 else "fields"
        raise TypeError(
            compose(
                f"{name}: missing {len(missing)} {noun}: {', '.join(missing)}",
                where=[("set at", site)],
                hint=f"pass {'it' if len(missing) == 1 else 'them'} by keyword ({name}({example})), "
                f"copy from a base config ({name}(base, ...)), or register a default with "
                f"`pdefaults += {name}(...)`",
            )
        )
    values.append(trail)
    return values


def merge_build(
    spec: ClassSpec, bases: tuple[Any, ...], plain: tuple[Any, ...], given: dict[str, Any] | None, site: Site
) -> Sequence[Any]:
    """`merge` for the generated `__init__`, which holds the plain fields' values (`plain`, in field order) and the
    inputs given to derived fields (`given`, pins) apart. Returns the plain fields' values, the derived fields'
    inputs (`spec.default_inputs` itself when each is its default) and the trail."""
    fields = spec.fields
    if len(plain) == len(fields):
        merged = merge(spec, bases, list(plain), site)
        merged.insert(-1, spec.default_inputs)
        return merged
    values = [UNSET] * len(fields)
    for i, value in zip(spec.plain, plain):
        values[i] = value
    if given:
        for name, value in given.items():
            values[spec.index[name]] = value
    merged = merge(spec, bases, values, site)
    derived = {}
    default = True
    for i, f, default_input in spec.derived:
        value = merged[i]
        if value is not default_input:
            if given is None or f.name not in given:  # from a base or a default (`_given_derived` checked `given`)
                value = f.kind.check_input(spec.cls, f, value, site)  # type: ignore[union-attr]
            default = False
        derived[f.name] = value
    out = [merged[i] for i in spec.plain]
    out.append(spec.default_inputs if default else derived)
    out.append(merged[-1])
    return out


def merged_default(spec: ClassSpec) -> tuple[int, Sequence[Any] | None]:
    """What `merge_build` returns for a build with no keyword and no base, when the class's own registered default
    supplies every field (None otherwise), with the registry's version it holds for. Cached on the spec until the
    registry changes, as `default_chain` is (the generated `__init__` compares the versions itself): the values and
    the trail are the same for every such build, and a trail is never changed once made."""
    version = _registry._version  # read before the lookup, as `default_chain` does
    cached = spec.merged_default
    if cached[0] == version:
        return cached
    chain = default_chain(spec.cls)
    result = None
    if chain and type(chain[0]) is spec.cls:
        result = merge_build(spec, (), (UNSET,) * len(spec.plain), None, spec.defined_at)
    spec.merged_default = cached = (version, result)
    return cached


def default_input(spec: ClassSpec, f: FieldSpec) -> object:
    """The input `Cls(...)` gives field `f` when no keyword and no base sets it (as `merge` would fill it)."""
    position = spec.index[f.name]
    for src in default_chain(spec.cls):
        name = handover_plan(spec, type(src)).get(position)
        if name is not None:
            return input_of(src, name)
    return f.kind.default_input() if f.kind is not None else UNSET


def handover_plan(spec: ClassSpec, source: type) -> dict[int, str]:
    """Which of `spec`'s fields (by position) a config of class `source` hands over: same name, same kind."""
    plan = spec.handovers.get(source)
    if plan is None:
        sspec = source.__pconfig_spec__  # type: ignore[attr-defined]
        plan = {
            i: f.name
            for i, f in enumerate(spec.fields)
            if f.name in sspec.index and sspec.fields[sspec.index[f.name]].kind is f.kind
        }
        spec.handovers[source] = plan
    return plan


def _refuse_base(spec: ClassSpec, position: int, base: object, site: Site) -> str:
    name = spec.cls.__qualname__
    base_type = type(base)
    if "__pconfig_spec__" not in base_type.__dict__:
        return compose(
            f"{name}: positional argument {position} is {base_type.__qualname__} {short_repr(base)}, not a base config",
            where=[("set at", site)],
            hint=f"fields are keyword-only ({name}(field=...)); positional arguments are {name} configs to copy from",
        )
    if issubclass(base_type, spec.cls):
        own = set(spec.names)
        extra = [n for n in spec_of(base_type).names if n not in own]
        return compose(
            f"{name}: positional argument {position} is a {base_type.__qualname__}, a subclass of {name}; "
            f"its extra fields ({', '.join(extra) or 'none'}) would be dropped",
            where=[("set at", site)],
            hint=f"build a {base_type.__qualname__} from it instead: {base_type.__qualname__}(base, ...)",
        )
    allowed = ", ".join(c.__qualname__ for c in spec.ancestors)
    twins = [c for c in spec.ancestors if c.__qualname__ == base_type.__qualname__]
    if twins:  # the same name, another class: a module imported twice, or a class defined again
        ours = twins[0]
        return compose(
            f"{name}: positional argument {position} is a {base_type.__qualname__} from module "
            f"{base_type.__module__!r}, another class than the {ours.__qualname__} of module {ours.__module__!r}",
            where=[("set at", site)],
            details=[
                f"{base_type.__module__}.{base_type.__qualname__} is defined at "
                f"{format_site(spec_of(base_type).defined_at)}",
                f"{ours.__module__}.{ours.__qualname__} is defined at {format_site(spec_of(ours).defined_at)}",
            ],
            hint="import both from one module path (a module imported twice under different names "
            "defines its classes twice)",
        )
    return compose(
        f"{name}: positional argument {position} is a {base_type.__qualname__}, not a config of {allowed}",
        where=[("set at", site)],
        hint=f"pass a config of {allowed} to copy from, or set the fields by keyword",
    )
