"""The printer shows a config's `@penv` environment with the values read at print time."""

from __future__ import annotations

import ast

import pytest
from pconfigs import pconfig, penv
from pconfigs._render import render_expression, render_module


@penv(convention="uppercase")
class WorkerEnv:
    workers: int = 2
    rank: int


@pconfig
class Loader:
    environment: WorkerEnv
    batch: int


def test_values_are_read_at_print_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each variable prints with its current value; an unreadable one prints as ... with the error."""
    monkeypatch.setenv("WORKERS", "8")
    monkeypatch.delenv("RANK", raising=False)
    text = render_expression(Loader(batch=4))
    assert text == (
        "Loader(\n"
        "    environment=WorkerEnv(\n"
        "        workers=8,\n"
        "        rank=...,\n"
        "    ),  # Environment, read at print time (omit from config); $RANK: WorkerEnv.rank: environment variable "
        "'RANK' is not set and has no default\n"
        "    batch=4,\n"
        ")"
    )
    ast.parse(text, mode="eval")
    monkeypatch.setenv("RANK", "3")
    assert "rank=3" in render_expression(Loader(batch=4))


def test_runnable_output_leaves_the_environment_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """--runnable writes inputs only: the environment is not a field."""
    monkeypatch.setenv("RANK", "0")
    text = render_module(Loader(batch=4), runnable=True)
    assert text.splitlines()[-1] == "config = Loader(batch=4)"
