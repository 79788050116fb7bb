r"""One set of row checks for every row that feeds a number.

A country's RCA has in its denominator the exports of **every** exporter of the panel
(:math:`X_{wpt} = \sum_c x_{cpt}`); a product space or a complexity index is a matrix over
every exporter; world totals given with ``--world`` replace that denominator. One bad row
anywhere there (``inf``, NaN, a negative value, a repeated key, a year such as -2000 or a
blank code) changes the country's figures without a word. So the rows that enter world
totals, denominators and matrices pass the same checks as the country's own rows:

===================  ============================================================
rule                 a row fails when
===================  ============================================================
``infinite``         its value is ``inf`` or ``-inf``
``missing value``    its value is empty or NaN
``negative``         its value is below 0
``bad year``         its year is empty, fractional or outside :data:`PLAUSIBLE_YEARS`
``blank exporter``   its exporter code is empty or blanks only
``blank product``    its product code is empty or blanks only
``duplicate key``    another row has the same (year, exporter, importer, product)
===================  ============================================================

The checks are conditional counts (:func:`row_problems`) that the aggregation which reads
the rows anyway computes in the same scan (:func:`valuechain.trade.country.country_view`
adds them to its ``GROUP BY year, product``); only when a count is not zero does a second
query fetch the first offending row, which the one-line error names
(:func:`raise_for_problems`). World-total files get :func:`check_world_totals`.

Numeric product codes (``10110`` for ``010110``, as a spreadsheet writes them) are padded
to the classification's width by :func:`product_padding` and counted in the ledger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

import ibis
import ibis.expr.types as ir

from ...errors import ValidationError
from ...ledger import Ledger

if TYPE_CHECKING:  # annotations only
    import pandas as pd

__all__ = [
    "PLAUSIBLE_YEARS",
    "ROW_RULES",
    "row_problems",
    "any_problem",
    "problem_count",
    "raise_for_problems",
    "check_rows",
    "check_unique",
    "check_frame_rows",
    "padding_ledger",
    "check_world_totals",
    "check_world_years",
    "product_padding",
    "pad_products",
    "value_problem",
    "code_problem",
]

from .keys import PLAUSIBLE_YEARS  # noqa: E402  (years accepted as plausible; defined beside the key codes)

#: rule name -> (what the row has, how to fix it)
ROW_RULES: dict[str, tuple[str, str]] = {
    "infinite": ("an infinite value", "trade values must be finite numbers >= 0"),
    "missing_value": ("no value (empty, NaN or not a number)", "fill or drop the row"),
    "negative": ("a negative value", "trade values must be >= 0"),
    "bad_year": (f"a year that is empty, not a whole number or outside {PLAUSIBLE_YEARS[0]}-{PLAUSIBLE_YEARS[1]}",
                 "give four-digit calendar years"),
    "blank_exporter": ("a blank exporter code", "give an ISO alpha-3 code for every row"),
    "blank_product": ("a blank product code", "give a product code for every row"),
}


def _predicates(t: ir.Table, *, columns: Iterable[str] | None = None) -> dict[str, ir.BooleanValue]:
    cols = set(t.columns if columns is None else columns)
    v = t.value
    out: dict[str, ir.BooleanValue] = {
        "infinite": v.isinf(),
        "missing_value": v.isnull() | v.isnan(),
        "negative": v < 0,
        "bad_year": t.year.isnull() | (t.year < PLAUSIBLE_YEARS[0]) | (t.year > PLAUSIBLE_YEARS[1]),
    }
    if "exporter" in cols:
        out["blank_exporter"] = t.exporter.isnull() | (t.exporter.strip() == "")
    out["blank_product"] = t["product"].isnull() | (t["product"].strip() == "") | (t["product"] < "!")
    if "blank_exporter" in out:
        out["blank_exporter"] = out["blank_exporter"] | (t.exporter < "!")
    return out


def row_problems(t: ir.Table, *, prefix: str = "bad_", columns: Iterable[str] | None = None) -> dict[str, ir.Value]:
    """Conditional counts of the rows breaking each rule of :data:`ROW_RULES`, as Ibis
    aggregations to add to a query that scans ``t`` anyway (``t.aggregate(**row_problems(t))``
    or a ``group_by(...).aggregate(...)``; sum the groups' counts afterwards).

    Parameters
    ----------
    t : ibis.expr.types.Table
        Rows in the flows schema (``year, value, product`` and, where present,
        ``exporter``, ``importer``).
    prefix : str, default "bad_"
        Prefix of the count names (``bad_negative``, ...).
    columns : iterable of str, optional
        Limits the rules to those columns (world totals have no exporter); default: the
        columns of ``t``.

    Returns
    -------
    dict of str to ibis.Value
        ``prefix + rule`` -> the number of rows breaking the rule (an aggregation).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, -1.0, float("inf")]})
    >>> t = register_frame(df)
    >>> c = to_pandas(t.aggregate(**row_problems(t))).iloc[0]
    >>> int(c["bad_negative"]), int(c["bad_infinite"]), int(c["bad_bad_year"])
    (1, 1, 0)
    """
    return {f"{prefix}{name}": ibis.ifelse(pred, 1, 0).sum() for name, pred in _predicates(t, columns=columns).items()}


def any_problem(t: ir.Table) -> ir.BooleanValue:
    """One predicate true for a row breaking any rule of :data:`ROW_RULES`.

    The cheap form for a scan: a value outside ``[0, inf)`` or null (NaN compares above
    every number), a year outside :data:`PLAUSIBLE_YEARS` or null, a code that is null or
    starts below ``"!"`` (empty, blank or a control character).

    Parameters
    ----------
    t : ibis.expr.types.Table
        Rows in the flows schema (``year, value, product`` and, where present,
        ``exporter``, ``importer``).

    Returns
    -------
    ibis.expr.types.BooleanValue
        True for a row that breaks a rule.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, -1.0, float("inf")]})
    >>> t = register_frame(df)
    >>> to_pandas(t.select(t.exporter, bad=any_problem(t)), sort=False)["bad"].tolist()
    [False, True, True]
    """
    v = t.value
    ok_value = (v >= 0) & (v < ibis.literal(float("inf"), type="float64"))
    bad = v.isnull() | ~ok_value | t.year.isnull() | (t.year < PLAUSIBLE_YEARS[0]) | (t.year > PLAUSIBLE_YEARS[1])
    for c in ("exporter", "product"):
        if c in t.columns:
            bad = bad | t[c].isnull() | (t[c] < "!")
    return bad


def problem_count(t: ir.Table) -> ir.Value:
    """The number of rows of ``t`` breaking a rule (:func:`any_problem`), as one aggregation.

    Added to a scan that reads ``t`` anyway; when it is not zero, :func:`check_rows` names
    a row.

    Parameters
    ----------
    t : ibis.expr.types.Table
        Rows in the flows schema (``year, value, product`` and, where present,
        ``exporter``, ``importer``).

    Returns
    -------
    ibis.Value
        An integer aggregation (the count of rows breaking a rule).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, -1.0, float("inf")]})
    >>> t = register_frame(df)
    >>> int(to_pandas(t.aggregate(n=problem_count(t)))["n"].iloc[0])
    2
    """
    return ibis.ifelse(any_problem(t), 1, 0).sum()


def value_problem(v: ir.NumericValue) -> ir.BooleanValue:
    """True for a value breaking a value rule (missing, NaN, infinite or negative).

    The only rule that must be tested row by row when year, exporter and product are group
    keys (the others are tested on the groups: :func:`code_problem`).

    Parameters
    ----------
    v : ibis.expr.types.NumericValue
        The value column.

    Returns
    -------
    ibis.expr.types.BooleanValue
        True where the value is missing, NaN, infinite or negative.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> t = register_frame(pd.DataFrame({"value": [1.0, float("nan"), -2.0, float("inf"), 0.0]}))
    >>> to_pandas(t.select(bad=value_problem(t.value)), sort=False)["bad"].tolist()
    [False, True, True, True, False]
    """
    return v.isnull() | ~((v >= 0) & (v < ibis.literal(float("inf"), type="float64")))


def code_problem(t: ir.Table, columns: Iterable[str] = ("year", "exporter", "product")) -> ir.BooleanValue:
    """True for an implausible year or a blank code among ``columns`` of ``t``.

    ``t`` may be the rows or the groups of an aggregation keyed by ``columns``: the same test,
    on far fewer values. A year is plausible within :data:`PLAUSIBLE_YEARS`; a code is blank
    when missing or made of spaces and control characters only.

    Parameters
    ----------
    t : ibis.expr.types.Table
        Rows or groups holding ``columns``.
    columns : iterable of str, default ("year", "exporter", "product")
        The key columns tested (``year`` numeric, the others text).

    Returns
    -------
    ibis.expr.types.BooleanValue
        True where a year is missing or implausible or a code is blank.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> t = register_frame(pd.DataFrame({"year": [2020, -2000, 2021], "exporter": ["KAZ", "RUS", " "],
    ...                                  "product": ["270900", "260300", "710812"]}))
    >>> to_pandas(t.select(bad=code_problem(t)), sort=False)["bad"].tolist()
    [False, True, True]
    """
    bad = ibis.literal(False)
    for c in columns:
        if c == "year":
            bad = bad | t.year.isnull() | (t.year < PLAUSIBLE_YEARS[0]) | (t.year > PLAUSIBLE_YEARS[1])
        else:
            bad = bad | t[c].isnull() | (t[c] < "!")
    return bad


def raise_for_problems(counts: Mapping[str, Any], t: ir.Table, *, what: str = "flows", prefix: str = "bad_") -> None:
    """Raise one line naming the first offending row when a count of :func:`row_problems` is not zero.

    Parameters
    ----------
    counts : mapping of str to number
        The counts computed by :func:`row_problems` (missing or NaN counts are 0).
    t : ibis.expr.types.Table
        Rows in the flows schema (``year, value, product`` and, where present,
        ``exporter``, ``importer``).
    what : str, default "flows"
        What the rows are, for the message ("flows", "world totals", ...).
    prefix : str, default "bad_"
        The prefix given to :func:`row_problems`.

    Raises
    ------
    ValidationError
        For the first rule (in the order of :data:`ROW_RULES`) whose count is not zero,
        naming one offending row of ``t``.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, -1.0, float("inf")]})
    >>> t = register_frame(df)
    >>> counts = to_pandas(t.aggregate(**row_problems(t))).iloc[0].to_dict()
    >>> raise_for_problems(counts, t)
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: 1 row(s) of the flows have an infinite value, e.g. the row (year=2021, ...
    """
    from .engine import to_pandas

    preds = _predicates(t)
    for name, (has, fix) in ROW_RULES.items():
        n = counts.get(f"{prefix}{name}")
        n = 0 if n is None or n != n else int(n)
        if n <= 0 or name not in preds:
            continue
        keys = [c for c in ("year", "exporter", "importer", "product", "value") if c in t.columns]
        row = to_pandas(t.filter(preds[name]).select(*keys).limit(1), sort=False)
        shown = _row_text(row.iloc[0].to_dict()) if len(row) else "?"
        raise ValidationError(f"{n} row(s) of the {what} have {has}, e.g. the row {shown}; {fix} (fix the file or drop the row)")


def _row_text(r: Mapping[str, Any]) -> str:
    parts = []
    for k, v in r.items():
        if v is None or (isinstance(v, float) and v != v and k != "value"):
            v = "(empty)"
        parts.append(f"{k}={v!s}" if k != "product" else f"product={v!r}")
    return "(" + ", ".join(parts) + ")"


def check_rows(t: ir.Table, *, what: str = "flows", keys: Iterable[str] | None = None) -> ir.Table:
    """Every rule of :data:`ROW_RULES` plus unique ``keys`` on ``t``; returns ``t`` or raises one line naming a row.

    One scan for the rules, one grouping for the keys.

    Parameters
    ----------
    t : ibis.expr.types.Table
        Rows in the flows schema (``year, value, product`` and, where present,
        ``exporter``, ``importer``).
    what : str, default "flows"
        What the rows are, for the message ("flows", "world totals", ...).
    keys : iterable of str, optional
        Columns that must identify a row (e.g. ``year, exporter, importer, product``);
        none: no uniqueness check.

    Returns
    -------
    ibis.expr.types.Table
        ``t`` itself.

    Raises
    ------
    ValidationError
        If a row breaks a rule or two rows share their ``keys``.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, -1.0, float("inf")]})
    >>> t = register_frame(df)
    >>> ok = register_frame(df.assign(value=[5.0, 2.0, 7.0]))
    >>> check_rows(ok, keys=["year", "exporter", "product"]) is ok
    True
    >>> check_rows(t)
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: 1 row(s) of the flows have an infinite value, ...
    """
    from .engine import backend_of

    con = backend_of(t)
    cols = set(t.columns)
    stats = con.execute(t.aggregate(**row_problems(t, columns=cols))).iloc[0].to_dict()
    raise_for_problems(stats, t, what=what)
    if keys:
        check_unique(t, list(keys), what=what)
    return t


def check_unique(t: ir.Table, keys: list[str], *, what: str = "flows") -> None:
    """Raise when two rows of ``t`` share their ``keys``.

    Parameters
    ----------
    t : ibis.expr.types.Table
        The rows.
    keys : list of str
        The columns that must identify a row.
    what : str, default "flows"
        What the rows are, for the message ("flows", "world totals", ...).

    Raises
    ------
    ValidationError
        Naming the first repeated key (in key order) and how many rows share it.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> df = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "UZB", "KAZ"],
    ...                    "product": ["010110", "020110", "010110"], "value": [5.0, -1.0, float("inf")]})
    >>> t = register_frame(df)
    >>> check_unique(t, ["year", "exporter", "product"])   # unique: nothing happens
    >>> check_unique(t, ["exporter", "product"])
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: the flows have 2 rows for the key (exporter=KAZ, product='010110'); ...
    """
    from .engine import to_pandas

    g = t.group_by(keys).aggregate(n=t.count())
    d = to_pandas(g.filter(g.n > 1).order_by(keys).limit(1), sort=False)
    if len(d):
        r = d.iloc[0]
        shown = _row_text({k: r[k] for k in keys})
        raise ValidationError(f"the {what} have {int(r['n'])} rows for the key {shown}; keep one row per "
                              f"({', '.join(keys)}) (sum or drop the repeats)")


def check_world_totals(world: ir.Table, *, what: str = "world totals") -> ir.Table:
    """Check world totals (``year, product, value``); returns ``world``.

    Finite, non-negative values, plausible years, non-blank products and one row per
    (year, product).

    Parameters
    ----------
    world : ibis.expr.types.Table
        World exports by ``year, product`` (column ``value``).
    what : str, default "world totals"
        What the rows are, for the message.

    Returns
    -------
    ibis.expr.types.Table
        ``world`` itself.

    Raises
    ------
    ValidationError
        If a row breaks a rule of :data:`ROW_RULES` or a (year, product) repeats.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame
    >>> w = register_frame(pd.DataFrame({"year": [2020, 2020], "product": ["010110", "020110"], "value": [50.0, 20.0]}))
    >>> check_world_totals(w) is w
    True
    """
    return check_rows(world, what=what, keys=["year", "product"])


def check_world_years(world: ir.Table, years: Iterable[int], *, what: str = "world totals") -> None:
    """Raise when ``world`` lacks a year of ``years`` (its RCA would be blank and Mcp 0).

    Parameters
    ----------
    world : ibis.expr.types.Table
        World totals with a ``year`` column.
    years : iterable of int
        The years of the flows analysed.
    what : str, default "world totals"
        What the rows are, for the message.

    Raises
    ------
    ValidationError
        Naming the missing years (the first ten).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame
    >>> w = register_frame(pd.DataFrame({"year": [2020, 2020], "product": ["010110", "020110"], "value": [50.0, 20.0]}))
    >>> check_world_years(w, [2020])
    >>> check_world_years(w, [2020, 2021])
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: the world totals have no rows for year(s) 2021 of the flows; ...
    """
    from .engine import to_pandas

    need = sorted({int(y) for y in years})
    if not need:
        return
    have = set(to_pandas(world.filter(world.year.isin(need)).select("year").distinct(), sort=False)["year"].astype(int))
    missing = [y for y in need if y not in have]
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        raise ValidationError(f"the {what} have no rows for year(s) {shown} of the flows; give world totals for every "
                              "year analysed, or choose years they cover")


def product_padding(lengths: Mapping[tuple[int, bool], int], *, width: int | None = None) -> tuple[int | None, int]:
    """The width to pad numeric product codes to, and how many rows it pads.

    Parameters
    ----------
    lengths : mapping
        ``(length, all digits?) -> number of rows`` of the product codes.
    width : int, optional
        The classification's width when known (6 for HS codes of a known revision, BACI).

    Returns
    -------
    (width or None, rows padded)
        None when nothing needs padding.

    Notes
    -----
    A code stored as a number loses its leading zero, and HS codes never start with two
    zeros (chapter 00 does not exist), so such a code is exactly one digit short: HS6
    ``010110`` becomes ``10110``. Codes of ``width - 1`` digits are padded; shorter or
    longer codes are left as they are (they are another classification's codes).
    Without a known width it is read from the codes: the longest all-digit code has
    :math:`D` digits; HS codes have an even width (2, 4 or 6 digits), so the width is
    :math:`D` when even and :math:`D + 1` when odd (every code of the file lost a leading
    zero, e.g. chapters 01-09 only). Codes of more than 6 digits of different lengths
    (national tariff lines) have no width that can be known: refused.

    Examples
    --------
    >>> product_padding({(6, True): 10, (5, True): 2})
    (6, 2)
    >>> product_padding({(5, True): 4})
    (6, 4)
    >>> product_padding({(6, True): 4})
    (None, 0)
    >>> product_padding({(4, True): 4}, width=6)
    (None, 0)
    """
    digit = {n: c for (n, d), c in lengths.items() if d and n > 0}
    if not digit:
        return None, 0
    longest = max(digit)
    if width is None:
        if len(digit) > 1 and longest > 6:
            raise ValidationError(f"product codes stored as numbers have {min(digit)} to {longest} digits, so the width of "
                                  "their classification cannot be known; write them as text with their leading zeros "
                                  "(or give product_digits / --hs-revision)")
        width = longest + (longest % 2) if longest <= 6 else longest
    elif longest > width:
        raise ValidationError(f"product codes have up to {longest} digits, more than the {width} of the classification; "
                              "check --hs-revision / the product column")
    n = digit.get(width - 1, 0)
    return (width, n) if n else (None, 0)


def pad_products(t: ir.Table, width: int) -> ir.Table:
    """``t`` with all-digit product codes of ``width - 1`` digits zero-padded (``"10110"`` → ``"010110"``).

    Parameters
    ----------
    t : ibis.expr.types.Table
        Rows with a text ``product`` column.
    width : int
        The classification's width (6 for HS6; from :func:`product_padding`).

    Returns
    -------
    ibis.expr.types.Table
        ``t`` with the short codes padded; other codes unchanged.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> t = register_frame(pd.DataFrame({"product": ["10110", "020110", "8703"], "value": [1.0, 2.0, 3.0]}))
    >>> to_pandas(pad_products(t, 6), sort=False)["product"].tolist()
    ['010110', '020110', '8703']
    """
    p = t["product"]
    digits = p.re_search(r"^[0-9]+$")
    return t.mutate(product=ibis.ifelse(digits & (p.length() == width - 1), p.lpad(width, "0"), p))


def padding_ledger(t: ir.Table, *, width: int | None = None) -> tuple[ir.Table, Ledger]:
    """Pad numeric product codes of ``t`` (one scan of the product column) and record it.

    Parameters
    ----------
    t : ibis.expr.types.Table
        Rows with a text ``product`` column.
    width : int, optional
        The classification's width when known; default: read from the codes
        (:func:`product_padding`).

    Returns
    -------
    t : ibis.expr.types.Table
        ``t`` with the codes padded (``t`` itself when none needs it).
    ledger : Ledger
        One ``padded`` entry with the number of rows padded (empty when none).

    Raises
    ------
    ValidationError
        If the width cannot be known or codes are longer than ``width``
        (:func:`product_padding`).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain.tables.trade.engine import register_frame, to_pandas
    >>> t = register_frame(pd.DataFrame({"product": ["10110", "020110"], "value": [1.0, 2.0]}))
    >>> t2, led = padding_ledger(t)
    >>> to_pandas(t2)["product"].tolist(), led.total("padded")
    (['010110', '020110'], 1)
    """
    from .engine import to_pandas

    p = t["product"]
    g = to_pandas(t.group_by(n=p.length(), d=p.re_search(r"^[0-9]+$")).aggregate(rows=t.count()), sort=False)
    lengths = {(int(n), bool(d)): int(r) for n, d, r in zip(g["n"], g["d"], g["rows"]) if n == n and d == d}
    w, n = product_padding(lengths, width=width)
    if w is None:
        return t, Ledger()
    led = Ledger().add("padded", f"product codes to {w} digits", n, "codes stored as numbers had lost their leading zeros")
    return pad_products(t, w), led


def check_frame_rows(df: pd.DataFrame, *, what: str = "flows") -> None:
    """The rules of :data:`ROW_RULES` on a pandas frame in the schema (small data).

    Parameters
    ----------
    df : DataFrame
        Rows in the flows schema (``year, product, value`` and, where present,
        ``exporter``, ``importer``).
    what : str, default "flows"
        What the rows are, for the message ("flows", "world totals", ...).

    Raises
    ------
    ValidationError
        For the first rule (in the order of :data:`ROW_RULES`) that a row breaks, naming
        that row.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 20200], "exporter": ["KAZ", "UZB"], "product": ["010110", "020110"],
    ...                    "value": [5.0, 2.0]})
    >>> check_frame_rows(df.assign(year=[2020, 2021]))
    >>> check_frame_rows(df)
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: 1 row(s) of the flows have a year that is empty, ... e.g. the row (year=20200, ...
    """
    import numpy as np
    import pandas as pd

    v = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(df["year"], errors="coerce")

    def blank(col):
        s = df[col]
        return s.isna().to_numpy() | (s.astype(str).str.strip() == "").to_numpy()

    preds = {
        "infinite": np.isinf(v),
        "missing_value": np.isnan(v),
        "negative": v < 0,
        "bad_year": (y.isna() | (y < PLAUSIBLE_YEARS[0]) | (y > PLAUSIBLE_YEARS[1])).to_numpy(),
        "blank_exporter": blank("exporter") if "exporter" in df else np.zeros(len(df), bool),
        "blank_product": blank("product"),
    }
    for name, (has, fix) in ROW_RULES.items():
        m = preds[name]
        if m.any():
            keys = [c for c in ("year", "exporter", "importer", "product", "value") if c in df.columns]
            shown = _row_text(df.loc[m, keys].iloc[0].to_dict())
            raise ValidationError(f"{int(m.sum())} row(s) of the {what} have {has}, e.g. the row {shown}; {fix} "
                                  "(fix the file or drop the row)")
