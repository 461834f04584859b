"""`pconfigs.origin` tells where a value came from, layer by layer."""

import pconfigs
from lib.experiments import first

history = pconfigs.origin(first, "base_lr")
summary: str = str(history)
for layer in history:
    print(layer.kind, layer.site, layer.describe())
