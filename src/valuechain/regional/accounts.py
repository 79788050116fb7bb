r"""National and regional accounts: GDP structure and growth by activity, regional shares of GDP.

Pure functions on a long frame of gross value added (``year, region, item, value``; e.g.
:func:`valuechain.datasets.bns_gva_long`). Items are activity sections (A-T, or a published
aggregate such as ``OTHER_SERVICES``), ``GDP``, ``NET_TAXES`` and ``FISIM``.

* :func:`activity_structure`: the share of each activity (or group of activities) in GVA
  at basic prices (the sum of the activities) and in GDP,
  :math:`s_a = 100\, GVA_a / \sum_b GVA_b`;
* :func:`activity_growth`: growth of GVA by activity between two years, in the prices of
  the data (current prices: nominal growth; no volume index is computed here),
  :math:`g_a = 100\,[(GVA_{a,t_1}/GVA_{a,t_0})^{1/(t_1-t_0)} - 1]`;
* :func:`regional_shares`: each region's share of national GDP and its rank.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"year": 2010, "region": "national", "item": ["A", "B", "F", "G"], "value": [5.0, 34.0, 8.0, 53.0]})
>>> t = activity_structure(f, year=2010, groups=SEED_ACTIVITY_GROUPS).table
>>> t.set_index("activity")["share_of_gva_pct"].to_dict()
{'Agriculture': 5.0, 'Industry': 34.0, 'Construction': 8.0, 'Services': 53.0}
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row

__all__ = ["activity_structure", "activity_growth", "regional_shares", "AccountsTable", "SEED_ACTIVITY_GROUPS", "ACTIVITY_ITEMS"]

#: the section letters and the published aggregates that are activities (not GDP, taxes or FISIM)
ACTIVITY_ITEMS = tuple("ABCDEFGHIJKLMNOPQRST") + ("OTHER_SERVICES",)
#: the regional seed's Figure 1 groups: agriculture, industry (B-E), construction, services
SEED_ACTIVITY_GROUPS: dict[str, tuple[str, ...]] = {
    "Agriculture": ("A",),
    "Industry": ("B", "C", "D", "E"),
    "Construction": ("F",),
    "Services": tuple("GHIJKLMNOPQRST") + ("OTHER_SERVICES",),
}


@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class AccountsTable(ResultMixin):
    """A table of shares or growth rates with ``value``, ``unit``, ``year``, ``source`` columns.

    The result of :func:`activity_structure`, :func:`activity_growth` and
    :func:`regional_shares`.

    Parameters
    ----------
    table : DataFrame
        One row per activity (group) or region; the columns are listed by each function.
    share_column : str, default ""
        The column of percentage shares that must add up to 100 in every year (checked by
        ``check()``); empty for growth rates.
    flags : tuple of str, default ()
        Provenance and gaps (activities not published separately, nominal growth).

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"year": 2020, "region": ["national", "north", "south"], "item": "GDP",
    ...                   "value": [200.0, 150.0, 50.0]})
    >>> r = regional_shares(g, year=2020)
    >>> r.share_column, r.table["share_pct"].tolist()
    ('share_pct', [75.0, 25.0])
    """

    table: pd.DataFrame
    share_column: str = ""
    flags: tuple = ()
    title: ClassVar[str] = "Accounts table"

    def _identity_rows(self) -> list[dict]:
        if not self.share_column:
            return []
        rows = []
        for y, g in self.table.groupby("year"):
            rows.append(identity_row(f"{y}: {self.share_column} adds up to 100", abs(g[self.share_column].sum() - 100.0), scale=100.0))
        return rows


def _check(gva: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(gva, pd.DataFrame):
        raise TypeError(f"gva must be a DataFrame (year, region, item, value), got {type(gva).__name__}")
    miss = [c for c in ("year", "region", "item", "value") if c not in gva.columns]
    if miss:
        raise ValidationError(f"gva lacks column(s) {', '.join(miss)}; give year, region, item, value")
    v = pd.to_numeric(gva["value"], errors="coerce")
    if v.isna().any() or not np.isfinite(v.to_numpy()).all():
        raise ValidationError("gva holds NaN, infinite or non-numeric values; drop or fix those rows")
    return gva.assign(value=v)


def _groups(groups: Mapping[str, Sequence[str]] | None, items: Sequence[str]) -> dict[str, tuple[str, ...]]:
    if groups is None:
        return {i: (i,) for i in items}
    seen: dict[str, str] = {}
    for g, its in groups.items():
        for i in its:
            if i in seen:
                raise ValidationError(f"activity {i} is in both groups {seen[i]!r} and {g!r}; put it in one")
            seen[i] = g
    return {g: tuple(its) for g, its in groups.items()}


def activity_structure(gva: pd.DataFrame, *, year: int, region: str = "national",
                       groups: Mapping[str, Sequence[str]] | None = None, names: Mapping[str, str] | None = None) -> AccountsTable:
    r"""Shares of activities (or groups of them) in GVA at basic prices and in GDP, one year.

    Parameters
    ----------
    gva : DataFrame
        Gross value added, long: ``year, region, item, value`` (items are activity sections
        A-T or ``OTHER_SERVICES``, ``GDP``, ``NET_TAXES``, ``FISIM``); ``gva.attrs["unit"]``
        and ``gva.attrs["source"]``, when present, are copied into the table.
    year : int
        The year.
    region : str, default "national"
        The region (as in ``gva["region"]``).
    groups : mapping of str to sequence of str, optional
        Group name -> activity items (e.g. :data:`SEED_ACTIVITY_GROUPS`); an item may be
        in one group only. Default: each activity on its own.
    names : mapping of str to str, optional
        Display names of the activities (or groups), for the ``name`` column.

    Returns
    -------
    AccountsTable
        ``table``: ``activity, name, value, unit, share_of_gva_pct, share_of_gdp_pct, year,
        region, source``; an activity with no value that year (e.g. section I before
        2014, published inside ``OTHER_SERVICES``) is left out and listed in the flags.
        ``share_of_gdp_pct`` is NaN without a positive ``GDP`` item.

    Raises
    ------
    TypeError
        If ``gva`` is not a DataFrame.
    ValidationError
        If ``gva`` lacks a column, holds NaN, infinite or non-numeric values, or has no
        rows for the region and year(s), or an activity is in two groups.

    Notes
    -----
    .. math:: s_a = 100\, \frac{GVA_a}{\sum_b GVA_b}, \qquad s^{GDP}_a = 100\, \frac{GVA_a}{GDP}

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2010, "region": "national", "item": ["A", "B", "F", "G", "GDP"],
    ...                   "value": [5.0, 34.0, 8.0, 53.0, 125.0]})
    >>> t = activity_structure(f, year=2010).table
    >>> t[["activity", "share_of_gva_pct", "share_of_gdp_pct"]].values.tolist()
    [['A', 5.0, 4.0], ['B', 34.0, 27.2], ['F', 8.0, 6.4], ['G', 53.0, 42.4]]
    """
    g = _check(gva)
    g = g[(g["year"] == year) & (g["region"] == region)]
    if g.empty:
        raise ValidationError(f"gva has no rows for {region!r} in {year}; choose a year and region the data hold")
    vals = g.set_index("item")["value"]
    acts = [i for i in ACTIVITY_ITEMS if i in vals.index]
    gr = _groups(groups, acts)
    tot = float(vals[acts].sum())
    gdp = float(vals["GDP"]) if "GDP" in vals.index else np.nan
    unit = str(gva.attrs.get("unit", ""))
    src = str(gva.attrs.get("source", ""))
    rows, absent = [], []
    for k, its in gr.items():
        have = [i for i in its if i in vals.index]
        absent += [i for i in its if i not in vals.index and i != "OTHER_SERVICES"]
        if not have:
            continue
        v = float(vals[have].sum())
        rows.append({"activity": k, "name": (names or {}).get(k, k), "value": v, "unit": unit, "share_of_gva_pct": 100 * v / tot,
                     "share_of_gdp_pct": 100 * v / gdp if np.isfinite(gdp) and gdp > 0 else np.nan, "year": int(year),
                     "region": region, "source": src})
    flags = (f"{year}: not published separately: {', '.join(absent)} (inside OTHER_SERVICES)",) if absent else ()
    return AccountsTable(table=pd.DataFrame(rows), share_column="share_of_gva_pct", flags=flags)


def activity_growth(gva: pd.DataFrame, *, start: int, end: int, region: str = "national",
                    groups: Mapping[str, Sequence[str]] | None = None) -> AccountsTable:
    r"""Average annual growth of GVA by activity (group) from ``start`` to ``end`` in the data's prices.

    Parameters
    ----------
    gva : DataFrame
        Gross value added, long: ``year, region, item, value`` (items are activity sections
        A-T or ``OTHER_SERVICES``, ``GDP``, ``NET_TAXES``, ``FISIM``); ``gva.attrs["unit"]``
        and ``gva.attrs["source"]``, when present, are copied into the table.
    start, end : int
        The first and the last year (``end > start``).
    region : str, default "national"
        The region (as in ``gva["region"]``).
    groups : mapping of str to sequence of str, optional
        Group name -> activity items (e.g. :data:`SEED_ACTIVITY_GROUPS`). Default: each
        activity on its own.

    Returns
    -------
    AccountsTable
        ``table``: ``activity, start, end, value_start, value_end, unit,
        growth_pct_per_year, prices, region, source``. With current-price data (a unit
        that says "current") the growth is **nominal** (``prices`` and the flags say so).
        An activity (group) must be published, and positive, in both years (e.g. I, K, M-S
        only from 2014); otherwise it is left out and named in the flags.

    Raises
    ------
    TypeError
        If ``gva`` is not a DataFrame.
    ValidationError
        If ``gva`` lacks a column, holds NaN, infinite or non-numeric values, or has no
        rows for the region and year(s), or ``end <= start``.

    Notes
    -----
    .. math:: g_a = 100\,\Bigl[\Bigl(\frac{GVA_{a,t_1}}{GVA_{a,t_0}}\Bigr)^{1/(t_1-t_0)} - 1\Bigr]

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": [2010] * 2 + [2012] * 2, "region": "national", "item": ["A", "G"] * 2,
    ...                   "value": [5.0, 53.0, 6.05, 60.0]})
    >>> t = activity_growth(f, start=2010, end=2012).table
    >>> t.set_index("activity")["growth_pct_per_year"].round(1).to_dict()   # A: 1.1^2 = 1.21
    {'A': 10.0, 'G': 6.4}
    """
    if not (isinstance(start, int) and isinstance(end, int)) or end <= start:
        raise ValidationError(f"start = {start!r}, end = {end!r}; give two years with end > start")
    g = _check(gva)
    g = g[g["region"] == region]
    a = g[g["year"] == start].set_index("item")["value"]
    b = g[g["year"] == end].set_index("item")["value"]
    if a.empty or b.empty:
        raise ValidationError(f"gva has no rows for {region!r} in {start if a.empty else end}")
    acts = [i for i in ACTIVITY_ITEMS if i in a.index or i in b.index]
    gr = _groups(groups, acts)
    unit = str(gva.attrs.get("unit", ""))
    nominal = "current" in unit.lower()
    rows, skipped = [], []
    for k, its in gr.items():
        ia, ib = [i for i in its if i in a.index], [i for i in its if i in b.index]
        if not ia or not ib or (set(ia) != set(ib) and groups is None):
            skipped.append(k)
            continue
        va_, vb = float(a[ia].sum()), float(b[ib].sum())
        if va_ <= 0 or vb <= 0:
            skipped.append(k)
            continue
        rows.append({"activity": k, "start": start, "end": end, "value_start": va_, "value_end": vb, "unit": unit,
                     "growth_pct_per_year": 100 * ((vb / va_) ** (1 / (end - start)) - 1),
                     "prices": "current prices (nominal growth)" if nominal else "as in the data", "region": region,
                     "source": str(gva.attrs.get("source", ""))})
    flags = (f"not published in both {start} and {end}: {', '.join(skipped)}",) if skipped else ()
    if nominal:
        flags += ("nominal growth: the data are in current prices (no volume index held)",)
    return AccountsTable(table=pd.DataFrame(rows), flags=flags)


def regional_shares(gva: pd.DataFrame, *, year: int, item: str = "GDP", national: str = "national") -> AccountsTable:
    r"""Each region's share of the national ``item`` (default GDP) in ``year``, ranked.

    Parameters
    ----------
    gva : DataFrame
        Gross value added, long: ``year, region, item, value`` (items are activity sections
        A-T or ``OTHER_SERVICES``, ``GDP``, ``NET_TAXES``, ``FISIM``); ``gva.attrs["unit"]``
        and ``gva.attrs["source"]``, when present, are copied into the table.
    year : int
        The year.
    item : str, default "GDP"
        The item whose regional shares are computed.
    national : str, default "national"
        The region label of the national total.

    Returns
    -------
    AccountsTable
        ``table``: ``region, region_name, value, unit, share_pct, rank, year, item,
        source``, largest share first. The regions must add up to the national value
        (checked: ``check()``).

    Raises
    ------
    TypeError
        If ``gva`` is not a DataFrame.
    ValidationError
        If ``gva`` lacks a column, holds NaN, infinite or non-numeric values, or has no
        rows for the region and year(s) (the national value included).

    Notes
    -----
    .. math:: s_r = 100\, \frac{GDP_r}{GDP_{\text{national}}}

    Examples
    --------
    >>> import pandas as pd
    >>> g = pd.DataFrame({"year": 2020, "region": ["national", "south", "north"], "item": "GDP",
    ...                   "value": [200.0, 50.0, 150.0]})
    >>> regional_shares(g, year=2020).table[["region", "share_pct", "rank"]].values.tolist()
    [['north', 75.0, 1], ['south', 25.0, 2]]
    """
    g = _check(gva)
    g = g[(g["year"] == year) & (g["item"] == item)]
    if g.empty or national not in set(g["region"]):
        raise ValidationError(f"gva has no national {item} in {year}; choose a year the data hold")
    nat = float(g.loc[g["region"] == national, "value"].iloc[0])
    r = g[g["region"] != national].copy()
    r["share_pct"] = 100 * r["value"] / nat
    r = r.sort_values("share_pct", ascending=False)
    r["rank"] = np.arange(1, len(r) + 1)
    t = pd.DataFrame({"region": r["region"], "region_name": r.get("region_name", r["region"]), "value": r["value"],
                      "unit": str(gva.attrs.get("unit", "")), "share_pct": r["share_pct"], "rank": r["rank"], "year": int(year),
                      "item": item, "source": str(gva.attrs.get("source", ""))}).reset_index(drop=True)
    return AccountsTable(table=t, share_column="share_pct")
