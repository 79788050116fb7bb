"""Shared CLI plumbing: one-line errors with exit code 2, a Rich console, progress."""

from __future__ import annotations

import functools
import sys
from typing import Callable

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import ValuechainError

__all__ = ["console", "err_console", "handle_errors", "fail"]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

#: Exceptions from bad input or bad files that become one line and exit code 2.
USER_ERRORS: tuple[type[BaseException], ...] = (
    ValuechainError,
    ValueError,
    FileNotFoundError,
    IsADirectoryError,
    PermissionError,
    KeyError,
    UnicodeDecodeError,
)


def fail(message: str, code: int = 2) -> "typer.Exit":
    """Print ``error: message`` (one line, to stderr) and return the Exit to raise."""
    line = " ".join(str(message).split())
    err_console.print(f"[bold red]error:[/] {escape(line)}", markup=True, highlight=False)
    return typer.Exit(code)


def handle_errors(fn: Callable) -> Callable:
    """Decorate a command: bad input becomes one line on stderr and exit code 2."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except USER_ERRORS as exc:  # one line, no traceback
            msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            if isinstance(exc, FileNotFoundError) and not isinstance(exc, ValuechainError) and exc.filename:
                msg = f"file not found: {exc.filename}; check the path"
            raise fail(str(msg)) from None
        except MemoryError:
            raise fail("out of memory; use a smaller table or the spark engine") from None

    return wrapper


def is_tty() -> bool:
    return sys.stderr.isatty()
