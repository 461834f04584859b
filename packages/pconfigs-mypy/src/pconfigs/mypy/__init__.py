"""pconfigs.mypy: the mypy plugin for pconfigs, enabled with `plugins = ["pconfigs.mypy"]`.

It imports mypy and nothing of the pconfigs runtime: it knows pconfigs' API by full names only.
"""

from __future__ import annotations

from mypy.plugin import Plugin

from ._plugin import VERSION, PconfigsPlugin

__all__ = ["PconfigsPlugin", "__version__", "plugin"]

__version__ = VERSION


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point: the plugin class for this mypy version."""
    return PconfigsPlugin
