"""The build context shared by the report's sections: the study, the run log, loaded inputs."""

from __future__ import annotations

import logging
import time
from typing import Any, Callable

import pandas as pd

from .study import Study

__all__ = ["BuildContext", "tidy", "LogLines", "make_logger"]


class BuildContext:
    """Inputs loaded once and shared by the sections, plus the run log."""

    def __init__(self, study: Study, *, log: logging.Logger, keep_going: bool = False):
        self.study = study
        self.log = log
        self.keep_going = keep_going
        self.cache: dict[str, Any] = {}
        self.inputs: list[tuple[str, str]] = []
        self.flags: list[str] = list(study.get("study").get("flags", []))
        self.highlights: list[tuple[str, str]] = []
        #: one row per input: (input, status, source, year, coverage); status real | estimated | synthetic
        self.data_status: list[tuple[str, str, str, str, str]] = []

    def add_status(self, what: str, status: str, source: str, year: str = "", coverage: str = "") -> None:
        """Record an input in the data-status table shown near the top of the page."""
        row = (what, status, source, str(year), coverage)
        if row not in self.data_status:
            self.data_status.append(row)

    def highlight(self, section: str, text: str) -> None:
        """A sentence for the 'at a glance' box, read off a family's result (no computation)."""
        self.highlights.append((section, text))

    def once(self, key: str, fn: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def add_input(self, what: str, where: Any) -> None:
        item = (what, str(where))
        if item not in self.inputs:
            self.inputs.append(item)

    def add_flag(self, flag: str) -> None:
        if flag and flag not in self.flags:
            self.flags.append(flag)


def tidy(obj: Any, index_name: str | None = None) -> pd.DataFrame:
    """A family result as a tidy DataFrame (``.table`` of a Result, or a labelled frame)."""
    if hasattr(obj, "table") and isinstance(getattr(obj, "table"), pd.DataFrame):
        obj = obj.table
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    if not isinstance(obj, pd.DataFrame):
        raise TypeError(f"expected a DataFrame-like result, got {type(obj).__name__}")
    df = obj.copy()
    if not isinstance(df.index, pd.RangeIndex) or df.index.name is not None:
        df = df.reset_index().rename(columns={"index": index_name or "label"})
    df.columns = [str(c) for c in df.columns]
    return df


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


