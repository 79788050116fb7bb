"""The ``valuechain`` command line: thin wrappers over the public Python API.

Each method family registers its commands from its own module (``cli/<family>.py``
defines ``register(app)``). Every registered command is then wrapped by the last-resort
handler :func:`valuechain.cli._common.handle_errors`: whatever goes wrong prints one line
``error: what; how to fix`` and exits with code 2 (the traceback only with ``--debug``).
Output options are ``-o/--output`` everywhere (``--out`` is still accepted).

Commands are registered lazily: :data:`COMMANDS` names each command's module and the
one-line help ``valuechain --help`` shows, so the root help imports no family and no
pandas; a command's module is imported when that command runs (or its own ``--help`` is
asked). ``tests/cli/test_lazy_cli.py`` holds the table to the modules' real commands. A
module listed in :data:`_COMMAND_MODULES` but absent from the table is still registered
(eagerly, when the commands are listed).
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperGroup

from ._common import handle_errors, set_debug

#: modules under valuechain.cli that define ``register(app)``
_COMMAND_MODULES = ("iotables", "impact", "regional", "clusters", "ras", "trade", "complexity", "opportunities", "gvc", "report", "data",
                    "sut", "structure")

#: command -> (its module under valuechain.cli, the one-line help of ``valuechain --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "multipliers": ("iotables", "Output, value-added, income and employment multipliers (Type I or II)."),
    "linkages": ("iotables", "Backward and forward linkages (<method>_backward, <method>_forward columns)."),
    "keysectors": ("iotables", "Key sectors: key / backward / forward / weak from a backward-forward linkage pair."),
    "impact": ("impact", "Impact of a final-demand shock: output, value added, income and jobs (direct, indirect, induced)."),
    "regionalize": ("regional", "Regionalize a national IO table with location quotients (SLQ ... FLQ, AFLQ, SFLQ)."),
    "tworegion": ("regional", "Two-region model (region + rest of country): intraregional, feedback and spillover effects."),
    "clusters": ("clusters", "Industrial clusters by factor analysis of the linkage matrix (Feser, Sweeney & Renski 2005)."),
    "ras": ("ras", "Balance a matrix to new row and column margins by RAS or GRAS."),
    "trade": ("trade", "Trade outcomes of one country: growth, composition, diversification, margins, RCA, Lall, EXPY."),
    "complexity": ("complexity", "Economic Complexity Index (ECI) and Product Complexity Index (PCI) by year."),
    "survival": ("complexity", "Export survival: Kaplan-Meier curves with confidence bands, medians, log-rank tests."),
    "opportunities": ("opportunities", "Products a country does not yet export with RCA >= 1, ranked by feasibility and attractiveness."),
    "bridge": ("opportunities", "Exports of one country by industry: exports, share, number of products, RCA and complexity."),
    "gvc": ("gvc", "Trade in value added, gross-export decompositions and GVC position of an inter-country IO table."),
    "report": ("report", "Write the diagnostic report of STUDY (HTML page, Excel workbook, figures, CSVs, log)."),
    "demo": ("report", "Write the report of the built-in example study (needs nothing else)."),
    "data": ("data", "The data folder (list, verify) and published downloads (import)."),
    "sut": ("sut", "Build a symmetric input-output table from supply and use tables (Eurostat models A-D)."),
    "prices": ("structure", "Price effects of a cost shock: wages, taxes, margins, import prices or a commodity price set outside the model."),
    "sda": ("structure", "Why output (value added, employment) changed: technology and final demand (level, mix, destination)."),
    "spa": ("structure", "The strongest supply chains from final demand to an industry's output (or jobs, value added, emissions)."),
}


class _Listed(typer.core.TyperCommand):
    """A command as the root help lists it (name and one line), before its module is imported."""


def load_commands(module: str) -> dict:
    """The click commands that ``valuechain.cli.<module>`` registers, each wrapped by the
    last-resort handler (one error line, exit 2)."""
    sub = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    importlib.import_module(f".{module}", __name__).register(sub)
    for cmd in sub.registered_commands:
        if cmd.callback is not None:
            cmd.callback = handle_errors(cmd.callback)
    return dict(typer.main.get_group(sub).commands)


class _Group(TyperGroup):
    """Accept ``--out`` (the old name, hidden) as ``--output``; load each command on use."""

    _listing = False

    def parse_args(self, ctx, args):
        args = ["--output" if a == "--out" else ("--output=" + a[6:] if a.startswith("--out=") else a) for a in args]
        return super().parse_args(ctx, args)

    def _unlisted_modules(self) -> None:
        listed = {m for m, _ in COMMANDS.values()}
        for m in _COMMAND_MODULES:
            if m not in listed and m not in self._loaded:
                self._loaded.add(m)
                try:
                    self.commands.update(load_commands(m))
                except ModuleNotFoundError as exc:  # the family's CLI module is not written yet
                    if exc.name != f"{__name__}.{m}":
                        raise

    @property
    def _loaded(self) -> set:
        if "_loaded_modules" not in self.__dict__:
            self.__dict__["_loaded_modules"] = set()
        return self.__dict__["_loaded_modules"]

    def list_commands(self, ctx):
        self._unlisted_modules()
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx, cmd_name):
        cmd = self.commands.get(cmd_name)
        if cmd is None and cmd_name in COMMANDS:
            module, short = COMMANDS[cmd_name]
            if self._listing:
                return _Listed(name=cmd_name, short_help=short, callback=None)
            self._loaded.add(module)
            self.commands.update(load_commands(module))
            cmd = self.commands.get(cmd_name)
        return cmd

    def format_help(self, ctx, formatter):
        self._listing = True  # the root help lists the table: no command module is imported
        try:
            return super().format_help(ctx, formatter)
        finally:
            self._listing = False


app = typer.Typer(
    name="valuechain",
    help="Input-output, regional cluster, trade competitiveness and GVC diagnostics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Group,
    rich_markup_mode=None,  # the root help in plain click layout: no rich import for `valuechain --help` (each command keeps its rich help)
)


def _show_version(value: bool) -> None:
    if value:  # eager: runs before the command is looked for (``valuechain --version`` alone works)
        from .._version import __version__

        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Show the version and exit.", is_eager=True, callback=_show_version),
    debug: bool = typer.Option(False, "--debug", help="Print the traceback of unexpected errors."),
    excel_safe: bool = typer.Option(False, "--excel-safe", help="In CSV outputs, prefix text starting with = + - @ (a "
                                    "spreadsheet formula) with ' (default: values exactly as they are)."),
) -> None:
    set_debug(debug)
    from .._files import set_excel_safe

    set_excel_safe(excel_safe)
    if ctx.invoked_subcommand is None:  # options alone (e.g. --debug): the help, as with no arguments
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


def main() -> None:
    """Entry point of the ``valuechain`` script (an interruption at any moment: one line, exit 130)."""
    try:
        app()
    except KeyboardInterrupt:
        from ._common import fail

        raise SystemExit(fail("interrupted; nothing was written (run the command again)", code=130).exit_code) from None
