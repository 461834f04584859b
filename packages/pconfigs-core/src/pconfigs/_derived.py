"""The extension point for derived fields.

Core knows no particular kind of derived value. Another distribution (pconfigs-pinnable is the first) subclasses
`DerivedKind` and registers an instance with `register_kind`. Everything a kind needs from core, and everything
core needs from a kind, crosses here:

* Declaring. While decorating a class, core asks each kind whether it `claims_annotation` of a field (for
  `Pinned[int]` the kind answers for the head, `Pinned`, so string annotations whose inner type is a forward
  reference still classify) and whether it `claims_member` of a class-body object (a `@pproperty` method). Claimed
  members are removed from the class, so no descriptor is left under a field's name and reads stay plain
  instance-dictionary reads. Core then calls `prepare(cls, fields, members, site)` once per class; the kind checks the
  declaration (cycles, unknown names) and returns a `Computer`, or `None` when the class needs no computing.
* Inputs. A field owned by a kind ("derived") is not a required keyword: when nobody sets it, its input is
  `default_input()` (the `Pinned` sentinel). A value the user passes is handed to `check_input`, which refuses
  what is not an acceptable input. The computer may also list `transforms`: plain fields whose value it rewrites
  from the user's input.
* Inputs, not values, travel. For derived and transformed fields the instance keeps the inputs it was built
  from; building a new config from a base copies those inputs, so derived values are always recomputed and never
  stale. A base only hands a field over when the field has the same kind in both classes (a field re-declared as
  derived in a subclass is recomputed, not copied from a parent-class base).
* Computing. After every input is merged and checked, core calls `computer.compute(cfg, inputs)`; the computer
  sets each derived or transformed value with `assign`, which checks the value against the field's annotation
  like an input. It assigns them in the fixed order it declares as `sets`, which keeps CPython's shared-key
  instance layout (and which `pickle` and `copy` replay). A kind never touches an instance's `__dict__`: reading
  it materialises the dictionary and makes every later attribute read of that instance slower.
* Printing. A kind's `label` names its fields in printed output (`# Pinned (omit from config)`), and its
  `sentinels` are accepted by every field's type check (a derived value may stay `Pinned`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ._frozen import freeze
from ._sentinels import accept
from ._typeforms import evaluate

if TYPE_CHECKING:
    from ._site import Site
    from ._spec import FieldSpec

__all__ = ["DerivedKind", "Computer", "register_kind", "kinds", "classify", "assign", "checker", "is_pin"]


class Computer:
    """Computes a class's derived (and transformed) values after its inputs are merged."""

    transforms: frozenset[str] = frozenset()
    """Plain (non-derived) fields whose value `compute` rewrites from the user's input."""

    sets: tuple[str, ...] = ()
    """Every field `compute` assigns, in the order it assigns them (the same for every instance)."""

    def compute(self, cfg: Any, inputs: Mapping[str, Any]) -> None:
        """Set every derived and transformed field of `cfg` with `assign`; `inputs` maps them to their inputs."""
        raise NotImplementedError

    def dependencies(self, name: str) -> tuple[str, ...]:
        """The fields the value of `name` is computed from (for "where did this value come from")."""
        return ()


class DerivedKind:
    """One kind of derived field. Subclass, then `register_kind(instance)`."""

    label: str = "Derived"
    """Names the kind in printed output: `# <label> (omit from config)`."""

    def comment(self, given: object) -> str:
        """The printed comment of a field of this kind whose input is `given`. The default tells the reader the
        value is computed, so a config should leave it out; a kind whose input can fix the value (a pin) says so
        instead, since leaving that out would change the value."""
        return f"{self.label} (omit from config)"

    sentinels: tuple[object, ...] = ()
    """Objects accepted by every field's type check (for example a derived value that stays uncomputed)."""

    def claims_annotation(self, annotation: object) -> bool:
        """Whether `annotation` (an evaluated annotation or, for a subscript, its evaluated head) is this kind's."""
        return False

    def inner_annotation(self, annotation: object) -> object:
        """The value type of a claimed, fully evaluated annotation (`int` for `Pinned[int]`)."""
        return Any

    def claims_member(self, value: object) -> bool:
        """Whether a class-body object (under any name) belongs to this kind; it is removed from the class."""
        return False

    def default_input(self) -> object:
        """The input of a derived field that nobody set."""
        raise NotImplementedError

    def check_input(self, cls: type, field: FieldSpec, value: object, site: Site) -> object:
        """Return the input to keep for a value given for a derived field (`site`: where); raise to refuse it.

        Called once per build for each other input, whether the build's keywords, a base or a default gave it; never
        called for `default_input()` itself, which is kept as it is."""
        return value

    def prepare(
        self, cls: type, fields: tuple[FieldSpec, ...], members: Mapping[str, object], site: Site
    ) -> Computer | None:
        """Check the class's declaration (`site`: where it is declared) and return its computer, or None.

        `members` holds the claimed members of the class and its config ancestors, the class's own last."""
        return None


_kinds: list[DerivedKind] = []


def register_kind(kind: DerivedKind) -> None:
    """Register a kind of derived field; classes decorated afterwards may use it."""
    if any(type(k) is type(kind) for k in _kinds):
        return
    _kinds.append(kind)
    for s in kind.sentinels:
        accept(s)


def kinds() -> tuple[DerivedKind, ...]:
    return tuple(_kinds)


def classify(annotation: object, owner: type, localns: Mapping[str, Any] | None) -> tuple[DerivedKind | None, object]:
    """(kind, value annotation) for a field; the value annotation may still be a string to resolve later."""
    try:
        evaluated = evaluate(annotation, owner, localns)
    except Exception:
        evaluated = _NOT_EVALUATED
    if evaluated is not _NOT_EVALUATED:
        for kind in _kinds:
            if kind.claims_annotation(evaluated):
                return kind, kind.inner_annotation(evaluated)
        return None, evaluated
    if isinstance(annotation, str):
        import ast  # only for string annotations that cannot be evaluated yet (forward references)

        try:
            node = ast.parse(annotation, mode="eval").body
        except SyntaxError:
            return None, annotation
        if isinstance(node, ast.Subscript):
            try:
                head = evaluate(ast.unparse(node.value), owner, localns)
            except Exception:
                return None, annotation
            for kind in _kinds:
                if kind.claims_annotation(head):
                    return kind, ast.unparse(node.slice)
    return None, annotation


_NOT_EVALUATED = object()


def is_pin(value: object) -> bool:
    """Whether `value` is pconfigs-pinnable's `Pin` (an explicit value for a derived field), recognised without
    importing pinnable: core's data and provenance code must tell a pin from a derived value left to compute."""
    cls = type(value)
    return cls.__name__ == "Pin" and cls.__module__.startswith("pconfigs.pinnable") and hasattr(value, "value")


def checker(cls: type, name: str, computed: tuple[str, Site] | None = None) -> Callable[[Any, object], object]:
    """A fast `verify(cfg, value)` for field `name` of `cls` (resolved): raises the field's type error, or returns
    the value to store (lists, dicts and sets in it frozen, see `_frozen`).

    For computers that set many values per construction: it skips the spec lookups `assign` makes each time.
    `computed` names what computes the value and where it is defined (`("@pproperty", (file, line))`), so a wrong
    type is reported as that method's return value, not as a value the user set.
    """
    spec = cls.__pconfig_spec__  # type: ignore[attr-defined]
    spec.resolve()
    f = spec.field(name)
    accepts = f.accepts
    path = f"{cls.__qualname__}.{name}"

    if not f.freezes:

        def verify(cfg: Any, value: object) -> object:
            if accepts is None or accepts(value):
                return value
            raise spec.type_error(f, value, cfg.__pconfig_site__, computed)

        return verify

    def verify_and_freeze(cfg: Any, value: object) -> object:
        if accepts is None or accepts(value):
            return freeze(value, path)
        raise spec.type_error(f, value, cfg.__pconfig_site__, computed)

    return verify_and_freeze


def assign(cfg: Any, name: str, value: object) -> None:
    """Set a derived or transformed value on `cfg`, checked against the field's annotation and frozen."""
    spec = type(cfg).__pconfig_spec__
    f = spec.field(name)
    spec.check_value(f, value, cfg)
    object.__setattr__(cfg, name, freeze(value, f"{type(cfg).__qualname__}.{name}") if f.freezes else value)
