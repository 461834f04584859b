"""Sub-configs: config-typed fields, optional ones, lists and dicts of configs, nested trees."""

from __future__ import annotations

import ast
import copy
import pickle
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pconfigs import Required, pconfig, pconfiged, pdefaults
from pconfigs._site import line_of


@pconfig
class Optimizer:
    lr: float
    momentum: float


@pconfig
class Adam(Optimizer):
    beta2: float


@pconfig
class Data:
    path: str
    workers: int


@pconfiged
class Experiment:
    config: ExperimentConfig

    def __init__(self) -> None:
        self.optimizer_config = self.config.optimizer


@pconfig(constructs=Experiment)
class ExperimentConfig:
    optimizer: Optimizer
    data: Optional[Data]
    extra: list[Data]
    named: dict[str, Optimizer]


pdefaults += Optimizer(lr=0.1, momentum=0.9)
pdefaults += ExperimentConfig(optimizer=pdefaults(Optimizer), data=None, extra=[], named={})


def test_default_holds_another_class_default() -> None:
    """A default can hold another class's registered default."""
    assert ExperimentConfig().optimizer is pdefaults(Optimizer)


def test_subclass_config_is_accepted_for_a_config_field() -> None:
    """A field typed as a config class accepts a config of a subclass."""
    adam = Adam(lr=0.01, momentum=0.9, beta2=0.999)
    assert ExperimentConfig(optimizer=adam).optimizer is adam


def test_building_from_a_base_replaces_a_sub_config_whole() -> None:
    """A sub-config passed as a keyword replaces the base's sub-config as a whole value."""
    base = ExperimentConfig(optimizer=Optimizer(lr=0.5, momentum=0.5))
    changed = ExperimentConfig(base, optimizer=Optimizer(lr=0.1))
    assert changed.optimizer == Optimizer(lr=0.1, momentum=0.9)


def test_building_a_sub_config_from_the_old_one_keeps_its_other_values() -> None:
    """To change one value of a sub-config, build the new sub-config from the base's."""
    base = ExperimentConfig(optimizer=Optimizer(lr=0.5, momentum=0.5))
    changed = ExperimentConfig(base, optimizer=Optimizer(base.optimizer, lr=0.1))
    assert changed.optimizer == Optimizer(lr=0.1, momentum=0.5)


def test_optional_sub_config_accepts_none_and_a_config() -> None:
    """An Optional sub-config holds None or a config, nothing else."""
    assert ExperimentConfig(data=Data(path="p", workers=1)).data == Data(path="p", workers=1)
    assert ExperimentConfig(data=None).data is None


def test_wrong_type_inside_containers_of_configs_names_the_element(sites: Any) -> None:
    """A non-config inside a list or dict of configs is reported with its index or key."""
    with pytest.raises(TypeError) as info:
        ExperimentConfig(named={"a": Data(path="p", workers=1)})
    assert str(info.value) == (
        "ExperimentConfig.named['a']: expected Optimizer, got Data Data(path=\"p\", workers=1)\n"
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass a value of type Optimizer"
    )


def test_required_inside_sub_configs_is_listed_by_dotted_path() -> None:
    """construct() lists Required fields of nested configs with dotted paths."""
    cfg = ExperimentConfig(data=Data(path=Required, workers=1), extra=[Data(path="p", workers=Required)])
    with pytest.raises(TypeError, match=r"still Required: data\.path, extra\[0\]\.workers\n"):
        cfg.construct()


def test_construct_builds_only_the_top_object() -> None:
    """construct() builds the top object; sub-configs stay configs for it to construct."""
    obj = ExperimentConfig().construct()
    assert obj.optimizer_config is pdefaults(Optimizer)


def test_each_level_records_where_it_was_built() -> None:
    """Every config in a tree records its own construction site."""
    inner = Data(path="p", workers=1)
    inner_line = __import__("sys")._getframe().f_lineno - 1  # the line above
    outer = ExperimentConfig(data=inner)
    outer_line = __import__("sys")._getframe().f_lineno - 1  # the line above
    assert line_of(outer.data.__pconfig_site__) == (__file__, inner_line)
    assert line_of(outer.__pconfig_site__) == (__file__, outer_line)


@pconfig
class Node:
    value: int
    children: list[Node]


def trees(depth: int) -> st.SearchStrategy[Node]:
    if depth == 0:
        return st.builds(lambda v: Node(value=v, children=[]), st.integers())
    return st.builds(
        lambda v, kids: Node(value=v, children=kids), st.integers(), st.lists(trees(depth - 1), max_size=3)
    )


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=4).flatmap(trees))
def test_random_trees_round_trip(tree: Node) -> None:
    """Random trees survive pickle, deepcopy, rebuilding from themselves and the printer's --runnable form."""
    assert pickle.loads(pickle.dumps(tree)) == tree
    assert copy.deepcopy(tree) == tree
    assert Node(tree) == tree
    from pconfigs._render import render_module

    namespace: dict[str, Any] = {}
    exec(render_module(tree, runnable=True), namespace)
    assert namespace["config"] == tree
    ast.parse(render_module(tree))
