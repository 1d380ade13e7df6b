"""The command-line contract: every command has help, is in the README, exit codes hold."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit import __version__
from toolkit.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_help_lists_every_command_with_a_summary():
    result = CliRunner().invoke(main, ["-h"], catch_exceptions=False)
    assert result.exit_code == 0
    for name in COMMANDS:
        line = next((l for l in result.output.splitlines() if l.strip().startswith(name + " ")), "")
        assert line.split(name, 1)[1].strip(), f"{name} has no one-line summary"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name):
    command = main.commands[name]
    assert command.help and "Example:" in command.help, f"{name} needs a docstring with Example:"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name):
    assert re.search(rf"workshop {re.escape(name)}\b", README), f"README does not show `workshop {name}`"


def test_usage_error_exits_2():
    result = CliRunner().invoke(main, ["agenda"])
    assert result.exit_code == 2


def test_unknown_command_exits_2():
    assert CliRunner().invoke(main, ["no-such-command"]).exit_code == 2


def test_help_summaries_are_whole_sentences():
    result = CliRunner().invoke(main, ["--help"], terminal_width=80, catch_exceptions=False)
    commands = result.output.split("Commands:")[1].splitlines()
    assert [line for line in commands if line.strip().endswith("...")] == []
