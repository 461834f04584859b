"""What a config class is made of: its fields, their kinds and annotations, and how its values are checked.

A `ClassSpec` is built once per class by the decorator and stored as `__pconfig_spec__`. Annotations are kept as
written and resolved on first use, so `from __future__ import annotations` and classes defined later in the
module work: the decorator only needs to know which fields are derived, and it learns that from the head of a
subscripted annotation (`Pinned` in `Pinned[Schedule]`) even while the inner type is still a forward reference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._errors import compose, short_repr
from ._frozen import may_hold_mutable
from ._sentinels import ACCEPTED
from ._site import Site
from ._typeforms import Check, compile_check, describe, evaluate, explain, has_forward_ref, hint_for, type_name

if TYPE_CHECKING:
    from ._derived import Computer, DerivedKind

__all__ = ["FieldSpec", "ClassSpec", "acceptor", "input_of", "spec_of", "is_config_class", "is_config"]


def acceptor(annotation: object) -> tuple[Check | None, type | None]:
    """The one rule for whether a value is acceptable for a field: `(accepts, fast_class)`.

    `accepts(value)` is true for a value of the annotation's type and for the sentinels every field accepts
    (`Required`, `Pinned`); `None` means every value is accepted. `fast_class` is the annotation when it is a plain
    class: a value of exactly that class is accepted without a call, the test the generated `__init__` inlines.
    """
    check = compile_check(annotation)
    if check is None:
        return None, None
    sentinels = ACCEPTED
    if isinstance(annotation, type):
        fast = annotation
        return (lambda v: v.__class__ is fast or check(v) or any(v is s for s in sentinels)), fast
    return (lambda v: check(v) or any(v is s for s in sentinels)), None


class FieldSpec:
    """One field of a config class. (Plain classes, not dataclasses: building those costs import time.)"""

    __slots__ = ("name", "annotation", "owner", "kind", "localns", "resolved", "accepts", "fast_class", "freezes")

    def __init__(
        self,
        name: str,
        annotation: object,
        owner: type,
        kind: DerivedKind | None = None,
        localns: Mapping[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.annotation = annotation
        """The value annotation: for a derived field, the inner type (`int` for `Pinned[int]`); maybe a string."""
        self.owner = owner
        """The class whose body declared (or last re-declared) the field; its module resolves the annotation."""
        self.kind = kind
        self.localns = localns
        self.resolved: Any = None
        self.accepts: Check | None = None
        """Whether a value is acceptable (see `acceptor`); `None` accepts everything. Set by `ClassSpec.resolve`."""
        self.fast_class: type | None = None
        """When the annotation is a plain class, values of exactly that class are accepted without a call."""
        self.freezes = True
        """Whether values may hold lists, dicts, sets or arrays, which `_frozen.freeze` stores frozen."""

    @property
    def derived(self) -> bool:
        return self.kind is not None

    def __repr__(self) -> str:
        return f"<field {self.owner.__qualname__}.{self.name}>"


class ClassSpec:
    """What a config class is made of; stored on the class as `__pconfig_spec__`."""

    def __init__(
        self,
        cls: type,
        fields: tuple[FieldSpec, ...],
        defined_at: Site,
        computer: Computer | None = None,
        members: dict[str, object] | None = None,
    ) -> None:
        self.cls = cls
        self.fields = fields
        self.defined_at = defined_at
        self.computer = computer
        self.members = members if members is not None else {}
        self.ready = False
        self.index = {f.name: i for i, f in enumerate(fields)}
        self.names = tuple(f.name for f in fields)
        transforms = computer.transforms if computer is not None else frozenset()
        self.tracked = tuple(f.name for f in fields if f.derived or f.name in transforms)
        """Fields whose inputs the instance keeps because its value is computed from them."""
        self.plain = tuple(i for i, f in enumerate(fields) if f.kind is None)
        """Positions of the fields that are not derived (the generated `__init__`'s parameters)."""
        self.derived = tuple((i, f, f.kind.default_input()) for i, f in enumerate(fields) if f.kind is not None)
        """Position, spec and default input of each derived field."""
        self.default_inputs: dict[str, object] = {f.name: default for _, f, default in self.derived}
        """The derived fields' inputs when nobody sets any (`{"area": Pinned}`; empty without derived fields). Builds
        that set none share this one dictionary (their `__pconfig_inputs__` when the class has no transforms), and
        nothing ever changes it."""
        self.ancestors = tuple(c for c in cls.__mro__ if "__pconfig_spec__" in c.__dict__ or c is cls)
        """Config classes a positional base may be an instance of: the class and its config ancestors."""
        self.handovers: dict[type, dict[int, str]] = {}
        """Per source class, the fields (by position) it hands over when merging (see `_merge`)."""
        self.merged_default: tuple[int, Sequence[Any] | None] = (-1, None)
        """`_merge.merged_default`'s cache: the registry's version and the result."""
        computed = computer.sets if computer is not None else ()
        inputs_only = tuple(f.name for f in fields if not f.derived and f.name not in transforms)
        computed_names = set(computed)
        ordered = [*computed, *(n for n in self.tracked if n not in computed_names)]  # a kind may not declare `sets`
        self.environments: tuple[str, ...] = getattr(cls, "__pconfig_environment__", ())
        """Names of the class's `@penv` attributes; a build records their variables' values (`__pconfig_env__`)."""
        self.state = (
            *inputs_only,
            "__pconfig_site__",
            "__pconfig_trail__",
            *(("__pconfig_env__",) if self.environments else ()),
            *(("__pconfig_inputs__",) if self.tracked else ()),
            *(n for n in dict.fromkeys(ordered) if n not in inputs_only),
            *(("__pconfig_complete__",) if getattr(cls, "__post_init__", None) is not None else ()),
        )
        """Every instance attribute, in the order `__init__` sets them (pickle and copy replay this order)."""

    def field(self, name: str) -> FieldSpec:
        return self.fields[self.index[name]]

    def resolve(self) -> None:
        """Resolve every annotation and compile its check (once, on first construction)."""
        if self.ready:
            return
        for f in self.fields:
            if isinstance(f.annotation, str) or has_forward_ref(f.annotation):
                try:
                    f.resolved = evaluate(f.annotation, f.owner, f.localns)
                except Exception as exc:
                    text = f.annotation if isinstance(f.annotation, str) else repr(f.annotation)
                    raise TypeError(
                        compose(
                            f"{self.cls.__qualname__}.{f.name}: cannot resolve the annotation {text!r} "
                            f"({type(exc).__name__}: {exc})",
                            where=[("declared at", self.defined_at)],
                            hint=f"define or import every name it uses at the top level of {f.owner.__module__}",
                        )
                    ) from None
            else:
                f.resolved = f.annotation
            f.accepts, f.fast_class = acceptor(f.resolved)
            f.freezes = may_hold_mutable(f.resolved)
        self.ready = True

    def check_value(self, f: FieldSpec, value: object, cfg: object, site: Site | None = None) -> None:
        """Raise the field's type error if `value` does not fit it (sentinels always fit)."""
        if not self.ready:
            self.resolve()
        accepts = f.accepts
        if accepts is None or accepts(value):
            return
        raise self.type_error(f, value, site if site is not None else getattr(cfg, "__pconfig_site__", None))

    def type_error(
        self, f: FieldSpec, value: object, site: Site | None, computed: tuple[str, Site] | None = None
    ) -> TypeError:
        """The field's type error for `value`: set by the user at `site`, or, with `computed` (the computing
        method's label and where it is defined, e.g. `("@pproperty", site)`), returned by that method for the config
        built at `site`."""
        path, expected_tp, got = explain(f.resolved, value)
        expected = describe(expected_tp)
        field = f"{self.cls.__qualname__}.{f.name}"
        if computed is not None:
            label, defined = computed
            wanted = ("an " if expected[:1] in "aeiou" else "a ") + expected if expected.isidentifier() else None
            return TypeError(
                compose(
                    f"{field}{path}: {label} returned {type_name(got)} {short_repr(got)}, expected {expected}",
                    where=[("defined at", defined), ("built at", site)],
                    hint=f"return {wanted or f'a value of type {expected}'} "
                    + (f"as {field}{path}" if path else f"from {field}"),
                )
            )
        hint = hint_for(expected_tp, got)
        return TypeError(
            compose(
                f"{self.cls.__qualname__}.{f.name}{path}: expected {expected}, got {type_name(got)} {short_repr(got)}",
                where=[("set at", site)],
                hint=hint or f"pass a value of type {expected}",
            )
        )


def input_of(cfg: Any, name: str) -> Any:
    """What `cfg` hands over for field `name`: its input when the value is computed, else its value."""
    inputs = getattr(cfg, "__pconfig_inputs__", None)
    if inputs is not None and name in inputs:
        return inputs[name]
    return getattr(cfg, name)


def spec_of(cls: type) -> ClassSpec:
    spec: ClassSpec = cls.__dict__["__pconfig_spec__"]
    return spec


def is_config_class(obj: object) -> bool:
    return isinstance(obj, type) and "__pconfig_spec__" in obj.__dict__


def is_config(obj: object) -> bool:
    return is_config_class(type(obj))
