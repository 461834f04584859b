"""Field docs: a string literal right after a field's annotation is that field's doc (DESIGN 6.3).

    @pconfig
    class TrainerConfig:
        steps: int
        \"\"\"Optimizer steps to run.\"\"\"

This is the attribute-docstring convention that Sphinx and pydantic read. Python keeps no trace of such a string
at run time, so `field_docs` reads the class's source with `ast`, lazily: building or decorating a config never
reads source, and each class is parsed at most once (the result is kept per class, weakly). A class whose source
cannot be read (defined by `exec`, in a REPL, or in a file that no longer exists) has no docs, and asking for them
is not an error.

Inherited fields keep their doc: the docs of every class in the MRO are merged, base classes first, so a subclass
that re-declares a field with a doc of its own replaces the parent's, and one that re-declares it without a doc
keeps it. Docs are `inspect.cleandoc`ed (indentation and blank edge lines removed).
"""

from __future__ import annotations

import ast
import weakref

from ._errors import compose, short_repr
from ._spec import is_config_class

__all__ = ["field_docs"]

_own: weakref.WeakKeyDictionary[type, dict[str, str]] = weakref.WeakKeyDictionary()
"""Each class's own docs: the names its body annotates, with the string literal that follows each."""


def field_docs(cls: type) -> dict[str, str]:
    """The doc of each documented field of `cls`, inherited fields included, in field order.

    For a class that is not a config (a `@penv` class, say), every annotated name of its body and its bases'.
    """
    if not isinstance(cls, type):
        raise TypeError(
            compose(
                f"field_docs: expected a class, got {type(cls).__qualname__} {short_repr(cls)}",
                hint="pass the config's class: field_docs(type(cfg))",
            )
        )
    config = is_config_class(cls)
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass is not object and (not config or is_config_class(klass)):
            docs.update(_docs_of(klass))
    if config:
        return {name: docs[name] for name in cls.__pconfig_spec__.names if name in docs}  # type: ignore[attr-defined]
    return docs


def _docs_of(cls: type) -> dict[str, str]:
    found = _own.get(cls)
    if found is None:
        found = _read(cls)
        try:
            _own[cls] = found
        except TypeError:  # a class that cannot be referenced weakly: read each time
            pass
    return found


def _read(cls: type) -> dict[str, str]:
    """The docs in the body of `cls` as its source file has it; none when the source cannot be read."""
    import inspect
    import textwrap

    try:
        lines, start = inspect.getsourcelines(cls)
    except (OSError, TypeError):
        return {}
    try:
        tree = ast.parse(textwrap.dedent("".join(lines)))
        body = next((node.body for node in tree.body if isinstance(node, ast.ClassDef)), [])
    except SyntaxError:  # a nested class whose strings' lines start left of it: read the whole module instead
        body = _body_in_module(cls, start)
    docs = {}
    for statement, following in zip(body, body[1:]):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def _body_in_module(cls: type, start: int) -> list[ast.stmt]:
    """The body of the class statement starting at line `start` (its first decorator's line) of `cls`'s module."""
    import inspect
    import sys

    try:
        tree = ast.parse(inspect.getsource(sys.modules[cls.__module__]))
    except (KeyError, OSError, TypeError, SyntaxError):
        return []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and min([node.lineno, *(d.lineno for d in node.decorator_list)]) == start:
            return node.body
    return []
