"""A config of a subclass as the base of its parent class (its extra fields would be dropped)."""

from lib.experiments import image_data
from lib.pipeline import DataConfig

data = DataConfig(image_data, workers=8)  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
