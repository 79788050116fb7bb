"""The ``valuechain`` command line: thin wrappers over the public Python API.

Each method family registers its commands from its own module (``cli/<family>.py``
defines ``register(app)``).
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="valuechain",
    help="Input-output, regional cluster, trade competitiveness and GVC diagnostics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: modules under valuechain.cli that define ``register(app)``
_COMMAND_MODULES = ("iotables", "impact", "regional", "clusters", "trade", "complexity", "opportunities", "gvc", "report")


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit.", is_eager=True),
) -> None:
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


def main() -> None:
    """Entry point of the ``valuechain`` script."""
    app()
