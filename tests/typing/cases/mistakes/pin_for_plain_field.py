"""`Pin(...)` for a field that is not derived."""

from lib.pipeline import DataConfig
from pconfigs import Pin

data = DataConfig(path="/data", workers=Pin(4))  # mistake  # mypy: arg-type  # pyright-standard: reportArgumentType
