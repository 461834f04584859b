"""A `calls=` config: its fields are the function's defaulted parameters; calling it calls the function."""

from lib.calls import TrainCall

config = TrainCall(lr=0.2)  # pyright-standard: reportCallIssue
loss = config([1, 2, 3], epochs=1)  # pyright-standard: reportCallIssue
