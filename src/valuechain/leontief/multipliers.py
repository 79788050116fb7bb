"""Output, value-added, income and employment multipliers (Type I and Type II) and effects.

Notation (Miller & Blair 2009, ch. 6): :math:`L = (I-A)^{-1}`; direct coefficients per unit
of output :math:`v_j = \\text{GVA}_j / x_j` (value added), :math:`h_j = \\text{CoE}_j / x_j`
(compensation of employees, "income"), :math:`e_j = \\text{employment}_j / x_j`.

*Simple* multipliers (``kind="simple"``, the default) are effects per unit of final
demand for industry :math:`j`'s product; they are what the Eurostat Manual of Supply, Use
and Input-Output Tables (2008, ch. 15) tabulates as output, GVA and employment
multipliers. *Ratio* multipliers (``kind="ratio"``) divide the total effect by the
direct coefficient (Miller & Blair's "Type I / Type II income multiplier").

Type II closes the model with respect to households (Miller & Blair 2009, ch. 6):
the household row is :math:`h` and the household column is household consumption
:math:`c = f^{hh} / H`, where :math:`H` is total household income (by default total
compensation of employees paid by the industries). With :math:`k = h' L c`,
Sherman–Morrison gives the closed inverse without a second inversion:

.. math::

    \\bar L_{11} = L + \\frac{(Lc)(h'L)}{1-k}, \\qquad
    \\bar L_{n+1,j} = \\frac{(h'L)_j}{1-k}.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import NotProductiveError, ValidationError
from ..tables.iotable import IOTable
from .linkages import leontief_stats

__all__ = [
    "direct_coefficients",
    "multipliers",
    "effects",
    "closed_model",
]  # ``impact`` here is the older DataFrame form; the public ``impact`` is leontief.impact.impact

_TYPES = ("I", "II")
_KINDS = ("simple", "ratio")


def _need_table(table: Any, fn: str) -> IOTable:
    if not isinstance(table, IOTable):
        raise TypeError(f"{fn} needs an IOTable (valuechain.read_table or IOTable.from_frames), got {type(table).__name__}")
    return table


def _inv_x(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x != 0, 1.0 / np.where(x != 0, x, 1.0), 0.0)


def direct_coefficients(table: IOTable) -> pd.DataFrame:
    r"""Direct coefficients per unit of output, one row per industry.

    Columns (those the table allows): ``value_added`` :math:`v_j = \sum_{r\in VA} V_{rj}/x_j`
    (rows in ``roles['value_added']``, else every primary row that is not imports or
    taxes on products), ``income`` :math:`h_j = \text{CoE}_j/x_j` (``roles['compensation']``),
    ``employment`` :math:`e_j = \text{emp}_j/x_j` (``roles['employment']``).

    Parameters
    ----------
    table : IOTable
        The national input-output table.

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``value_added``, ``income``, ``employment`` (those the
        table's roles allow), per unit of output (employment in the satellite's unit per
        unit of the table's money unit).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> ind = ["agri", "manu"]
    >>> t = IOTable.from_frames(
    ...     pd.DataFrame([[150, 500], [200, 100]], index=ind, columns=ind),
    ...     Y=pd.DataFrame({"hh": [100, 300], "other": [250, 1400]}, index=ind),
    ...     V=pd.DataFrame({"agri": [300, 350], "manu": [900, 500]}, index=["D1", "B2"]),
    ...     roles={"compensation": "D1", "households": "hh"})
    >>> direct_coefficients(t)
            value_added  income
    sector
    agri           0.65    0.30
    manu           0.70    0.45
    """
    t = _need_table(table, "direct_coefficients")
    ix = _inv_x(t.x.to_numpy())
    out = {}
    va = t.value_added_rows()
    if va and t.V.shape[0]:
        out["value_added"] = t.V.loc[va].to_numpy().sum(axis=0) * ix
    comp = t.role("compensation")
    if comp:
        out["income"] = t.row(comp[0]).to_numpy() * ix
    emp = t.role("employment")
    if emp:
        out["employment"] = t.row(emp[0]).to_numpy() * ix
    df = pd.DataFrame(out, index=t.industries)
    df.index.name = "sector"
    return df


def _household_closure(t: IOTable, household_income) -> tuple[np.ndarray, np.ndarray]:
    comp = t.role("compensation")
    hh = t.role("households")
    if not comp:
        raise ValidationError(
            "Type II needs the compensation-of-employees row; name it with roles={'compensation': '<row label>'} (CLI: --role compensation=LABEL)"
        )
    if not hh:
        raise ValidationError(
            "Type II needs the household-consumption column; name it with roles={'households': '<column label>'}"
        )
    coe = t.row(comp[0]).to_numpy(dtype=float)
    h = coe * _inv_x(t.x.to_numpy())
    f = t.Y[hh[0]].to_numpy(dtype=float)
    if household_income in (None, "compensation"):
        H = float(coe.sum())
    elif isinstance(household_income, (int, float)) and not isinstance(household_income, bool):
        H = float(household_income)
    else:
        raise ValidationError(f"household_income={household_income!r}; use 'compensation' or a positive number")
    if not H > 0:
        raise ValidationError(f"total household income is {H:g}; Type II needs positive compensation of employees")
    return h, f / H


def closed_model(table: IOTable, *, household_income: str | float="compensation") -> pd.DataFrame:
    r"""Technical coefficients closed with respect to households (n+1 square).

    .. math::

        \bar A = \begin{pmatrix} A & c \\ h' & 0 \end{pmatrix}

    with :math:`h` the compensation coefficients and :math:`c` household consumption
    divided by total household income ``household_income`` (default: total compensation
    of employees).

    Parameters
    ----------
    table : IOTable
        A table with ``roles['compensation']`` and ``roles['households']``.
    household_income : "compensation" or float
        Total household income :math:`H` in the table's unit (default: total compensation
        of employees).

    Returns
    -------
    DataFrame, shape (n + 1, n + 1)
        :math:`\bar A`, the industries plus a ``households`` row and column.

    Raises
    ------
    ValidationError
        If the table lacks the compensation row or the household column.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 6 (Type II multipliers; the model closed with respect to households).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> ind = ["agri", "manu"]
    >>> t = IOTable.from_frames(
    ...     pd.DataFrame([[150, 500], [200, 100]], index=ind, columns=ind),
    ...     Y=pd.DataFrame({"hh": [100, 300], "other": [250, 1400]}, index=ind),
    ...     V=pd.DataFrame({"agri": [300, 350], "manu": [900, 500]}, index=["D1", "B2"]),
    ...     roles={"compensation": "D1", "households": "hh"})
    >>> closed_model(t).round(4)
                agri  manu  households
    agri        0.15  0.25      0.0833
    manu        0.20  0.05      0.2500
    households  0.30  0.45      0.0000
    """
    t = _need_table(table, "closed_model")
    h, c = _household_closure(t, household_income)
    n = t.n
    Ab = np.zeros((n + 1, n + 1))
    Ab[:n, :n] = t.A.to_numpy()
    Ab[:n, n] = c
    Ab[n, :n] = h
    labels = list(t.industries) + ["households"]
    return pd.DataFrame(Ab, index=labels, columns=labels)


def _type2_terms(t: IOTable, La: np.ndarray, household_income) -> tuple[np.ndarray, np.ndarray, float]:
    """Return (L c, h'L / (1-k), k) for the household closure."""
    h, c = _household_closure(t, household_income)
    st = leontief_stats(t)
    if household_income in (None, "compensation") and "DL" in st and "income" in st["direct"].columns:
        hL = st["DL"][list(st["direct"].columns).index("income")]   # h'L, already computed
    else:
        hL = h @ La
    Lc = La @ c
    k = float(hL @ c)
    if not k < 1:
        raise NotProductiveError(
            f"the model closed with households is not productive (h'Lc = {k:.4g} >= 1); check the compensation row, "
            "the household column and household_income"
        )
    return Lc, hL / (1.0 - k), k


def multipliers(table: IOTable, *, type: str = "I", kind: str = "simple", household_income: str | float="compensation") -> pd.DataFrame:
    r"""Output, value-added, income and employment multipliers by industry.

    Parameters
    ----------
    table : IOTable
        The national input-output table (Type II and income need ``roles['compensation']``
        and, for Type II, ``roles['households']``).
    type : {"I", "II"}
        ``"I"``: households exogenous, :math:`L`; ``"II"``: households endogenous (the
        model closed with the compensation row and the household column), :math:`\bar L`.
    kind : {"simple", "ratio"}
        ``"simple"`` (default): total effect per unit of final demand,
        e.g. :math:`m(h)_j = \sum_i h_i l_{ij}`; ``"ratio"``: the total effect divided by
        the direct coefficient, e.g. the Type I income multiplier :math:`m(h)_j / h_j`.
        The output column is the same in both (direct output per unit is 1).
    household_income : "compensation" or float
        Type II only: total household income :math:`H` (in the table's unit) that scales
        household consumption into coefficients (default: total compensation of employees).

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``output``, ``value_added``, ``income``,
        ``employment`` (those the table allows: ``income`` needs ``roles['compensation']``,
        ``employment`` a satellite row in ``roles['employment']``).

    Notes
    -----
    .. math::

        m(o)_j = \sum_i l_{ij}, \quad m(v)_j = \sum_i v_i l_{ij}, \quad
        m(h)_j = \sum_i h_i l_{ij}, \quad m(e)_j = \sum_i e_i l_{ij}

    Type II replaces :math:`L` by the upper-left block :math:`\bar L_{11}` of the closed
    inverse for output, value added and employment (the sum runs over industries only:
    Miller & Blair's "total" output multiplier without the household row), and the
    income multiplier is the household row :math:`\bar L_{n+1,j}`.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 6 (output, income and employment multipliers; Type I and Type II).
    .. [2] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*. Luxembourg: Office for Official Publications of the European Communities, ch. 15.

    Examples
    --------
    Output multipliers are the column sums of :math:`L` of the Miller & Blair (2009)
    Table 2.3 economy, 1.2541 + 0.2640 = 1.518 and 0.3300 + 1.1221 = 1.452; Type I income: :math:`0.30 \cdot 1.2541 + 0.45 \cdot 0.2640 = 0.495`.

    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> ind = ["agri", "manu"]
    >>> t = IOTable.from_frames(
    ...     pd.DataFrame([[150, 500], [200, 100]], index=ind, columns=ind),
    ...     Y=pd.DataFrame({"hh": [100, 300], "other": [250, 1400]}, index=ind),
    ...     V=pd.DataFrame({"agri": [300, 350], "manu": [900, 500]}, index=["D1", "B2"]),
    ...     roles={"compensation": "D1", "households": "hh"})
    >>> multipliers(t).round(4)
            output  value_added  income
    sector
    agri    1.5182          1.0   0.495
    manu    1.4521          1.0   0.604
    """
    t = _need_table(table, "multipliers")
    if type not in _TYPES:
        raise ValidationError(f"type={type!r}; use 'I' (households exogenous) or 'II' (households endogenous)")
    if kind not in _KINDS:
        raise ValidationError(f"kind={kind!r}; use 'simple' (effect per unit of final demand) or 'ratio' (total / direct)")
    La = t.L.to_numpy()
    st = leontief_stats(t)
    if "direct" not in st:
        d = direct_coefficients(t)
        # one pass over L for all indicators: D'L with D the n x k direct coefficients
        st["direct"] = d
        st["DL"] = np.ascontiguousarray(d.to_numpy().T) @ La if d.shape[1] else np.zeros((0, t.n))
    d, prod = st["direct"], st["DL"]
    out: dict[str, np.ndarray] = {"output": st["colsum"].copy()}
    for i, col in enumerate(d.columns):
        out[col] = prod[i].copy()
    if type == "II":
        Lc, hL_k, _ = _type2_terms(t, La, household_income)
        out["output"] = out["output"] + Lc.sum() * hL_k
        for col in d.columns:
            if col == "income":
                out[col] = hL_k.copy()
            else:
                out[col] = out[col] + (d[col].to_numpy() @ Lc) * hL_k
    if kind == "ratio":
        for col in d.columns:
            direct = d[col].to_numpy()
            with np.errstate(divide="ignore", invalid="ignore"):
                out[col] = np.where(direct != 0, out[col] / np.where(direct != 0, direct, 1.0), np.nan)
    df = pd.DataFrame(out, index=t.industries)
    df.index.name = "sector"
    df.attrs.update(type=type, kind=kind, table=t.name, unit=t.unit, flags=tuple(t.flags))
    return df


def effects(table: IOTable, indicator: str = "income", *, household_income: str | float="compensation") -> pd.DataFrame:
    r"""Direct, indirect and induced effects of one unit of final demand, by industry.

    For an indicator with direct coefficients :math:`d` (``value_added``, ``income``,
    ``employment``; ``output`` has :math:`d_j = 1`):

    .. math::

        \text{direct}_j = d_j, \quad \text{total}^{I}_j = (d'L)_j, \quad
        \text{indirect}_j = \text{total}^{I}_j - d_j, \quad
        \text{induced}_j = \text{total}^{II}_j - \text{total}^{I}_j

    and the Type I and Type II multipliers :math:`\text{total}^{I}_j / d_j`,
    :math:`\text{total}^{II}_j / d_j`. Columns: ``direct, indirect, induced,
    total_type_I, total_type_II, type_I_multiplier, type_II_multiplier`` (the induced and
    Type II columns only when the table has the compensation row and household column).

    Parameters
    ----------
    table : IOTable
        The national input-output table (induced effects need ``roles['compensation']`` and
        ``roles['households']``).
    indicator : {"income", "value_added", "employment", "output"}
        The indicator whose effects are decomposed.
    household_income : "compensation" or float
        Total household income that scales household consumption into coefficients in the
        closed model (default: total compensation of employees).

    Returns
    -------
    DataFrame
        Index ``sector``; columns ``direct, indirect, induced, total_type_I, total_type_II,
        type_I_multiplier, type_II_multiplier`` (indicator units per unit of final demand;
        the multipliers are ratios).

    Raises
    ------
    NotProductiveError
        If the model closed with households is not productive.

    References
    ----------
    .. [1] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*. Luxembourg: Office for Official Publications of the European Communities, ch. 15 (direct, indirect and induced effects).
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 6.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> ind = ["agri", "manu"]
    >>> t = IOTable.from_frames(
    ...     pd.DataFrame([[150, 500], [200, 100]], index=ind, columns=ind),
    ...     Y=pd.DataFrame({"hh": [100, 300], "other": [250, 1400]}, index=ind),
    ...     V=pd.DataFrame({"agri": [300, 350], "manu": [900, 500]}, index=["D1", "B2"]),
    ...     roles={"compensation": "D1", "households": "hh"})
    >>> effects(t, "income").round(4)[["direct", "indirect", "induced"]]
            direct  indirect  induced
    sector
    agri      0.30     0.195   0.1178
    manu      0.45     0.154   0.1437
    """
    t = _need_table(table, "effects")
    m1 = multipliers(t, type="I")
    if indicator not in m1.columns:
        raise ValidationError(
            f"indicator {indicator!r} is not available for this table (available: {', '.join(m1.columns)}); "
            "set the roles compensation / employment to add income / employment"
        )
    direct = np.ones(t.n) if indicator == "output" else direct_coefficients(t)[indicator].to_numpy()
    res = {"direct": direct, "indirect": m1[indicator].to_numpy() - direct}
    has2 = bool(t.role("compensation")) and bool(t.role("households"))
    if has2:
        m2 = multipliers(t, type="II", household_income=household_income)
        res["induced"] = m2[indicator].to_numpy() - m1[indicator].to_numpy()
    res["total_type_I"] = m1[indicator].to_numpy()
    if has2:
        res["total_type_II"] = m2[indicator].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        safe = np.where(direct != 0, direct, 1.0)
        res["type_I_multiplier"] = np.where(direct != 0, res["total_type_I"] / safe, np.nan)
        if has2:
            res["type_II_multiplier"] = np.where(direct != 0, res["total_type_II"] / safe, np.nan)
    df = pd.DataFrame(res, index=t.industries)
    df.index.name = "sector"
    df.attrs.update(indicator=indicator, table=t.name, flags=tuple(t.flags))
    return df


def impact(table: IOTable, final_demand_change, *, type: str = "I", household_income="compensation") -> pd.DataFrame:
    """Change in output and indicators caused by a change in final demand.

    .. math:: \\Delta x = L\\,\\Delta y, \\qquad \\Delta v = \\hat v\\,\\Delta x, \\ \\dots

    ``final_demand_change`` is a Series by industry (missing industries are 0) or an
    array of length n. Type II uses the closed inverse :math:`\\bar L_{11}` (and adds the
    induced household income). Solved by LU (no inverse is formed for Type I).
    """
    t = _need_table(table, "impact")
    if isinstance(final_demand_change, pd.Series):
        unknown = sorted(set(map(str, final_demand_change.index)) - set(t.industries))
        if unknown:
            raise ValidationError(f"final_demand_change names unknown industries {unknown[:5]}; use the table's labels")
        dy = final_demand_change.rename(index=str).reindex(t.industries).fillna(0.0).to_numpy(dtype=float)
    else:
        dy = np.asarray(final_demand_change, dtype=float).ravel()
        if dy.shape[0] != t.n:
            raise ValidationError(f"final_demand_change has {dy.shape[0]} values but the table has {t.n} industries")
    if not np.isfinite(dy).all():
        raise ValidationError("final_demand_change has a missing or infinite value; give a number for every industry")
    if type not in _TYPES:
        raise ValidationError(f"type={type!r}; use 'I' or 'II'")
    from ..iomath import leontief_solve

    dx = leontief_solve(t.A.to_numpy(), dy, check=False)
    if type == "II":
        La = t.L.to_numpy()
        Lc, hL_k, _ = _type2_terms(t, La, household_income)
        dx = dx + Lc * float(hL_k @ dy)
    d = direct_coefficients(t)
    out = {"final_demand_change": dy, "output": dx}
    for col in d.columns:
        out[col] = d[col].to_numpy() * dx
    df = pd.DataFrame(out, index=t.industries)
    df.index.name = "sector"
    df.attrs.update(type=type, table=t.name, flags=tuple(t.flags))
    return df
