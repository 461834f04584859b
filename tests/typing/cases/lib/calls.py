"""Configs for code the project does not own: a function (`calls=`) and a class (`mocks=`)."""

from __future__ import annotations

from pconfigs import pconfig


def train(data: list[int], lr: float = 0.1, epochs: int = 3) -> float:
    return lr * epochs * len(data)


class Client:
    def __init__(self, endpoint: str, timeout: float = 5.0, retries: int = 2) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries


@pconfig(calls=train)
class TrainCall:
    pass


@pconfig(mocks=Client)
class ClientConfig:
    pass
