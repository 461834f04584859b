"""`@pconfiged` classes and `cfg.construct()`: objects built from a config.

A constructed class declares `config: SomeConfig` and an `__init__` without parameters. The decorator wraps that
`__init__` so that `self.config` is set (and checked against the annotation) before the user's code runs.
`cfg.construct()` (`construct_config`) refuses a config that still holds `Required`, then calls
`Target(config=cfg)`; calling `Target()` without a config is refused with a pointer to the config, because the
config is the single source of truth of what the object does. An exception from the user's `__init__` keeps its
type and gains a note naming the class and where its config was built.

`@pconfiged(mock=True)` is for a class whose `__init__` (typically a library's, inherited) takes parameters: its
config gets the defaulted ones as fields (`_calls`), `Target(*args, config=cfg, **kwargs)` passes the config's
values the call does not give, and a subclass without an `__init__` of its own takes the same parameters.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any, TypeVar, overload

from ._errors import add_context, compose, require_class, short_repr
from ._required import still_required
from ._site import Site, caller_site, format_site
from ._typeforms import evaluate

__all__ = ["pconfiged", "config_annotation", "construct_config", "is_runnable"]

T = TypeVar("T", bound=type)
_NO_CONFIG: Any = object()


@overload
def pconfiged(cls: T, /) -> T: ...


@overload
def pconfiged(*, runnable: bool = False, mock: bool = False) -> Callable[[T], T]: ...


def pconfiged(cls: Any = None, /, *, runnable: bool = False, mock: bool = False) -> Any:
    """Make `cls` a class built from a config: `Cfg(...).construct()` or `Cls(config=cfg)`.

    `runnable=True` requires a `main` method; `pconfigs-run` constructs the class and calls it. `mock=True` allows
    an `__init__` (own or inherited, typically a library's) that takes parameters: its config's fields are those
    parameters' defaults plus the config's own fields, and `cfg.construct(x=...)` passes the rest. A subclass of
    such a class (without an `__init__` of its own) takes the same parameters, with or without `mock=True`.
    """
    site = caller_site(1)
    frame = sys._getframe(1)
    localns = dict(frame.f_locals) if frame.f_code.co_name != "<module>" else None

    def wrap(c: Any) -> Any:
        return _make_configured(c, runnable, mock, site, localns)

    return wrap if cls is None else wrap(cls)


def config_annotation(cls: type) -> object:
    """The `config:` annotation of a constructed class, as written (maybe a string)."""
    for klass in cls.__mro__:
        annotations = inspect.get_annotations(klass)
        if "config" in annotations:
            return annotations["config"]
    raise KeyError("config")


def _make_configured(cls: Any, runnable: bool, mock: bool, site: Site, localns: dict[str, Any] | None) -> Any:
    require_class("@pconfiged", cls, site, "@pconfiged class Trainer: ...")
    name = cls.__qualname__
    try:
        config_annotation(cls)
    except KeyError:
        raise TypeError(
            compose(
                f"{name}: a @pconfiged class must annotate `config:` with its config class",
                where=[("declared at", site)],
                hint="add `config: MyConfig` to the class body",
            )
        ) from None
    user_init = cls.__dict__.get("__init__")
    inherited = getattr(cls, "__init__", object.__init__)
    checked = user_init if user_init is not None else inherited
    original = None  # with mock=True: the (own or inherited) __init__ that takes the parameters
    if user_init is None and getattr(checked, "__pconfig_wrapper__", False):
        # A subclass of a @pconfiged(mock=True) class inherits the same parameters: its config takes them too.
        parent = next(
            b.__dict__["__pconfig_configured__"] for b in cls.__mro__[1:] if "__pconfig_configured__" in b.__dict__
        )
        original = parent["init"]
    elif checked is not object.__init__ and not getattr(checked, "__pconfig_wrapper__", False):
        try:
            params = list(inspect.signature(checked).parameters)[1:]
        except (TypeError, ValueError):  # a builtin's __init__ without a signature
            params = []
        if params and mock:
            original = checked
        elif params:
            owner = "" if user_init is not None else f" (inherited from {_owner_of(cls, checked)})"
            raise TypeError(
                compose(
                    f"{name}.__init__{owner}: takes parameters ({', '.join(params)}); "
                    "a @pconfiged class's __init__ takes only self",
                    where=[("declared at", site)],
                    hint="read settings from self.config instead, or, for a class whose __init__ you do not own, "
                    "declare it @pconfiged(mock=True) and pass the rest to construct(...)",
                )
            )
    if runnable and not callable(getattr(cls, "main", None)):
        raise TypeError(
            compose(
                f"{name}: @pconfiged(runnable=True) needs a main method",
                where=[("declared at", site)],
                hint="add `def main(self, *args): ...`, or drop runnable=True",
            )
        )
    resolved: list[type] = []

    def config_class() -> type:
        if not resolved:
            resolved.append(evaluate(config_annotation(cls), cls, localns))
        return resolved[0]

    def init(self: Any, config: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        if (args or kwargs) and original is None:
            raise TypeError(
                compose(
                    f"{name}: takes only config=, got {', '.join([*(repr(a) for a in args), *kwargs])}",
                    where=[("called at", caller_site(1))],
                    hint="read settings from self.config, or declare the class @pconfiged(mock=True)",
                )
            )
        if config is _NO_CONFIG:
            if getattr(self, "config", _NO_CONFIG) is _NO_CONFIG:
                text = _annotation_text(config_annotation(cls))
                hint = f"build it from its config: {text}(...).construct()"
                if args and hasattr(type(args[0]), "__pconfig_spec__"):  # a mock class's config is keyword-only
                    hint = f"pass the config by keyword, {name}(config=cfg, ...), or " + hint
                raise TypeError(
                    compose(
                        f"{name}: cannot be built without a config", where=[("called at", caller_site(1))], hint=hint
                    )
                )
        else:
            expected = config_class()
            if not isinstance(config, expected):
                raise TypeError(
                    compose(
                        f"{name}.config: expected {expected.__qualname__}, got "
                        f"{type(config).__qualname__} {short_repr(config)}",
                        where=[("called at", caller_site(1))],
                        hint=f"pass a {expected.__qualname__}, or call {expected.__qualname__}(...).construct()",
                    )
                )
            self.config = config
            arguments = getattr(type(config), "__pconfig_arguments__", None)
            if original is not None and arguments is not None:
                # The config's values of the __init__'s parameters, refused while Required (see `_calls`), so
                # `Cls(config=cfg, x=1)` builds the same object as `cfg.construct(x=1)`.
                kwargs = {**arguments(config, args, kwargs), **kwargs}
        if original is not None:
            call = original
        elif user_init is None:
            super(cls, self).__init__()
            return
        else:
            call = user_init
        try:
            call(self, *args, **kwargs)
        except Exception as exc:
            built = format_site(getattr(self.config, "__pconfig_site__", None))
            add_context(exc, f"while constructing {name} (its __init__), from a config built at {built}")
            raise

    if original is None:

        def __init__(self: Any, config: Any = _NO_CONFIG, *args: Any, **kwargs: Any) -> None:
            init(self, config, args, kwargs)

    else:  # the parameters of a library's __init__ come first, so `config` is keyword-only

        def __init__(self: Any, *args: Any, config: Any = _NO_CONFIG, **kwargs: Any) -> None:
            init(self, config, args, kwargs)

    __init__.__qualname__ = f"{name}.__init__"
    __init__.__module__ = cls.__module__
    __init__.__pconfig_wrapper__ = True  # type: ignore[attr-defined]
    cls.__init__ = __init__
    cls.__pconfig_configured__ = {"runnable": runnable, "mock": original is not None, "init": original}
    return cls


def _owner_of(cls: type, init: object) -> str:
    for klass in cls.__mro__[1:]:
        if klass.__dict__.get("__init__") is init:
            return klass.__qualname__
    return "a base class"


def _annotation_text(annotation: object) -> str:
    if isinstance(annotation, str):
        return annotation
    return getattr(annotation, "__qualname__", None) or repr(annotation)


def construct_config(cfg: Any) -> Any:
    """`cfg.construct()`: a new object of the class `cfg`'s class constructs, built from `cfg`."""
    cls = type(cfg)
    name = cls.__qualname__
    target = getattr(cls, "constructable_type", None)
    if target is None:
        calls = getattr(cls, "__pconfig_calls__", None)
        if calls is not None:  # the earlier pconfigs returned the config itself here
            function = getattr(calls, "__qualname__", None) or repr(calls)
            hint = f"{name} calls {function}: call the config itself, cfg(...), or pass it where a callable is expected"
        else:
            hint = "declare the class with @pconfig(constructs=SomeClass)"
            parents = (getattr(b, "constructable_type", None) for b in cls.__mro__[1:])
            inherited = next((t for t in parents if t is not None), None)
            if inherited is not None:  # the subclass said @pconfig(inherit_constructable_type=False)
                hint = (
                    f"{name} is declared with inherit_constructable_type=False; drop it to construct "
                    f"{inherited.__qualname__} as its parent does, or " + hint
                )
        raise TypeError(
            compose(
                f"{name}.construct: {name} constructs nothing", where=[("built at", cfg.__pconfig_site__)], hint=hint
            )
        )
    refusal = still_required(cfg, "construct")
    if refusal is not None:
        raise TypeError(refusal)
    return target(config=cfg)


def is_runnable(cls: object) -> bool:
    info = getattr(cls, "__dict__", {}).get("__pconfig_configured__")
    return bool(info and info["runnable"])
