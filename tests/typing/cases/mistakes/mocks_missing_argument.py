"""`construct()` of a `mocks=` config without the target's required argument."""

from lib.calls import ClientConfig

client = ClientConfig().construct()  # mistake  # mypy: call-arg  # pyright-standard: reportAttributeAccessIssue(other)
