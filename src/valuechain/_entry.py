"""The ``valuechain`` script's entry point, light enough that Ctrl-C at any moment prints one line.

Importing the command line takes about 3 s (pandas, the families); an interruption during
that import would print a traceback, so the import happens inside the ``try``. Once an
interruption is reported, further ones are ignored, so the one line is always flushed and
the exit code is 130.
"""

from __future__ import annotations

import os
import signal
import sys

__all__ = ["main"]


def _quiet_exit(*, term: bool = False) -> None:
    """Ignore SIGINT (and SIGTERM with ``term``) from now on."""
    for sig in (signal.SIGINT, signal.SIGTERM) if term else (signal.SIGINT,):
        try:
            signal.signal(sig, signal.SIG_IGN)
        except (ValueError, OSError):  # pragma: no cover - not the main thread
            pass


def _exit_now(code: int) -> None:
    """Flush and leave at once with ``code``: the staged outputs were already removed by the
    ``finally`` blocks the interruption ran through, and nothing later (a second signal, the
    interpreter's own handling of an interruption at shutdown) may change the exit status."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # pragma: no cover - a closed pipe
            pass
    os._exit(code)


def main() -> None:
    """Run the ``valuechain`` command line; an interruption prints one line and exits with 130."""
    try:
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        _quiet_exit()
        sys.stderr.write("error: interrupted; nothing was written (run the command again)\n")
        _exit_now(130)
    except SystemExit as exc:
        if exc.code == 130:
            _quiet_exit()
            # Typer turns an interruption inside its own handling (e.g. while a command's
            # module is imported on use) into a silent exit 130: print the line it did not
            common = sys.modules.get("valuechain.cli._common")
            if common is None or not common.interrupt_reported():
                sys.stderr.write("error: interrupted; nothing was written (run the command again)\n")
            _exit_now(130)
        # the command has finished and its outputs are in place: a signal from now on (the
        # interpreter's shutdown resets Python's handlers to the default, which would kill the
        # process with no line) changes nothing, so it is ignored and the exit status stands
        _quiet_exit(term=True)
        raise
    _quiet_exit(term=True)
