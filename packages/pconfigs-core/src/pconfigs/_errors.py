"""The shape of every user-facing error message.

    TrainerConfig.base_lr: expected float, got str '1e-3'
      set at project/experiments/second.py:14
      hint: drop the quotes

First line `Class.field: problem`; then where; then any detail lines; then one hint. Building the text lives
here so every error reads the same way: every hint in pconfigs goes through `compose`.

Exceptions raised by the user's own code (a `@pproperty`, `__post_init__`, a constructed class's `__init__`,
`construct()`, a `calls=` function, `main`) keep their type and traceback; `add_context` adds one line saying
what pconfigs was doing and where the config was built, as a note (Python 3.11+) or, on 3.10, appended to the
message, which is the only place a 3.10 traceback shows it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from ._site import Site, format_site

__all__ = ["add_context", "compose", "did_you_mean", "require_class", "safe_repr", "short_repr"]


def compose(
    head: str,
    *,
    where: Iterable[tuple[str, Site | None]] = (),
    details: Iterable[str] = (),
    hint: str | None = None,
) -> str:
    lines = [head]
    lines.extend(f"  {label} {format_site(site)}" for label, site in where)
    lines.extend(f"  {d}" for d in details)
    if hint:
        lines.append(f"  hint: {hint}")
    return "\n".join(lines)


def require_class(decorator: str, obj: object, site: Site, example: str) -> None:
    """Refuse a decorator applied to something that is not a class (`@pconfig` on a function, say)."""
    if not isinstance(obj, type):
        raise TypeError(
            compose(
                f"{decorator}: expected a class, got {type(obj).__qualname__} {short_repr(obj)}",
                where=[("used at", site)],
                hint=f"decorate a class body: {example}",
            )
        )


def did_you_mean(name: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=cutoff)
    return f"did you mean {close[0]!r}?" if close else None


def safe_repr(value: object) -> str:
    """`repr(value)`, or a description when `repr` fails (a broken `__repr__`, an int past CPython's digit limit)."""
    try:
        return repr(value)
    except Exception as exc:  # a broken __repr__ must not hide the real error
        if isinstance(value, int):
            return f"<{type(value).__qualname__} of {value.bit_length()} bits>"
        return f"<{type(value).__qualname__} object (repr failed: {type(exc).__name__})>"


def short_repr(value: object, limit: int = 60) -> str:
    text = safe_repr(value)
    if "\n" in text:  # a config long enough to print over several lines: name it, elided
        text = text.split("\n", 1)[0].rstrip() + "...)"
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def add_context(exc: BaseException, note: str) -> None:
    """Add `note` to an exception raised by user code, keeping its type and traceback."""
    if sys.version_info >= (3, 11):
        exc.add_note(note)
        return
    # Python 3.10 prints no notes: the note joins the message, and `__notes__` is kept as 3.11 keeps it, for code
    # that reads the notes apart from the message (run records, tests).
    notes = getattr(exc, "__notes__", None)
    try:
        object.__setattr__(exc, "__notes__", [*(notes if isinstance(notes, list) else []), note])
    except AttributeError:  # an exception class with __slots__
        pass
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        exc.args = (f"{exc.args[0]}\n{note}",)
    else:
        exc.args = (*exc.args, note)
