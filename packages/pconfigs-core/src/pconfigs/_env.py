"""`@penv`: environment variables declared as a class, read at each access.

```python
@penv(convention="uppercase")
class WorkerEnv:
    workers: int = 2
    rank: int
    data_dir: Optional[Path] = None
```

`WorkerEnv.workers` reads `$WORKERS` from `os.environ` every time it is read, casts it to the annotation, and
falls back to the default when the variable is not set. A config holds the class as `environment: WorkerEnv`: a
class-level attribute, not a field (see `_decorate`), so configs stay plain values while the environment is read
where it is used (`cfg.environment.workers`, in a derived value, or in the constructed class).

Why read at each access and not once: a process launcher (torchrun, SLURM, a test's `monkeypatch.setenv`) sets
variables after modules are imported; a value cached at import would be silently stale.

Each declared attribute becomes a descriptor on the class (`_Variable`); reading it through the class or an
instance resolves it. The decorator keeps the user's class object.

Names. By default the variable's name is the attribute's name as written. `convention="uppercase"` upper-cases
it; `convention=callable` maps the attribute name to the variable name (`lambda a: "MYAPP_" + a.upper()`). A
subclass keeps its parent's variables (names and all) and uses its parent's convention for what it declares
unless it names one; decorate every subclass that declares variables. A subclass re-declares a variable with an
annotation (`workers: int = 4`) or only re-defaults it (`workers = 4`).

Casting rules. The variable's text is cast by the one text-to-value caster that command-line overrides use too
(`_caster.text_caster`, DESIGN 6.1), in its environment mode; text is parsed, never evaluated:

* `str` and `pathlib` path classes: the raw text, as is, even when it looks like a literal (`"5"` keeps its quotes,
  `None` is the text "None").
* `int`, `float`: a Python number literal (surrounding spaces ignored, `_` separators, `1e-3`, `0x10`); an int is
  accepted for a float, as in a config field; a float also takes `inf`, `-inf` and `nan` in any case.
* `bool`: `true`/`false`/`yes`/`no`/`on`/`off`/`1`/`0` in any case, surrounding spaces ignored.
* An enum: a member's name, else a member's value; for values that are not strings, the text is cast to the
  value's type first (`"2"` finds the member with value `2`). The printed form `Device.cuda` works too.
* `Literal[...]`: one of the literals (the text as is for string literals, else cast to the literal's type).
* Containers of those (`list[int]`, `tuple[str, ...]`, `dict[str, float]`, `set[...]`, ...): a Python display,
  `[1, 2]`, with strings inside quoted (`['a', 'b']`): an environment variable has no other way to separate
  items, and this is what the printer and command-line overrides write.
* `Optional[T]` / `T | None`: an unset variable reads the default, or `None` when there is none; a set variable
  is cast to `T`. The text is never turned into `None` (an empty string is cast like any other text).
* Another union `A | B`: a literal the union accepts; else the first member, left to right, whose word rule takes
  the text (`int | str` reads `7` as 7 and `x7` as "x7").
* Any other annotation (a config class, `Callable`, `type[...]`, `Any`, an arbitrary class) is refused when the
  class is decorated (`TypeError`): text cannot write its values out. So is a default that does not fit its
  annotation. A default is returned as is, never cast.

Errors on access are `ValueError`s naming the variable: for a variable that is not set and has no default, and
for a text that cannot be cast (the message says what would be accepted). They are deliberately not
`AttributeError`s, so `hasattr` and `getattr(..., default)` do not hide a misconfigured environment. Every error
about a variable points at the variable's own line in the class body (`attribute_site`): the class's source is read
and parsed once per class, and only when an error needs it, so declaring and reading cost nothing extra.
"""

from __future__ import annotations

import inspect
import os
import sys
import types
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar, Union, overload

from ._caster import Caster, CastError, text_caster
from ._errors import compose, require_class, short_repr
from ._site import Site, caller_site, line_of
from ._typeforms import (
    compile_check,
    describe,
    evaluate,
    is_classvar,
    split_optional,
)

__all__ = ["penv", "is_penv", "variables", "EnvValue", "resolve", "read_environments", "rebuild"]

T = TypeVar("T", bound=type)
if TYPE_CHECKING:  # annotations only: subscripting typing forms at import costs start-up time
    Convention = Union[str, Callable[[str], str], None]

_NO_DEFAULT: Any = object()


class _Variable:
    """One declared environment variable; a descriptor that reads and casts it on every access.

    (Plain classes, not dataclasses, here: generating dataclass methods costs import time.)"""

    __slots__ = ("owner", "attribute", "variable", "annotation", "default", "cast", "optional", "declared")

    def __init__(
        self,
        owner: str,
        attribute: str,
        variable: str,
        annotation: Any,
        default: Any,
        cast: Caster,
        optional: bool,
        declared: tuple[type, Site],
    ) -> None:
        self.owner = owner
        self.attribute = attribute
        self.variable = variable
        self.annotation = annotation
        self.default = default
        self.cast = cast
        self.optional = optional
        self.declared = declared

    @property
    def site(self) -> Site:
        """The line declaring the variable in its class's body (found only when an error names it)."""
        return attribute_site(*self.declared, self.attribute)

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        return self.read()

    def read(self) -> Any:
        text = os.environ.get(self.variable)
        if text is None:
            if self.default is not _NO_DEFAULT:
                return self.default
            if self.optional:
                return None
            raise ValueError(
                compose(
                    f"{self.owner}.{self.attribute}: environment variable {self.variable!r} is not set "
                    "and has no default",
                    where=[("declared at", self.site)],
                    hint=f"set it (export {self.variable}=...), or give {self.owner}.{self.attribute} a default",
                )
            )
        try:
            return self.cast(text)
        except CastError as exc:
            raise ValueError(
                compose(
                    f"{self.owner}.{self.attribute}: environment variable {self.variable!r} is {short_repr(text)}, "
                    f"not {exc.expected}",
                    where=[("declared at", self.site)],
                    hint=f"set {self.variable} to {exc.accepted}",
                )
            ) from None


class EnvValue:
    """A variable resolved at one moment (for the printer): its value, or the error reading it raised."""

    __slots__ = ("attribute", "variable", "value", "error")

    def __init__(self, attribute: str, variable: str, value: Any, error: str | None) -> None:
        self.attribute = attribute
        self.variable = variable
        self.value = value
        self.error = error

    def _key(self) -> tuple[Any, ...]:
        return (self.attribute, self.variable, self.value, self.error)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EnvValue) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "EnvValue(" + ", ".join(f"{k}={v!r}" for k, v in zip(self.__slots__, self._key())) + ")"


@overload
def penv(cls: T, /) -> T: ...


@overload
def penv(*, convention: Convention = None) -> Callable[[T], T]: ...


def penv(cls: Any = None, /, *, convention: Convention = None) -> Any:
    """Declare the annotated attributes of `cls` as environment variables; see the module docstring."""
    site = caller_site(1)
    frame = sys._getframe(1)
    localns = dict(frame.f_locals) if frame.f_code.co_name != "<module>" else None
    namer = _namer(convention, site)

    def wrap(c: Any) -> Any:
        return _make_env(c, namer, site, localns)

    return wrap if cls is None else wrap(cls)


def is_penv(obj: object) -> TypeGuard[type]:
    """Whether `obj` is a `@penv` class (or a subclass of one)."""
    return isinstance(obj, type) and hasattr(obj, "__penv_variables__")


def variables(cls: type) -> Mapping[str, _Variable]:
    """The declared variables of a `@penv` class by attribute name, parents' first."""
    found: Mapping[str, _Variable] = getattr(cls, "__penv_variables__")
    return found


def resolve(cls: type) -> list[EnvValue]:
    """Every variable of a `@penv` class, read now; errors are returned as text, never raised."""
    out = []
    for name, var in variables(cls).items():
        try:
            out.append(EnvValue(name, var.variable, getattr(cls, name), None))
        except ValueError as exc:
            out.append(EnvValue(name, var.variable, None, str(exc).split("\n", 1)[0]))
    return out


def read_environments(envs: tuple[tuple[str, type], ...]) -> dict[str, tuple[EnvValue, ...]]:
    """The values of every variable of a config's environments (attribute, `@penv` class), read now as a build
    does (errors kept as text)."""
    return {attribute: tuple(resolve(env)) for attribute, env in envs}


def _namer(convention: Convention, site: Site) -> Callable[[str], str] | None:
    if convention is None:
        return None
    if convention == "uppercase":
        return str.upper
    if callable(convention) and not isinstance(convention, str):
        return convention
    raise TypeError(
        compose(
            f"@penv: convention={convention!r} is not a naming convention",
            where=[("used at", site)],
            hint='pass convention="uppercase", or a function from the attribute name to the variable name',
        )
    )


def _make_env(cls: Any, namer: Callable[[str], str] | None, site: Site, localns: dict[str, Any] | None) -> Any:
    require_class("@penv", cls, site, "@penv class WorkerEnv: workers: int = 2 (annotated attributes)")
    name = cls.__qualname__
    if "__penv_variables__" in cls.__dict__:
        raise TypeError(compose(f"{name}: @penv applied twice", where=[("used at", site)], hint="remove one @penv"))
    inherited: dict[str, _Variable] = {}
    parent_namer: Callable[[str], str] | None = None
    for ancestor in reversed(cls.__mro__[1:]):
        if "__penv_variables__" in ancestor.__dict__:
            inherited.update(variables(ancestor))
            parent_namer = ancestor.__dict__["__penv_namer__"]
    if namer is None:
        namer = parent_namer or (lambda attribute: attribute)
    found = dict(inherited)
    annotations = _own_annotations(cls)
    for attribute, annotation in annotations.items():
        tp = _resolve(cls, attribute, annotation, localns, site)
        default = cls.__dict__.get(attribute, _NO_DEFAULT)
        found[attribute] = _declare(cls, attribute, namer(attribute), tp, default, site)
    for attribute, var in inherited.items():
        if attribute not in annotations and attribute in cls.__dict__:
            default = cls.__dict__[attribute]
            found[attribute] = _declare(cls, attribute, var.variable, var.annotation, default, site)
    for attribute, var in found.items():
        type.__setattr__(cls, attribute, var)
    type.__setattr__(cls, "__penv_variables__", types.MappingProxyType(found))
    type.__setattr__(cls, "__penv_namer__", namer)
    return cls


def _own_annotations(cls: type) -> dict[str, Any]:
    return {a: tp for a, tp in inspect.get_annotations(cls).items() if not is_classvar(tp)}


def _resolve(cls: type, attribute: str, annotation: Any, localns: dict[str, Any] | None, site: Site) -> Any:
    try:
        return evaluate(annotation, cls, localns)
    except Exception as exc:
        raise TypeError(
            compose(
                f"{cls.__qualname__}.{attribute}: cannot resolve the annotation {annotation!r} "
                f"({type(exc).__name__}: {exc})",
                where=[("declared at", attribute_site(cls, site, attribute))],
                hint=f"define or import every name it uses before the class, at the top level of {cls.__module__}",
            )
        ) from None


def _declare(cls: type, attribute: str, variable: str, tp: Any, default: Any, site: Site) -> _Variable:
    owner = cls.__qualname__
    optional = split_optional(tp)[0]
    cast = text_caster(tp, environment=True)
    if cast is None:
        raise TypeError(
            compose(
                f"{owner}.{attribute}: cannot read {describe(tp)} from an environment variable",
                where=[("declared at", attribute_site(cls, site, attribute))],
                hint="annotate it as str, int, float, bool, an enum, a pathlib path, a Literal, "
                "a list, tuple, dict or set of those, or an Optional of one of those",
            )
        )
    if default is not _NO_DEFAULT:
        check = compile_check(tp)
        if check is not None and not check(default):
            raise TypeError(
                compose(
                    f"{owner}.{attribute}: the default {short_repr(default)} is not {describe(tp)}",
                    where=[("declared at", attribute_site(cls, site, attribute))],
                    hint=f"give a default of type {describe(tp)}",
                )
            )
    return _Variable(owner, attribute, variable, tp, default, cast, optional, (cls, site))


_BODY_LINES: weakref.WeakKeyDictionary[type, dict[str, int]] = weakref.WeakKeyDictionary()
"""Per class, the line of each name its body declares; read from the source once, when an error first needs it."""


def attribute_site(cls: type, site: Site, attribute: str) -> Site:
    """Where `attribute` is written in the body of `cls` (its annotation, or its assignment for a re-default), so
    an error points at the variable's own line; `site` (the decorator's) when the source cannot be read."""
    lines = _BODY_LINES.get(cls)
    if lines is None:
        lines = _BODY_LINES[cls] = _body_lines(cls)
    line = lines.get(attribute)
    return site if line is None else (line_of(site)[0], line)


def _body_lines(cls: type) -> dict[str, int]:
    import ast
    import textwrap

    try:
        source, start = inspect.getsourcelines(cls)
        tree = ast.parse(textwrap.dedent("".join(source)))
    except (OSError, TypeError, SyntaxError):  # no source (exec, a REPL) or not parseable on its own
        return {}
    node = tree.body[0] if tree.body else None
    if not isinstance(node, ast.ClassDef):
        return {}
    found: dict[str, int] = {}
    for stmt in node.body:
        targets = (
            [stmt.target] if isinstance(stmt, ast.AnnAssign) else stmt.targets if isinstance(stmt, ast.Assign) else []
        )
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, start + stmt.lineno - 1)
    return found


def attach(cls: type, environments: Mapping[str, type], site: Site) -> None:
    """Make each `name: SomeEnv` annotation of config class `cls` a class-level attribute holding `SomeEnv`.

    Called by `@pconfig` after `dataclasses` has seen the class: the names are dropped from the dataclass fields,
    so `dataclasses.fields`, `replace` and `asdict` ignore them; `Cls(name=...)` is refused with its own message.
    """
    name = cls.__qualname__
    nonfields = dict(getattr(cls, "__pconfig_nonfields__", {}))
    names = list(getattr(cls, "__pconfig_environment__", ()))
    for attribute, env in environments.items():
        given = cls.__dict__.get(attribute, env)
        if given is not env:
            raise TypeError(
                compose(
                    f"{name}.{attribute}: a value in the class body is not allowed (got {short_repr(given)})",
                    where=[("declared at", site)],
                    hint=f"the annotation alone makes {env.__qualname__} the config's environment: "
                    f"`{attribute}: {env.__qualname__}`",
                )
            )
        cls.__dataclass_fields__.pop(attribute, None)  # type: ignore[attr-defined]
        type.__setattr__(cls, attribute, env)
        nonfields[attribute] = (
            f"the environment ({env.__qualname__}) is a class-level attribute, not a field",
            f"set the environment variables {env.__qualname__} reads instead: "
            + ", ".join(v.variable for v in variables(env).values()),
        )
        if attribute not in names:
            names.append(attribute)
    type.__setattr__(cls, "__pconfig_nonfields__", nonfields)
    type.__setattr__(cls, "__pconfig_environment__", tuple(names))


def rebuild(cfg: Any) -> Any:
    """`cfg` built again from its inputs in this process's environment (DESIGN 3.6): every config of the tree,
    sub-configs first (those in lists, tuples and dicts too), so values computed from the environment (a world
    size, a rank) and `__post_init__`'s checks are this process's. A sweep's job calls it on the point it unpickled.
    Without recursion: an explicit stack, so a tree of any depth rebuilds."""
    from ._spec import input_of, is_config

    done: dict[int, Any] = {}
    stack: list[tuple[Any, bool]] = [(cfg, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in done:
            continue
        spec = type(node).__pconfig_spec__
        held = [(f.name, input_of(node, f.name)) for f in spec.fields if f.kind is None]
        children = [v for _, value in held for v in _configs_in(value, is_config) if id(v) not in done]
        if not ready and children:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
            continue
        changes = {name: _replace_configs(value, done, is_config) for name, value in held}
        changes = {n: v for n, v in changes.items() if v is not input_of(node, n)}
        done[id(node)] = type(node)(node, **changes)
    return done[id(cfg)]


def _configs_in(value: Any, is_config: Callable[[object], bool]) -> list[Any]:
    """The configs a field's value holds: itself, or the elements (and dict values) of a list, tuple or dict."""
    if is_config(value):
        return [value]
    if isinstance(value, Mapping):
        return [v for v in value.values() if is_config(v)]
    if isinstance(value, (list, tuple)):
        return [v for v in value if is_config(v)]
    return []


def _replace_configs(value: Any, done: dict[int, Any], is_config: Callable[[object], bool]) -> Any:
    """`value` with each config it holds replaced by its rebuilt one (the container rebuilt as a plain one)."""
    from ._frozen import remade

    if is_config(value):
        return done[id(value)]
    if isinstance(value, Mapping) and any(is_config(v) for v in value.values()):
        return remade(value, {k: done[id(v)] if is_config(v) else v for k, v in value.items()})
    if isinstance(value, (list, tuple)) and any(is_config(v) for v in value):
        return remade(value, [done[id(v)] if is_config(v) else v for v in value])
    return value
