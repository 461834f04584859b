"""A parent's config as base of a subclass, without the subclass's own field."""

from lib.experiments import data
from lib.pipeline import ImageDataConfig

images = ImageDataConfig(data, workers=8)  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue(other)
