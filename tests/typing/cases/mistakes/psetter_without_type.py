"""`psetter` given only `inputs=` (it needs `type=`)."""

from lib.experiments import first
from pconfigs import psetter

ps = psetter(inputs=first)  # mistake  # mypy: call-overload  # pyright-standard: reportCallIssue
