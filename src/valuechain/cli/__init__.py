"""The ``valuechain`` command line: thin wrappers over the public Python API.

Each method family registers its commands from its own module (``cli/<family>.py``
defines ``register(app)``). Every registered command is then wrapped by the last-resort
handler :func:`valuechain.cli._common.handle_errors`: whatever goes wrong prints one line
``error: what; how to fix`` and exits with code 2 (the traceback only with ``--debug``).
Output options are ``-o/--output`` everywhere (``--out`` is still accepted).
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from ._common import handle_errors, set_debug


class _Group(TyperGroup):
    """Accept ``--out`` (the old name, hidden) as ``--output``."""

    def parse_args(self, ctx, args):
        args = ["--output" if a == "--out" else ("--output=" + a[6:] if a.startswith("--out=") else a) for a in args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    name="valuechain",
    help="Input-output, regional cluster, trade competitiveness and GVC diagnostics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Group,
)

#: modules under valuechain.cli that define ``register(app)``
_COMMAND_MODULES = ("iotables", "impact", "regional", "clusters", "ras", "trade", "complexity", "opportunities", "gvc", "report",
                    "sut", "prices", "sda", "spa")


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit.", is_eager=True),
    debug: bool = typer.Option(False, "--debug", help="Print the traceback of unexpected errors."),
) -> None:
    set_debug(debug)
    if version:
        from .. import __version__

        typer.echo(__version__)
        raise typer.Exit(0)


for _name in _COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f".{_name}", __name__)
    except ModuleNotFoundError as _exc:  # the family's CLI module is not written yet
        if _exc.name != f"{__name__}.{_name}":
            raise
        continue
    _mod.register(app)

# the last-resort handler: every command, whoever registered it, prints one error line
for _cmd in app.registered_commands:
    if _cmd.callback is not None:
        _cmd.callback = handle_errors(_cmd.callback)


def main() -> None:
    """Entry point of the ``valuechain`` script."""
    app()
