r"""Two-region impact analysis: how much of a shock stays in the region.

A final-demand shock :math:`\Delta f^r` in region *r* of a two-region model (region and
rest of the country, :func:`~valuechain.regional.two_region_model`) moves output in both
regions:

.. math::

    \begin{pmatrix} x^r \\ x^R \end{pmatrix} =
    \begin{pmatrix} I - A^{rr} & -A^{rR} \\ -A^{Rr} & I - A^{RR} \end{pmatrix}^{-1}
    \begin{pmatrix} \Delta f^r \\ 0 \end{pmatrix}

and Miller & Blair (2009, sec. 3.3) split the total :math:`\mathbf 1'x^r + \mathbf 1'x^R`
into the **intraregional** effect :math:`\mathbf 1'(I - A^{rr})^{-1}\Delta f^r` (the
region's output if it were a single-region model), the interregional **feedback**
:math:`\mathbf 1'x^r - \mathbf 1'(I - A^{rr})^{-1}\Delta f^r` (the region's output that
returns through the rest of the country's purchases from it) and the **spillover**
:math:`\mathbf 1'x^R` to the rest of the country.

References
----------
Miller, R. E. (1966). Interregional feedback effects in input-output models: some
preliminary results. *Papers of the Regional Science Association* 17, 105-125.
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., sec. 3.3.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import leontief_solve
from ..leontief import IMPACT_INDICATORS, ImpactResult, direct_coefficients, shock_frame
from ..leontief.impact import check_finite_effects
from .tworegion import TwoRegionModel

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from typing import Mapping
    from typing import Sequence

__all__ = ["two_region_impact", "interregional_impact", "two_region_coefficients"]

_TOTAL = "total"


def _effects_row(label, xr_single, xr, xR) -> dict:
    intra, own, spill = float(xr_single.sum()), float(xr.sum()), float(xR.sum())
    tot = own + spill
    return {
        "year": label,
        "intraregional": intra,
        "feedback": own - intra,
        "spillover": spill,
        "total": tot,
        "feedback_share_pct": 100.0 * (own - intra) / own if own else np.nan,
        "spillover_share_pct": 100.0 * spill / tot if tot else np.nan,
    }


def interregional_impact(A: pd.DataFrame, shock: pd.Series | pd.DataFrame | Mapping[str, float], coefficients: pd.DataFrame | None = None, *, region: str, rest: str,
                         unit: str = "", name: str = "", flags: Sequence[str]=()) -> ImpactResult:
    """Impact of a shock in ``region`` on an interregional coefficient matrix.

    Parameters
    ----------
    A : DataFrame
        The 2n (or :math:`n_r + n_R`) interregional coefficient matrix with a
        ``(region, industry)`` MultiIndex on rows and columns (e.g.
        :attr:`TwoRegionModel.A`, or a survey-based interregional table).
    shock : Series, mapping or DataFrame
        Final-demand change for the region's industries (``industry``,
        ``final_demand``, optional ``year``).
    coefficients : DataFrame, optional
        Direct coefficients per unit of output by ``(region, industry)`` (columns among
        ``value_added``, ``income``, ``employment``); output is always reported.
    region, rest : str
        The shocked region and the other one.
    unit : str
        Money unit of the shock, shown in the result.
    name : str
        Name of the table or model, shown in the result.
    flags : sequence of str
        Provenance flags carried into the result.

    Returns
    -------
    ImpactResult
        ``table`` has a ``region`` column; ``regional_effects`` the intraregional,
        feedback and spillover output per year and in total.

    Raises
    ------
    ValidationError
        If ``A`` lacks the region labels or the shock names unknown industries.
    NotProductiveError
        If ``A`` is not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 3 (interregional models: intraregional, feedback and spillover effects).

    Examples
    --------
    One industry per region, Miller & Blair's (2009, ch. 3) two-region model (see
    :func:`two_region_impact` for the numbers by hand):

    >>> import pandas as pd
    >>> ix = pd.MultiIndex.from_tuples([("r", "1"), ("R", "1")])
    >>> A = pd.DataFrame([[.15, .25], [.20, .05]], index=ix, columns=ix)
    >>> res = interregional_impact(A, {"1": 600.0}, region="r", rest="R")
    >>> res.table[["region", "industry", "output_total"]].round(2)
      region industry  output_total
    0      r        1        752.48
    1      r    total        752.48
    2      R        1        158.42
    3      R    total        158.42
    """
    if not isinstance(A, pd.DataFrame) or not isinstance(A.index, pd.MultiIndex) or A.index.nlevels != 2:
        raise ValidationError("A must be a DataFrame with a (region, industry) MultiIndex; use two_region_model(...).A")
    regs = list(dict.fromkeys(A.index.get_level_values(0)))
    if region not in regs or rest not in regs or len(regs) != 2:
        raise ValidationError(f"A has regions {regs}; name the shocked region and the rest among them")
    lab = A.index
    in_r = np.asarray(lab.get_level_values(0) == region)
    ind_r = list(lab.get_level_values(1)[in_r])
    sf = shock_frame(shock, ind_r, region=str(region))
    Aa = A.to_numpy(dtype=float)
    N = Aa.shape[0]
    names = ["output"]
    D = np.ones((N, 1))
    if coefficients is not None:
        c = coefficients.reindex(lab)
        extra = [k for k in IMPACT_INDICATORS[1:] if k in c.columns]
        names += extra
        D = np.column_stack([np.ones(N)] + [c[k].fillna(0.0).to_numpy(dtype=float) for k in extra])
    Arr = Aa[np.ix_(in_r, in_r)]
    years = [None] if sf["year"].isna().all() else sorted(sf["year"].dropna().unique())
    multi = years != [None]
    blocks, eff, resid, rscale = [], [], 0.0, 1.0
    for y in years:
        part = sf if y is None else sf[sf["year"] == y]
        v = part.groupby("industry", sort=False)["final_demand"].sum().reindex(ind_r).fillna(0.0).to_numpy()
        df2 = np.zeros(N)
        df2[in_r] = v
        x = leontief_solve(Aa, df2, check=False)
        resid = max(resid, float(np.abs(df2 - (x - Aa @ x)).max(initial=0.0)))
        rscale = max(rscale, float(np.abs(x).max(initial=0.0)))
        xs = leontief_solve(Arr, v, check=False)
        eff.append(_effects_row(str(y) if multi else "all", xs, x[in_r], x[~in_r]))
        blocks.append((y, df2, x))
    if multi:
        df_tot = sum(b[1] for b in blocks)
        x_tot = sum(b[2] for b in blocks)
        xs_tot = leontief_solve(Arr, df_tot[in_r], check=False)
        eff.append(_effects_row(_TOTAL, xs_tot, x_tot[in_r], x_tot[~in_r]))
        blocks.append((_TOTAL, df_tot, x_tot))
    frames = []
    for y, df2, x in blocks:
        for mask, reg in ((in_r, region), (~in_r, rest)):
            cols = {}
            for k, nm in enumerate(names):
                d = D[mask, k]
                cols[f"{nm}_direct"] = d * df2[mask]
                cols[f"{nm}_indirect"] = d * (x[mask] - df2[mask])
                cols[f"{nm}_total"] = d * x[mask]
            f = pd.DataFrame(cols)
            f.insert(0, "industry", list(lab.get_level_values(1)[mask]))
            tot = f.drop(columns="industry").sum().to_frame().T
            tot.insert(0, "industry", _TOTAL)
            f = pd.concat([f, tot], ignore_index=True)
            f.insert(0, "region", reg)
            if multi:
                f.insert(0, "year", str(y))
            frames.append(f)
    table = pd.concat(frames, ignore_index=True)
    check_finite_effects(table, sf)
    return ImpactResult(
        table=table, type="I", indicators=tuple(names), shock=sf, flags=tuple(flags), name=name, unit=unit,
        residual=resid, residual_scale=rscale, region=region, rest=rest,
        regional_effects=pd.DataFrame(eff),
    )


def two_region_coefficients(model: TwoRegionModel, employment: pd.Series | None=None) -> pd.DataFrame:
    """Direct coefficients per unit of output by ``(region, industry)`` of a two-region model.

    The national :func:`~valuechain.leontief.direct_coefficients` in both regions (equal
    technology and labour productivity); jobs per unit of output from ``employment``
    (national, by industry) when the table has no employment row.

    Parameters
    ----------
    model : TwoRegionModel
        From :func:`~valuechain.regional.two_region_model`.
    employment : Series, optional
        National employment by industry, for jobs per unit of output when the table has
        no employment row.

    Returns
    -------
    DataFrame
        Index ``(region, industry)``; columns among ``value_added``, ``income``,
        ``employment`` (per unit of output).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> from valuechain.regional import two_region_model
    >>> two_region_coefficients(two_region_model(t, r, n, region="North"))
                              value_added
    region          industry
    North           agri             0.65
                    manu             0.70
    rest of country agri             0.65
                    manu             0.70
    """
    nat = model.national
    d = direct_coefficients(nat)
    if "employment" not in d.columns and employment is not None:
        e = employment.copy() if isinstance(employment, pd.Series) else pd.Series(employment, index=nat.industries)
        e.index = e.index.map(str)
        e = e.reindex(nat.industries).fillna(0.0).to_numpy(dtype=float)
        x = nat.x.to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            d["employment"] = np.where(x > 0, e / np.where(x > 0, x, 1.0), 0.0)
    lab = model.A.index
    coef = d.reindex(lab.get_level_values(1))
    coef.index = lab
    return coef


def two_region_impact(model: TwoRegionModel, shock: pd.Series | pd.DataFrame | Mapping[str, float], *, employment: pd.Series | None=None, flags: Sequence[str]=()) -> ImpactResult:
    r"""Impact of a final-demand shock in the model's region, in both regions (Type I).

    Parameters
    ----------
    model : TwoRegionModel
        From :func:`~valuechain.regional.two_region_model`.
    shock : Series, mapping or DataFrame
        Change in final demand for the region's industries (``industry``,
        ``final_demand``, optional ``year``), in the national table's unit.
    employment : Series, optional
        National employment by industry, to report jobs when the national table has no
        employment row: jobs per unit of output :math:`e_j = E^n_j / x^n_j` in both regions.
    flags : sequence of str
        Provenance flags of the regional data (e.g. a synthetic employment file), added
        to the table's and the model's.

    Returns
    -------
    ImpactResult
        ``table`` with a ``region`` column; ``regional_effects`` the intraregional,
        feedback and spillover output per year and in total.

    Raises
    ------
    ValidationError
        If the shock names an industry absent from the region or is not finite.

    Notes
    -----
    Both regions have the nation's technology and labour productivity (as in
    :func:`~valuechain.regional.two_region_model`), so value added, income and
    employment per unit of output are the national direct coefficients
    (:func:`~valuechain.leontief.direct_coefficients`). Results are estimates (LQ
    regionalization) and carry the model's flags.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 3 (interregional models: intraregional, feedback and spillover effects).

    Examples
    --------
    One industry per region with Miller & Blair's (2009, Table 2.3) coefficients
    :math:`a^{rr} = .15, a^{rR} = .25, a^{Rr} = .20, a^{RR} = .05` and a shock of 600 in
    the region: :math:`x^r = 600 \cdot .95/.7575 = 752.48`, intraregional
    :math:`600/.85 = 705.88`, feedback 46.59, spillover :math:`600 \cdot .2/.7575 = 158.42`.

    >>> import pandas as pd
    >>> ix = pd.MultiIndex.from_tuples([("r", "1"), ("R", "1")])
    >>> A = pd.DataFrame([[.15, .25], [.20, .05]], index=ix, columns=ix)
    >>> e = interregional_impact(A, {"1": 600.0}, region="r", rest="R").regional_effects
    >>> e[["intraregional", "feedback", "spillover", "total"]].round(2)
       intraregional  feedback  spillover   total
    0         705.88     46.59     158.42  910.89
    """
    if not isinstance(model, TwoRegionModel):
        raise TypeError(f"two_region_impact needs a TwoRegionModel (two_region_model(...)), got {type(model).__name__}")
    flags_in = tuple(flags)
    nat = model.national
    coef = two_region_coefficients(model, employment)
    flags = tuple(nat.flags) + (f"two-region model of {model.region} estimated by LQ ({model.method.upper()})",)
    flags += tuple(f for f in flags_in if f not in flags)
    res = interregional_impact(model.A, shock, coef, region=model.region, rest=model.rest, unit=nat.unit,
                               name=f"{nat.name or 'national table'}: {model.region} and {model.rest}", flags=flags)
    return dataclasses.replace(res, notes=tuple(model.notes))
