"""The printer shows a config's `@penv` environment with the values read when the config was built."""

from __future__ import annotations

import ast
from typing import Any

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


@pconfig
class Job:
    name: str
    loader: Loader


def test_values_read_at_build_are_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each variable prints with the value the build read, not a later one; one unreadable at build prints as ..."""
    monkeypatch.setenv("WORKERS", "8")
    monkeypatch.delenv("RANK", raising=False)
    cfg = Loader(batch=4)
    monkeypatch.setenv("WORKERS", "64")
    monkeypatch.setenv("RANK", "3")
    text = render_expression(cfg)
    assert text == (
        "Loader(\n"
        "    environment=WorkerEnv(\n"
        "        workers=8,\n"
        "        rank=...,\n"
        "    ),  # Environment, read at build (omit from config); $RANK: WorkerEnv.rank: environment variable "
        "'RANK' is not set and has no default\n"
        "    batch=4,\n"
        ")"
    )
    ast.parse(text, mode="eval")
    assert "rank=3" in render_expression(Loader(batch=4))


def test_a_config_without_the_record_reads_at_print_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the values recorded by its build, the printer reads the variables now and says so."""
    monkeypatch.setenv("RANK", "1")
    cfg = Loader(batch=4)
    object.__delattr__(cfg, "__pconfig_env__")
    monkeypatch.setenv("RANK", "5")
    assert render_expression(cfg) == (
        "Loader(\n"
        "    environment=WorkerEnv(\n"
        "        workers=2,\n"
        "        rank=5,\n"
        "    ),  # Environment, read at print time (omit from config)\n"
        "    batch=4,\n"
        ")"
    )


def test_runnable_output_writes_the_environment_as_a_comment(monkeypatch: pytest.MonkeyPatch) -> None:
    """--runnable leaves the environment out of the expression and names the values read at build above it."""
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("WORKERS", "8")
    cfg = Loader(batch=4)
    monkeypatch.setenv("WORKERS", "64")
    text = render_module(cfg, runnable=True)
    assert text == (
        "from test_render_environment import Loader\n"
        "\n"
        "# environment read at build: WORKERS=8, RANK=0\n"
        "config = Loader(batch=4)\n"
    ).replace("test_render_environment", __name__)
    namespace: dict[str, Any] = {}
    exec(text, namespace)
    assert namespace["config"] == cfg
    assert namespace["config"].__pconfig_env__["environment"][0].value == 64  # importing it reads again


def test_runnable_output_names_a_sub_config_environment_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sub-config's environment is named by its path; a variable unreadable at build shows its error."""
    monkeypatch.delenv("RANK", raising=False)
    monkeypatch.delenv("WORKERS", raising=False)
    text = render_module(Job(name="a", loader=Loader(batch=2)), runnable=True)
    assert text.splitlines()[-2:] == [
        "# loader.environment read at build: WORKERS=2, RANK=... (WorkerEnv.rank: environment variable 'RANK' "
        "is not set and has no default)",
        'config = Job(name="a", loader=Loader(batch=2))',
    ]
    ast.parse(text)


def test_runnable_output_without_the_record_says_print_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the record, the comment gives the values read now and says so."""
    monkeypatch.setenv("RANK", "1")
    cfg = Loader(batch=4)
    object.__delattr__(cfg, "__pconfig_env__")
    assert render_module(cfg, runnable=True).splitlines()[-2] == "# environment read at print time: WORKERS=2, RANK=1"
