"""The command table of ``valuechain.cli`` (lazy registration) agrees with the commands the
modules register; the root help lists them without importing them."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from valuechain.cli import _COMMAND_MODULES, COMMANDS, app, load_commands


def _first_paragraph(cmd) -> str:
    text = cmd.short_help or cmd.help or ""
    return " ".join(text.split("\n\n")[0].split())


def test_table_lists_every_command_of_every_module_with_its_help():
    real = {}
    for m in _COMMAND_MODULES:
        for name, cmd in load_commands(m).items():
            real[name] = (m, _first_paragraph(cmd))
    assert real == dict(COMMANDS)


def test_root_help_lists_the_table_and_a_command_loads_on_use():
    r = CliRunner().invoke(app, ["--help"], terminal_width=200)
    assert r.exit_code == 0
    commands = r.output.split("Commands:", 1)[1]  # the root help is plain (click's layout: no rich import)
    listed = re.findall(r"^  (\w+) ", commands, flags=re.M)
    assert listed == list(COMMANDS)
    h = CliRunner().invoke(app, ["ras", "--help"], terminal_width=200)
    assert h.exit_code == 0 and "--method" in h.output and "╭─ Options" in h.output  # each command keeps its rich help
    bad = CliRunner().invoke(app, ["nosuchcommand"])
    assert bad.exit_code == 2 and "No such command" in bad.output
