"""Code written for the earlier pconfigs: sub-configs, `psetter`, `Cls.default_config` and
`@pconfig(inherit_constructable_type=...)` (its page "Design Patterns: Subconfigs" and its tests t001, t021, t025,
t029 and t040; classes named `Test...` there are renamed so that pytest does not collect them)."""

from __future__ import annotations

import dataclasses
import sys
from typing import Any

import pytest
from pconfigs import psetter
from pconfigs.pinnable import Pin, Pinned, pconfig, pconfiged, pdefaults, pinputs, pproperty

# ---- psetter with inputs of a subclass holding sub-configs of a subclass (t040).


@pconfig
class OtherConfig:
    a: str
    b: str


pdefaults += OtherConfig(
    a="a",
    b="b",
)


@pconfig
class OtherConfig2(OtherConfig):
    c: str
    d: str


pdefaults += OtherConfig2(
    c="c",
    d="d",
)


@pconfig
class SampleConfig:
    x: float
    y: float
    other: OtherConfig


pdefaults += SampleConfig(
    x=1,
    y=2,
    other=pdefaults(OtherConfig),
)


@pconfig
class SampleConfig2(SampleConfig):
    z: float


pdefaults += SampleConfig2(
    z=3,
    other=pdefaults(OtherConfig2),
)

other_default = SampleConfig(
    x=100,
    y=200,
    other=OtherConfig(
        a="A",
        b="B",
    ),
)


def test_a_subclass_default_holds_a_subclass_sub_config() -> None:
    """A field typed `OtherConfig` holds a config of a subclass, kept with its extra fields."""
    sample_config = SampleConfig(other=pdefaults(OtherConfig2))
    assert repr(sample_config) == 'SampleConfig(x=1, y=2, other=OtherConfig2(a="a", b="b", c="c", d="d"))'


def test_psetter_fills_the_rest_from_defaults() -> None:
    """Without inputs, what was not set comes from the registered defaults, at every level."""
    ps: SampleConfig = psetter(type=SampleConfig)
    ps.y = 20
    ps.other.b = "bb"
    config = psetter(construct=ps)
    assert repr(config) == 'SampleConfig(x=1, y=20, other=OtherConfig(a="a", b="bb"))'


def test_psetter_fills_the_rest_from_its_inputs() -> None:
    """With inputs, what was not set comes from the inputs, at every level."""
    ps: SampleConfig = psetter(type=SampleConfig, inputs=other_default)
    ps.y = 202
    ps.other.b = "BB"
    config = psetter(construct=ps)
    assert repr(config) == 'SampleConfig(x=100, y=202, other=OtherConfig(a="A", b="BB"))'


def test_psetter_keeps_the_classes_of_its_inputs() -> None:
    """Inputs of a subclass, holding a sub-config of a subclass, give a config of those subclasses (t040)."""
    ps: SampleConfig = psetter(type=SampleConfig, inputs=pdefaults(SampleConfig2))
    ps.y = 202
    ps.other.b = "BB"
    config = psetter(construct=ps)
    assert type(config) is SampleConfig2
    assert type(config.other) is OtherConfig2
    assert repr(config) == 'SampleConfig2(x=1, y=202, other=OtherConfig2(a="a", b="BB", c="c", d="d"), z=3)'


def test_a_sub_config_of_the_wrong_class_is_refused_when_built(sites: Any) -> None:
    """A sub-config that is not of the annotated class is a TypeError when the holder is built (the earlier
    one accepted it and only psetter raised a ValueError later)."""
    with pytest.raises(TypeError) as info:
        SampleConfig2(other=other_default)
    assert str(info.value) == (
        "SampleConfig2.other: expected OtherConfig, got SampleConfig "
        'SampleConfig(x=100, y=200, other=OtherConfig(a="A", b="B"))\n'
        f"  set at {sites.raised(info, __file__)}\n"
        "  hint: pass a value of type OtherConfig"
    )


def test_psetter_refuses_a_field_set_twice(sites: Any) -> None:
    """Setting the same field twice on a psetter is a ValueError naming both lines."""
    ps: SampleConfig = psetter(type=SampleConfig)
    ps.y = 1
    first = sites.text(__file__, sys._getframe().f_lineno - 1)
    with pytest.raises(ValueError) as info:
        ps.y = 2
    assert str(info.value) == (
        "SampleConfig.y: set twice on the same psetter\n"
        f"  first set at {first}\n"
        f"  set again at {sites.raised(info, __file__)}\n"
        "  hint: set each field once; start another psetter for a variant"
    )


def test_psetter_without_type_or_construct_is_a_type_error(sites: Any) -> None:
    """`psetter()` is a TypeError that shows how to use it."""
    with pytest.raises(TypeError) as info:
        psetter()  # type: ignore[call-overload]
    assert str(info.value) == (
        "psetter: got nothing; say which config class to record with type=\n"
        f"  called at {sites.raised(info, __file__)}\n"
        "  hint: ps = psetter(type=MyConfig, inputs=base); ps.field = ...; config = psetter(construct=ps)"
    )


# ---- Sub-configs constructed by the class that holds them, and tied parameters (the page "Subconfigs").


@pconfiged
class Model:
    config: ModelConfig


@pconfig(constructs=Model)
class ModelConfig:
    image_size: Pinned[int]  # User cannot set image_size.
    depth: int


@pconfig
class WideModelConfig(ModelConfig):
    width: int


@pconfiged
class Trainer:
    config: TrainerConfig

    def __init__(self):
        self.model = self.config.model_config.construct()


@pconfig(constructs=Trainer)
class TrainerConfig:
    model_config: ModelConfig


@pconfiged
class Dataset:
    config: DatasetConfig


@pconfig(constructs=Dataset)
class DatasetConfig:
    image_size: int


@pconfiged(runnable=True)
class System:
    config: SystemConfig

    def __init__(self):
        self.trainer = self.config.trainer_config.construct()
        self.dataset = self.config.dataset_config.construct()

    def main(self, *args, **kwargs):
        return 0


@pconfig(constructs=System)
class SystemConfig:
    trainer_config: TrainerConfig
    dataset_config: DatasetConfig

    @pproperty
    def trainer_config(self) -> TrainerConfig:
        ps = psetter(
            type=TrainerConfig,
            inputs=pinputs(self).trainer_config,
        )
        ps.model_config.image_size = Pin(self.dataset_config.image_size)

        return psetter(construct=ps)


pdefaults += ModelConfig(image_size=Pinned, depth=4)
pdefaults += TrainerConfig(model_config=pdefaults(ModelConfig))
pdefaults += DatasetConfig(image_size=32)
pdefaults += SystemConfig(trainer_config=pdefaults(TrainerConfig), dataset_config=pdefaults(DatasetConfig))


def test_the_system_ties_a_parameter_between_sub_configs() -> None:
    """A property of the holder pins the model's image size to the dataset's, through psetter and Pin."""
    system_config = SystemConfig(dataset_config=DatasetConfig(image_size=64))
    assert repr(system_config) == (
        "SystemConfig(\n"
        "    constructable_type=System,  # ClassVar (omit from config)\n"
        "    trainer_config=TrainerConfig(\n"
        "        constructable_type=Trainer,  # ClassVar (omit from config)\n"
        "        model_config=ModelConfig(\n"
        "            constructable_type=Model,  # ClassVar (omit from config)\n"
        "            image_size=64,  # Pinned: pinned to this value\n"
        "            depth=4,\n"
        "        ),\n"
        "    ),\n"
        "    dataset_config=DatasetConfig(\n"
        "        constructable_type=Dataset,  # ClassVar (omit from config)\n"
        "        image_size=64,\n"
        "    ),\n"
        ")"
    )


def test_the_input_sub_config_class_is_kept() -> None:
    """A user's subclass of the model config survives the tie: psetter respects the input types."""
    wide = TrainerConfig(model_config=WideModelConfig(depth=2, width=8))
    system_config = SystemConfig(trainer_config=wide)
    assert type(system_config.trainer_config.model_config) is WideModelConfig
    assert system_config.trainer_config.model_config.image_size == 32


def test_construct_does_not_build_sub_configs_the_class_does() -> None:
    """`construct()` builds only the system; its `__init__` constructs the sub-configs it holds."""
    system = SystemConfig().construct()
    assert (type(system.trainer), type(system.trainer.model), type(system.dataset)) == (Trainer, Model, Dataset)
    assert system.trainer.model.config.image_size == 32


# ---- `Cls.default_config` (t021).


@pconfig
class DefaultedConfig:
    x: float
    y: float
    z: Pinned[float]
    w: float

    @pproperty
    def x(self) -> float:
        return self.y * 2


pdefaults += DefaultedConfig(
    x=1,
    y=2,
    z=Pin(3),
    w=4,
)


@pconfig
class ChildDefaultedConfig(DefaultedConfig):
    q: float


def test_default_config_is_the_registered_default() -> None:
    """`Cls.default_config` is the registered default itself, as `pdefaults(Cls)` returns it."""
    assert isinstance(DefaultedConfig.default_config, DefaultedConfig)
    assert pdefaults(DefaultedConfig) is DefaultedConfig.default_config
    assert pdefaults(DefaultedConfig.default_config) is DefaultedConfig.default_config
    assert repr(DefaultedConfig.default_config) == (
        "DefaultedConfig(\n    x=4,\n    y=2,\n    z=3,  # Pinned: pinned to this value\n    w=4,\n)"
    )


def test_default_config_is_none_without_a_registered_default() -> None:
    """A class without a default of its own reads `None`, and builds from its ancestors' defaults."""
    assert ChildDefaultedConfig.default_config is None
    assert pdefaults(ChildDefaultedConfig) is None
    child = ChildDefaultedConfig(y=6, q=9)
    assert (child.x, child.y, child.z, child.w, child.q) == (12, 6, 3, 4, 9)


def test_pdefaults_of_something_else_is_a_type_error() -> None:
    """`pdefaults(123)` is a TypeError."""
    with pytest.raises(TypeError):
        pdefaults(123)  # type: ignore[call-overload]


# ---- `@pconfig(inherit_constructable_type=...)` (t001, t025, t029).


@pconfiged
class Base:
    config: BaseConfig

    def __init__(self):
        self.built_from = type(self.config).__name__


@pconfig(constructs=Base)
class BaseConfig:
    x: int


@pconfiged
class Derived(Base):
    config: DerivedConfig


@pconfig(constructs=Derived)
class DerivedConfig(BaseConfig):
    y: int


@pconfig(inherit_constructable_type=True)
class ThirdConfig(DerivedConfig):
    z: int


@pconfig
class FourthConfig(DerivedConfig):
    w: int


@pconfig(inherit_constructable_type=False)
class DataOnlyConfig(BaseConfig):
    q: int


def test_inherit_constructable_type_true_constructs_the_parents_class() -> None:
    """`inherit_constructable_type=True` constructs the parent's class from the subclass's config, and prints it."""
    third_config = ThirdConfig(x=1, y=2, z=3)
    third = third_config.construct()
    assert (type(third), third.built_from) == (Derived, "ThirdConfig")
    assert "constructable_type" in str(third_config)
    assert repr(third_config) == (
        "ThirdConfig(\n    constructable_type=Derived,  # ClassVar (omit from config)\n    x=1,\n    y=2,\n    z=3,\n)"
    )


def test_without_the_argument_a_subclass_constructs_the_parents_class() -> None:
    """A plain `@pconfig` subclass constructs what its parent does (the earlier one raised a ValueError)."""
    assert type(FourthConfig(x=1, y=2, w=4).construct()) is Derived


def test_inherit_constructable_type_false_constructs_nothing(sites: Any) -> None:
    """`inherit_constructable_type=False` makes a data-only subclass: `construct()` is a TypeError saying why."""
    assert DataOnlyConfig.constructable_type is None
    assert [f.name for f in dataclasses.fields(DataOnlyConfig)] == ["x", "q"]
    cfg = DataOnlyConfig(x=1, q=2)
    built = sites.text(__file__, sys._getframe().f_lineno - 1)
    with pytest.raises(TypeError) as info:
        cfg.construct()
    assert str(info.value) == (
        "DataOnlyConfig.construct: DataOnlyConfig constructs nothing\n"
        f"  built at {built}\n"
        "  hint: DataOnlyConfig is declared with inherit_constructable_type=False; drop it to construct Base as its "
        "parent does, or declare the class with @pconfig(constructs=SomeClass)"
    )


def test_constructs_wins_over_inherit_constructable_type() -> None:
    """With `constructs=`, the new class is constructed whatever `inherit_constructable_type` says."""
    assert type(DerivedConfig(x=1, y=2).construct()) is Derived


def test_inherit_constructable_type_must_be_a_bool(sites: Any) -> None:
    """A value other than True, False or None is a TypeError when decorating."""
    declared = sites.text(__file__, sys._getframe().f_lineno + 3)  # the decorator below
    with pytest.raises(TypeError) as info:

        @pconfig(inherit_constructable_type="yes")  # type: ignore[call-overload]
        class Unsure(BaseConfig):
            pass

    assert str(info.value) == (
        "@pconfig: inherit_constructable_type='yes' is not a bool\n"
        f"  used at {declared}\n"
        "  hint: pass True (construct what the parent constructs, the default) or False (construct nothing)"
    )
