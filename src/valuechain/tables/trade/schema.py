"""The trade-flows schema and its validation.

A flows table has one row per ``(year, exporter, importer, product)``:

========  ===========  =========================================================
column    type         meaning
========  ===========  =========================================================
year      int          calendar year
exporter  str          ISO 3166 alpha-3 code of the exporting country
importer  str or null  ISO alpha-3 code of the importing country; null (or the
                       column absent) for exporter × product data ("to the world")
product   str          product code as text (HS 6-digit, leading zeros kept)
value     float        trade value (unit stated by the reader, e.g. thousand USD)
quantity  float/null   quantity (e.g. metric tons), may be null
========  ===========  =========================================================

:func:`validate_flows` checks a table (pandas or Ibis) and raises
:class:`~valuechain.errors.ValidationError` with a one-line message for: missing columns,
duplicate ``(year, exporter, importer, product)`` rows (or sums them, by option),
negative values, unknown country codes (listed), mixed HS revisions, an empty year range
and a country absent from the data.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from ...errors import ValidationError
from .checks import check_frame_rows, raise_for_problems, row_problems
from .engine import backend_of

__all__ = [
    "SCHEMA_COLUMNS",
    "KEY_COLUMNS",
    "REQUIRED_COLUMNS",
    "conform_frame",
    "conform_table",
    "validate_flows",
    "known_iso3",
    "parse_years",
    "check_country",
    "check_years",
    "check_hs_revisions",
    "has_importer",
]

#: every column of the schema, in order
SCHEMA_COLUMNS = ("year", "exporter", "importer", "product", "value", "quantity")
#: a row's identity
KEY_COLUMNS = ("year", "exporter", "importer", "product")
#: columns that must be present (importer and quantity may be absent)
REQUIRED_COLUMNS = ("year", "exporter", "product", "value")

_IBIS_TYPES = {
    "year": "int64",
    "exporter": "string",
    "importer": "string",
    "product": "string",
    "value": "float64",
    "quantity": "float64",
}

_NA_STRINGS = ("", "NA", "N/A", "NaN", "nan", "NULL", "null", "None")

from .keys import EXTRA_CODES, known_iso3, parse_years  # noqa: E402,F401  (EXTRA_CODES kept importable here; light: the CLI's one-pass path reads them without Ibis)


def _missing(columns: Iterable[str], *, need_importer: bool = False) -> list[str]:
    cols = set(columns)
    req = list(REQUIRED_COLUMNS) + (["importer"] if need_importer else [])
    return [c for c in req if c not in cols]


def _missing_message(missing: list[str], present: Iterable[str]) -> str:
    return (
        f"flows lack column(s) {', '.join(missing)} (found: {', '.join(map(str, present))}); "
        "rename them to the schema names year, exporter, importer, product, value, quantity or pass a column mapping"
    )


def _frame_years(col: pd.Series) -> pd.Series:
    y = pd.to_numeric(col, errors="coerce")
    bad = y.isna() | (y != np.floor(y))
    if bad.any():
        raise ValidationError(f"year {col[bad].iloc[0]!r} is not a whole number; give four-digit years")
    return y.astype("int64")


def _frame_values(col: pd.Series) -> pd.Series:
    v = pd.to_numeric(col, errors="coerce")
    bad = v.isna() & col.notna()
    if bad.any():
        raise ValidationError(f"value {col[bad].iloc[0]!r} is not a number; trade values must be numbers >= 0")
    return v.astype("float64")


def conform_frame(df: pd.DataFrame, *, duplicates: str = "error") -> pd.DataFrame:
    """Return a pandas frame with exactly the schema columns and types.

    ``importer`` and ``quantity`` are added as nulls when absent; product codes become text;
    country codes are stripped and upper-cased. Duplicate keys raise
    (``duplicates="error"``) or are summed (``"sum"``).

    Parameters
    ----------
    df : DataFrame
        Flows with at least ``year, exporter, product, value``.
    duplicates : {"error", "sum"}, default "error"
        What to do with rows sharing ``(year, exporter, importer, product)``.

    Returns
    -------
    DataFrame
        ``year`` (int64), ``exporter``, ``importer``, ``product`` (text), ``value``,
        ``quantity`` (float64), with a fresh index.

    Raises
    ------
    TypeError
        If ``df`` is not a DataFrame.
    ValidationError
        If a column is missing, a year is not a whole number, a value is not a number, keys
        repeat with ``duplicates="error"``, or ``duplicates`` is unknown.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": ["2020", "2020"], "exporter": [" kaz", "KAZ"], "importer": ["CHN", "CHN"],
    ...                    "product": ["010110", "010110"], "value": [5, 2]})
    >>> out = conform_frame(df, duplicates="sum")
    >>> out[["year", "exporter", "product", "value"]].values.tolist()
    [[2020, 'KAZ', '010110', 7.0]]
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, not {type(df).__name__}")
    missing = _missing(df.columns)
    if missing:
        raise ValidationError(_missing_message(missing, df.columns))
    out = pd.DataFrame(
        {
            "year": _frame_years(df["year"]),
            "exporter": df["exporter"].astype(str).str.strip().str.upper(),
            "importer": (df["importer"].astype("string").str.strip().str.upper().astype(object).where(df["importer"].notna(), None)
                         if "importer" in df else pd.Series([None] * len(df), index=df.index, dtype=object)),
            "product": df["product"].astype(str).str.strip(),
            "value": _frame_values(df["value"]),
            "quantity": (pd.to_numeric(df["quantity"], errors="coerce").astype("float64") if "quantity" in df
                         else pd.Series(float("nan"), index=df.index)),
        }
    ).astype({"importer": object})
    dup = out.duplicated(list(KEY_COLUMNS), keep=False)
    if dup.any():
        if duplicates == "sum":
            out = out.groupby(list(KEY_COLUMNS), dropna=False, sort=True, as_index=False).agg(
                value=("value", "sum"), quantity=("quantity", lambda q: q.sum(min_count=1))
            )
        elif duplicates == "error":
            first = out.loc[dup, list(KEY_COLUMNS)].iloc[0].tolist()
            raise ValidationError(
                f"{int(dup.sum())} rows share their (year, exporter, importer, product) with another row, e.g. {first}; "
                "remove them or aggregate with duplicates='sum' (CLI: --duplicates sum)"
            )
        else:
            raise ValidationError(f"duplicates must be 'error' or 'sum', not {duplicates!r}")
    return out.reset_index(drop=True)


def conform_table(t: ir.Table, *, clean_text: bool = False) -> ir.Table:
    """Select and cast the schema columns of an Ibis table (adding null importer/quantity).

    Columns already of the schema's type are left untouched (so filters on them still use
    Parquet statistics). Text in a numeric column that is not a number becomes null (and
    is reported by :func:`validate_flows`); a fractional year becomes null, never rounded.

    Parameters
    ----------
    t : ibis.expr.types.Table
        Flows with at least ``year, exporter, product, value``.
    clean_text : bool, default False
        Also strip blanks (and upper-case country codes) of text columns, for data read
        from text files.

    Returns
    -------
    ibis.expr.types.Table
        The schema columns in order, with the schema's types (lazy).

    Raises
    ------
    ValidationError
        If a required column is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": ["2020", "2020"], "exporter": [" kaz", "KAZ"], "importer": ["CHN", "CHN"],
    ...                    "product": ["010110", "010110"], "value": [5, 2]})
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> t = conform_table(register_frame(df), clean_text=True)
    >>> to_pandas(t)[["year", "exporter", "value"]].values.tolist()
    [[2020, 'KAZ', 2.0], [2020, 'KAZ', 5.0]]
    """
    missing = _missing(t.columns)
    if missing:
        raise ValidationError(_missing_message(missing, t.columns))
    cols = {}
    for c in SCHEMA_COLUMNS:
        typ = _IBIS_TYPES[c]
        if c not in t.columns:
            cols[c] = ibis.null().cast(typ)
            continue
        col = t[c]
        if c in ("exporter", "importer", "product"):
            if not col.type().is_string():
                col = col.cast("string")
            elif clean_text:
                col = col.strip()
                if c != "product":
                    col = col.upper()
        elif col.type().is_string():
            col = col.strip()
            # text that is not a number becomes null (reported by validate_flows), never a crash
            col = ibis.ifelse(col.isin(_NA_STRINGS), ibis.null().cast("string"), col).try_cast("float64")
            col = _whole_year(col) if c == "year" else col.cast(typ)
        elif c == "year" and col.type().is_floating():
            col = _whole_year(col)
        elif str(col.type()).rstrip("!") != typ:
            col = col.cast(typ)
        cols[c] = col
    return t.select(**cols)


def _whole_year(col):
    """A year column as int64; a fractional year (2000.5) becomes null instead of being rounded."""
    return ibis.ifelse(col == col.floor(), col, ibis.null().cast("float64")).cast("int64")


def has_importer(t: ir.Table | pd.DataFrame) -> bool:
    """True when the flows are bilateral (an ``importer`` column with at least one value).

    Parameters
    ----------
    t : ibis.expr.types.Table or DataFrame
        The flows.

    Returns
    -------
    bool
        False without an ``importer`` column or when every importer is null.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": ["2020", "2020"], "exporter": [" kaz", "KAZ"], "importer": ["CHN", "CHN"],
    ...                    "product": ["010110", "010110"], "value": [5, 2]})
    >>> has_importer(df), has_importer(df.drop(columns="importer")), has_importer(df.assign(importer=None))
    (True, False, False)
    """
    if "importer" not in t.columns:
        return False
    if isinstance(t, pd.DataFrame):
        return bool(t["importer"].notna().any())
    n = backend_of(t).execute(t.filter(t.importer.notnull()).limit(1).count())
    return int(n) > 0


def check_hs_revisions(revisions: Iterable[Any]) -> str | None:
    """Return the single HS revision in ``revisions`` (ignoring nulls) or raise if mixed.

    Parameters
    ----------
    revisions : iterable
        The HS revision of each input (e.g. ``"HS17"``); ``None`` and NaN are ignored.

    Returns
    -------
    str or None
        The one revision, or ``None`` when none is known.

    Raises
    ------
    ValidationError
        If the inputs mix revisions.

    Examples
    --------
    >>> check_hs_revisions(["HS17", None, "HS17"])
    'HS17'
    >>> check_hs_revisions(["HS12", "HS17"])
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: the flows mix HS revisions HS12, HS17; ...
    """
    revs = sorted({str(r) for r in revisions if r is not None and not (isinstance(r, float) and r != r)})
    if len(revs) > 1:
        raise ValidationError(
            f"the flows mix HS revisions {', '.join(revs)}; convert them to one revision (e.g. with a WITS/UN "
            "correlation table) or analyse each revision separately"
        )
    return revs[0] if revs else None


def check_years(available: Iterable[int], years: tuple[int, int] | None) -> None:
    """Raise when no year of ``available`` falls in ``years``.

    Parameters
    ----------
    available : iterable of int
        The years the flows hold.
    years : (int, int) or None
        The inclusive range asked for; ``None``: nothing to check.

    Raises
    ------
    ValidationError
        If ``available`` is empty or none of its years is in ``years``.

    Examples
    --------
    >>> check_years([2018, 2019], (2019, 2022))
    >>> check_years([2018, 2019], (2020, 2022))
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: no data in years 2020-2022; the flows cover 2018-2019, choose years in that range
    """
    if years is None:
        return
    avail = sorted({int(y) for y in available})
    if not avail:
        raise ValidationError("the flows have no rows; give a file with data")
    if not any(years[0] <= y <= years[1] for y in avail):
        raise ValidationError(
            f"no data in years {years[0]}-{years[1]}; the flows cover {avail[0]}-{avail[-1]}, choose years in that range"
        )


def check_country(available: Iterable[str], country: str | None, *, role: str = "exporter") -> None:
    """Raise when ``country`` is not among the ``available`` codes.

    Parameters
    ----------
    available : iterable of str
        The codes present (nulls are ignored).
    country : str or None
        The code asked for; ``None``: nothing to check.
    role : str, default "exporter"
        The column the codes come from, for the message.

    Raises
    ------
    ValidationError
        Listing the codes present (the first twelve).

    Examples
    --------
    >>> check_country(["KAZ", "UZB"], "KAZ")
    >>> check_country(["KAZ", "UZB"], "Kazakhstan")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: country Kazakhstan is not an exporter in the flows (use ISO alpha-3 codes such as KAZ); ...
    """
    if country is None:
        return
    avail = sorted({str(c) for c in available if c is not None})
    if country not in avail:
        shown = ", ".join(avail[:12]) + (f" and {len(avail) - 12} more" if len(avail) > 12 else "")
        hint = " (use ISO alpha-3 codes such as KAZ)" if not re.fullmatch(r"[A-Z]{3}", country) else ""
        raise ValidationError(f"country {country} is not an {role} in the flows{hint}; {role}s present: {shown}")


def validate_flows(
    flows: ir.Table | pd.DataFrame,
    *,
    duplicates: str = "error",
    country: str | None = None,
    years: tuple[int, int] | str | None = None,
    check_codes: bool = True,
    check_duplicates: bool = True,
    hs_revisions: Iterable[Any] | None = None,
) -> ir.Table | pd.DataFrame:
    """Check a flows table and return it (conformed; duplicates summed if asked).

    Parameters
    ----------
    flows : ibis.Table or pandas.DataFrame
        Flows with the schema columns (see the module docstring).
    duplicates : {"error", "sum"}
        What to do with rows sharing ``(year, exporter, importer, product)``.
    country : str, optional
        ISO3 code that must be present as an exporter.
    years : (int, int) or "YYYY-YYYY", optional
        Inclusive range that must contain data.
    check_codes : bool
        List exporter/importer codes that are not ISO alpha-3 country codes.
    check_duplicates : bool
        Skip the (full-scan) duplicate check when False.
    hs_revisions : iterable, optional
        HS revision of each input file; more than one distinct value is an error.

    Returns
    -------
    ibis.Table or pandas.DataFrame
        The conformed flows, of the same kind as ``flows`` (:func:`conform_frame` or
        :func:`conform_table`); with ``duplicates="sum"`` repeated keys summed.

    Raises
    ------
    ValidationError
        One line naming the problem and the fix.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": ["2020", "2020"], "exporter": [" kaz", "KAZ"], "importer": ["CHN", "CHN"],
    ...                    "product": ["010110", "010110"], "value": [5, 2]})
    >>> validate_flows(df, duplicates="sum", country="KAZ", years="2020")["value"].tolist()
    [7.0]
    >>> validate_flows(df)
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: 2 rows share their (year, exporter, importer, product) with another row, ...
    """
    if hs_revisions is not None:
        check_hs_revisions(hs_revisions)
    years = parse_years(years)
    if isinstance(flows, pd.DataFrame):
        t = conform_frame(flows, duplicates=duplicates)
        if not np.isfinite(t["value"].to_numpy(dtype=float)).all():
            raise ValidationError("a value is infinite or missing; trade values must be finite numbers >= 0")
        neg = t["value"] < 0
        if neg.any():
            r = t.loc[neg].iloc[0]
            raise ValidationError(
                f"{int(neg.sum())} rows have a negative value, e.g. {r.year} {r.exporter}->{r.importer} product {r['product']}: "
                f"{r.value}; trade values must be >= 0"
            )
        check_frame_rows(t)  # plausible years, blank codes (valuechain.tables.trade.checks)
        if check_codes:
            _check_codes(pd.concat([t["exporter"], t["importer"]]).dropna().unique())
        check_years(t["year"].unique(), years)
        check_country(t["exporter"].unique(), country)
        return t
    t = conform_table(flows)
    con = backend_of(t)
    stats = con.execute(
        t.aggregate(
            n=t.count(),
            n_negative=(t.value < 0).sum(),
            n_inf=t.value.isinf().sum(),
            **row_problems(t),
        )
    ).iloc[0]
    if int(stats["n"]) == 0:
        raise ValidationError("the flows have no rows; give a file with data")
    if int(stats["n_negative"] or 0) > 0:
        r = con.execute(t.filter(t.value < 0).order_by(["year", "exporter", "product"]).limit(1)).iloc[0]
        raise ValidationError(
            f"{int(stats['n_negative'])} rows have a negative value, e.g. {r.year} {r.exporter}->{r.importer} "
            f"product {r['product']}: {r.value}; trade values must be >= 0"
        )
    if int(stats["n_inf"] or 0) > 0:
        r = con.execute(t.filter(t.value.isinf()).order_by(["year", "exporter", "product"]).limit(1)).iloc[0]
        raise ValidationError(f"{int(stats['n_inf'])} rows have an infinite value, e.g. {r.year} {r.exporter}->{r.importer} "
                              f"product {r['product']}; trade values must be finite numbers")
    raise_for_problems(stats.to_dict(), t)  # NaN, implausible years, blank codes (valuechain.tables.trade.checks)
    if check_codes:
        codes = con.execute(t.select(code=t.exporter).union(t.select(code=t.importer)).distinct())["code"]
        _check_codes(codes.dropna().tolist())
    if years is not None:
        check_years(con.execute(t.select("year").distinct())["year"].tolist(), years)
    if country is not None:
        n = int(con.execute(t.filter(t.exporter == country).limit(1).count()))
        if n == 0:
            check_country(con.execute(t.select("exporter").distinct())["exporter"].tolist(), country)
    if check_duplicates:
        g = t.group_by(list(KEY_COLUMNS)).aggregate(n=t.count())
        dups = g.filter(g.n > 1)
        n_dup = int(con.execute(dups.count()))
        if n_dup:
            if duplicates == "sum":
                return t.group_by(list(KEY_COLUMNS)).aggregate(value=t.value.sum(), quantity=t.quantity.sum()).select(*SCHEMA_COLUMNS)
            if duplicates != "error":
                raise ValidationError(f"duplicates must be 'error' or 'sum', not {duplicates!r}")
            first = con.execute(dups.order_by(list(KEY_COLUMNS)).limit(1)).iloc[0]
            raise ValidationError(
                f"{n_dup} (year, exporter, importer, product) keys occur more than once, e.g. "
                f"{[first.year, first.exporter, first.importer, first['product']]}; remove them or aggregate with "
                "duplicates='sum' (CLI: --duplicates sum)"
            )
    return t


def check_country_codes(codes: Iterable[str]) -> None:
    """Raise :class:`ValidationError` naming the codes that are not ISO 3166 alpha-3."""
    _check_codes(codes)


def _check_codes(codes: Iterable[str]) -> None:
    known = known_iso3()
    bad = sorted({str(c) for c in codes if c is not None and str(c) not in known})
    if bad:
        shown = ", ".join(bad[:15]) + (f" and {len(bad) - 15} more" if len(bad) > 15 else "")
        raise ValidationError(
            f"unknown country code(s) {shown}; use ISO 3166 alpha-3 codes (numeric BACI/Comtrade codes are converted by "
            "read_flows with format='baci' or 'comtrade') or pass check_codes=False"
        )
