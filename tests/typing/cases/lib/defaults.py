"""Defaults kept apart from the classes they belong to."""

from __future__ import annotations

from pconfigs import pdefaults

from lib.loader import LoaderConfig

pdefaults += LoaderConfig(batch_size=32, shuffle=True)
