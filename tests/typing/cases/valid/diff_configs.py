"""`pconfigs.diff` lists the differences between two configs; they format as text or as JSON data."""

import pconfigs
from lib.experiments import first
from lib.trainer import TrainerConfig

changes = pconfigs.diff(first, TrainerConfig(first, steps=9))  # pyright-standard: reportCallIssue
for change in changes:
    print(change.path, change.old, change.new, change.derived)
text: str = pconfigs.format_diff(changes)
data = pconfigs.diff_as_json(changes)
