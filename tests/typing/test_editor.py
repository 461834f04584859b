"""What an editor running pyright's language server (Pylance's engine) shows on an experiment file: the hover,
signature help and completion that docs/05-mypy.md describes, asked of `pyright-langserver --stdio` over JSON-RPC."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CASES, merged_site, pyright_command

EXPERIMENT = """\
from lib.experiments import first
from lib.trainer import TrainerConfig

config = TrainerConfig(first, steps=4)
config.steps
config.lr_schedule
config.
"""


class LanguageServer:
    """A minimal JSON-RPC client of `pyright-langserver --stdio`: requests wait for their answer; the server's own
    requests (configuration, capability registration, progress) get an empty answer."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("pyright-langserver closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")
            if "id" in message and "method" in message:  # a request from the server
                self.send({"id": message["id"], "result": self.answer(message)})

    def answer(self, message: dict[str, Any]) -> Any:
        if message["method"] != "workspace/configuration":
            return None
        # The settings an editor sends: the interpreter of this environment, nothing else changed.
        sections = [item.get("section") for item in message["params"]["items"]]
        return [{"pythonPath": sys.executable} if section == "python" else {} for section in sections]

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LanguageServer, str]]:
    """A language server with the experiment open, in a workspace that sees the corpus's library modules."""
    root = tmp_path_factory.mktemp("editor")
    site = merged_site(root)
    (root / "pyrightconfig.json").write_text(json.dumps({"extraPaths": [str(site), str(CASES)]}), encoding="utf-8")
    path = root / "experiment.py"
    path.write_text(EXPERIMENT, encoding="utf-8")
    command = pyright_command()
    server = LanguageServer([str(Path(command[0]).with_name("pyright-langserver")), "--stdio"], root)
    try:
        server.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": "experiments"}],
                "capabilities": {"textDocument": {"hover": {"contentFormat": ["plaintext"]}}},
            },
        )
        server.notify("initialized", {})
        uri = path.as_uri()
        server.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": EXPERIMENT}},
        )
        yield server, uri
    finally:
        server.close()


def position(line: int, after: str) -> dict[str, int]:
    """The position right after the first `after` on the 0-based `line` of the experiment."""
    return {"line": line, "character": EXPERIMENT.splitlines()[line].index(after) + len(after)}


def hover(editor: tuple[LanguageServer, str], line: int, after: str) -> str:
    server, uri = editor
    result = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position(line, after)})
    contents = result["contents"]
    return str(contents["value"] if isinstance(contents, dict) else contents)


def test_hover_on_a_field_shows_its_type(editor: tuple[LanguageServer, str]) -> None:
    """Hovering over `config.steps` shows the field and its declared type."""
    assert hover(editor, 4, "config.st") == "(variable) steps: int"


def test_hover_on_a_derived_field_shows_its_value_type(editor: tuple[LanguageServer, str]) -> None:
    """Hovering over a `Pinned[list[float]]` field shows `list[float]`, the type a read gives, not a method."""
    assert hover(editor, 5, "config.lr_") == "(variable) lr_schedule: list[float]"


def test_signature_help_lists_the_fields_as_keywords(editor: tuple[LanguageServer, str]) -> None:
    """Signature help inside `TrainerConfig(first, ` shows the generated constructor: every field keyword-only,
    typed, with a derived field taking `Pin[T]` or the `Pinned` sentinel (pyright cannot show the bases)."""
    server, uri = editor
    result = server.request(
        "textDocument/signatureHelp", {"textDocument": {"uri": uri}, "position": position(3, "(first, ")}
    )
    label = result["signatures"][0]["label"]
    assert label == (
        "(*, steps: int, base_lr: float, total_steps: int, min_lr_ratio: float, grad_accum_steps: int, "
        "num_devices: int, effective_batch_size: Pin[int] | type[Pinned[Any]], "
        "lr_schedule: Pin[list[float]] | type[Pinned[Any]]) -> TrainerConfig"
    )


def test_completion_after_a_config_offers_its_fields(editor: tuple[LanguageServer, str]) -> None:
    """Completion after `config.` offers every field, derived ones included, as fields."""
    server, uri = editor
    result = server.request(
        "textDocument/completion", {"textDocument": {"uri": uri}, "position": position(6, "config.")}
    )
    items = result["items"] if isinstance(result, dict) else result
    kinds = {item["label"]: item.get("kind") for item in items}
    fields = ["steps", "base_lr", "total_steps", "effective_batch_size", "lr_schedule"]
    assert all(name in kinds for name in fields), sorted(kinds)
    assert "construct" not in kinds
