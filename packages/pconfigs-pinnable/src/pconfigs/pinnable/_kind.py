"""The `Pinned` kind of derived field, plugged into core's extension surface (`pconfigs._extension`).

At class definition `prepare` checks every `@pproperty` (named after a declared field, no self-reads, no
cycles) and fixes one evaluation order: a topological order of the dependencies with ties broken by field
declaration order, so it is the same in every process whatever the hash seed. Ordering and naming a cycle are
loops over explicit stacks, never recursion, so chains of thousands of links work in any declaration order. At
construction `compute` walks that order once: a pin is used as it is, a value whose dependency is still `Required`
or `Pinned` stays `Pinned`, and every other method is called exactly once, its result checked against the field's
type and set as a plain attribute. Reads afterwards never run code.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from pconfigs import Required
from pconfigs._extension import (
    Computer,
    DerivedKind,
    FieldSpec,
    Site,
    add_context,
    assign,
    checker,
    compile_source,
    compose,
    format_site,
    short_repr,
)

from ._markers import Pin, Pinned, PinnedAlias
from ._pproperty import PProperty, reads_of

__all__ = ["PinnedKind"]


class _Step:
    __slots__ = ("name", "fn", "derived", "deps", "verify")

    def __init__(self, name: str, fn: Any, derived: bool, deps: tuple[str, ...]) -> None:
        self.name = name
        self.fn = fn
        self.derived = derived
        self.deps = deps
        self.verify: Callable[[Any, object], object] | None = None


class PinnedComputer(Computer):
    def __init__(self, cls: type, steps: list[_Step], derived: tuple[str, ...]) -> None:
        self.cls = cls
        self.steps = steps
        self.transforms = frozenset(s.name for s in steps if not s.derived)
        computed = {s.name for s in steps}
        # Derived fields without a @pproperty keep their input: a pin's value, or Pinned.
        self.uncomputed = tuple(n for n in derived if n not in computed)
        self.sets = (*self.uncomputed, *(s.name for s in steps))
        self.ready = False

    def _bind(self) -> None:
        """Generate this class's `compute` (once, at its first construction: types are resolved by then)."""
        for step in self.steps:
            code = inspect.unwrap(step.fn).__code__
            step.verify = checker(self.cls, step.name, ("@pproperty", (code.co_filename, code.co_firstlineno)))
        self.compute = self._generate()  # type: ignore[method-assign,assignment]
        self.ready = True

    def _generate(self) -> Callable[[Any, Mapping[str, Any]], None]:
        """The source of `compute` for this class, one straight run of lines per computed field, in the fixed order:

        a pin is used as it is; a value whose dependency is still `Required` or `Pinned` stays `Pinned` (a transform
        keeps its input); otherwise the method is called once, a failure gets its note (`_failed`), and the result is
        checked (a value of exactly the field's class without a call) and set. Dependencies are set before they are
        read (the order is topological), so they are read as plain attributes."""
        spec = self.cls.__pconfig_spec__  # type: ignore[attr-defined]
        ns: dict[str, Any] = {"P": Pinned, "R": Required, "Pin": Pin, "set": object.__setattr__, "assign": assign}
        ns["failed"] = self._failed
        for i, step in enumerate(self.steps):
            ns[f"fn{i}"], ns[f"verify{i}"] = step.fn, step.verify

        def steps(indent: str, pins: bool) -> list[str]:
            """The lines of every step; without `pins`, for inputs known to be all `Pinned` (nothing pinned).

            Without pins, a step whose value passed its field's fast class test (`v.__class__ is int`) records it in
            a local (`ok3 = True`): that value is no sentinel, so the steps reading it skip their `Required` and
            `Pinned` test of it."""
            lines = []
            known: set[str] = set()  # steps with an `ok` local
            for name in self.uncomputed:
                if pins:
                    lines.append(f"g = inputs[{name!r}]")
                    lines.append(f"assign(cfg, {name!r}, g.value if isinstance(g, Pin) else P)")
                else:
                    lines.append(f"set(cfg, {name!r}, P)")
            for i, step in enumerate(self.steps):
                name = step.name
                f = spec.field(name)
                fast = f.fast_class is not None and not f.freezes
                flag = not pins and fast
                tests = []
                if pins:
                    lines.append(f"g = inputs[{name!r}]")
                    if step.derived:
                        tests.append(("g.__class__ is Pin", f"assign(cfg, {name!r}, g.value)"))
                    else:
                        tests.append(("g is R", f"set(cfg, {name!r}, R)"))
                if step.deps:
                    blocked = " or ".join(
                        f"(not ok{index[dep]} and ((v := cfg.{dep}) is R or v is P))"
                        if dep in known
                        else f"(v := cfg.{dep}) is R or v is P"
                        for dep in step.deps
                    )
                    then = f"set(cfg, {name!r}, {'P' if step.derived else 'g'})"
                    tests.append((blocked, f"{then}; ok{i} = False" if flag else then))
                for j, (test, then) in enumerate(tests):
                    lines.append(f"{'el' if j else ''}if {test}: {then}")
                inner = "    " if tests else ""
                if tests:
                    lines.append("else:")
                lines.append(f"{inner}try: v = fn{i}(cfg)")
                lines.append(f"{inner}except Exception as e: failed({i}, e, cfg); raise")
                if fast:
                    ns[f"t{i}"] = f.fast_class
                if flag:
                    lines.append(f"{inner}if v.__class__ is t{i}: set(cfg, {name!r}, v); ok{i} = True")
                    lines.append(f"{inner}else: set(cfg, {name!r}, verify{i}(cfg, v)); ok{i} = False")
                    known.add(name)
                elif fast:
                    lines.append(f"{inner}set(cfg, {name!r}, v if v.__class__ is t{i} else verify{i}(cfg, v))")
                else:
                    lines.append(f"{inner}set(cfg, {name!r}, verify{i}(cfg, v))")
            return [indent + line for line in lines] or [indent + "pass"]

        index = {step.name: i for i, step in enumerate(self.steps)}
        lines = ["def compute(cfg, inputs):"]
        if not self.transforms:  # core shares this dictionary among builds that pinned nothing (as their inputs)
            ns["D"] = spec.default_inputs
            lines += ["    if inputs is D:", *steps("        ", pins=False), "    else:", *steps("        ", pins=True)]
        else:
            lines += steps("    ", pins=True)
        compute: Callable[[Any, Mapping[str, Any]], None] = compile_source(
            self.cls, "compute", "\n".join(lines) + "\n", ns
        )["compute"]
        return compute

    def compute(self, cfg: Any, inputs: Mapping[str, Any]) -> None:
        if not self.ready:
            self._bind()  # replaces this method by the generated function, on this instance
        self.compute(cfg, inputs)

    def _failed(self, i: int, exc: Exception, cfg: Any) -> None:
        """The method of step `i` raised `exc`: a read of a value not computed yet becomes a ValueError naming the
        hidden dependency; anything else gets a note saying which field was being computed (and is re-raised)."""
        step = self.steps[i]
        if isinstance(exc, AttributeError):
            missing = getattr(exc, "name", None)
            if missing is not None and missing in self._pending(cfg):
                raise ValueError(self._hidden(step, missing, cfg)) from None
        _annotate(exc, self.cls, step.name, cfg)

    def dependencies(self, name: str) -> tuple[str, ...]:
        """The fields the `@pproperty` of `name` reads (in declaration order)."""
        for step in self.steps:
            if step.name == name:
                return step.deps
        return ()

    def _pending(self, cfg: Any) -> set[str]:
        return {s.name for s in self.steps if not hasattr(cfg, s.name)}

    def _hidden(self, step: _Step, missing: str, cfg: Any) -> str:
        name = self.cls.__qualname__
        return compose(
            f"{name}.{step.name}: reads {missing}, which is computed later or depends on {step.name} "
            f"(a dependency the source does not show: {step.name} -> {missing})",
            where=[("built at", cfg.__pconfig_site__)],
            hint=f"declare it with @pproperty(deps=[{missing!r}]); a cycle through helpers must be broken",
        )


def _annotate(exc: BaseException, cls: type, name: str, cfg: Any) -> None:
    note = (
        f"while computing {cls.__qualname__}.{name} (@pproperty), config built at {format_site(cfg.__pconfig_site__)}"
    )
    add_context(exc, note)


class PinnedKind(DerivedKind):
    label = "Pinned"

    def comment(self, given: object) -> str:
        if isinstance(given, Pin):
            return f"{self.label}: pinned to this value"
        return super().comment(given)

    sentinels = (Pinned,)

    def claims_annotation(self, annotation: object) -> bool:
        return annotation is Pinned or isinstance(annotation, PinnedAlias)

    def inner_annotation(self, annotation: object) -> object:
        return annotation.inner if isinstance(annotation, PinnedAlias) else Any

    def claims_member(self, value: object) -> bool:
        return isinstance(value, PProperty)

    def default_input(self) -> object:
        return Pinned

    def check_input(self, cls: type, field: FieldSpec, value: object, site: Site) -> object:
        if value is Pinned:
            return value
        if isinstance(value, Pin):
            spec = cls.__pconfig_spec__  # type: ignore[attr-defined]
            spec.check_value(field, value.value, None, site)
            return value
        name = cls.__qualname__
        raise ValueError(
            compose(
                f"{name}.{field.name}: is Pinned (computed), so it cannot be set to {short_repr(value)}",
                where=[("set at", site)],
                hint=f"leave it out to compute it, or pin it explicitly: {field.name}=Pin({short_repr(value)})",
            )
        )

    def prepare(
        self, cls: type, fields: tuple[FieldSpec, ...], members: Mapping[str, object], site: Site
    ) -> Computer | None:
        name = cls.__qualname__
        index = {f.name: i for i, f in enumerate(fields)}
        derived = tuple(f.name for f in fields if f.kind is self)
        props: dict[str, PProperty[Any]] = {}
        for member_name, prop in members.items():
            assert isinstance(prop, PProperty)
            if member_name not in index:
                raise TypeError(
                    compose(
                        f"{name}.{member_name}: @pproperty must be named after a declared field",
                        where=[("declared at", site)],
                        hint=f"declare the field: `{member_name}: Pinned[T]` (derived) or `{member_name}: T` "
                        "(an input the method transforms)",
                    )
                )
            props[member_name] = prop
        if not props and not derived:
            return None
        field_names = set(index)
        graph: dict[str, tuple[str, ...]] = {}
        for prop_name, prop in props.items():
            for dep in prop.deps:
                if dep not in index:
                    raise TypeError(
                        compose(
                            f"{name}.{prop_name}: deps names {dep!r}, which is not a field",
                            where=[("declared at", site)],
                            hint=f"name fields of {name}: {', '.join(index)}",
                        )
                    )
            reads = reads_of(prop, cls, field_names)
            if prop_name in reads:
                transform = prop_name not in derived
                raise ValueError(
                    compose(
                        f"{name}.{prop_name}: @pproperty reads itself (self.{prop_name})",
                        where=[("declared at", site)],
                        hint=f"read the user's input with pinputs(self).{prop_name}"
                        if transform
                        else "compute it from other fields",
                    )
                )
            graph[prop_name] = tuple(sorted(reads, key=index.__getitem__))
        order = _order(graph, index, name, site)
        is_derived = set(derived)
        steps = [_Step(n, props[n].fn, n in is_derived, graph[n]) for n in order]
        return PinnedComputer(cls, steps, derived)


def _order(graph: dict[str, tuple[str, ...]], index: Mapping[str, int], name: str, site: Site) -> list[str]:
    """Topological order of the computed fields; ties by declaration order; a cycle is a ValueError.

    Kahn's algorithm with a heap keyed by declaration index: a loop, so chains of any length and declaration order
    cost no recursion. Only when it stalls (a cycle) does `_cycle` walk the graph to name the cycle.
    """
    import heapq  # at class definition only: keeps `import pconfigs.pinnable` cheap

    waiting = {n: {d for d in deps if d in graph} for n, deps in graph.items()}
    users: dict[str, list[str]] = {n: [] for n in graph}
    for n, deps in waiting.items():
        for d in deps:
            users[d].append(n)
    ready = [(index[n], n) for n, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, n = heapq.heappop(ready)
        order.append(n)
        for user in users[n]:
            waiting[user].discard(n)
            if not waiting[user]:
                heapq.heappush(ready, (index[user], user))
    if len(order) < len(graph):
        raise ValueError(
            compose(
                f"{name}: @pproperty dependency cycle: {' -> '.join(_cycle(graph, index))}",
                where=[("declared at", site)],
                hint="compute one of them from inputs only, or make one an input field",
            )
        )
    return order


def _cycle(graph: dict[str, tuple[str, ...]], index: Mapping[str, int]) -> list[str]:
    """The first cycle a depth-first walk meets, starting from fields in declaration order: `[a, b, a]`.

    The walk keeps its own stack (`path`, with one iterator over the dependencies per entry) instead of
    recursing, so it visits exactly as a recursive walk would, and names the same cycle, at any depth.
    """
    done: set[str] = set()
    for root in sorted(graph, key=index.__getitem__):
        if root in done:
            continue
        path = [root]
        on_path = {root}
        pending = [iter(graph[root])]
        while pending:
            for dep in pending[-1]:
                if dep not in graph or dep in done:
                    continue
                if dep in on_path:
                    return [*path[path.index(dep) :], dep]
                path.append(dep)
                on_path.add(dep)
                pending.append(iter(graph[dep]))
                break
            else:
                pending.pop()
                left = path.pop()
                on_path.discard(left)
                done.add(left)
    raise AssertionError("no cycle, yet the topological order stalled")
