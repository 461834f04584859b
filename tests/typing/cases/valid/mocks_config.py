"""A `mocks=` config: `construct(...)` builds the class with the config's values plus the given arguments."""

from lib.calls import ClientConfig

config = ClientConfig(timeout=1.0)  # pyright-standard: reportCallIssue
client = config.construct("https://example.com")  # pyright-standard: reportAttributeAccessIssue
