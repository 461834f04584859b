"""The printer's text for Pinned fields: computed values shown with a comment, pins kept by `--runnable`.

The printer's other values are covered in tests/core/test_render_values.py.
"""

from __future__ import annotations

import ast
import importlib
import sys
import textwrap
from typing import Any

import pytest
from pconfigs._render import render_module

MODELS = """
from typing import Any

from pconfigs import pconfig, pconfiged, pdefaults
from pconfigs.pinnable import Pinned, pproperty


@pconfig
class Leaf:
    a: Any
    b: Any


@pconfig
class Base:
    first: Any


@pconfiged(runnable=True)
class App:
    config: "Node"

    def main(self):
        return 0


@pconfig(constructs=App)
class Node(Base):
    value: Any
    leaf: Any
    size: Pinned[int]

    @pproperty
    def size(self) -> int:
        return 4 if isinstance(self.value, dict) else len(type(self.value).__name__)


pdefaults += Node(first=0, value=None, leaf=None)
"""


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("models")
    (root / "rtpinned.py").write_text(MODELS)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("rtpinned")
    finally:
        sys.path.remove(str(root))


NO_BLACK = "black is not installed; black-stability is checked where it is"


def black_stable(text: str) -> bool:
    """Whether black's default style leaves `text` unchanged; skips the calling test where black is not installed."""
    black = pytest.importorskip("black", reason=NO_BLACK)
    return black.format_str(text, mode=black.Mode()) == text


def node(models: Any) -> Any:
    """A config with inputs, an inherited field, nested configs and a Pinned field computed from an input."""
    return models.Node(first=models.Leaf(a=1, b=[1, 2]), value={"k": (1, "x")}, leaf=models.Leaf(a="x", b=None))


def test_pinned_fields_print_their_computed_value_with_a_comment(models: Any) -> None:
    """A Pinned field prints its computed value after the inputs, with a comment saying to omit it."""
    text = render_module(node(models))
    ast.parse(text)
    assert text == textwrap.dedent(
        """\
        from rtpinned import Node, App, Leaf

        # NOTE: This code is not intended to run. It is for reading and looking up type definitions.
        # If you want to run or inspect these objects, import the config from where it is defined.

        Node(
            constructable_type=App,  # ClassVar (omit from config)
            first=Leaf(a=1, b=[1, 2]),
            value={"k": (1, "x")},
            leaf=Leaf(a="x", b=None),
            size=4,  # Pinned (omit from config)
        )
        """
    )


def test_a_pinned_value_says_it_is_pinned(models: Any) -> None:
    """A field fixed with `Pin(...)` prints a comment saying it is pinned, never that it may be omitted."""
    from pconfigs.pinnable import Pin

    text = render_module(models.Node(first=1, value="v", leaf=None, size=Pin(7)))
    assert text.splitlines()[-3:] == [
        "    leaf=None,",
        "    size=7,  # Pinned: pinned to this value",
        ")",
    ]


def test_pinned_fields_print_in_black_style(models: Any) -> None:
    """The Pinned field and its comment are in black's default style."""
    assert black_stable(render_module(node(models)))


def test_runnable_keeps_pins_and_drops_computed_values(models: Any) -> None:
    """Derived fields appear in `--runnable` output only when pinned, as `Pin(value)`."""
    from pconfigs.pinnable import Pin

    cfg = models.Node(first=1, value="v", leaf=None, size=Pin(99))
    text = render_module(cfg, runnable=True)
    assert text == (
        "from rtpinned import Node\nfrom pconfigs.pinnable import Pin\n\n"
        'config = Node(first=1, value="v", leaf=None, size=Pin(99))\n'
    )
    namespace: dict[str, Any] = {}
    exec(text, namespace)
    assert namespace["config"] == cfg
    assert render_module(models.Node(cfg, size=models.Pinned), runnable=True).endswith(
        'config = Node(first=1, value="v", leaf=None)\n'
    )


def test_deep_chains_keep_pinned_comments_and_rebuild(models: Any) -> None:
    """A chain of configs with Pinned fields 200 deep prints with its comments, parses, and `--runnable` rebuilds it."""
    cfg = None
    for _ in range(200):
        cfg = models.Node(first=0, value={}, leaf=cfg)
    readable = render_module(cfg)
    ast.parse(readable)
    assert readable.count("size=4,  # Pinned (omit from config)") == 200
    assert readable.count(" = Node(") == 6  # bound names: 200 levels, 32 written in place per statement
    text = render_module(cfg, runnable=True)
    namespace: dict[str, Any] = {}
    exec(text, namespace)
    assert namespace["config"] == cfg
    assert black_stable(text)
