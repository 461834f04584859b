"""The plugin's own settings, read from the mypy configuration file.

One setting exists: `defaults_elsewhere`, the escape hatch for defaults registered outside the config class's
module. The plugin only sees `pdefaults += Cls(...)` in the module that defines `Cls` (a registration anywhere
else could not invalidate the class's cache entry), so a class whose default lives in another module is listed
here by full name or glob pattern, and its fields are optional in every call:

    [tool.pconfigs-mypy]                       # pyproject.toml
    defaults_elsewhere = ["project.modules.*", "project.data.LoaderConfig"]

    [pconfigs-mypy]                            # mypy.ini / setup.cfg
    defaults_elsewhere = project.modules.*, project.data.LoaderConfig

The settings are part of `report_config_data`, so changing them invalidates mypy's cache. A misconfiguration is a
`ValueError` whose message is one line in mypy's format (`mypy.ini: error: ...`), which the plugin reports as a
`CompileError`.
"""

from __future__ import annotations

import configparser
import difflib
import fnmatch
import sys
from dataclasses import dataclass

if sys.version_info >= (3, 11):
    import tomllib
else:  # mypy itself depends on tomli before Python 3.11
    import tomli as tomllib

__all__ = ["SECTION", "PluginOptions"]

SECTION = "pconfigs-mypy"
KNOWN = frozenset({"defaults_elsewhere"})


@dataclass(frozen=True)
class PluginOptions:
    defaults_elsewhere: tuple[str, ...] = ()

    @classmethod
    def read(cls, config_file: str | None) -> PluginOptions:
        """The settings in `config_file` (mypy's own configuration file), or the defaults."""
        if not config_file:
            return cls()
        if config_file.endswith(".toml"):
            with open(config_file, "rb") as f:
                section = tomllib.load(f).get("tool", {}).get(SECTION, {})
            raw = section.get("defaults_elsewhere", [])
            if isinstance(raw, str):
                raw = [raw]
        else:
            parser = configparser.ConfigParser()
            parser.read(config_file)
            section = parser[SECTION] if parser.has_section(SECTION) else {}
            raw = [p.strip() for p in section.get("defaults_elsewhere", "").replace("\n", ",").split(",")]
        unknown = sorted(set(section) - KNOWN)
        if unknown:
            close = difflib.get_close_matches(unknown[0], sorted(KNOWN), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the settings are: {', '.join(sorted(KNOWN))}"
            raise ValueError(f"{config_file}: error: [{SECTION}] has unknown setting {unknown[0]!r}; {hint}")
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            raise ValueError(
                f"{config_file}: error: [{SECTION}] defaults_elsewhere must be a list of class names or patterns, "
                'as in defaults_elsewhere = ["project.modules.*"]'
            )
        return cls(tuple(p for p in raw if p))

    def defaults_elsewhere_for(self, fullname: str) -> bool:
        """Whether the class `fullname` has a default registered outside its module."""
        return any(fnmatch.fnmatchcase(fullname, pattern) for pattern in self.defaults_elsewhere)

    def snapshot(self) -> dict[str, object]:
        return {"defaults_elsewhere": list(self.defaults_elsewhere)}
