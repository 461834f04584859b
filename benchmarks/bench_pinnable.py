"""Derived values against a frozen dataclass computing the same chain in `__post_init__`, in the same run.

A chain of N derived fields, link i = link i-1 + 1, for N = 50, 200 and 800. Prints construction time (must grow
linearly with N, so the per-link cost stays flat) and a repeated read of the last link (must not grow with N,
and stay within 1.3x of a dataclass attribute read).
Run: `python benchmarks/bench_pinnable.py`.
"""

from __future__ import annotations

import dataclasses
import sys
import timeit
from typing import Any

from pconfigs import pconfig
from pconfigs.pinnable import Pinned, pproperty


def chain_config(n: int) -> type:
    namespace: dict[str, Any] = {"__annotations__": {"seed": int}, "__module__": __name__}
    for i in range(n):
        namespace["__annotations__"][f"f{i}"] = Pinned[int]
        previous = f"f{i - 1}" if i else "seed"
        scope: dict[str, Any] = {}
        exec(f"def f{i}(self):\n    return self.{previous} + 1\n", scope)
        namespace[f"f{i}"] = pproperty(scope[f"f{i}"], deps=[previous])
    return pconfig(type(f"Chain{n}", (), namespace))


def chain_dataclass(n: int) -> type:
    lines = ["def __post_init__(self):", "    s = object.__setattr__", "    s(self, 'f0', self.seed + 1)"]
    lines += [f"    s(self, 'f{i}', self.f{i - 1} + 1)" for i in range(1, n)]
    scope: dict[str, Any] = {}
    exec("\n".join(lines), scope)
    annotations: dict[str, Any] = {"seed": int}
    namespace: dict[str, Any] = {"__annotations__": annotations, "__post_init__": scope["__post_init__"]}
    for i in range(n):
        annotations[f"f{i}"] = int
        namespace[f"f{i}"] = dataclasses.field(init=False)
    return dataclasses.dataclass(frozen=True)(type(f"Plain{n}", (), namespace))


def best(stmt: str, scope: dict[str, Any], number: int, repeat: int = 7) -> float:
    return min(timeit.Timer(stmt, globals=scope).repeat(repeat, number)) / number


def main() -> None:
    print(f"derived chain vs dataclass __post_init__, Python {sys.version.split()[0]}")
    print(
        f"{'links':>6} {'build dc':>10} {'build pc':>10} {'ratio':>6} {'pc/link':>8} "
        f"{'read dc':>8} {'read pc':>8} {'ratio':>6}"
    )
    for n in (50, 200, 800):
        config, plain = chain_config(n), chain_dataclass(n)
        number = max(20, 20_000 // n)
        t_plain = best("plain(seed=1)", {"plain": plain}, number)
        t_config = best("config(seed=1)", {"config": config}, number)
        last = f"f{n - 1}"
        read = "; ".join([f"c.{last}"] * 10)
        c_plain, c_config = plain(seed=1), config(seed=1)
        assert getattr(c_plain, last) == getattr(c_config, last) == n + 1
        r_plain = best(read, {"c": c_plain}, 200_000) / 10
        r_config = best(read, {"c": c_config}, 200_000) / 10
        print(
            f"{n:6d} {t_plain * 1e6:8.1f}us {t_config * 1e6:8.1f}us {t_config / t_plain:5.2f}x "
            f"{t_config / n * 1e9:6.0f}ns {r_plain * 1e9:6.1f}ns {r_config * 1e9:6.1f}ns {r_config / r_plain:5.2f}x"
        )


if __name__ == "__main__":
    main()
