"""A field left out of a build of a class that has no default."""

from lib.pipeline import DataConfig

data = DataConfig(path="/data")  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue
