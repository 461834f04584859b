"""`construct()` builds the class the config names in `constructs=`."""

from lib.experiments import first

trainer = first.construct()  # pyright-standard: reportAttributeAccessIssue
reveal_type(trainer)  # reveal-mypy: Trainer  # reveal-pyright: Any
