"""An unknown field of a `calls=` config."""

from lib.calls import TrainCall

config = TrainCall(lrr=0.2)  # mistake  # mypy: call-arg  # pyright-standard: reportCallIssue(other)
