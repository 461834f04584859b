"""The generated `__init__` of a config class: real source, built once per class.

The source is generated on the first construction, not at decoration, because checking values needs resolved
annotations and those may name classes defined later in the module. Until then the class holds a small
bootstrap `__init__` carrying the true `__signature__`.

The source is compiled under a pseudo-filename naming the class and registered in `linecache`, so tracebacks and
pdb show the generated line. Two classes can share a qualified name (a class defined in a function, a notebook
cell run twice), so the filename gets a counter until `linecache.cache.setdefault` returns this class's own entry:
each class's frames show its own source (attrs does the same).

Fields may have any identifier as their name (`_site`, `self`, `bases`, ...). Every other name the generated code
uses (the instance, the bases, helpers, locals) starts with a prefix that no field name starts with, so nothing
the user names can collide with it.

Speed notes (measured on CPython 3.10 to 3.13, see `benchmarks/` and docs/12-performance.md): attributes are set by
name with `object.__setattr__` in a fixed order, which keeps CPython's shared-key instance layout (writing
`__dict__` directly loses it and every later read gets slower); a value of exactly its annotation's class is
accepted without a call (the fast path of `_spec.acceptor`, inlined); merging bases and defaults only happens when a
keyword is missing or a base is passed, and a build from the class's own default alone reuses a cached merge;
derived fields are not parameters (a call would fill one keyword default each), they arrive in `**kwargs` only
when pinned; the caller's frame is the user's after one set lookup of its filename, and the site records its code
and instruction offset, not its line (a frame's `f_lineno` decodes its code's line table from the start: see
`_site`).
"""

from __future__ import annotations

import dataclasses
import inspect
import linecache
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from . import _registry, _site
from ._errors import add_context, compose, did_you_mean
from ._frozen import freeze
from ._merge import merge_build, merged_default
from ._registry import default_chain
from ._required import has_required
from ._sentinels import UNSET
from ._site import Site, format_site
from ._spec import ClassSpec, FieldSpec

__all__ = ["bootstrap_init", "compile_source"]


def bootstrap_init(cls: type, spec: ClassSpec) -> Callable[..., None]:
    """The `__init__` a class holds until its first construction, which generates and installs the real one."""

    def __init__(self: Any, /, *bases: Any, **kwargs: Any) -> None:  # `self` may also be a field's name
        init = _compile_init(cls, spec)
        type.__setattr__(cls, "__init__", init)
        init(self, *bases, **kwargs)

    __init__.__signature__ = _signature(cls, spec)  # type: ignore[attr-defined]
    return __init__


def _prefix(spec: ClassSpec) -> str:
    """A prefix that no field name starts with: the generated code's own names start with it."""
    prefix = "_p"
    while any(n.startswith(prefix) for n in spec.names):
        prefix += "_"
    return prefix


def _signature(cls: type, spec: ClassSpec) -> inspect.Signature:
    taken = set(spec.names)
    params = [
        inspect.Parameter("self" if "self" not in taken else _prefix(spec) + "self", inspect.Parameter.POSITIONAL_ONLY),
        inspect.Parameter(
            "bases" if "bases" not in taken else _prefix(spec) + "bases",
            inspect.Parameter.VAR_POSITIONAL,
            annotation=cls.__qualname__,
        ),
    ]
    written: dict[type, dict[str, Any]] = {}  # each owner's annotations, read once (classes of thousands of fields)
    for f in spec.fields:
        if f.owner not in written:
            written[f.owner] = inspect.get_annotations(f.owner)
        annotation = written[f.owner].get(f.name, f.annotation)
        params.append(inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=UNSET, annotation=annotation))
    return inspect.Signature(params, return_annotation=None)


def _compile_init(cls: type, spec: ClassSpec) -> Callable[..., None]:
    """Generate, compile and register the source of `cls.__init__`."""
    spec.resolve()
    p = _prefix(spec)
    ns: dict[str, Any] = {
        f"{p}U": UNSET,
        f"{p}cls": cls,
        f"{p}spec": spec,
        f"{p}set": object.__setattr__,
        f"{p}getframe": sys._getframe,
        f"{p}user_files": _site.user_files,
        f"{p}outside": _site.first_outside,
        f"{p}merged_default": merged_default,
        f"{p}registry": _registry,
        f"{p}unknown": _unknown_field,
        f"{p}bad": _bad_value,
        f"{p}undecorated": _undecorated,
        f"{p}computer": spec.computer,
        f"{p}freeze": freeze,
        **{f"{p}rc{j}": code for j, code in enumerate(_REPLACE_CODES)},
        f"{p}replaced": _replaced_from,
        f"{p}getattr": getattr,
    }
    # Plain fields are parameters and locals; a derived field is set only to pin it (rare), so it arrives in
    # `**extra` and its input goes into one dictionary (`{p}derived`), shared by every build that pins nothing.
    plain = [f for f in spec.fields if f.kind is None]
    names = [f.name for f in plain]
    transforms = spec.computer.transforms if spec.computer is not None else frozenset()
    params = "".join(f"{n}={p}U, " for n in names)
    args = "".join(f"{n}, " for n in names)  # a tuple's items, trailing comma included
    value_checks = []
    for i, f in enumerate(spec.fields):
        if f.kind is not None or f.name in transforms or f.accepts is None:
            continue
        ns[f"{p}f{i}"] = f
        ns[f"{p}a{i}"] = f.accepts
        test = f"not {p}a{i}({f.name})"
        if f.fast_class is not None:  # the acceptor's own first test, inlined: no call for the common case
            ns[f"{p}t{i}"] = f.fast_class
            test = f"{f.name}.__class__ is not {p}t{i} and {test}"
        value_checks.append(f"if {test}: {p}bad({p}spec, {p}f{i}, {f.name}, {p}site)")
    for f in plain:
        if f.freezes:  # transformed fields too: their inputs travel to other configs
            value_checks.append(f"{f.name} = {p}freeze({f.name}, {cls.__qualname__ + '.' + f.name!r})")
    derived = len(spec.fields) - len(plain)
    ns.update({f"{p}merge": merge_build, f"{p}given": _given_derived, f"{p}chain": default_chain})
    ns.update({f"{p}unreplaced": _unreplaced, f"{p}names": tuple(names), f"{p}default_inputs": spec.default_inputs})
    site = f"{p}site = ({p}f.f_code, {p}f.f_lasti)"  # the line is worked out when asked (`_site.line_of`)
    all_unset = "".join(f" and {n} is {p}U" for n in names)
    any_unset = "".join(f" or {n} is {p}U" for n in names)
    if derived:  # a merge also fills what no keyword pinned, when a default could hand a pin over
        any_unset += f" or (({p}g is None or len({p}g) < {derived}) and {p}chain({p}cls))"
    body = [
        f"def __init__({p}self, /, *{p}bases, {params}**{p}extra):",
        f"    if {p}self.__class__ is not {p}cls: {p}undecorated({p}cls, {p}self)",
        f"    {p}f = {p}getframe(1)",
        # `_site.first_outside`, inlined: a frame of a file already known to be the user's costs one set lookup.
        f"    if {p}f.f_code.co_filename not in {p}user_files:",
        f"        {p}f = {p}outside({p}f)",
        # Built from the registered defaults alone (`Cls()`): when the class's own default supplies every field, the
        # merge's result is cached until the registry changes (`_merge.merged_default`, whose cache check is inlined
        # here), and its values, checked and frozen by this very class when the default was built, are not checked
        # again. `dataclasses.replace` passes every plain field, so it never takes this path.
        f"    if not {p}bases{all_unset} and not {p}extra and (({p}d := {p}spec.merged_default)[0] == "
        f"{p}registry._version or ({p}d := {p}merged_default({p}spec))) and ({p}d := {p}d[1]) is not None:",
        f"        {site}",
        f"        {args}{p}derived, {p}trail = {p}d",
        "    else:",
        f"        {p}code = {p}f.f_code",
        f"        if {' or '.join(f'{p}code is {p}rc{j}' for j in range(len(_REPLACE_CODES)))}:"
        "  # dataclasses.replace(cfg, ...): build from cfg, as copy.replace does",
        f"            {p}obj, {p}f = {p}replaced({p}f, {p}cls)",
        f"            if {p}obj is not None:",
        f"                {p}bases = ({p}obj,)",
        *([f"                {args}= {p}unreplaced({p}obj, ({args}), {p}names)"] if names else []),
        f"        {site}",
        f"        {p}g = {p}given({p}spec, {p}extra, {p}site) if {p}extra else None",
        f"        if {p}bases{any_unset}:",
        f"            {args}{p}derived, {p}trail = {p}merge({p}spec, {p}bases, ({args}), {p}g, {p}site)",
        "        else:",
        f"            {p}trail = None",
        f"            {p}derived = {p}default_inputs if {p}g is None else {{**{p}default_inputs, **{p}g}}",
        *(f"        {line}" for line in value_checks),
    ]
    for f in plain:
        if f.name not in transforms:
            body.append(f"    {p}set({p}self, {f.name!r}, {f.name})")
    body.append(f"    {p}set({p}self, '__pconfig_site__', {p}site)")
    body.append(f"    {p}set({p}self, '__pconfig_trail__', {p}trail)")
    if spec.environments:  # read once per build: derived values and the printer see the same values
        ns[f"{p}envs"] = tuple((a, getattr(cls, a)) for a in spec.environments)
        from ._env import read_environments  # loaded already: the class holds a `@penv` class

        ns[f"{p}read_env"] = read_environments
        body.append(f"    {p}set({p}self, '__pconfig_env__', {p}read_env({p}envs))")
    if spec.tracked:
        entries = "".join(f", {n!r}: {n}" for n in spec.tracked if n in transforms)
        inputs = f"{{**{p}derived{entries}}}" if entries else f"{p}derived"
        body.append(f"    {p}inputs = {inputs}")
        body.append(f"    {p}set({p}self, '__pconfig_inputs__', {p}inputs)")
        body.append(f"    {p}computer.compute({p}self, {p}inputs)")
    if getattr(cls, "__post_init__", None) is not None:
        ns[f"{p}validate"] = _post_init
        body.append(f"    {p}validate({p}self)")
    init: Callable[..., None] = compile_source(cls, "__init__", "\n".join(body) + "\n", ns)["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__signature__ = _signature(cls, spec)  # type: ignore[attr-defined]
    return init


_REPLACE_CODES = tuple(
    fn.__code__ for fn in (dataclasses.replace, getattr(dataclasses, "_replace", None)) if fn is not None
)


def _replaced_from(frame: FrameType, cls: type) -> tuple[Any, FrameType]:
    """For a build called by `dataclasses.replace`: the config being replaced, and the frame that called replace.

    `dataclasses.replace` passes every field's current value as a keyword, so a transformed field would be
    transformed twice and a pin dropped. Building from the original config instead (with only the keywords whose
    value differs from the original's) applies each transform once and keeps pins, as `copy.replace` does."""
    local = frame.f_locals
    obj = local.get("obj", local.get("self"))
    caller: FrameType = frame
    while caller.f_back is not None and any(caller.f_code is code for code in _REPLACE_CODES):
        caller = caller.f_back
    return (obj if type(obj) is cls else None), caller


def _unreplaced(obj: Any, values: tuple[Any, ...], names: tuple[str, ...]) -> tuple[Any, ...]:
    """The plain fields' keywords of a `dataclasses.replace` call, with UNSET for each that `obj` already holds."""
    return tuple(UNSET if value is getattr(obj, name) else value for value, name in zip(values, names))


def _given_derived(spec: ClassSpec, extra: dict[str, Any], site: Site) -> dict[str, Any]:
    """The inputs the keywords `extra` give derived fields (pins), each checked by its kind, by name. A keyword that
    names no field is refused first (`_unknown_field`); plain fields never arrive here (they are parameters)."""
    unknown = {k: v for k, v in extra.items() if k not in spec.index}
    if unknown:
        _unknown_field(spec, unknown, site)
    given = {}
    for _, f, default_input in spec.derived:  # in field order: the first refused pin is the first declared
        if f.name in extra:
            value = extra[f.name]
            if value is not default_input:
                value = f.kind.check_input(spec.cls, f, value, site)  # type: ignore[union-attr]
            given[f.name] = value
    return given


def _post_init(cfg: Any) -> None:
    """Run the class's `__post_init__` on a complete config (no `Required` at any depth), with a note on failure.

    Records whether it is complete (`__pconfig_complete__`, the last attribute a build sets): a parent holding it
    then needs no walk of its tree."""
    missing = has_required(cfg)
    object.__setattr__(cfg, "__pconfig_complete__", not missing)
    if missing:
        return  # a default still being filled: validated when a build completes it
    try:
        cfg.__post_init__()
    except Exception as exc:
        where = format_site(cfg.__pconfig_site__)
        add_context(exc, f"while validating {type(cfg).__qualname__} (__post_init__), config built at {where}")
        raise


def compile_source(cls: type, what: str, source: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """Compile and run generated `source`, the `what` of `cls` (`"__init__"`, a kind's `"compute"`), in `namespace`.

    The source is registered in `linecache` under a pseudo-filename that is this class's alone, so tracebacks and pdb
    show the generated line, and frames of it count as pconfigs' own (`_site`)."""
    base = f"<pconfigs {what} of {cls.__module__}.{cls.__qualname__}"
    lines = source.splitlines(True)
    count = 0
    while True:
        filename = f"{base}>" if count == 0 else f"{base}-{count}>"
        entry = (len(source), None, lines, filename)
        if linecache.cache.setdefault(filename, entry) is entry:
            break
        count += 1
    exec(compile(source, filename, "exec"), namespace)
    return namespace


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
