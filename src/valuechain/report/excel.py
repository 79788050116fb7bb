"""The Excel workbook of the report: a contents sheet, then one sheet per table.

Each table sheet starts with its title, the units, the data source and any caveat
(synthetic or estimated inputs), then the table with units in the column headers and
full-precision values (number formats only change how they are shown). Written with
xlsxwriter with a fixed creation date, so two runs give identical cell values.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .._files import atomic_path
from ._model import ReportDoc, ReportTable

__all__ = ["write_workbook", "sheet_names"]

_BAD = re.compile(r"[\[\]:*?/\\']")
_FIXED_DATE = _dt.datetime(2000, 1, 1)


def sheet_names(tables: list[ReportTable]) -> dict[str, str]:
    """A unique Excel sheet name (at most 31 characters) for each table key.

    Characters Excel refuses (``[]:*?/\\'``) become ``_``; a name already taken (case-insensitive,
    ``contents`` and ``notes``, the workbook's own sheets, included) gets a numeric suffix.

    Parameters
    ----------
    tables : list of ReportTable
        The tables of the document, in page order.

    Returns
    -------
    dict of str to str
        Table key -> sheet name.

    Examples
    --------
    >>> df = pd.DataFrame({"x": [1]})
    >>> ts = [ReportTable(k, k, df, source="") for k in ("a/b", "a:b", "Contents", "x" * 40)]
    >>> sheet_names(ts)
    {'a/b': 'a_b', 'a:b': 'a_b_2', 'Contents': 'Contents_2', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'}
    """
    out: dict[str, str] = {}
    used = {"contents", "notes"}
    for t in tables:
        base = _BAD.sub("_", t.key)[:31] or "table"
        name, k = base, 2
        while name.lower() in used:
            suffix = f"_{k}"
            name = base[: 31 - len(suffix)] + suffix
            k += 1
        used.add(name.lower())
        out[t.key] = name
    return out


def _units_line(t: ReportTable) -> str:
    parts = []
    if t.unit:
        parts.append(f"values in {t.unit} unless the column says otherwise")
    extra = [f"{c}: {u}" for c, u in t.units.items() if c in t.df.columns and u]
    if extra:
        parts.append("; ".join(extra))
    return "Units: " + ("; ".join(parts) if parts else "as in the column headers")


_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")
#: columns whose values are codes (HS products, industries): numeric-looking codes stay text there
CODE_COLUMNS = ("code", "product", "hs", "industry", "sector", "partner", "item", "id")


def is_code_column(name: str) -> bool:
    n = str(name).lower()
    return any(w in n for w in CODE_COLUMNS)


def _cell(v):
    if v is None:
        return None
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        f = float(v)
        # 12 significant digits, as in the CSVs: parallel sums in the engines may differ in the last bit
        return None if math.isnan(f) or math.isinf(f) else float(f"{f:.12g}")
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return str(v)


def write_workbook(doc: ReportDoc, path: str | os.PathLike) -> dict[str, str]:
    """Write ``tables.xlsx`` atomically; return the sheet name of each table key.

    A contents sheet, one sheet per table (title, units, source and caveats above the
    table; full-precision values with number formats; text never read as a formula), then the notes.

    Parameters
    ----------
    doc : ReportDoc
        The document of a build.
    path : str or os.PathLike
        The workbook to write (replaced atomically: a failed write leaves no half-written file).

    Returns
    -------
    dict of str to str
        Table key -> sheet name (:func:`sheet_names`).

    Examples
    --------
    >>> import tempfile
    >>> from valuechain.report._model import ReportSection
    >>> t = ReportTable("exports", "Exports", pd.DataFrame({"sector": ["=HYPERLINK(1)"], "value": [52.04]}), source="BACI")
    >>> doc = ReportDoc(title="Kazakhstan", sections=[ReportSection("trade", "Trade", blocks=[t])])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     names = write_workbook(doc, Path(d) / "tables.xlsx")
    ...     sheets = pd.read_excel(Path(d) / "tables.xlsx", sheet_name=None, header=None)
    >>> names, list(sheets)
    ({'exports': 'exports'}, ['contents', 'exports', 'notes'])
    """
    import xlsxwriter

    names = sheet_names(doc.tables)
    with atomic_path(Path(path)) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), {"nan_inf_to_errors": True, "strings_to_numbers": False,
                                            "strings_to_formulas": False, "strings_to_urls": False})
        wb.set_properties({"title": doc.title, "author": "valuechain", "created": _FIXED_DATE,
                           "comments": f"valuechain {doc.version}"})
        bold = wb.add_format({"bold": True})
        title_f = wb.add_format({"bold": True, "font_size": 13})
        note_f = wb.add_format({"italic": True, "font_color": "#555555"})
        flag_f = wb.add_format({"italic": True, "font_color": "#A04000"})
        head_f = wb.add_format({"bold": True, "bottom": 1, "bg_color": "#F4F7FA", "text_wrap": True})
        fmts: dict[int, object] = {}

        def numfmt(dec: int):
            if dec not in fmts:
                fmts[dec] = wb.add_format({"num_format": "#,##0" + ("." + "0" * dec if dec > 0 else "")})
            return fmts[dec]

        ws = wb.add_worksheet("contents")
        ws.write(0, 0, doc.title, title_f)
        r = 1
        if doc.subtitle:
            ws.write(r, 0, doc.subtitle, note_f)
            r += 1
        if doc.flags:
            ws.write(r, 0, "Caveats: see the sheet 'notes' (each caveat once, with the sheets it applies to).", flag_f)
            r += 1
        r += 1
        ws.write_row(r, 0, ["sheet", "section", "table", "source"], head_f)
        r += 1
        for s in doc.sections:
            for t in s.tables:
                ws.write_row(r, 0, [names[t.key], s.title, t.title, t.source])
                r += 1
        r += 1
        ws.write(r, 0, "Inputs", bold)
        r += 1
        for what, where in doc.inputs:
            ws.write_row(r, 0, [what, where])
            r += 1
        ws.set_column(0, 0, 30)
        ws.set_column(1, 2, 45)
        ws.set_column(3, 3, 60)

        caveats: dict[str, list[str]] = {f: ["all"] for f in doc.flags}
        for s in doc.sections:
            for t in s.tables:
                ws = wb.add_worksheet(names[t.key])
                ws.write(0, 0, t.title, title_f)
                ws.write(1, 0, _units_line(t), note_f)
                ws.write(2, 0, f"Source: {t.source}", note_f)
                r = 3
                cav = list(dict.fromkeys([*s.flags, *t.flags]))
                for f in cav:
                    caveats.setdefault(f, []).append(names[t.key])
                if cav:
                    ws.write(r, 0, f"Caveats ({len(cav)}): see the sheet 'notes'.", flag_f)
                    r += 1
                for n in t.notes:
                    ws.write(r, 0, n, note_f)
                    r += 1
                r += 1
                cols = list(t.df.columns)
                ws.write_row(r, 0, [t.header(c) for c in cols], head_f)
                head_row = r
                r += 1
                for j, c in enumerate(cols):
                    col = t.df[c]
                    is_num = pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)
                    fmt = numfmt(t.decimals_of(c)) if is_num else None
                    for i, v in enumerate(col.tolist()):
                        cv = _cell(v)
                        if cv is None:
                            continue
                        if fmt is not None and isinstance(cv, (int, float)):
                            ws.write_number(r + i, j, cv, fmt)
                        elif isinstance(cv, bool):
                            ws.write_boolean(r + i, j, cv)
                        elif isinstance(cv, (int, float)):
                            ws.write_number(r + i, j, cv)
                        elif _NUMBER.match(cv) and not is_code_column(c):
                            ws.write_number(r + i, j, float(cv), fmt or numfmt(len(cv.split(".")[1]) if "." in cv else 0))
                        else:
                            ws.write_string(r + i, j, cv)
                    width = max([len(t.header(c))] + [len(str(v)) for v in col.head(200).tolist()])
                    ws.set_column(j, j, min(max(10, width + 2), 60))
                ws.freeze_panes(head_row + 1, 1 if cols and not pd.api.types.is_numeric_dtype(t.df[cols[0]]) else 0)
        ws = wb.add_worksheet("notes")
        ws.write(0, 0, "Caveats of the report, each once, with the sheets it applies to", title_f)
        ws.write_row(2, 0, ["caveat", "sheets"], head_f)
        for i, (f, sheets) in enumerate(caveats.items(), 3):
            ws.write_string(i, 0, f)
            ws.write_string(i, 1, ", ".join(dict.fromkeys(sheets)))
        ws.set_column(0, 0, 90)
        ws.set_column(1, 1, 60)
        wb.close()
    return names
