"""A build relying on a default registered in another module (listed in mypy's `defaults_elsewhere`)."""

import lib.defaults  # noqa: F401  (registers LoaderConfig's default)
from lib.loader import LoaderConfig

loader = LoaderConfig(batch_size=64)  # pyright-standard: reportCallIssue
