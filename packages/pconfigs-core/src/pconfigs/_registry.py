"""`pdefaults`: the registry of each config class's default.

A default is an ordinary config instance stored on its class under `__pconfig_default__` (never inherited
through attribute lookup: `default_chain` walks the MRO itself), so the registry holds no global table and a
class's default is garbage-collected with the class.

The default chain of a class is looked up at every construction (a parent's default registered later is seen),
and cached against the registry's version number so that lookup is one comparison on the common path.

Threads (DESIGN 3.10): building, printing and registering are safe from many threads at once.

- Registering takes one lock (`_lock`; registrations are rare). Reading the class's current default, checking a
  later registration against it (`_check_refill`), storing the new default and its site, and bumping the version
  are one step: when two threads register for the same class, exactly one wins and the other gets the
  `ValueError`, and a registration that fills `Required` fields is checked against the default it replaces.
- Building takes no lock. `default_chain` reads the version *before* it walks the MRO and caches the chain under
  that version, and a registration stores its default *before* it bumps the version. So a cached chain was walked
  after its version was current: a chain walked while a registration runs is cached under the older version and
  walked again by the next build, and every build that starts after a registration returns uses that default.
  Two builds that miss at once both walk the MRO and the last store wins; a stale store costs one more walk,
  never a wrong chain. This needs only that reading a global and one dictionary read or write are atomic, as
  they are in CPython, with or without the GIL.
- `pdefaults(Cls)` reads the class's dictionary once and takes no lock.

`_interleave` is a private test hook: when set, it is called with the name of each step after which another
thread's work could interleave (the steps are listed where it is defined), so a test makes a race happen
deterministically by holding one thread there. It is `None` in normal use; the build path checks it only when
the chain is not cached.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable
from typing import Any, TypeVar, overload

from ._errors import compose, short_repr
from ._sentinels import Required
from ._site import Site, caller_site
from ._spec import input_of, is_config, is_config_class, spec_of

__all__ = ["pdefaults", "Defaults", "default_chain"]

C = TypeVar("C")

_version = 0
_chains: dict[type, tuple[int, tuple[Any, ...]]] = {}
# `_thread`, not `threading`: `import pconfigs` stays within its import-time budget (DESIGN 8).
_lock = _thread.allocate_lock()
# The test hook (see the module docstring), called with one of these steps:
#   "chain"     `default_chain` has walked the MRO and is about to cache the chain;
#   "register"  a registration is about to take the lock;
#   "check"     it holds the lock and has read the class's current default;
#   "store"     it has stored the new default and is about to store its site.
_interleave: Callable[[str], object] | None = None


def default_chain(cls: type) -> tuple[Any, ...]:
    """The registered defaults that supply `cls`'s values: its own, then its config ancestors' (MRO order)."""
    version = _version  # read before the walk: a registration after this point makes the cached chain stale
    cached = _chains.get(cls)
    if cached is not None and cached[0] == version:
        return cached[1]
    chain = tuple(c.__dict__["__pconfig_default__"] for c in cls.__mro__ if "__pconfig_default__" in c.__dict__)
    if _interleave is not None:
        _interleave("chain")
    _chains[cls] = (version, chain)
    return chain


def _at(step: str) -> None:
    """Calls the test hook, if one is set, at a registration step."""
    if _interleave is not None:
        _interleave(step)


class Defaults:
    """Registers (`pdefaults += Cls(...)`, `pdefaults.register(cfg)`) and looks up (`pdefaults(Cls)`) defaults."""

    def __iadd__(self, cfg: Any) -> Defaults:
        self._register(cfg, caller_site(1))
        return self

    def register(self, cfg: C) -> C:
        """Register `cfg` as the default of its class; returns it."""
        self._register(cfg, caller_site(1))
        return cfg

    @overload
    def __call__(self, target: type[C]) -> C | None: ...

    @overload
    def __call__(self, target: C) -> C | None: ...

    def __call__(self, target: Any) -> Any:
        """The default registered for a config class (or for a config's class), or `None`."""
        if is_config_class(target):
            return target.__dict__.get("__pconfig_default__")
        if is_config(target):
            return type(target).__dict__.get("__pconfig_default__")
        raise TypeError(
            compose(
                f"pdefaults: expected a config class or a config, got {type(target).__qualname__} {short_repr(target)}",
                where=[("called at", caller_site(1))],
                hint="pass a @pconfig class, e.g. pdefaults(TrainerConfig)",
            )
        )

    def __repr__(self) -> str:
        return "pdefaults"

    def _register(self, cfg: Any, site: Site, *, replaceable: bool = False) -> None:
        """Register `cfg` as its class's default. A `replaceable` default (the one `calls=`/`mocks=` derive from the
        target's signature) is replaced by the first explicit registration, which is then held to the usual rules.
        """
        global _version
        if not is_config(cfg):
            raise TypeError(
                compose(
                    f"pdefaults: can only register a config, got {type(cfg).__qualname__} {short_repr(cfg)}",
                    where=[("registered at", site)],
                    hint="register an instance: pdefaults += MyConfig(field=...)",
                )
            )
        cls = type(cfg)
        _at("register")
        with _lock:
            old = cls.__dict__.get("__pconfig_default__")
            _at("check")
            if old is not None and cls.__dict__.get("__pconfig_default_replaceable__"):
                old = None  # the signature's default gives way to the first explicit one
                type.__setattr__(cls, "__pconfig_default_sites__", ())
            if old is not None:
                _check_refill(cls, old, cfg, site)
            type.__setattr__(cls, "__pconfig_default__", cfg)
            type.__setattr__(cls, "__pconfig_default_replaceable__", replaceable)
            type.__setattr__(cls, "default_config", cfg)  # the earlier pconfigs' attribute (DESIGN 3.11)
            _at("store")
            sites = [*cls.__dict__.get("__pconfig_default_sites__", ()), site]
            type.__setattr__(cls, "__pconfig_default_sites__", tuple(sites))
            _version += 1  # after the store: a build that reads the new version finds the new default


def _check_refill(cls: type, old: Any, new: Any, site: Site) -> None:
    """A second registration may only fill fields the current default leaves `Required`."""
    from ._equality import same  # loaded on first use: few programs register a class twice

    name = cls.__qualname__
    spec = spec_of(cls)
    first = cls.__dict__["__pconfig_default_sites__"][0]
    open_fields = [n for n in spec.names if input_of(old, n) is Required]
    changed = [n for n in spec.names if not same(input_of(old, n), input_of(new, n))]
    where = [("first registered at", first), ("registered again at", site)]
    if not open_fields:
        raise ValueError(
            compose(
                f"{name}: a default is already registered",
                where=where,
                hint=f"build a variant from it instead: {name}(pdefaults({name}), field=...)",
            )
        )
    refused = [n for n in changed if n not in open_fields]
    if refused or not changed:
        problem = f"it changes {', '.join(refused)}" if refused else "it fills none of them"
        raise ValueError(
            compose(
                f"{name}: a default is already registered; a later registration may only fill its Required "
                f"fields ({', '.join(open_fields)}), but {problem}",
                where=where,
                hint=f"register only the Required fields: pdefaults += {name}({open_fields[0]}=...)",
            )
        )


pdefaults = Defaults()
