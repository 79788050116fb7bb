"""Export sophistication: PRODY of products and EXPY of countries (Hausmann, Hwang & Rodrik 2007)."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Sequence

import ibis
import ibis.expr.types as ir
import pandas as pd

from ..errors import ValidationError, ValuechainWarning
from ..tables.trade.engine import backend_of, code_filter, register_frame, to_pandas
from ..tables.trade.flows import select_flows

if TYPE_CHECKING:  # annotations only
    from ibis import BaseBackend

__all__ = ["prody", "expy", "MissingIncomeWarning"]


class MissingIncomeWarning(ValuechainWarning):
    """Exporters without GDP per capita are left out of PRODY."""


def _gdp_table(gdppc: pd.DataFrame, t: ir.Table) -> ir.Table:
    need = {"year", "country", "gdppc"} - set(gdppc.columns)
    if need:
        raise ValidationError(f"the GDP per capita table lacks column(s) {', '.join(sorted(need))}; it needs year, country, gdppc")
    g = gdppc[["year", "country", "gdppc"]].dropna()
    if (g.gdppc <= 0).any():
        raise ValidationError("GDP per capita must be positive")
    g = g.astype({"year": "int64", "country": str, "gdppc": float})
    return register_frame(g.rename(columns={"country": "exporter"}), con=backend_of(t))


def _prody_expr(t: ir.Table, gdppc: pd.DataFrame) -> tuple[ir.Table, ir.Table]:
    e = t.group_by(["year", "exporter", "product"]).aggregate(x=t.value.sum())
    g = _gdp_table(gdppc, t)
    e = e.inner_join(g, ["year", "exporter"]).view()  # exporters with income only
    ec = e.group_by(["year", "exporter"]).aggregate(xc=e.x.sum())
    s = e.inner_join(ec, ["year", "exporter"])
    s = s.select("year", "exporter", "product", "x", "gdppc", sh=s.x / s.xc).view()
    num = s.group_by(["year", "product"]).aggregate(
        prody=(s.sh * s.gdppc).sum() / s.sh.sum(), n_exporters=s.count()
    )
    return num, s


def prody(flows: Any, gdppc: pd.DataFrame, *, years: Any = None, con: BaseBackend | None = None) -> pd.DataFrame:
    """PRODY: the income level associated with each product.

    .. math::

        PRODY_{pt} = \\sum_c \\frac{x_{cpt}/X_{ct}}{\\sum_{c'} x_{c'pt}/X_{c't}}\\, Y_{ct}

    a weighted mean of exporters' GDP per capita (PPP) :math:`Y_c`, with weights their
    revealed comparative advantage in :math:`p`. Only exporters present in ``gdppc`` enter
    (a :class:`MissingIncomeWarning` lists the others). Computed year by year (HHR 2007
    average 1999-2001 data; pass such an average as one year if wanted).

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema, of every exporter (the world panel).
    gdppc : DataFrame
        ``year, country, gdppc`` (GDP per capita, PPP).
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``year, product, prody, n_exporters`` (PRODY in the unit of ``gdppc``).

    Raises
    ------
    ValidationError
        When ``gdppc`` lacks a column or holds a GDP per capita that is not positive.

    Warns
    -----
    MissingIncomeWarning
        When exporters of the flows have no GDP per capita (they are left out).

    References
    ----------
    Hausmann, R., Hwang, J. and Rodrik, D. (2007). What you export matters. Journal of
    Economic Growth 12(1), 1-25, eq. (1).

    Examples
    --------
    Kazakhstan (income 10) exports only oil; Germany (income 40) exports oil and cars
    equally. Oil's shares in their exports are 1 and 0.5, so PRODY of oil is
    (1·10 + 0.5·40) / 1.5 = 20, and of cars 40:

    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2020, "exporter": ["KAZ", "DEU", "DEU"],
    ...                       "product": ["270900", "270900", "870323"], "value": [10.0, 5.0, 5.0]})
    >>> gdppc = pd.DataFrame({"year": 2020, "country": ["KAZ", "DEU"], "gdppc": [10.0, 40.0]})
    >>> prody(flows, gdppc)
       year product  prody  n_exporters
    0  2020  270900   20.0            2
    1  2020  870323   40.0            1
    """
    t = select_flows(flows, con=con, years=years)
    _warn_missing(t, gdppc)
    num, _ = _prody_expr(t, gdppc)
    return to_pandas(num, sort=["year", "product"])


def _warn_missing(t: ir.Table, gdppc: pd.DataFrame) -> None:
    ex = set(backend_of(t).execute(t.select("exporter").distinct())["exporter"])
    miss = sorted(ex - set(gdppc["country"].astype(str)))
    if miss:
        warnings.warn(
            f"{len(miss)} exporter(s) have no GDP per capita and are left out of PRODY: {', '.join(miss[:10])}"
            + (" ..." if len(miss) > 10 else ""),
            MissingIncomeWarning,
            stacklevel=3,
        )


def expy(flows: Any, gdppc: pd.DataFrame, *, country: str | Sequence[str] | None = None, years: Any = None,
         con: BaseBackend | None = None) -> pd.DataFrame:
    """EXPY: the productivity level of a country's export basket.

    .. math:: EXPY_{ct} = \\sum_p \\frac{x_{cpt}}{X_{ct}}\\, PRODY_{pt}

    PRODY comes from every exporter in ``flows`` that has a GDP per capita (so pass the
    world panel, not one country's flows); EXPY is reported for ``country`` (default all
    exporters). ``coverage`` is the share of the basket whose products have a PRODY; the
    shares are taken over the covered part (equal to HHR's formula when coverage is 1,
    which holds for every exporter that has a GDP per capita).

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema, of every exporter (PRODY needs the world panel).
    gdppc : DataFrame
        ``year, country, gdppc`` (GDP per capita, PPP).
    country : str or list of str, optional
        Exporter(s) whose EXPY is reported; default every exporter.
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``year, exporter, expy, coverage`` (EXPY in the unit of ``gdppc``; coverage a
        fraction, 0-1).

    Raises
    ------
    ValidationError
        When ``gdppc`` lacks a column or holds a GDP per capita that is not positive.

    Warns
    -----
    MissingIncomeWarning
        When exporters of the flows have no GDP per capita.

    References
    ----------
    Hausmann, R., Hwang, J. and Rodrik, D. (2007). What you export matters. Journal of
    Economic Growth 12(1), 1-25, eq. (2).

    Examples
    --------
    With PRODY of oil 20 and of cars 40 (see :func:`prody`), Germany's basket (half oil,
    half cars) has EXPY 30 and Kazakhstan's (oil only) 20:

    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2020, "exporter": ["KAZ", "DEU", "DEU"],
    ...                       "product": ["270900", "270900", "870323"], "value": [10.0, 5.0, 5.0]})
    >>> gdppc = pd.DataFrame({"year": 2020, "country": ["KAZ", "DEU"], "gdppc": [10.0, 40.0]})
    >>> expy(flows, gdppc)
       year exporter  expy  coverage
    0  2020      DEU  30.0       1.0
    1  2020      KAZ  20.0       1.0
    """
    t = select_flows(flows, con=con, years=years)
    _warn_missing(t, gdppc)
    pr, _ = _prody_expr(t, gdppc)
    x = t if country is None else t.filter(code_filter(t.exporter, country))
    e = x.group_by(["year", "exporter", "product"]).aggregate(x=x.value.sum())
    j = e.left_join(pr, ["year", "product"])
    j = j.select("year", "exporter", "x", prody=j.prody).view()
    out = j.group_by(["year", "exporter"]).aggregate(
        num=(j.x * j.prody.fill_null(0.0)).sum(),
        covered=ibis.ifelse(j.prody.notnull(), j.x, 0.0).sum(),
        total=j.x.sum(),
    )
    out = out.select("year", "exporter", expy=ibis.ifelse(out.covered > 0, out.num / out.covered, ibis.null().cast("float64")),
                     coverage=out.covered / out.total)
    return to_pandas(out, sort=["exporter", "year"])
