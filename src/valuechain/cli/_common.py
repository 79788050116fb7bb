"""Shared CLI plumbing: one-line errors with exit code 2, whole-or-nothing outputs,
the one IO-table loader, Rich consoles and progress bars.

Every command is wrapped by :func:`handle_errors` (``cli/__init__.py`` wraps any command
that was registered without it): bad input, a bad file, an interruption (SIGINT or
SIGTERM) or any unexpected exception becomes **one** line ``error: what; how to fix`` on
stderr and exit code 2 (130 for an interruption), with the traceback only under
``valuechain --debug``. Python warnings raised while the command runs are held back and
printed after its own output, so they never come before an error line (and are dropped
when the command fails). Outputs are staged with :class:`valuechain._files.Outputs`, so
nothing is left behind when anything fails.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import warnings
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import typer

from ..errors import ValuechainError, ValuechainWarning

__all__ = [
    "console", "err_console", "handle_errors", "fail", "load_table", "steps", "output_option",
    "overwrite_option", "quiet_option", "error_message", "set_debug", "command_inputs", "OUTPUT_PARAMETERS",
    "ledger_summary", "stata_option", "parquet_option", "copy_suffixes", "flows_provenance",
]

class LazyConsole:
    """A :class:`rich.console.Console` made on first use: importing rich costs about 25 ms of a
    command's start (issue 23), and a ``--quiet`` run that succeeds never prints.

    Attributes are the console's; :meth:`real` gives the console itself (for rich objects that
    take one)."""

    def __init__(self, **options) -> None:
        self._options = options
        self._console = None

    def real(self):
        """The console (made now if needed)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str):
        return getattr(self.real(), name)


def escape(text: str) -> str:
    """:func:`rich.markup.escape`, imported on use."""
    from rich.markup import escape as _escape

    return _escape(text)


console = LazyConsole(highlight=False)
err_console = LazyConsole(stderr=True, highlight=False, soft_wrap=True)

#: print tracebacks of unexpected errors (``valuechain --debug`` or VALUECHAIN_DEBUG=1)
_DEBUG = {"on": os.environ.get("VALUECHAIN_DEBUG", "") not in ("", "0")}


def set_debug(on: bool) -> None:
    """Switch tracebacks of unexpected errors on or off (``valuechain --debug``)."""
    _DEBUG["on"] = bool(on)


#: Exceptions from bad input or bad files that become one line and exit code 2 (kept for callers).
USER_ERRORS: tuple[type[BaseException], ...] = (
    ValuechainError, ValueError, FileNotFoundError, IsADirectoryError, NotADirectoryError,
    PermissionError, KeyError, UnicodeDecodeError, OSError,
)


def _one_line(message: str) -> str:
    return " ".join(str(message).split())


_REPORTED = {"interrupt": False}


def interrupt_reported() -> bool:
    """Whether this process has already printed the one line of an interruption (exit 130)."""
    return _REPORTED["interrupt"]


def fail(message: str, code: int = 2) -> "typer.Exit":
    """Print ``error: message`` (one line, to stderr) and return the Exit to raise."""
    if code == 130:
        _REPORTED["interrupt"] = True
    err_console.print(f"[bold red]error:[/] {escape(_one_line(message))}", markup=True, highlight=False)
    return typer.Exit(code)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def error_message(exc: BaseException) -> str:
    """The one-line message printed for ``exc`` (``what; how to fix``)."""
    if isinstance(exc, ValuechainError):
        msg = _first_line(exc) if "\n" not in str(exc) else _one_line(str(exc))
        return msg if ";" in msg else f"{msg}; check the input"
    if isinstance(exc, UnicodeDecodeError):
        return f"a file is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8 (or give the right file)"
    if isinstance(exc, OSError):
        from .._files import output_error, user_path

        name = exc.filename if exc.filename is not None else ""
        if name and user_path(name) != os.fspath(name):  # an output being written: name the user's path
            return str(output_error(exc, Path(user_path(name))))
        if isinstance(exc, FileNotFoundError):
            return f"file not found: {name}; check the path"
        if isinstance(exc, IsADirectoryError):
            return f"{name} is a folder; give a file"
        if isinstance(exc, NotADirectoryError):
            return f"{name}: a part of the path is a file, not a folder; check the path"
        if isinstance(exc, PermissionError):
            return f"permission denied: {name}; check the file's permissions or choose another path"
        if exc.errno is not None and exc.errno == 28:
            return "no space left on the device; free some space or choose another folder"
        return f"{exc.strerror or _first_line(exc)}{': ' + str(name) if name else ''}; check the path"
    if isinstance(exc, KeyError):
        key = exc.args[0] if exc.args else ""
        return f"{key} not found; check the names in the input" if not (isinstance(key, str) and ";" in key) else key
    if isinstance(exc, MemoryError) or type(exc).__name__ == "OutOfMemoryException":
        return "out of memory; use a smaller input, select fewer years or countries, or the spark engine"
    if isinstance(exc, ValueError):
        msg = _first_line(exc)
        return msg if ";" in msg else f"{msg}; check the input"
    return (f"unexpected {type(exc).__name__}: {_first_line(exc)}; rerun with valuechain --debug for the "
            "traceback and report it")


def _print_warnings(caught: Sequence[warnings.WarningMessage]) -> None:
    seen: set[str] = set()
    for w in caught:
        noise = issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning, FutureWarning, SyntaxWarning,
                                        ResourceWarning, ImportWarning))
        ours = issubclass(w.category, ValuechainWarning) or ("valuechain" in str(w.filename) and not noise)
        text = _one_line(str(w.message))
        if not ours or text in seen:
            continue
        seen.add(text)
        console.print(f"[yellow]warning:[/] {escape(text)}", highlight=False)


def handle_errors(fn: Callable) -> Callable:
    """Decorate a command: any failure becomes one line on stderr and exit code 2."""
    if getattr(fn, "_vc_handled", False):
        return fn

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .._files import declared_inputs, install_signal_handlers

        install_signal_handlers()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                with declared_inputs(command_inputs(kwargs)):  # outputs never touch them; FIFOs/devices refused
                    result = fn(*args, **kwargs)
            except (typer.Exit, typer.Abort, SystemExit):
                raise
            except KeyboardInterrupt:
                raise fail("interrupted; nothing was written (run the command again)", code=130) from None
            except Exception as exc:  # noqa: BLE001 - the last resort: one line, never a traceback
                if type(exc).__name__ == "InterruptException" or str(exc).strip() == "Query interrupted":
                    # DuckDB turns Ctrl-C (or SIGTERM, see _files.install_signal_handlers) inside a query into an error
                    raise fail("interrupted; nothing was written (run the command again)", code=130) from None
                if _DEBUG["on"]:
                    import traceback

                    traceback.print_exc(file=sys.stderr)
                raise fail(error_message(exc)) from None
        _print_warnings(caught)
        return result

    wrapper._vc_handled = True  # type: ignore[attr-defined]
    return wrapper


#: parameters of the commands that name outputs (every other path parameter is an input)
OUTPUT_PARAMETERS = frozenset({"output", "out", "outdir", "figure", "scree", "sensitivity"})


def command_inputs(kwargs: dict) -> list[Path]:
    """The input paths among a command's arguments: every path (or list of paths) whose
    parameter is not an output (:data:`OUTPUT_PARAMETERS`, ``*_out``)."""
    out: list[Path] = []
    for name, v in kwargs.items():
        if name in OUTPUT_PARAMETERS or name.endswith("_out"):
            continue
        vals = v if isinstance(v, (list, tuple)) else [v]
        out += [x for x in vals if isinstance(x, Path)]
    return out


def is_tty() -> bool:
    return sys.stderr.isatty()


# ----------------------------------------------------------------------------- options
def output_option(help: str, default=...):
    """The ``-o/--output`` option (``--out`` is accepted too, as a hidden alias)."""
    return typer.Option(default, "-o", "--output", help=help)


def overwrite_option():
    return typer.Option(False, "--overwrite", help="Replace an existing non-empty output folder whole (its old files are removed).")


def quiet_option():
    return typer.Option(False, "--quiet", "-q", help="No progress bar.")


def stata_option():
    """``--stata`` of the folder-writing commands: each table also as a labelled ``.dta``."""
    return typer.Option(False, "--stata", help="Also write each table as a labelled Stata file <table>.dta beside its CSV "
                        "(variable labels from the column descriptions, value labels for categorical columns).")


def parquet_option():
    """``--parquet`` of the folder-writing commands: each table also as ``.parquet``."""
    return typer.Option(False, "--parquet", help="Also write each table as <table>.parquet beside its CSV "
                        "(column descriptions and provenance in the file's metadata).")


def copy_suffixes(stata: bool, parquet: bool) -> tuple[str, ...]:
    """The extra formats asked for: ``(".dta", ".parquet")``, either or none."""
    return tuple(suf for suf, on in ((".dta", stata), (".parquet", parquet)) if on)


def flows_provenance(tf, paths, command: str) -> dict:
    """Provenance of a folder command's tables (title, source, release, unit, flags) for
    :func:`valuechain._tablefiles.write_copies`: the flows' source and unit, and the release
    recorded by ``valuechain data import`` (its sidecar), when there is one."""
    from .._provenance import read_sidecar

    first = paths[0] if isinstance(paths, (list, tuple)) and paths else paths
    side = read_sidecar(first) if first is not None else {}
    return {"title": command, "source": getattr(tf, "source", "") or side.get("source", ""),
            "release": side.get("release", ""), "unit": getattr(tf, "unit", ""), "flags": "; ".join(getattr(tf, "flags", ()) or ())}


# ----------------------------------------------------------------------------- progress
@contextlib.contextmanager
def steps(total: int, quiet: bool) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar over ``total`` named steps on stderr; yields ``step(name)``."""
    if quiet:
        yield lambda name: None
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                  TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                  console=err_console.real(), transient=False) as prog:
        task = prog.add_task("starting", total=total)
        done = [0]

        def step(name: str) -> None:
            if done[0]:
                prog.advance(task)
            done[0] += 1
            prog.update(task, description=name)

        try:
            yield step
        except BaseException:
            prog.stop()
            raise
        prog.update(task, completed=total, description="done")


# ----------------------------------------------------------------------------- the table loader
_FORMATS = ("auto", "matrix", "oecd", "long")


def parse_roles(items: Optional[Sequence[str]]) -> dict:
    """``--role KEY=LABEL`` items as the ``roles`` mapping of :func:`valuechain.tables.read_table`."""
    from ..errors import ValidationError
    from ..tables import ROLE_KEYS

    roles: dict = {}
    for it in items or []:
        key, sep_, label = it.partition("=")
        key = key.strip()
        if not sep_ or key not in ROLE_KEYS or not label.strip():
            raise ValidationError(f"--role {it!r}; write KEY=LABEL with KEY one of {', '.join(ROLE_KEYS)}")
        if key in ("households", "compensation", "employment"):
            roles[key] = label.strip()
        else:
            roles.setdefault(key, []).append(label.strip())
    return roles


def load_table(path: Path, *, fmt: str = "auto", sheet: Optional[str] = None, rtol: float = 1e-6,
               check_balance: str = "raise", drop_zero_output: bool = False, sep: str = ",",
               role: Optional[Sequence[str]] = None, label_column: Optional[str] = None,
               ignore: Optional[Sequence[str]] = None, name_from_file: bool = False):
    """Read the IO table of every table command (one loader for ``multipliers``, ``linkages``,
    ``keysectors``, ``regionalize``, ``tworegion``, ``clusters`` ...), with the options checked first."""
    import dataclasses

    from .._validators import number
    from ..errors import DataNotFoundError, ValidationError
    from ..tables import read_table

    if fmt not in _FORMATS:
        raise ValidationError(f"--format {fmt!r}; use one of {', '.join(_FORMATS)}")
    number("--rtol", rtol, lo=0)  # the same check as the study file's [io] rtol
    if check_balance not in ("raise", "warn", "ignore"):
        raise ValidationError(f"--check-balance {check_balance!r}; use raise, warn or ignore")
    if len(sep) != 1 or sep in ('"', "\n", "\r"):
        raise ValidationError(f"--sep {sep!r}; give one delimiter character such as ',' or ';'")
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give the IO table file (.csv or .xlsx)")
    if not path.exists():
        raise DataNotFoundError(f"file not found: {path}; check the path")
    roles = parse_roles(role)
    sheet_arg = int(sheet) if sheet is not None and sheet.isdigit() else sheet
    t = read_table(path, format=fmt, sheet=sheet_arg, rtol=rtol, check_balance=check_balance,
                   drop_zero_output=drop_zero_output, sep=sep, roles=roles or None,
                   label_column=label_column, ignore=tuple(ignore or ()))
    if name_from_file and not t.name:
        t = dataclasses.replace(t, name=path.stem)
    return t


# ----------------------------------------------------------------------------- the engine
#: DuckDB's memory cap for the panel commands: beyond it the engine spills to disk, so a
#: 270-million-row panel never needs more than this plus Python's own few hundred MB
DUCKDB_MEMORY_LIMIT = os.environ.get("VALUECHAIN_DUCKDB_MEMORY", "3GB")


def connect_engine(engine: str):
    """The engine connection of ``trade``, ``complexity`` and ``survival``.

    DuckDB gets a memory cap (:data:`DUCKDB_MEMORY_LIMIT`, env ``VALUECHAIN_DUCKDB_MEMORY``),
    spills to a private temporary folder (removed at exit, never in the working folder),
    and uses every core.
    """
    from ..errors import ValidationError
    from ..tables.trade.engine import ENGINES, connect

    if engine not in ENGINES:
        raise ValidationError(f"--engine {engine!r} is unknown; use duckdb or spark")
    if engine != "duckdb":
        return connect(engine)
    import atexit
    import shutil
    import tempfile

    spill = tempfile.mkdtemp(prefix="valuechain-duckdb-")
    atexit.register(shutil.rmtree, spill, True)
    return connect("duckdb", memory_limit=DUCKDB_MEMORY_LIMIT, temp_directory=spill, preserve_insertion_order=False)


def read_cli_flows(flows: Path, engine: str, exporters: Optional[list[str]] = None, batched: bool = False):
    """Read the flows; with ``exporters``, validate only those exporters' rows (as ``trade`` does);
    with ``batched``, validate every exporter in batches of at most 30 M rows (bounded memory).

    The panel is opened lazily and the exporters are selected before the checks, so a
    one-country run reads only that country's row groups of a 270-million-row panel.
    """
    from ..tables.trade.readers import read_flows
    from ..tables.trade.schema import check_country, validate_flows

    con = connect_engine(engine)
    if not exporters:
        if not batched:
            return read_flows(flows, con=con)
        # every exporter: validate batch by batch (bounded memory on a full BACI panel)
        from ..survival.survival import exporter_batches

        tf = read_flows(flows, con=con, validate=False)
        t = tf.table
        for batch in exporter_batches(t, 30_000_000):
            validate_flows(t if batch is None else t.filter(t.exporter.isin(batch)))
        return tf  # read_flows conformed it; every batch was validated
    tf = read_flows(flows, con=con, validate=False)
    t = tf.table
    sub = t.filter(t.exporter.isin(exporters))
    from ..tables.trade.engine import to_pandas

    present = set(to_pandas(sub.select("exporter").distinct())["exporter"].tolist())
    for c in exporters:
        if c not in present:
            check_country(to_pandas(t.select("exporter").distinct())["exporter"].tolist(), c)
    return tf.replace(table=validate_flows(sub))


def ledger_summary(tf, rows=()):
    """A ``summary.csv`` frame (item, value): ``rows``, the flows' source, unit and flags, then
    the ledger of what reading and checking removed, padded, merged or imputed (with counts;
    one line saying nothing was when the ledger is empty)."""
    import pandas as pd

    from ..ledger import Ledger

    led = getattr(tf, "ledger", None) or Ledger()
    out = list(rows) + [("source", getattr(tf, "source", "")), ("unit", getattr(tf, "unit", "")),
                        ("synthetic", str(bool(getattr(tf, "synthetic", False))).lower())]
    out += led.rows() or [("ledger", "no row removed, padded, merged or imputed")]
    return pd.DataFrame(out, columns=["item", "value"])


def with_flags(df, tf):
    """``df`` with a ``flags`` column when the flows are synthetic."""
    df = df.copy()
    if getattr(tf, "synthetic", False):
        df["flags"] = "synthetic"
    return df
