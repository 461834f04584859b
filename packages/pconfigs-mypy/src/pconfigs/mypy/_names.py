"""The full names the plugin recognises, and the key of its per-class metadata.

The plugin never imports the pconfigs runtime: it knows the API only by the full names under which mypy sees
it. A public name can be reached under more than one full name, so each entry is a set. Normally mypy reads
the declarations in `pconfigs/__init__.pyi`, `pconfigs/_types.pyi` and `pconfigs/pinnable/__init__.pyi`
(`pconfigs.pconfig`, `pconfigs._types.Defaults`, `pconfigs.pinnable.Pinned`, ...); code that imports a private
module (`pconfigs._registry`), and the project's own type check of its sources, reach the implementation's names.
"""

from __future__ import annotations

PCONFIG = frozenset({"pconfigs._decorate.pconfig", "pconfigs.pconfig"})
PCONFIGED = frozenset({"pconfigs._construct.pconfiged", "pconfigs.pconfiged"})
PDEFAULTS = frozenset({"pconfigs._registry.pdefaults", "pconfigs.pdefaults"})
DEFAULTS_CLASS = frozenset({"pconfigs._registry.Defaults", "pconfigs._types.Defaults"})
PINNED = frozenset({"pconfigs.pinnable._markers.Pinned", "pconfigs.pinnable.Pinned", "pconfigs.Pinned"})
PIN = ("pconfigs.pinnable.Pin", "pconfigs.pinnable._markers.Pin")
"""In lookup order: the declared class first (under the stub, the only one mypy has loaded)."""
PPROPERTY = frozenset({"pconfigs.pinnable._pproperty.pproperty", "pconfigs.pinnable.pproperty", "pconfigs.pproperty"})
TEST_CONFIGS = frozenset({"pconfigs._markers.TestConfigs", "pconfigs.TestConfigs"})
"""The earlier test runner's selection, which the runtime refuses when it is built."""
PSETTER = frozenset({"pconfigs._setter.psetter", "pconfigs.psetter"})
REQUIRED = frozenset({"pconfigs._sentinels.Required", "pconfigs.Required", "pconfigs.pinnable.Required"})

KWARG, NOT_MOCK, OMITTED = "Kwarg", "NotMock", "Omitted"
MARKERS = {
    f"{module}.{marker}": marker
    for module in ("pconfigs", "pconfigs._markers")
    for marker in (KWARG, NOT_MOCK, OMITTED)
}
"""`Kwarg[T]`, `NotMock[T]` and `Omitted[T]` in a `calls=`/`mocks=` body, by full name. In the stub `Kwarg` and
`NotMock` are `Annotated` aliases (mypy reads them as `T` unaided); `Omitted`, and all three in the implementation,
are values, which the type-analysis hook reads as `T`."""
MARKER_VALUES = frozenset(name for name, marker in MARKERS.items() if marker == OMITTED or "._" in name)
"""The markers that are values to mypy, not type aliases: they need the type-analysis hook."""

RESERVED = frozenset({"construct", "constructable_type", "default_config", "environment"})
"""Names of the config's own API, which cannot be fields: a copy of `pconfigs._make.RESERVED`, which the runtime
refuses (the plugin imports nothing of the runtime; `tests/mypy/test_plugin_module.py` keeps the two equal).
`environment` annotated with a `@penv` class is the config's environment, not a field, and is never checked here."""

METADATA = "pconfigs"
"""Key of the plugin's entry in `TypeInfo.metadata`: everything it knows about a class lives there."""

CONFIGURED = "pconfigs_configured"
"""Set on every `@pconfiged` class (its calls take only `config`), in the main semantic pass: `{"mock": bool}`.
A `mock=True` class keeps its `__init__`'s parameters, and its config's fields come from them."""

MOCK_NAME = "__pconfigs-mock"
"""A name (no code can spell it) added to a `mock=True` class: metadata is invisible to the daemon's dependency
triggers, a name is not, so a config of the class is rechecked when `mock=` changes."""

TAG = "pconfigs_tag"
"""Set in the main semantic pass on every `@pconfig` class, so that a subclass can wait for its bases."""

REQUIREMENTS = "__pconfigs-required"
"""A class variable (no code can spell it) whose type lists the fields a build without a base must pass."""

REPLACE = "__mypy-replace"
"""The method in which mypy's dataclass support keeps the signature of `dataclasses.replace` for the class."""

PPROPERTY_SUFFIX = "$pproperty"
"""Appended to the name of a `@pproperty` method so that it does not redefine the field it computes."""

PENUM = frozenset({"pconfigs._enum.penum", "pconfigs.penum"})
PENV = frozenset({"pconfigs._env.penv", "pconfigs.penv"})
ENVIRONMENT = "pconfigs_env"
"""Set on every `@penv` class: a config attribute of that type is a class-level attribute, not a field."""

PATH_FUNCTIONS = {
    "pconfigs.override": "override",
    "pconfigs._override.override": "override",
    "pconfigs.origin": "origin",
    "pconfigs._origins.origin": "origin",
    "pconfigs.sweep.product": "product",
    "pconfigs.sweep.zip": "zip",
}
"""The functions that take dotted paths as string literals (`_paths.py`), by full name."""
