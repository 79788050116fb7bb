"""Intensive and extensive margins of export growth between two years (or windows).

The change of an exporter's total exports between a base period 0 and an end period 1 is
split over its product-market pairs :math:`(p, m)`, with :math:`P_0` the products it
exported (to any market) and :math:`M_0` the markets it reached (with any product) in the
base period:

.. math::

    \\Delta X = X_1 - X_0 =
      \\underbrace{\\sum_{x^0_{pm}>0,\\,x^1_{pm}>0} (x^1_{pm} - x^0_{pm})}_{\\text{intensive}}
    + \\underbrace{\\sum_{x^0_{pm}=0,\\,p \\in P_0} x^1_{pm}}_{\\text{old products, new markets}}
    + \\underbrace{\\sum_{x^0_{pm}=0,\\,p \\notin P_0,\\,m \\in M_0} x^1_{pm}}_{\\text{new products, old markets}}
    + \\underbrace{\\sum_{x^0_{pm}=0,\\,p \\notin P_0,\\,m \\notin M_0} x^1_{pm}}_{\\text{new products, new markets}}
    - \\underbrace{\\sum_{x^0_{pm}>0,\\,x^1_{pm}=0} x^0_{pm}}_{\\text{exits}}

The five parts add up to :math:`\\Delta X` exactly (every pair is in exactly one part).
"Old product, new market" means a market that is new *for that product* (Brenton &
Newfarmer 2007; Amurgo-Pacheco & Pierola 2008), so the intensive margin holds only pairs
present in both periods (the World Bank Trade Outcomes Indicators' "same products to the
same markets"); the seed's Figure 12 reports the parts as shares of total growth.
Without partners (exporter × product data) the split is intensive / new products / exits
(Besedeš & Prusa 2011).

References
----------
Amurgo-Pacheco, A. and Pierola, M. D. (2008). Patterns of export diversification in developing
countries: intensive and extensive margins. World Bank Policy Research WP 4473, Table 2.
Besedeš, T. and Prusa, T. J. (2011). The role of extensive and intensive margins and export
growth. Journal of Development Economics 96(2), 371-379, eq. (1).
Brenton, P. and Newfarmer, R. (2007). Watching more than the Discovery Channel: export cycles
and diversification in development. World Bank Policy Research WP 4302.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ..errors import ValidationError

if TYPE_CHECKING:  # annotations only: Ibis and pandas are imported on use (the components without them)
    import ibis.expr.types as ir
    import pandas as pd
    from ibis import BaseBackend

__all__ = ["export_margins", "check_margins", "MARGIN_COMPONENTS", "PRODUCT_MARGIN_COMPONENTS"]

#: the parts of the bilateral decomposition, in order
MARGIN_COMPONENTS = ("intensive", "old_products_new_markets", "new_products_old_markets", "new_products_new_markets", "exits")
#: the parts without partners
PRODUCT_MARGIN_COMPONENTS = ("intensive", "new_products", "exits")


def _window(x: int | tuple[int, int]) -> tuple[int, int]:
    if isinstance(x, (int,)) or (hasattr(x, "__int__") and not isinstance(x, (tuple, list))):
        return int(x), int(x)
    a, b = (int(v) for v in x)
    if b < a:
        raise ValidationError(f"window {a}-{b} ends before it starts")
    return a, b


def _period(t: ir.Table, w: tuple[int, int], keys: list[str], name: str) -> ir.Table:
    s = t.filter((t.year >= w[0]) & (t.year <= w[1]))
    n = float(w[1] - w[0] + 1)
    g = s.group_by(keys).aggregate(**{name: s.value.sum() / n})  # mean over the window (absent years = 0)
    return g.filter(g[name] > 0)


def export_margins(
    flows: Any,
    *,
    base: int | tuple[int, int],
    end: int | tuple[int, int],
    country: str | Sequence[str] | None = None,
    level: str = "auto",
    con: BaseBackend | None = None,
) -> pd.DataFrame:
    """Decompose each exporter's export change between ``base`` and ``end`` into margins.

    The five parts (three without partners) of the module's formula, which add up to
    :math:`\\Delta X = X_1 - X_0` exactly.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema.
    base, end : int or (int, int)
        A year, or an inclusive window whose yearly average is used (years without a flow
        count as zero).
    country : str or list, optional
        Exporter(s); default all.
    level : {"auto", "market", "product"}
        ``market``: product × market pairs (needs partners); ``product``: products only;
        ``auto``: ``market`` when the flows have partners.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``exporter, base, end, x0, x1, component, value, share`` — one row per component
        plus ``total`` (= x1 - x0); ``share`` is 100 · value / (x1 - x0).

    Raises
    ------
    ValidationError
        When the end period does not start after the base period, or for an unknown ``level``.

    References
    ----------
    Amurgo-Pacheco, A. and Pierola, M. D. (2008). Patterns of export diversification in
    developing countries: intensive and extensive margins. World Bank Policy Research WP 4473.
    Besedeš, T. and Prusa, T. J. (2011). The role of extensive and intensive margins and
    export growth. Journal of Development Economics 96(2), 371-379.

    Examples
    --------
    Oil to China grows 60 → 90 and to Russia falls 20 → 10 (intensive +20); steel leaves
    China (exit -20) for Germany (an old product in a new market, +20):

    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2020, 2020, 2020, 2021, 2021, 2021], "exporter": "KAZ",
    ...                       "importer": ["CHN", "RUS", "CHN", "CHN", "RUS", "DEU"],
    ...                       "product": ["270900", "270900", "720110", "270900", "270900", "720110"],
    ...                       "value": [60.0, 20.0, 20.0, 90.0, 10.0, 20.0]})
    >>> export_margins(flows, base=2020, end=2021)[["component", "value", "share"]]
                      component  value  share
    0                 intensive   20.0  100.0
    1  old_products_new_markets   20.0  100.0
    2  new_products_old_markets    0.0    0.0
    3  new_products_new_markets    0.0    0.0
    4                     exits  -20.0 -100.0
    5                     total   20.0  100.0
    """
    import ibis

    from ..tables.trade.engine import to_pandas
    from ..tables.trade.flows import select_flows

    w0, w1 = _window(base), _window(end)
    if w1[0] <= w0[1]:
        raise ValidationError(f"the end period {w1[0]}-{w1[1]} must start after the base period {w0[0]}-{w0[1]}")
    t = select_flows(flows, con=con, country=country)
    t = t.filter(((t.year >= w0[0]) & (t.year <= w0[1])) | ((t.year >= w1[0]) & (t.year <= w1[1])))
    if level == "auto":
        from ..tables.trade.engine import backend_of

        has_partner = int(backend_of(t).execute(t.filter(t.importer.notnull()).limit(1).count())) > 0
        level = "market" if has_partner else "product"
    if level not in ("market", "product"):
        raise ValidationError(f"level must be 'auto', 'market' or 'product', not {level!r}")
    if level == "market":
        t = t.filter(t.importer.notnull())
        keys = ["exporter", "product", "importer"]
    else:
        keys = ["exporter", "product"]
    a = _period(t, w0, keys, "x0")
    b = _period(t, w1, keys, "x1")
    j = a.outer_join(b, [a[k] == b[k] for k in keys])
    pairs = j.select(**{k: ibis.coalesce(j[k], j[f"{k}_right"]) for k in keys}, x0=j.x0.fill_null(0.0), x1=j.x1.fill_null(0.0)).view()
    both, new, gone = (pairs.x0 > 0) & (pairs.x1 > 0), (pairs.x0 == 0) & (pairs.x1 > 0), (pairs.x0 > 0) & (pairs.x1 == 0)
    if level == "market":
        p0 = a.group_by(["exporter", "product"]).aggregate(old_p=ibis.literal(1)).view()
        m0 = a.group_by(["exporter", "importer"]).aggregate(old_m=ibis.literal(1)).view()
        q = pairs.left_join(p0, ["exporter", "product"]).select(pairs, old_p=p0.old_p).view()
        q = q.left_join(m0, ["exporter", "importer"]).select(q, old_m=m0.old_m).view()
        old_p, old_m = q.old_p.notnull(), q.old_m.notnull()
        both, new, gone = (q.x0 > 0) & (q.x1 > 0), (q.x0 == 0) & (q.x1 > 0), (q.x0 > 0) & (q.x1 == 0)
        zero = ibis.literal(0.0)
        agg = q.group_by("exporter").aggregate(
            x0=q.x0.sum(),
            x1=q.x1.sum(),
            intensive=ibis.ifelse(both, q.x1 - q.x0, zero).sum(),
            old_products_new_markets=ibis.ifelse(new & old_p, q.x1, zero).sum(),
            new_products_old_markets=ibis.ifelse(new & ~old_p & old_m, q.x1, zero).sum(),
            new_products_new_markets=ibis.ifelse(new & ~old_p & ~old_m, q.x1, zero).sum(),
            exits=ibis.ifelse(gone, -q.x0, zero).sum(),
        )
        comps = MARGIN_COMPONENTS
    else:
        q = pairs
        zero = ibis.literal(0.0)
        agg = q.group_by("exporter").aggregate(
            x0=q.x0.sum(),
            x1=q.x1.sum(),
            intensive=ibis.ifelse(both, q.x1 - q.x0, zero).sum(),
            new_products=ibis.ifelse(new, q.x1, zero).sum(),
            exits=ibis.ifelse(gone, -q.x0, zero).sum(),
        )
        comps = PRODUCT_MARGIN_COMPONENTS
    wide = to_pandas(agg, sort=["exporter"])
    wide["total"] = wide["x1"] - wide["x0"]
    long = wide.melt(id_vars=["exporter", "x0", "x1"], value_vars=[*comps, "total"], var_name="component", value_name="value")
    order = {c: i for i, c in enumerate([*comps, "total"])}
    chg = long["x1"] - long["x0"]
    long["share"] = (100.0 * long["value"] / chg.where(chg != 0)).astype(float)
    long["base"] = f"{w0[0]}" if w0[0] == w0[1] else f"{w0[0]}-{w0[1]}"
    long["end"] = f"{w1[0]}" if w1[0] == w1[1] else f"{w1[0]}-{w1[1]}"
    long = long.assign(_o=long.component.map(order)).sort_values(["exporter", "_o"], kind="mergesort").drop(columns="_o")
    return long[["exporter", "base", "end", "x0", "x1", "component", "value", "share"]].reset_index(drop=True)


def check_margins(margins: pd.DataFrame, *, rtol: float = 1e-9) -> float:
    """Check the identity of :func:`export_margins`: the parts add up to ``x1 - x0``.

    .. math:: \\sum_k m_{ck} = x^{1}_c - x^{0}_c

    Parameters
    ----------
    margins : DataFrame
        The output of :func:`export_margins` (``exporter, x0, x1, component, value``; one
        ``total`` row per exporter).
    rtol : float, default 1e-9
        Tolerance relative to the exporter's larger period total.

    Returns
    -------
    float
        The largest absolute gap over exporters (0.0 for no rows).

    Raises
    ------
    ValidationError
        If a gap exceeds ``rtol`` times the exporter's larger period total (a bug).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2000, 2000, 2001, 2001, 2001], "exporter": "KAZ",
    ...                       "importer": ["RUS", "CHN", "RUS", "CHN", "DEU"],
    ...                       "product": ["270900", "020110", "270900", "020110", "270900"],
    ...                       "value": [5.0, 3.0, 6.0, 1.0, 2.0]})
    >>> check_margins(export_margins(flows, base=2000, end=2001))
    0.0
    """
    parts = margins[margins["component"] != "total"].groupby("exporter")["value"].sum()
    tot = margins[margins["component"] == "total"].set_index("exporter")
    gap = (parts - (tot["x1"] - tot["x0"]).reindex(parts.index)).abs()
    scale = tot[["x0", "x1"]].max(axis=1).reindex(parts.index).clip(lower=1.0)
    if (gap > rtol * scale).any():
        worst = gap.idxmax()
        raise ValidationError(f"margins of {worst} do not add up to the total change (gap {gap[worst]:.6g}); report this as a bug")
    return float(gap.max()) if len(gap) else 0.0
