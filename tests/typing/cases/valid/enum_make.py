"""`Activation.make("relu")` and `Activation("relu")` look a member up by value."""

from lib.pipeline import Activation

by_make = Activation.make("relu")  # pyright-standard: reportAttributeAccessIssue
by_call = Activation("relu")  # pyright-standard: reportCallIssue
