"""The run log of a build (run.log), and computations run ahead in a child process."""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import tempfile
import time
import warnings
import weakref
from typing import Any

__all__ = ["LogLines", "make_logger", "Prefetch"]


# ----------------------------------------------------------------------- logging
class LogLines(list):
    """The lines of run.log, with the time the run started."""

    def __init__(self, *a):
        super().__init__(*a)
        self.t0 = time.perf_counter()


def make_logger(lines: list[str]) -> logging.Logger:
    log = logging.getLogger(f"valuechain.report.run{id(lines)}")
    log.handlers.clear()
    log.propagate = False
    log.setLevel(logging.INFO)
    t0 = getattr(lines, "t0", time.perf_counter())

    class _H(logging.Handler):
        def emit(self, record):
            lines.append(f"[{time.perf_counter() - t0:7.2f}s] {record.levelname:<7} {record.getMessage()}")

    log.addHandler(_H())
    return log


# ----------------------------------------------------------------------- prefetch
def _reap(pid: int, path: str) -> None:
    """End a prefetch child that was never asked for its result (it is not needed), and remove its file."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
    try:
        os.unlink(path)
    except OSError:
        pass


class Prefetch:
    """A pure computation run ahead in a forked child process, its result read back when needed.

    The report is built section by section in one process; a long numerical computation
    whose input is ready early (the position measures of the 4000 x 4000 OECD extract, an LU
    factorisation) can run on the machine's other core while the sections before it are
    built. ``Prefetch(fn, *args)`` forks (Linux only; elsewhere nothing starts); the child
    runs ``fn(*args)``, records its warnings, writes both to a temporary file and exits.
    :meth:`result` waits for the child, emits the recorded warnings again in the caller
    (so they land in the section that uses the result, as if computed there) and returns
    the value. A child that failed, or that stalled (no CPU used for :attr:`stall_s` seconds
    while waited for, e.g. on a lock another thread held when the process forked: it is
    killed), gives ``(False, None)``: the caller computes the value itself, so an error is
    raised where it always was.

    Parameters
    ----------
    fn : callable
        A function without side effects outside its return value (it runs in another process).
    *args
        Its arguments (inherited by the child, never pickled; the result is).

    Examples
    --------
    >>> p = Prefetch(sum, [1, 2, 3])
    >>> p.result()
    (True, 6)
    >>> p.result()   # read once
    (False, None)
    """

    def __init__(self, fn, *args) -> None:
        self._pid: int | None = None
        if not (sys.platform.startswith("linux") and hasattr(os, "fork")):
            self._value = (True, fn(*args))  # computed here, in order
            return
        self._value = (False, None)
        fd, path = tempfile.mkstemp(prefix="valuechain_prefetch_", suffix=".pickle")
        try:
            pid = os.fork()
        except OSError:
            os.close(fd)
            os.unlink(path)
            self._value = (True, fn(*args))
            return
        if pid == 0:  # the child: compute, write, leave without running the parent's exit handlers
            code = 1
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    value = fn(*args)
                data = pickle.dumps((value, [(w.message, w.category, w.filename, w.lineno) for w in caught]),
                                    protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                code = 0
            except BaseException:  # the parent computes it again and raises there
                pass
            finally:
                os._exit(code)
        os.close(fd)
        self._pid, self._path = pid, path
        self._reaper = weakref.finalize(self, _reap, pid, path)

    #: A child that has used no CPU for this many seconds while waited for is taken as stuck (e.g. a lock
    #: held by another thread of the parent when it forked): it is killed and the caller computes the value.
    stall_s = 10.0

    def _wait(self, pid: int) -> int | None:
        """The child's wait status, or None when it stalled and was killed."""
        last, since = None, time.monotonic()
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            try:
                with open(f"/proc/{pid}/stat", "rb") as fh:
                    ticks = sum(map(int, fh.read().rsplit(b")", 1)[1].split()[11:13]))  # utime + stime
            except (OSError, ValueError, IndexError):
                ticks = None
            if ticks is None or ticks != last:
                last, since = ticks, time.monotonic()
            elif time.monotonic() - since > self.stall_s:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return None
            time.sleep(0.01)

    def result(self) -> tuple[bool, Any]:
        """``(True, value)`` once the child is done (its warnings emitted here), or ``(False, None)``."""
        if self._pid is None:
            out, self._value = self._value, (False, None)
            return out
        pid, path, self._pid = self._pid, self._path, None
        self._reaper.detach()
        got = None
        try:
            status = self._wait(pid)
            if status is not None and os.waitstatus_to_exitcode(status) == 0:
                with open(path, "rb") as fh:
                    got = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError):
            got = None
        finally:
            try:
                os.unlink(path)
            except OSError:
                pass
        if got is None:
            return False, None
        value, caught = got
        for message, category, filename, lineno in caught:
            warnings.warn_explicit(message, category, filename, lineno)
        return True, value
