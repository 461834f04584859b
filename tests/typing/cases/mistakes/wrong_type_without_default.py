"""A string for an int field of a config that has no default, every field passed."""

from lib.pipeline import DataConfig

data = DataConfig(path="/data", workers="4")  # mistake  # mypy: arg-type  # pyright-standard: reportArgumentType
