"""The report's document model: sections holding tables, figures and notes.

The builder fills it from the method families' results; the HTML and Excel writers
only read it. Nothing here computes economics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

import pandas as pd


def slug(text: str) -> str:
    s = re.sub(r"[^0-9a-zA-Z]+", "_", str(text)).strip("_").lower()
    return s or "item"


_WORDS = {"cv": "CV", "hhi": "HHI", "slq": "SLQ", "flq": "FLQ", "rca": "RCA", "eci": "ECI", "expy": "EXPY",
          "gdp": "GDP", "hs6": "HS6", "n": "N", "dva": "DVA", "fva": "FVA", "gvc": "GVC", "usd": "USD", "ci": "CI"}


def humanize(col: str) -> str:
    """A readable header for a field name: ``rasmussen_backward_cv`` -> ``Rasmussen backward CV``.

    Names that already contain a space are kept as written.
    """
    c = str(col)
    if " " in c or not c:
        return c
    words = [w for w in c.split("_") if w]
    out = [_WORDS.get(w.lower(), w) for w in words]
    if out and out[0] == words[0]:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


@dataclass
class ReportTable:
    """A table shown on the page, written to ``data/<key>.csv`` and one workbook sheet.

    ``units`` maps a column to its unit (shown in the header as ``column (unit)``);
    ``unit`` applies to every numeric column without its own entry. ``decimals`` maps a
    column to the number of decimals shown (the CSV keeps full precision).
    """

    key: str
    title: str
    df: pd.DataFrame
    source: str
    unit: str = ""
    units: Mapping[str, str] = field(default_factory=dict)
    decimals: Mapping[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    max_rows: int = 60  # rows shown on the page (the CSV and workbook keep all)
    headers: Mapping[str, str] = field(default_factory=dict)  # column -> human header (the CSV keeps the field name)
    annex: bool = False  # shown in the annex at the end of the page instead of inside its section

    def __repr__(self) -> str:
        """A short summary (the rows are ``df``)."""
        return f"ReportTable({self.key!r}, {self.title!r}, {len(self.df)} rows x {self.df.shape[1]} columns)"

    def unit_of(self, col: str) -> str:
        if col in self.units:
            return self.units[col]
        if pd.api.types.is_numeric_dtype(self.df[col]) and not pd.api.types.is_bool_dtype(self.df[col]):
            return self.unit
        return ""

    def header(self, col: str) -> str:
        u = self.unit_of(col)
        name = self.headers.get(col) or humanize(col)
        return f"{name} ({u})" if u else name

    def decimals_of(self, col: str) -> int:
        if col in self.decimals:
            return self.decimals[col]
        s = self.df[col]
        if pd.api.types.is_integer_dtype(s):
            return 0
        u = self.unit_of(col)
        if u in ("%", "percent", "% of exports", "% of total") or u.startswith("%"):
            return 1
        vals = pd.to_numeric(s, errors="coerce").abs()
        big = vals.median() if len(vals.dropna()) else 0
        return 0 if big >= 1000 else (2 if big >= 1 else 3)


@dataclass
class ReportFigure:
    """A figure: an Altair chart, its title and the data source it names."""

    key: str
    title: str
    chart: Any
    source: str
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    svg: str = ""  # filled by the renderer
    png: bytes = b""


@dataclass
class ReportSection:
    """One section of the report (regional structure, key sectors, trade, ...)."""

    key: str
    title: str
    intro: str = ""
    status: str = "ok"  # ok | skipped | unavailable | failed
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    blocks: list[Any] = field(default_factory=list)  # ReportTable | ReportFigure | str (paragraph)
    badge: str = ""  # one short data-status badge, e.g. "real data" or "synthetic illustration"

    @property
    def tables(self) -> list[ReportTable]:
        return [b for b in self.blocks if isinstance(b, ReportTable)]

    @property
    def figures(self) -> list[ReportFigure]:
        return [b for b in self.blocks if isinstance(b, ReportFigure)]

    def add(self, block) -> Any:
        if block is not None:
            self.blocks.append(block)
        return block


@dataclass
class ReportDoc:
    title: str
    subtitle: str = ""
    summary: str = ""
    author: str = ""
    flags: list[str] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (what, where)
    highlights: list[tuple[str, str, str]] = field(default_factory=list)  # ranked findings: (sentence, comparison, why it matters)
    sections: list[ReportSection] = field(default_factory=list)
    version: str = ""
    data_status: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # (input, status, source, year, coverage)
    claims: Any = None  # the ClaimBook of the build

    @property
    def tables(self) -> list[ReportTable]:
        return [t for s in self.sections for t in s.tables]

    @property
    def figures(self) -> list[ReportFigure]:
        return [f for s in self.sections for f in s.figures]


@dataclass
class Record:
    """What the build read: inputs (what, where), provenance flags, and the data-status rows."""

    inputs: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    #: (input, status, source, year, coverage); status real | estimated | synthetic | cited | illustration
    data_status: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    def add_input(self, what: str, where: Any) -> None:
        item = (what, str(where))
        if item not in self.inputs:
            self.inputs.append(item)

    def add_flag(self, flag: str) -> None:
        if flag and flag not in self.flags:
            self.flags.append(flag)

    def add_status(self, what: str, status: str, source: str, year: str = "", coverage: str = "") -> None:
        row = (what, status, source, str(year), coverage)
        if row not in self.data_status:
            self.data_status.append(row)
