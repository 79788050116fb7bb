"""The HTML page of the report: one self-contained file (inline CSS and SVG figures).

Rendered with Jinja2 with autoescaping on: every label coming from the data (sector
names, product descriptions, countries) is shown as text. The only markup inserted
unescaped is the SVG of each figure, which vl-convert writes with its text escaped and
which :func:`valuechain.report.figures.sanitize_svg` cleans once more. A
Content-Security-Policy meta tag forbids scripts and network requests.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from ._model import ReportDoc, ReportTable

__all__ = ["render_html", "format_number"]

_TEMPLATES = Path(__file__).with_name("templates")
_STATUS_LABEL = {"skipped": "(skipped)", "unavailable": "(not available in this version)", "failed": "(failed)", "ok": ""}


def format_number(value: object, decimals: int) -> str:
    """Thousands separators, fixed decimals, '–' for missing; deterministic.

    Parameters
    ----------
    value : object
        A cell value: a float is shown with ``decimals`` decimals, an integer with none, a
        bool as ``yes`` / ``no``, ``None`` and NaN as ``–``, infinity as ``∞``; anything else
        as ``str(value)``. A negative sign is the typographic minus ``−``, and a value that
        rounds to zero shows no sign.
    decimals : int
        Decimals of a float.

    Returns
    -------
    str
        The value as the page shows it.

    Examples
    --------
    >>> [format_number(v, 2) for v in (1234567.891, -0.001, -2.5, 42, float("nan"), None, True)]
    ['1,234,567.89', '0.00', '−2.50', '42', '–', '–', 'yes']
    >>> format_number(float("-inf"), 1), format_number("Oil & gas", 1)
    ('−∞', 'Oil & gas')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        out = f"{float(value):,.{decimals}f}"
        if out.startswith("-") and float(out.replace(",", "")) == 0:
            out = out[1:]
        return out.replace("-", "−")
    return str(value)


_PLAIN_INT = {"year", "start", "end", "base", "factor", "component", "time", "df", "rank"}


def _plain(col: str) -> bool:
    return str(col).lower() in _PLAIN_INT or str(col).lower().endswith("year")


def _rows(table: ReportTable):
    df = table.df.head(table.max_rows)
    cols = list(df.columns)
    dec = {c: table.decimals_of(c) for c in cols}
    num = {c: pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]) for c in cols}
    for rec in df.itertuples(index=False, name=None):
        yield [(str(int(v)) if num[c] and _plain(c) and isinstance(v, (int, np.integer, float, np.floating)) and float(v).is_integer()
                else format_number(v, dec[c]) if num[c] else ("–" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)),
                "num" if num[c] else "txt") for c, v in zip(cols, rec)]


def _env():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2", "htm"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(doc: ReportDoc, *, sheet_names: dict[str, str] | None = None) -> str:
    """Render the report page (a string of HTML; deterministic for the same document).

    Parameters
    ----------
    doc : ReportDoc
        The document of a build (sections holding tables, figures and paragraphs; each
        figure's SVG already rendered by :func:`valuechain.report.figures.render_figures`).
    sheet_names : dict of str to str, optional
        The workbook sheet of each table key (from
        :func:`valuechain.report.excel.write_workbook`), named under each table; by default
        the table key.

    Returns
    -------
    str
        One self-contained HTML page (inline CSS and SVG, no script). Every label from the
        data is escaped.

    Examples
    --------
    >>> from valuechain.report._model import ReportSection
    >>> t = ReportTable("exports", "Exports by sector", pd.DataFrame({"sector": ["Oil </script>"], "value": [52.04]}),
    ...                 source="CEPII BACI", unit="% of exports")
    >>> doc = ReportDoc(title="Kazakhstan", sections=[ReportSection("trade", "Trade", blocks=[t])])
    >>> page = render_html(doc)
    >>> page.startswith("<!DOCTYPE html>"), "Oil &lt;/script&gt;" in page, "<script" in page, "52.0" in page
    (True, True, False, True)
    """
    env = _env()
    tmpl = env.get_template("report.html.j2")
    fig_index = {f.key: i for i, f in enumerate(doc.figures, 1)}
    inline = [t for t in doc.tables if not t.annex]
    annex = [t for t in doc.tables if t.annex]
    tab_index = {t.key: i for i, t in enumerate([*inline, *annex], 1)}
    sec_index = {s.key: i for i, s in enumerate(doc.sections, 1)}
    return tmpl.render(
        doc=doc,
        rows=_rows,
        fig_index=fig_index,
        tab_index=tab_index,
        sec_index=sec_index,
        annex=annex,
        sheet_of=sheet_names or {t.key: t.key for t in doc.tables},
        status_label=_STATUS_LABEL,
        tip=(doc.claims.tooltip if doc.claims is not None else (lambda c: "")),
    )
