"""A subclass config adds a field and can be built from a parent's config plus the new field."""

from lib.experiments import data
from lib.pipeline import DataConfig, ImageDataConfig

images = ImageDataConfig(data, size=128)  # pyright-standard: reportCallIssue
parent: DataConfig = images
