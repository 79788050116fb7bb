r"""The Leontief price model: cost-push effects of primary-input and commodity-price shocks.

With unit base prices, every industry's price covers its intermediate and primary
costs per unit of output, :math:`p' = p'A + v'`, so

.. math::

    p' = v'(I - A)^{-1} = v'L, \qquad \Delta p' = \Delta v' L

(Miller & Blair 2009, sec. 2.6, eq. 2.32). A shock :math:`s_j` (``cost_change``) is the
relative change of industry :math:`j`'s primary-input cost per unit of output:
:math:`\Delta v_j = s_j\, v_j^{c}`, where :math:`v^{c}` is the cost component shocked
(``component``: every primary input, value added, compensation of employees (wages),
imports (import prices through the imported-inputs row), taxes, or a named row), per
unit of output. A uniform shock :math:`s` on all primary inputs raises every price by
:math:`s`, since :math:`v'L = \mathbf 1'`.

The *direct* effect is the industry's own cost push :math:`\Delta v_j` (order 0 of
:math:`\Delta v'(I + A + A^2 + \dots)`); the *indirect* effect,
:math:`\Delta p_j - \Delta v_j`, arrives through intermediate inputs.

Exogenous prices (a commodity price set from outside, e.g. energy or metals): with the
industries split into endogenous :math:`r` and exogenous :math:`k` and a price change
:math:`\Delta p_k` (the shock's value for those industries),

.. math::

    \Delta p_r' = (\Delta p_k' A_{kr} + \Delta v_r') (I - A_{rr})^{-1}

(Miller & Blair 2009, sec. 2.6.3: the price of a sector fixed outside the model). The
direct effect of the exogenous price on industry :math:`r` is :math:`\Delta p_k' A_{kr}`.

Consumer prices: with a household-consumption column, the change in the consumer price
level is the household-weighted mean :math:`\Delta P = \sum_i w_i \Delta p_i`,
:math:`w_i = c_i / \sum_i c_i` (a Laspeyres index at base-year weights).

References
----------
.. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., sec. 2.6.
.. [2] Dietzenbacher, E. (1997). In vindication of the Ghosh model: a reinterpretation
   as a price model. *Journal of Regional Science* 37(4), 629-651.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import price_solve
from ..results import ResultMixin, identity_row
from ..tables.iotable import IOTable

__all__ = ["PriceResult", "price_effects", "read_cost_shock", "PRICE_COMPONENTS", "CPI_LABEL"]

#: the cost components a shock can hit (or a row label of the table's primary inputs)
PRICE_COMPONENTS = ("primary", "value_added", "compensation", "imports", "taxes")
#: label of the consumer-price row in the table
CPI_LABEL = "consumer prices (household weights)"


def read_cost_shock(path: str | os.PathLike[str]) -> pd.DataFrame:
    r"""Read a cost-shock CSV with columns ``industry, cost_change`` (relative: 0.10 = +10 %).

    Lines starting with ``#`` are comments. The columns are checked by
    :func:`price_effects`, which takes the frame as its ``shock``.

    Parameters
    ----------
    path : str or path-like
        The CSV file: one row per shocked industry, ``industry`` (a label of the table) and
        ``cost_change`` (the relative change of its primary-input cost, 0.10 = +10 %).

    Returns
    -------
    DataFrame
        The rows of the file, ``industry`` read as text.

    Raises
    ------
    DataNotFoundError
        If the file does not exist.
    ValidationError
        If ``path`` is a folder, or the file is empty or not a readable CSV.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "shock.csv"
    >>> _ = p.write_text("# wages up 10 % in industry 1\nindustry,cost_change\n1,0.10\n")
    >>> read_cost_shock(p)
      industry  cost_change
    0        1          0.1
    """
    from pathlib import Path

    p = Path(path)
    if not p.exists():
        from ..errors import DataNotFoundError

        raise DataNotFoundError(f"shock file not found: {p}; check the path")
    if p.is_dir():
        raise ValidationError(f"{p} is a folder; give the shock CSV (industry, cost_change)")
    try:
        return pd.read_csv(p, comment="#", dtype={"industry": str})
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read the shock {p.name}: {str(exc).splitlines()[0]}; give a CSV with columns industry, cost_change") from None


def _shock_vector(shock, industries: pd.Index) -> np.ndarray:
    if isinstance(shock, dict):
        shock = pd.Series(shock, dtype=float)
    if isinstance(shock, pd.DataFrame):
        cols = {str(c).strip().lower(): c for c in shock.columns}
        miss = [c for c in ("industry", "cost_change") if c not in cols]
        if miss:
            raise ValidationError(f"the shock has no column {' or '.join(miss)} (found {list(map(str, shock.columns))}); "
                                  "give columns industry, cost_change (0.10 = +10 %)")
        vals = pd.to_numeric(shock[cols["cost_change"]], errors="coerce")
        if vals.isna().any():
            bad = shock[cols["cost_change"]][vals.isna()].iloc[0]
            raise ValidationError(f"cost_change {bad!r} is not a number; give relative changes such as 0.10 for +10 %")
        shock = pd.Series(vals.to_numpy(dtype=float), index=shock[cols["industry"]].astype(str).str.strip())
    if not isinstance(shock, pd.Series):
        raise TypeError(f"shock must be a DataFrame (industry, cost_change), a Series or a dict, got {type(shock).__name__}")
    s = shock.astype(float)
    s.index = s.index.map(str)
    if not np.isfinite(s.to_numpy()).all():
        raise ValidationError("a cost_change is missing or infinite; give a finite relative change for every row")
    unknown = [i for i in s.index if i not in set(industries)]
    if unknown:
        raise ValidationError(f"the shock names industries not in the table: {unknown[:5]}; use the table's labels "
                              f"(e.g. {list(industries[:3])})")
    if (s <= -1).any():
        raise ValidationError(f"cost_change {float(s.min()):g} for {s.idxmin()}; a cost cannot fall by 100 % or more (give > -1)")
    return s.groupby(level=0).sum().reindex(industries).fillna(0.0).to_numpy()


def cost_component(table: IOTable, component: str = "primary") -> tuple[np.ndarray, str]:
    """Cost per unit of output of the shocked component and its description."""
    x = table.x.to_numpy(dtype=float)
    inv = np.divide(1.0, x, out=np.zeros_like(x), where=x != 0)
    A = table.A.to_numpy()
    if component == "primary":
        return 1.0 - A.sum(axis=0) * (x != 0), "all primary inputs (1 - column sum of A)"
    if component in ("value_added", "compensation", "imports", "taxes"):
        rows = table.value_added_rows() if component == "value_added" else table.role(component)
        if not rows:
            raise ValidationError(f"the table has no {component} row; name it with --role {component}=LABEL "
                                  f"(roles={{'{component}': ...}}) or shock a row by its label")
        vals = []
        for r in rows:
            if r in table.V.index:
                vals.append(table.V.loc[r].to_numpy(dtype=float))
            elif table.satellite is not None and r in table.satellite.index:
                vals.append(table.satellite.loc[r].to_numpy(dtype=float))
            else:
                raise ValidationError(f"the {component} role names {r!r}, which is a final-demand column; import prices need "
                                      "an imports row of primary inputs (imported inputs by industry)")
        return np.sum(vals, axis=0) * inv, f"{component} ({', '.join(rows)})"
    if component in table.V.index:
        return table.V.loc[component].to_numpy(dtype=float) * inv, f"row {component!r}"
    raise ValidationError(f"component {component!r}; use one of {', '.join(PRICE_COMPONENTS)} or a primary-input row of the "
                          f"table ({list(table.V.index)[:6]})")


@dataclass(frozen=True, eq=False)
class PriceResult(ResultMixin):
    """Price effects of a cost shock (frozen; the result of :func:`price_effects`).

    Attributes
    ----------
    table : DataFrame
        One row per industry: ``industry``, ``price_change`` (relative, 0.05 = 5 %),
        ``direct``, ``indirect``, ``cost_change`` (the shock) and ``exogenous`` (bool).
    consumer_price_change : float or None
        Household-weighted mean price change, when the table has a household column.
    component : str
        The cost component shocked, in words (e.g. "all primary inputs").
    exogenous : tuple of str
        Industries whose prices were set outside the model.

    Examples
    --------
    Miller & Blair's two-sector table (2009, Table 2.3), primary costs of sector 1 up 10 %:

    >>> t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    >>> r = price_effects(t, {"1": 0.10})
    >>> r.table[["industry", "direct", "indirect"]].round(4).values.tolist()
    [['1', 0.065, 0.0165], ['2', 0.0, 0.0215]]
    >>> r.component
    'all primary inputs (1 - column sum of A)'
    """

    table: pd.DataFrame
    component: str
    consumer_price_change: float | None = None
    exogenous: tuple = ()
    flags: tuple = ()
    uniform_check: float | None = None
    title: ClassVar[str] = "Leontief price model: cost-push price effects"

    def figure_table(self, top: int = 15) -> pd.DataFrame:
        """The ``top`` largest price changes, long format (``industry``, ``part``, ``value``) for a stacked bar chart."""
        t = self.table.reindex(self.table["price_change"].abs().sort_values(ascending=False).index).head(top)
        return t.melt(id_vars="industry", value_vars=["direct", "indirect"], var_name="part", value_name="value")

    def _identity_rows(self) -> list[dict]:
        t = self.table
        rows = [identity_row("price_change = direct + indirect", float((t["price_change"] - t["direct"] - t["indirect"]).abs().max()),
                             scale=1.0, rtol=1e-12)]
        if self.uniform_check is not None:
            rows.append(identity_row("uniform unit shock: every price changes by the shock (v'L = 1')", self.uniform_check,
                                     scale=1.0, rtol=1e-9))
        return rows

    def _summary_lines(self) -> list[str]:
        t = self.table
        k = t["price_change"].abs().idxmax()
        lines = [f"  shock on {self.component}" + (f"; prices set outside the model: {', '.join(self.exogenous)}" if self.exogenous else ""),
                 f"  largest price change: {t.loc[k, 'industry']} {t.loc[k, 'price_change']:+.4%} "
                 f"(direct {t.loc[k, 'direct']:+.4%}, indirect {t.loc[k, 'indirect']:+.4%})",
                 f"  output-unweighted mean price change {t['price_change'].mean():+.4%}"]
        if self.consumer_price_change is not None:
            lines.append(f"  consumer prices (household weights): {self.consumer_price_change:+.4%}")
        return lines


def price_effects(table: IOTable, shock: pd.DataFrame | pd.Series | dict[str, float], *, component: str = "primary", exogenous: Sequence[str] | str | None = None) -> PriceResult:
    r"""Price effects of a primary-cost or commodity-price shock (Leontief price model).

    Parameters
    ----------
    table : IOTable
    shock : DataFrame (``industry``, ``cost_change``), Series or dict
        Relative change of each industry's cost ``component`` per unit of output
        (0.10 = +10 %); for an ``exogenous`` industry, the relative change of its price.
        Industries not named have no shock.
    component : str
        ``"primary"`` (default: every primary input), ``"value_added"``,
        ``"compensation"`` (wages), ``"imports"`` (import prices of imported inputs),
        ``"taxes"``, or a label of the table's primary inputs.
    exogenous : str or list of str, optional
        Industries whose price is set outside the model (module notes).

    Returns
    -------
    PriceResult

    Examples
    --------
    Miller & Blair's two-sector table (2009, Table 2.3; A = [[.15, .25], [.2, .05]]), wages
    and all other primary costs of sector 1 up 10 %:

    >>> t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    >>> r = price_effects(t, {"1": 0.10})
    >>> r.table["price_change"].round(6).tolist()  # 0.065 x (0.95, 0.25) / 0.7575
    [0.081518, 0.021452]
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"price_effects needs an IOTable, got {type(table).__name__}")
    ind = table.industries
    s = _shock_vector(shock, ind)
    vc, desc = cost_component(table, component)
    A = table.A.to_numpy()
    exo = [exogenous] if isinstance(exogenous, str) else list(exogenous or [])
    unknown = [e for e in exo if e not in set(ind)]
    if unknown:
        raise ValidationError(f"--exogenous names industries not in the table: {unknown[:3]}; use the table's labels")
    n = len(ind)
    dv = s * vc
    direct = dv.copy()
    dp = np.zeros(n)
    uniform = None
    if exo:
        k = np.isin(ind, exo)
        r = ~k
        if not r.any():
            raise ValidationError("every industry's price is exogenous; leave at least one endogenous industry")
        dpk = s[k]
        push = dpk @ A[np.ix_(k, r)]
        dv_r = dv[r]
        dp[k] = dpk
        dp[r] = price_solve(A[np.ix_(r, r)], push + dv_r, check=False)
        direct = np.zeros(n)
        direct[k] = dpk
        direct[r] = push + dv_r
    else:
        dp = price_solve(A, dv, check=False)
        if component == "primary":
            uniform = float(np.max(np.abs(price_solve(A, vc, check=False) - np.where(table.x.to_numpy() != 0, 1.0, 0.0))))
    cpi = None
    hh = table.role("households")
    if hh:
        c = table.Y[hh[0]].to_numpy(dtype=float)
        if c.sum() > 0:
            cpi = float(np.clip(c, 0, None) @ dp / np.clip(c, 0, None).sum())
    t = pd.DataFrame({"industry": ind, "price_change": dp, "direct": direct, "indirect": dp - direct, "cost_change": s,
                      "exogenous": np.isin(ind, exo)})
    return PriceResult(table=t, component=desc, consumer_price_change=cpi, exogenous=tuple(exo), flags=tuple(table.flags),
                       uniform_check=uniform)


def price_samples(table: IOTable, shock, Ad: np.ndarray, *, component: str = "primary") -> np.ndarray:
    """Price changes for a stack of coefficient draws ``Ad`` (``(c, n, n)``), cost coefficients at their point values.

    Returns ``(c, n)``. Used by :func:`valuechain.leontief.prices_uncertainty`.
    """
    from .uncertainty import stacked_solves

    s = _shock_vector(shock, table.industries)
    vc, _ = cost_component(table, component)
    DL, _ = stacked_solves(Ad, D=(s * vc)[:, None])
    return DL[:, 0, :]

