"""Assigning the value of a `Pin` (pins are immutable)."""

from pconfigs import Pin

pin = Pin(3)
pin.value = 4  # mistake  # mypy: misc  # pyright-standard: reportAttributeAccessIssue
