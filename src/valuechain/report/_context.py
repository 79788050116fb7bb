"""The run log of a build (run.log)."""

from __future__ import annotations

import logging
import time

__all__ = ["LogLines", "make_logger"]


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


