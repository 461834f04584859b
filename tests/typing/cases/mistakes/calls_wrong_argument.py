"""Calling a `calls=` config with an argument of the wrong type."""

from lib.calls import TrainCall

loss = TrainCall()("data")  # mistake  # mypy: arg-type  # pyright-standard: reportCallIssue(other)
