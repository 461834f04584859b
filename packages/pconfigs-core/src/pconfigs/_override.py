"""Overrides: changing values deep inside a config by path (DESIGN 6.1; docs/10-workflow.md, "Overrides").

`override(cfg, {"optimizer.lr": 1e-3})` is the Python API; `parse_overrides(cfg, ["optimizer.lr=1e-3"], importer)`
casts the commands' texts, with the one caster (`_caster.text_caster`), into the typed values it takes.

Each level on a path is rebuilt from its current value, `Cfg(cfg, optimizer=type(cfg.optimizer)(cfg.optimizer,
lr=1e-3))`, so other values stay and derived values and `__post_init__` run at every level. Changes are checked
one by one, left to right, into a tree; then each level is built once with all of its changes, so `base_lr=2
max_lr=5` never validates the half-changed config in between. A parent after a path under it would silently drop
that change, so it is refused, like the same path twice however it is spelt (`named["a"]`, `named['a']`). Paths walk
each level's input (`_spec.input_of`, what a rebuild starts from) and the class of the value held (a subclass's
fields), and, after a parent path, the value it set.

Exception types (DESIGN 3.7): a bad path is a `TypeError`, and so is a value of the wrong type. A missing index or
key is also an `IndexError` or `KeyError` (`PathIndexError`, `PathKeyError`): `except TypeError` catches every bad
path and `except KeyError` a missing key, as for `cfg.named["c"]`. A value for a derived field that is not a `Pin`,
a path under a derived field, the same path twice and a parent after a path under it are `ValueError`s. The user's
own exceptions (`__post_init__`, a `@pproperty`) keep their type. Core does not know pconfigs-pinnable: `Pin(...)`
and `Pinned` texts are read through the loaded `pconfigs.pinnable` (a derived field cannot exist without it).
"""

from __future__ import annotations

import ast
import re
import sys
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from ._caster import CastError, text_caster
from ._errors import compose, did_you_mean, short_repr
from ._frozen import remade, thaw_type
from ._site import Site, caller_site
from ._spec import FieldSpec, input_of, is_config, is_config_class
from ._trail import Label, relabel
from ._typeforms import union_members

__all__ = ["PathIndexError", "apply_overrides", "PathKeyError", "override", "parse_overrides", "path_steps"]

C = TypeVar("C")


class PathKeyError(TypeError, KeyError):
    """A path names a dict key that is not there: a bad path (`TypeError`) and a missing key (`KeyError`)."""

    __str__ = BaseException.__str__  # KeyError's own would print the message as a quoted repr


class PathIndexError(TypeError, IndexError):
    """A path names a list or tuple element past its end: a bad path (`TypeError`) and an `IndexError`."""


class _Key(NamedTuple):
    """A bracketed step, `[0]` or `["a"]`; a plain `str` step is a field name."""

    key: int | str


Step = str | _Key
Steps = tuple[Step, ...]
_NAME = re.compile(r"[^\W\d]\w*")
_STEP = re.compile(r"\.([^\W\d]\w*)|\[(-?\d+|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")\]")
_PATH_FORMS = 'field names joined by dots, [0] for an element, ["key"] for a dict value: optimizer.lr, named["a"].x'
_SEARCH_DEPTH, _SEARCH_LIMIT = 4, 2000  # how far "did you mean" looks into sub-configs for a nested name


def override(cfg: C, changes: Mapping[str, object]) -> C:
    """A new config: `cfg` with the value at each PATH of `changes` replaced, applied left to right."""
    return apply_overrides(cfg, changes, caller_site(1), "override")


def apply_overrides(cfg: C, changes: Mapping[str, object], site: Site | None, kind: str) -> C:
    """`override`, with each changed value's origin labelled `kind` ("override", "command line", a sweep axis)."""
    if not is_config(cfg):
        hint = "pass a config (an instance of a @pconfig class)"
        raise TypeError(
            compose(f"override: expected a config, got {_noun(cfg)}", where=[("called at", site)], hint=hint)
        )
    where = _Where(type(cfg), site, None, kind)
    if not isinstance(changes, Mapping):
        hint = f"pass a dict of paths to values: override(cfg, {{{_first(cfg)!r}: ...}})"
        raise TypeError(where.message("", f"changes must be a mapping of paths to values, not {_noun(changes)}", hint))
    plan = _Plan(cfg)
    for path, value in changes.items():
        if not isinstance(path, str):
            raise TypeError(where.message("", f"a path is a str, not {_noun(path)}", "write the path as text"))
        plan.add(plan.locate(path.strip(), where), value, where)
    return typing.cast(C, plan.build(where))


def parse_overrides(cfg: object, texts: Sequence[str], importer: Callable[[str], object]) -> dict[str, object]:
    """The typed value of each `PATH=VALUE` text, by PATH, for `override`; the first bad text (in order) raises.

    VALUE is cast for the annotation at PATH (never evaluated); `@package.module.name` is imported by `importer`,
    whose own errors pass through."""
    if not is_config(cfg) or isinstance(texts, str):
        got = f"a config, got {_noun(cfg)}" if not is_config(cfg) else f"a list of texts, got {_noun(texts)}"
        raise TypeError(f"parse_overrides: expected {got}")
    plan, parsed = _Plan(cfg), {}
    for text in texts:
        where = _Where(type(cfg), None, text)
        path, equals, raw = text.partition("=")
        path = path.strip()
        if not equals:
            example = path if re.fullmatch(r"[^\W\d]\w*(\.[^\W\d]\w*)*", path) else _first(cfg)
            problem = f"{text!r} is not an override: it has no '='"
            raise TypeError(where.message("", problem, f"write PATH=VALUE, such as {example}=VALUE", details=[]))
        spot = plan.locate(path, where)
        value = _cast(spot, path, raw, importer, where)
        plan.add(spot, value, where)
        parsed[path] = value
    return parsed


class _Where:
    """Who asked: a Python call (its site) or one command-line text; writes the errors, naming it."""

    def __init__(self, root: type, site: Site | None, text: str | None, kind: str = "override") -> None:
        self.root, self.site, self.text, self.kind = root.__qualname__, site, text, kind

    def place(self) -> str:
        return f"in the override {self.text!r}"

    def message(self, path: str, problem: str, hint: str, *, details: list[str] | None = None) -> str:
        """`Root.path: problem`, then where (the call's site, or the text), then the hint."""
        return self.write(f"{self.root}{'.' + path if path else ''}: {problem}", hint, details)

    def write(self, head: str, hint: str | None, details: list[str] | None = None) -> str:
        details = ([self.place()] if self.text is not None else []) if details is None else details
        return compose(head, where=[("set at", self.site)] if self.text is None else [], details=details, hint=hint)

    def relabel(self, message: str, old: str, name: str, path: str) -> str:
        """A field's own message (`Optimizer.lr: ...`) told as this override's (`Trainer.optimizer.lr: ...`), its
        hint's `lr=...` as `optimizer.lr=...`."""
        head, *rest = message.split("\n")
        field = re.compile(rf"(?<![\w.]){re.escape(name)}=")
        rest = [field.sub(f"{path}=", line[2:]) for line in rest if not line.startswith("  set at ")]
        hint = next((line[6:] for line in rest if line.startswith("hint: ")), None)
        details = [self.place()] if self.text is not None else []
        return self.write(
            f"{self.root}.{path}{head[len(old) :]}", hint, details + [x for x in rest if x[:6] != "hint: "]
        )


class _Spot(NamedTuple):
    """Where a path leads: its canonical steps, the path's text up to each step, the annotation there, and the
    config and field when the path ends at a field."""

    steps: Steps
    written: tuple[str, ...]
    annotation: object
    owner: Any
    field: FieldSpec | None


class _Node:
    """One level of the change tree: a value set here (or not), then the changes under it."""

    def __init__(self, written: str) -> None:
        self.written = written
        self.set = False
        self.value: object = None
        self.under: dict[Step, _Node] = {}


class _Plan:
    """Collects changes, checking each as it comes, then builds the new config once."""

    def __init__(self, cfg: Any) -> None:
        self.cfg = cfg
        self.done: dict[Steps, tuple[str, _Where]] = {}
        self.pending: dict[Steps, object] = {}
        self.tree = _Node("")

    def locate(self, path: str, where: _Where) -> _Spot:
        steps, written = _parse(path, where)
        spot = _walk(self.cfg, steps, written, self.pending, where)
        if spot.steps in self.done:
            first, before = self.done[spot.steps]
            both = None if where.text is None else [f"first {before.place()}", f"again {where.place()}"]
            spelled = f" (as {first!r} and {path!r})" if first != path and where.text is None else ""
            raise ValueError(where.message(path, f"overridden twice{spelled}", "keep one of them", details=both))
        under = next((w for s, (w, _) in self.done.items() if s[: len(spot.steps)] == spot.steps), None)
        if under is not None:
            problem = f"overridden after {under}, which it would replace"
            raise ValueError(where.message(path, problem, f"put {path} first: a path, then the paths under it"))
        return spot

    def add(self, spot: _Spot, value: object, where: _Where) -> None:
        if spot.field is not None:
            _check(where, spot.written[-1], spot.owner, spot.field, value)
        self.done[spot.steps] = (spot.written[-1], where)
        self.pending[spot.steps] = value
        node = self.tree
        for step, text in zip(spot.steps, spot.written):
            node = node.under.setdefault(step, _Node(text))
        node.set, node.value = True, value

    def build(self, where: _Where) -> Any:
        return _rebuild(self.tree, self.cfg, where) if self.done else self.cfg


def path_steps(cls: type, path: str, site: Site | None) -> Steps:
    """The steps of a field path of a config of class `cls` (names, and `[index]`/`["key"]` steps with `.key`):
    the one parser of field paths, also for `origin`. A malformed path is a `TypeError` naming `cls`."""
    return _parse(path, _Where(cls, site, None))[0]


def _parse(path: str, where: _Where) -> tuple[Steps, tuple[str, ...]]:
    """The steps of a path, and the path's text up to the end of each."""
    steps: list[Step] = []
    ends: list[int] = []
    m, i = _NAME.match(path), 0
    while m is not None:
        key = m[m.lastindex or 0]
        try:
            steps.append(key if key[0] not in "-0123456789'\"" else _Key(ast.literal_eval(key)))
        except (SyntaxError, ValueError):  # a bad escape inside the quotes
            break
        ends.append(i := m.end())
        if i == len(path):
            return tuple(steps), tuple(path[:e] for e in ends)
        m = _STEP.match(path, i)
    problem = "it must start with a field name" if not steps else f"expected '.' or '[' after {path[:i]!r}"
    if steps and path[i] in ".[":
        problem = "a field name" if path[i] == "." else "a whole number or a quoted key, then ],"
        problem = f"expected {problem} after {path[: i + 1]!r}"
    raise TypeError(where.message("", f"{path!r} is not a field path: {problem}", f"a path is {_PATH_FORMS}"))


def _walk(cfg: Any, steps: Steps, written: tuple[str, ...], pending: Mapping[Steps, object], where: _Where) -> _Spot:
    """Follow `steps` from `cfg` through current inputs (or values set by earlier changes), refusing bad steps."""
    value: Any = cfg
    annotation: object = type(cfg)
    owner: Any = None
    field: FieldSpec | None = None
    path, done = written[-1], []
    for i, step in enumerate(steps):
        here, rest = (written[i - 1] if i else ""), path[len(written[i]) :]
        if value is None:
            what = f"field {step!r}" if isinstance(step, str) else f"[{step.key!r}]"
            classes = [c.__qualname__ for c in union_members(annotation) if is_config_class(c)] + ["..."]
            hint = f"set the whole sub-config first: {{{here!r}: {classes[0]}(...), {path!r}: ...}}"
            hint = (
                f"set it first, with an @ value: {here}=@package.module.name, then {path}=..." if where.text else hint
            )
            raise TypeError(where.message(path, f"{here} is None, so it has no {what}", hint))
        if isinstance(step, str):
            if not is_config(value):
                raise _not_a(where, path, here, value, f"a config, so it has no field {step!r}")
            spec = type(value).__pconfig_spec__
            spec.resolve()
            if step not in spec.index:
                raise _unknown(where, value, step, here, rest, path)
            field = spec.field(step)
            if field.kind is not None and rest:
                problem = f"{written[i]} is {field.kind.label} (computed), so nothing under it can be set"
                raise ValueError(where.message(path, problem, f"set it whole: {written[i]}=Pin(...)"))
            owner, value, annotation = value, input_of(value, step), field.resolved
        else:
            key, n = step.key, len(value) if isinstance(value, (list, tuple, Mapping)) else 0
            if isinstance(value, (list, tuple)):
                span = f"use an index from 0 to {n - 1}" if n else f"it is empty: set {here} whole"
                if not isinstance(key, int):
                    problem = f"{here} is {_a(value)}, indexed by number, not by {key!r}"
                    raise TypeError(where.message(path, problem, span))
                if not -n <= key < n:
                    problem = f"{here} has {n} element{'s' * (n != 1)}, so [{key}] is out of range"
                    raise PathIndexError(where.message(path, problem, span))
                step = _Key(key % n)
            elif isinstance(value, Mapping):
                if key not in value:
                    listed = f"its keys are: {', '.join(map(repr, list(value)[:10]))}{', ...' * (n > 10)}"
                    hint = did_you_mean(str(key), map(str, value)) or listed if n else f"it is empty: set {here} whole"
                    raise PathKeyError(where.message(path, f"{here} has no key {key!r}", hint))
            else:
                raise _not_a(where, path, here, value, f"a list, tuple or dict, so it has no [{key!r}]")
            annotation, value, owner, field = _inner(annotation, value, step.key), value[step.key], None, None
        done.append(step)
        value = pending.get(tuple(done), value)
    return _Spot(tuple(done), written, annotation, owner, field)


def _not_a(where: _Where, path: str, here: str, value: object, what: str) -> TypeError:
    """A step into something that has no such part (a field of a list, an index of a number)."""
    tail = path[len(here) :]
    if isinstance(value, (list, tuple)) and value and tail.startswith("."):
        hint = f"pick an element first: {here}[0]{tail}"
    elif isinstance(value, Mapping) and value and tail.startswith("."):
        hint = f"pick a value first: {here}[{next(iter(value))!r}]{tail}"
    elif is_config(value):
        hint = f"name a field with a dot: {here}.{_first(value)}"
    else:
        hint = f"set {here} as a whole"
    return TypeError(where.message(path, f"{here} is {_a(value)}, not {what}", hint))


def _unknown(where: _Where, value: Any, name: str, here: str, rest: str, path: str) -> TypeError:
    """No field `name` in config `value`: the environment, a call's argument, or a "did you mean", nested too."""
    cls = type(value)
    if name in getattr(cls, "__pconfig_environment__", ()):
        from ._env import variables  # loaded already: the class holds a `@penv` class

        env = getattr(cls, name)
        found = variables(env)
        wanted = re.match(r"\.(\w+)", rest)
        hint = f"set the variables {env.__qualname__} reads instead: " + ", ".join(v.variable for v in found.values())
        if wanted is not None and wanted[1] in found:
            hint = f"set the variable {found[wanted[1]].variable} instead"
        problem = f"{cls.__qualname__}.{name} is the environment ({env.__qualname__}), not a field"
        return TypeError(where.message(path, problem, hint))
    special = getattr(cls, "__pconfig_nonfields__", {}).get(name)
    if special is not None:
        return TypeError(where.message(path, special[0], special[1]))
    import difflib  # here, for this error only: overrides that name fields load nothing for it

    names = cls.__pconfig_spec__.names
    nested = _nested_paths(value)
    choices = [p for p in nested if p.rsplit(".", 1)[-1] == name][:3] or difflib.get_close_matches(name, names, 1)
    if not choices:
        lasts = {p.rsplit(".", 1)[-1]: p for p in reversed(nested)}  # the shallowest path for each name
        choices = [lasts[n] for n in difflib.get_close_matches(name, list(lasts), 1)]
    prefix = here + "." if here else ""
    hint = f"{cls.__qualname__}'s fields are: {', '.join(names)}"
    if choices:
        hint = "did you mean " + " or ".join(repr(prefix + c + rest) for c in choices) + "?"
    return TypeError(where.message(path, f"{cls.__qualname__} has no field {name!r}", hint))


def _nested_paths(cfg: object) -> list[str]:
    """Paths (`training.steps`) of the fields of sub-configs below `cfg`, a few levels deep: of the configs held,
    else of the config classes the annotations name (an unset `Optional` sub-config)."""
    found: list[str] = []
    level: list[tuple[str, Any, object]] = [("", type(cfg), cfg)]
    for _ in range(_SEARCH_DEPTH):
        deeper: list[tuple[str, Any, object]] = []
        for prefix, cls, value in level:
            spec = cls.__pconfig_spec__
            try:
                spec.resolve()
            except TypeError:  # an annotation that does not resolve: building reports it; here it is skipped
                continue
            for f in spec.fields:
                if prefix:
                    found.append(prefix + f.name)
                child = input_of(value, f.name) if value is not None else None
                if f.kind is None and is_config(child):
                    deeper.append((f"{prefix}{f.name}.", type(child), child))
                elif f.kind is None:
                    classes = [c for c in union_members(f.resolved) if is_config_class(c)]
                    deeper.extend((f"{prefix}{f.name}.", c, None) for c in classes)
            if len(found) > _SEARCH_LIMIT:
                return found
        level = deeper
    return found


def _inner(annotation: object, container: object, key: object) -> object:
    """The annotation of `container[key]` under the container's annotation (`Any` when it says nothing)."""
    for member in union_members(annotation):
        origin = typing.get_origin(member) or member
        if member is Any or not (isinstance(origin, type) and isinstance(container, origin)):
            continue
        args = typing.get_args(member)
        if isinstance(container, Mapping):
            return args[1] if len(args) == 2 else Any
        if issubclass(origin, tuple) and args and args[-1] is not Ellipsis:
            return args[key] if isinstance(key, int) and key < len(args) else Any
        return args[0] if args else Any
    return Any


def _check(where: _Where, path: str, cfg: Any, f: FieldSpec, value: object) -> None:
    """Refuse a value the field does not accept, with the field's own message told as this override's."""
    cls, site = type(cfg), where.site or ("<override>", 0)
    try:
        if f.kind is not None:
            f.kind.check_input(cls, f, value, site)
        else:
            cls.__pconfig_spec__.check_value(f, value, cfg, site)
    except (TypeError, ValueError) as exc:
        old = f"{cls.__qualname__}.{f.name}"
        if type(exc) not in (TypeError, ValueError) or not str(exc).startswith(old):
            raise
        raise type(exc)(where.relabel(str(exc), old, f.name, path)) from None


def _rebuild(node: _Node, current: Any, where: _Where) -> Any:
    """The value at `node`: the value set there (or the current one), rebuilt with the changes under it."""
    value: Any = node.value if node.set else current
    if not node.under:
        return value
    if is_config(value):
        spec = type(value).__pconfig_spec__
        changes = {}
        for name, child in node.under.items():
            assert isinstance(name, str)
            changes[name] = _rebuild(child, input_of(value, name), where)
            if child.under:  # a rebuilt list or dict: checked like a keyword (a value set whole was checked already)
                _check(where, child.written, value, spec.field(name), changes[name])
        return relabel(
            type(value)(value, **changes),
            {str(name): Label(where.kind, where.site, child.written) for name, child in node.under.items()},
            rebuilt=True,
        )
    items: Any = dict(value) if isinstance(value, Mapping) else list(value)
    for step, child in node.under.items():
        assert isinstance(step, _Key)
        items[step.key] = _rebuild(child, value[step.key], where)
    return remade(value, items)


def _cast(spot: _Spot, path: str, raw: str, importer: Callable[[str], object], where: _Where) -> object:
    """The value a VALUE text gives for the annotation at the path; `Pin(...)` and `Pinned` for derived fields."""
    text, f = raw.strip(), spot.field
    derived = f is not None and f.kind is not None
    pinnable = sys.modules.get("pconfigs.pinnable")  # loaded whenever a derived field exists
    if text.startswith("Pin(") and text.endswith(")"):
        if not derived or pinnable is None:
            hint = f"drop Pin(...): {path}={text[4:-1].strip()}"
            raise TypeError(where.message(path, "not a derived field, so it takes a plain value, not Pin(...)", hint))
        return pinnable.Pin(_cast(spot._replace(field=None), path, text[4:-1], importer, where))
    if derived and text == "Pinned" and pinnable is not None:
        return pinnable.Pinned
    caster = text_caster(spot.annotation, importer=importer)
    assert caster is not None  # only the environment's casters lack a text form
    try:
        return caster(raw)
    except CastError as exc:
        if derived:
            return raw  # the kind refuses it with its own message and the Pin(...) hint
        problem = f"expected {exc.expected}, got {text!r}"
        raise TypeError(where.message(path, problem, f"{path} takes {exc.accepted}")) from None


def _first(cfg: Any) -> str:
    names: tuple[str, ...] = type(cfg).__pconfig_spec__.names
    return names[0] if names else "field"


def _a(value: object) -> str:
    """`a float`, `an Optimizer`: what a value is, for "is" sentences."""
    name = thaw_type(type(value)).__qualname__
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _noun(value: object) -> str:
    return f"{thaw_type(type(value)).__qualname__} {short_repr(value)}"
