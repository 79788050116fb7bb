"""Revealed comparative advantage (Balassa 1965) and the binary specialisation matrix Mcp."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import ibis
import ibis.expr.types as ir
import pandas as pd

from ..errors import ValidationError
from ..tables.trade.engine import backend_of, code_filter, register_frame, to_pandas
from ..tables.trade.flows import flows_table, select_flows

if TYPE_CHECKING:  # annotations only
    from ibis import BaseBackend

__all__ = ["rca", "rca_expr", "world_totals_expr"]


def world_totals_expr(flows: Any, *, years: Any = None, con: BaseBackend | None = None) -> ir.Table:
    """World exports by year and product from the panel: :math:`X_{wpt} = \\sum_c x_{cpt}`.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Flows in the schema (``year, exporter, importer, product, value``).
    years : int or sequence of int, optional
        Years to keep.
    con : ibis backend, optional
        The engine connection (:func:`valuechain.tables.trade.engine.connect`); default: the
        process-wide DuckDB connection.

    Returns
    -------
    ibis Table
        ``year, product, world``; lazy.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["270900", "020110", "270900", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> world_totals_expr(flows).execute().sort_values("product")["world"].tolist()
    [2.0, 3.0, 4.0, 7.0]
    """
    t = select_flows(flows, con=con, years=years)
    return t.group_by(["year", "product"]).aggregate(world=t.value.sum())


def _world(world: Any, flows_t: ir.Table, years: Any, con) -> ir.Table:
    if world is None or (isinstance(world, str) and world == "panel"):
        return world_totals_expr(flows_t, years=years)
    if isinstance(world, pd.DataFrame):
        need = {"year", "product", "value"} - set(world.columns)
        if need:
            raise ValidationError(f"world totals lack column(s) {', '.join(sorted(need))}; give year, product, value")
        w = register_frame(world[["year", "product", "value"]].astype({"year": "int64", "product": str, "value": float}),
                           con=backend_of(flows_t))
    elif isinstance(world, ir.Table):
        w = world
    else:
        raise TypeError("world must be None/'panel', a pandas DataFrame or an ibis Table with year, product, value")
    return w.group_by(["year", "product"]).aggregate(world=w.value.sum())


def rca_expr(flows: Any, *, world: Any = None, country: Any = None, years: Any = None, threshold: float = 1.0,
             inclusive: bool = True, con: BaseBackend | None = None) -> ir.Table:
    """The Ibis expression behind :func:`rca` (for engines that chain it, e.g. complexity).

    .. math:: RCA_{cpt} = \\frac{x_{cpt} / \\sum_{p'} x_{cp't}}{X_{wpt} / \\sum_{p'} X_{wp't}},
              \\qquad M_{cpt} = \\mathbf 1[RCA_{cpt} \\ge \\text{threshold}]

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Flows in the schema (``year, exporter, importer, product, value``).
    world : DataFrame or ibis Table, optional
        ``year, product, world``: world exports (default: the sum over every exporter of
        ``flows``, :func:`world_totals_expr`).
    country : str or sequence of str, optional
        Exporters to keep (the world totals still use every row).
    years : int or sequence of int, optional
        Years to keep.
    threshold : float, default 1.0
        The RCA cut-off of :math:`M_{cp}`.
    inclusive : bool, default True
        ``False``: :math:`M_{cp} = 1` only above ``threshold``.
    con : ibis backend, optional
        The engine connection (:func:`valuechain.tables.trade.engine.connect`); default: the
        process-wide DuckDB connection.

    Returns
    -------
    ibis Table
        ``year, exporter, product, value, rca, mcp`` (``rca`` null where the world total is
        0); lazy.

    References
    ----------
    .. [1] Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
       *The Manchester School* 33(2), 99-123.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["270900", "020110", "270900", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> out = rca_expr(flows).execute().sort_values(["exporter", "product"])
    >>> out[["exporter", "product", "rca", "mcp"]].round(3).to_dict("list")
    {'exporter': ['CHN', 'KAZ', 'KAZ', 'RUS', 'RUS'], 'product': ['030110', '020110', '270900', '010110', '270900'], 'rca': [4.0, 2.0, 1.429, 4.0, 1.143], 'mcp': [1, 1, 1, 1, 1]}
    """
    t = flows_table(flows, con=con)
    w = _world(world, t, years, con)
    x = select_flows(t, years=years)
    if country is not None:  # the exporters' own totals need only their rows; world totals use every row
        x = x.filter(code_filter(x.exporter, country))
    e = x.group_by(["year", "exporter", "product"]).aggregate(value=x.value.sum())
    ec = e.group_by(["year", "exporter"]).aggregate(xc=e.value.sum())
    w = w.mutate(xw=w.world.sum().over(ibis.window(group_by=w.year)))  # one pass over the world totals
    j = e.inner_join(ec, ["year", "exporter"]).left_join(w, ["year", "product"])
    r = (j.value / j.xc) / (j.world / j.xw)
    r = ibis.ifelse(j.world > 0, r, ibis.null().cast("float64"))
    out = j.select("year", "exporter", "product", "value", rca=r)
    mcp = (out.rca >= threshold) if inclusive else (out.rca > threshold)
    return out.mutate(mcp=ibis.ifelse(mcp, 1, 0).cast("int64"))


def rca(
    flows: Any,
    *,
    world: Any = None,
    country: str | Sequence[str] | None = None,
    years: Any = None,
    threshold: float = 1.0,
    inclusive: bool = True,
    con: BaseBackend | None = None,
) -> pd.DataFrame:
    """Balassa revealed comparative advantage of each exporter in each product, by year.

    .. math::

        RCA_{cpt} = \\frac{x_{cpt} / X_{ct}}{X_{wpt} / X_{wt}}, \\qquad
        M_{cpt} = \\mathbf{1}[RCA_{cpt} \\ge \\theta] \\ \\text{(or } > \\theta\\text{)}

    with :math:`X_{ct} = \\sum_p x_{cpt}` the exporter's total, :math:`X_{wpt}` world exports
    of product :math:`p` and :math:`X_{wt} = \\sum_p X_{wpt}`.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema (partners are not needed).
    world : None, "panel", DataFrame or ibis.Table
        World totals ``year, product, value``. Default (None or ``"panel"``): summed over
        every exporter in the flows; give the true world totals when the flows hold only
        some exporters (e.g. ``baci_brics_hs6_2015_2024/world_totals.parquet``).
    country : str or list, optional
        Keep these exporters in the output (the world totals still use every exporter).
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    threshold : float
        :math:`\\theta` of Mcp (default 1).
    inclusive : bool
        ``True`` (default): :math:`M = 1` when RCA ≥ θ (as py-ecomplexity); ``False``: RCA > θ.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``year, exporter, product, value, rca, mcp``; ``rca`` is null when the product has
        no world total.

    Raises
    ------
    ValidationError
        When a ``world`` frame lacks one of ``year, product, value``.
    TypeError
        When ``world`` is none of the accepted types.

    Notes
    -----
    With world totals from the panel, the world-share-weighted mean of each exporter's RCA
    is one: :math:`\\sum_p (X_{wp}/X_w)\\,RCA_{cp} = \\sum_p x_{cp}/X_c = 1`.

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. The
    Manchester School 33(2), 99-123.
    Hidalgo, C. A. and Hausmann, R. (2009). The building blocks of economic complexity. PNAS
    106(26), 10570-10575 (Mcp with threshold 1).

    Examples
    --------
    Kazakhstan exports 100 of oil and 20 of steel, Russia 40 of wheat: Kazakhstan's share of
    oil in its exports (100/120) over oil's share in world exports (100/160) is 4/3.

    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2021, "exporter": ["KAZ", "KAZ", "RUS"],
    ...                       "product": ["270900", "720110", "100190"], "value": [100.0, 20.0, 40.0]})
    >>> rca(flows).round(4)
       year exporter product  value     rca  mcp
    0  2021      KAZ  270900  100.0  1.3333    1
    1  2021      KAZ  720110   20.0  1.3333    1
    2  2021      RUS  100190   40.0  4.0000    1
    """
    return to_pandas(rca_expr(flows, world=world, country=country, years=years, threshold=threshold,
                              inclusive=inclusive, con=con), sort=["exporter", "year", "product"])
