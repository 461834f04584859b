"""Every console block of examples/llm/README.md shows what its commands print, run as a user runs them.

A block is a fenced ```console block: lines starting with `$ ` are commands, the lines up to the next command are
what it prints (standard output and standard error, as a terminal shows them). A command may start with
`NAME=VALUE` words, which set environment variables for it, as in a shell. `$ echo $?` prints the previous command's
exit status, and a command that exits non-zero must be followed by it, so every failure shown is shown as one. A line
`[...]` in an output stands for one or more lines left out (the head and tail around it are compared exactly).

Commands run in `examples/llm` (where the README tells users to run them), with the cluster variables unset, so
paths and values are the ones a user sees there by default.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "llm"
README = EXAMPLE / "README.md"
BIN = Path(sys.executable).parent
TOOLS = ("pconfigs-run", "pconfigs-print", "pconfigs-diff")
CLUSTER_VARIABLES = ("WORLD_SIZE", "RANK", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")
ELIDED = "[...]"


@dataclass
class Command:
    line: str
    """The command as written after `$ `."""
    output: list[str] = field(default_factory=list)
    """The lines the README shows after it."""


def console_blocks(text: str) -> list[list[Command]]:
    """The commands of each ```console block of `text`, with the output shown for each."""
    blocks = []
    for body in re.findall(r"^```console\n(.*?)^```$", text, re.S | re.M):
        commands: list[Command] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                commands.append(Command(line[2:]))
            else:
                assert commands, f"a console block starts with output, not a command: {line!r}"
                commands[-1].output.append(line)
        blocks.append(commands)
    return blocks


def run(line: str) -> tuple[list[str], int]:
    """Run one README command in the example's folder; its output lines (stdout and stderr merged) and status."""
    words = shlex.split(line)
    env = {k: v for k, v in os.environ.items() if k not in CLUSTER_VARIABLES}
    while words and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words and words[0] in TOOLS, f"the README may only run {', '.join(TOOLS)}: {line!r}"
    result = subprocess.run(
        [str(BIN / words[0]), *words[1:]],
        cwd=EXAMPLE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    return result.stdout.splitlines(), result.returncode


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether `actual` is `shown`, each `[...]` line of `shown` standing for one or more lines."""
    parts = [[]]  # type: list[list[str]]
    for line in shown:
        if line == ELIDED:
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return shown == actual
    head, *middle, tail = parts
    if actual[: len(head)] != head or (tail and actual[-len(tail) :] != tail):
        return False
    rest, end = len(head), len(actual) - len(tail)
    for part in middle:  # each middle part in order, at least one line after what came before
        found = next(
            (i for i in range(rest + 1, end - len(part)) if actual[i : i + len(part)] == part),
            None,
        )
        if found is None:
            return False
        rest = found + len(part)
    return end - rest >= 1


def check_block(commands: list[Command]) -> None:
    status: int | None = None
    for i, command in enumerate(commands):
        if command.line == "echo $?":
            assert status is not None, "`$ echo $?` must follow a command"
            assert command.output == [str(status)], f"exit status {status}, the README shows {command.output}"
            status = None
            continue
        if status:
            pytest.fail(f"{commands[i - 1].line!r} exits {status}: show it with `$ echo $?` after its output")
        actual, status = run(command.line)
        assert matches(command.output, actual), (
            f"$ {command.line}\n--- the README shows:\n"
            + "\n".join(command.output)
            + "\n--- the command prints:\n"
            + "\n".join(actual)
        )
    if status:
        pytest.fail(f"{commands[-1].line!r} exits {status}: show it with `$ echo $?` after its output")


BLOCKS = console_blocks(README.read_text(encoding="utf-8"))


@pytest.mark.parametrize("commands", BLOCKS, ids=[block[0].line for block in BLOCKS])
def test_console_block_shows_what_its_commands_print(commands: list[Command]) -> None:
    """Each command of the block prints exactly the lines shown after it, and exits with the status shown."""
    check_block(commands)


def test_the_readme_shows_each_workflow_command() -> None:
    """The README has console blocks for an override, --origins, --why, a diff of two presets and TARGET --help."""
    lines = [command.line for block in BLOCKS for command in block]
    assert any(line.startswith("pconfigs-run llm.presets.llama_8b.config optimizer.lr=") for line in lines)
    assert any("--origins" in line for line in lines)
    assert any("--why" in line for line in lines)
    assert "pconfigs-diff llm.presets.llama_8b.config llm.presets.llama_70b.config" in lines
    assert "pconfigs-run llm.presets.small.config --help" in lines


class TestHarness:
    def test_blocks_are_read_with_their_outputs(self) -> None:
        """A console block gives its commands, each with the lines up to the next command."""
        text = "intro\n```console\n$ a 1\nx\n\ny\n$ echo $?\n0\n```\n```python\n$ no\n```\n```console\n$ b\n```\n"
        blocks = console_blocks(text)
        assert [[(c.line, c.output) for c in block] for block in blocks] == [
            [("a 1", ["x", "", "y"]), ("echo $?", ["0"])],
            [("b", [])],
        ]

    @pytest.mark.parametrize(
        ("shown", "actual", "expected"),
        [
            (["a", "b"], ["a", "b"], True),
            (["a", "b"], ["a", "b", "c"], False),
            (["a", ELIDED], ["a", "b", "c"], True),
            (["a", ELIDED], ["a"], False),
            ([ELIDED, "c"], ["a", "b", "c"], True),
            (["a", ELIDED, "c"], ["a", "c"], False),
            (["a", ELIDED, "c", ELIDED, "e"], ["a", "b", "c", "d", "e"], True),
            (["a", ELIDED, "c", ELIDED, "e"], ["a", "c", "d", "e"], False),
            (["a", ELIDED, "x", ELIDED, "e"], ["a", "b", "c", "d", "e"], False),
        ],
    )
    def test_an_elision_stands_for_one_or_more_lines(self, shown: list[str], actual: list[str], expected: bool) -> None:
        """`[...]` matches one or more lines; everything around it is compared exactly."""
        assert matches(shown, actual) is expected

    def test_a_failure_must_show_its_status(self) -> None:
        """A command that exits non-zero, with no `$ echo $?` after it, fails the block."""
        with pytest.raises(pytest.fail.Exception) as info:
            check_block(
                [Command("pconfigs-diff llm.presets.small.config seed=1", ["seed: 1234 -> 1"])],
            )
        assert str(info.value) == (
            "'pconfigs-diff llm.presets.small.config seed=1' exits 1: show it with `$ echo $?` after its output"
        )
