"""`pinputs(cfg)`: a read-only view of the inputs a config was built from.

For a field whose `@pproperty` transforms the user's value, the view holds the value as the user gave it; for a
derived field, its input (`Pinned` or a `Pin`); for every other field, its value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NoReturn

from pconfigs._extension import compose, did_you_mean, input_of, is_config

__all__ = ["pinputs", "Inputs"]


class Inputs(Mapping[str, Any]):
    __slots__ = ("_cfg",)

    def __init__(self, cfg: Any) -> None:
        object.__setattr__(self, "_cfg", cfg)

    def __getattr__(self, name: str) -> Any:
        cfg = object.__getattribute__(self, "_cfg")
        spec = type(cfg).__pconfig_spec__
        if name not in spec.index:
            hint = did_you_mean(name, spec.names) or f"fields: {', '.join(spec.names)}"
            raise AttributeError(compose(f"{type(cfg).__qualname__}.{name}: no such field in pinputs", hint=hint))
        return input_of(cfg, name)

    def __getitem__(self, name: str) -> Any:
        try:
            return self.__getattr__(name)
        except AttributeError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(type(self._cfg).__pconfig_spec__.names)

    def __len__(self) -> int:
        return len(type(self._cfg).__pconfig_spec__.names)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(
            compose(f"pinputs(...) is read-only; cannot set {name!r}", hint="build a new config instead")
        )

    def __repr__(self) -> str:
        return f"pinputs({type(self._cfg).__qualname__}: " + ", ".join(f"{k}={self[k]!r}" for k in self) + ")"


def pinputs(cfg: Any) -> Any:
    """The inputs `cfg` was built from, read as attributes: `pinputs(self).name` inside a `@pproperty`."""
    if not is_config(cfg):
        raise TypeError(
            compose(
                f"pinputs: expected a config, got {type(cfg).__qualname__}",
                hint="call it on a config instance, e.g. pinputs(self) inside a @pproperty",
            )
        )
    return Inputs(cfg)
