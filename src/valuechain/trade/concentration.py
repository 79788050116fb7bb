"""Export concentration: Herfindahl-Hirschman index (raw and normalised) and top-k shares.

Seed Figures 7-10 (HHI of products and of markets, shares of the top five products and
markets).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ibis
import numpy as np
import pandas as pd
from ibis import _

from ..errors import ValidationError
from ..tables.trade.engine import to_pandas
from ..tables.trade.flows import select_flows

if TYPE_CHECKING:  # annotations only
    from ibis import BaseBackend

__all__ = ["hhi", "top_share", "concentration"]


def hhi(values: Any, *, normalized: bool = False, n: int | None = None) -> float:
    """Herfindahl-Hirschman index of a vector of values (or shares).

    .. math::

        H = \\sum_{k=1}^{N} s_k^2, \\quad s_k = v_k / \\sum_l v_l, \\qquad
        H^{*} = \\frac{H - 1/N}{1 - 1/N}

    Parameters
    ----------
    values : array-like
        Non-negative values; zeros are allowed (they count in ``N`` only if ``n`` says so).
    normalized : bool
        Return :math:`H^*` (0 for equal shares, 1 for one item) instead of :math:`H`.
    n : int, optional
        The number of items :math:`N` used to normalise; default: the number of positive
        values. Undefined (NaN) when :math:`N = 1`.

    Returns
    -------
    float
        :math:`H` (between :math:`1/N` and 1) or :math:`H^*` (between 0 and 1); NaN when
        the values sum to zero.

    Raises
    ------
    ValidationError
        For a negative value, or an ``n`` smaller than the number of positive values.

    References
    ----------
    Hirschman, A. O. (1964). The paternity of an index. American Economic Review 54(5), 761.
    Herfindahl, O. C. (1950). Concentration in the steel industry. PhD dissertation,
    Columbia University.
    UNCTAD (2023). Handbook of Statistics, technical notes: normalised HHI of exports.

    Examples
    --------
    >>> round(hhi([80, 20]), 6)  # 0.8² + 0.2²
    0.68
    >>> round(hhi([80, 20], normalized=True), 6)  # (0.68 - 1/2) / (1 - 1/2)
    0.36
    >>> hhi([1, 1, 1, 1], normalized=True)
    0.0
    """
    v = np.asarray(values, dtype=float)
    if (v < 0).any():
        raise ValidationError("HHI needs non-negative values")
    total = v.sum()
    if total <= 0:
        return float("nan")
    s = v / total
    h = float((s**2).sum())
    if not normalized:
        return h
    N = int((v > 0).sum()) if n is None else int(n)
    if N < (v > 0).sum():
        raise ValidationError(f"n={N} is smaller than the number of positive values ({int((v > 0).sum())})")
    return float("nan") if N <= 1 else (h - 1.0 / N) / (1.0 - 1.0 / N)


def top_share(values: Any, *, k: int = 5) -> float:
    """Share (0-1) of the ``k`` largest values in the total.

    .. math:: T^{(k)} = \\frac{\\sum_{i=1}^{k} v_{(i)}}{\\sum_l v_l}

    with :math:`v_{(1)} \\ge v_{(2)} \\ge \\dots` the values in decreasing order.

    Parameters
    ----------
    values : array-like
        Non-negative values (e.g. exports by product).
    k : int
        Number of largest values (default 5, the seed's top five products or markets).

    Returns
    -------
    float
        The share, between 0 and 1; NaN when the values sum to zero.

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2 (concentration of exports).

    Examples
    --------
    >>> top_share([50, 30, 10, 10], k=2)
    0.8
    """
    v = np.sort(np.asarray(values, dtype=float))[::-1]
    return float(v[:k].sum() / v.sum()) if v.sum() > 0 else float("nan")


def concentration(
    flows: Any,
    *,
    by: str = "product",
    country: Any = None,
    years: Any = None,
    top: int = 5,
    n: int | None = None,
    con: BaseBackend | None = None,
) -> pd.DataFrame:
    """HHI (raw and normalised) and top-``top`` share of each exporter's exports, by year.

    .. math::

        H_{ct} = \\sum_k s_{ckt}^2, \\qquad H^{*}_{ct} = \\frac{H_{ct} - 1/N}{1 - 1/N},
        \\qquad T^{(5)}_{ct} = \\sum_{k \\in \\text{top 5}} s_{ckt}

    with :math:`s_{ckt}` the share of product (``by="product"``) or market
    (``by="market"``) :math:`k` in exporter :math:`c`'s exports in year :math:`t`.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema (partners needed for ``by="market"``).
    by : {"product", "market"}
        The items :math:`k` whose shares are concentrated.
    country : str or list of str, optional
        Exporter ISO3 code(s); default every exporter.
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    top : int
        Number of largest items in the top share (default 5, as in the seed).
    n : int, optional
        :math:`N` of the normalisation. Default (None): the number of products (markets)
        with positive exports, reported as ``n``. Give the size of the universe (e.g. the
        number of HS6 lines) for a fixed :math:`N`.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``year, exporter, dimension, n_items, n, hhi, hhi_normalized, top_share``; shares
        are fractions (0-1); ``hhi_normalized`` is null when ``n = 1``.

    Raises
    ------
    ValidationError
        For an unknown ``by``, ``top < 1``, or an ``n`` smaller than the number of items
        exported.

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World Bank, ch. 2.
    Hirschman, A. O. (1964). The paternity of an index. American Economic Review 54(5), 761.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2020, "exporter": "KAZ", "importer": "CHN",
    ...                       "product": ["270900", "720110"], "value": [80.0, 20.0]})
    >>> concentration(flows, top=1).round(4)
       year exporter dimension  n_items  n   hhi  hhi_normalized  top_share
    0  2020      KAZ   product        2  2  0.68            0.36        0.8
    """
    if by not in ("product", "market"):
        raise ValidationError(f"by must be 'product' or 'market', not {by!r}")
    if top < 1:
        raise ValidationError("top must be at least 1")
    t = select_flows(flows, con=con, years=years, country=country)
    key = "product" if by == "product" else "importer"
    if by == "market":
        t = t.filter(t.importer.notnull())
    a = t.group_by(["year", "exporter", key]).aggregate(v=t.value.sum())
    a = a.filter(a.v > 0)
    w = ibis.window(group_by=[a.year, a.exporter])
    wr = ibis.window(group_by=[a.year, a.exporter], order_by=[ibis.desc(a.v), a[key]])
    a = a.mutate(s=a.v / a.v.sum().over(w), rk=ibis.row_number().over(wr))
    g = a.group_by(["year", "exporter"]).aggregate(
        n_items=_.count(),
        hhi=(_.s * _.s).sum(),
        top_share=ibis.ifelse(_.rk < top, _.s, 0.0).sum(),
    )
    if n is not None:
        g = g.mutate(n=ibis.literal(int(n), type="int64"))
    else:
        g = g.mutate(n=g.n_items)
    nn = g.n.cast("float64")
    g = g.mutate(
        hhi_normalized=ibis.ifelse(g.n > 1, (g.hhi - 1.0 / nn) / (1.0 - 1.0 / nn), ibis.null().cast("float64")),
        dimension=ibis.literal(by),
    )
    out = to_pandas(g.select("year", "exporter", "dimension", "n_items", "n", "hhi", "hhi_normalized", "top_share"), sort=["exporter", "year"])
    if n is not None and len(out) and (out["n_items"] > int(n)).any():
        raise ValidationError(f"n={n} is smaller than the number of {by}s exported ({int(out.n_items.max())}); give a larger N")
    return out
