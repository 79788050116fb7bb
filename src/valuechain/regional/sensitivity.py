"""Sensitivity of FLQ-regionalized output multipliers to Flegg's δ.

Flegg & Webber (1997) proposed δ = 0.3; values of 0.1-0.4 are usual in Flegg's studies,
including Flegg & Tohmo (2013) for Finnish regions; Kowalewski (2015) found that the best
δ varies by industry. The regional multipliers fall as δ rises (λ* = [log₂(1 + E_r/E_n)]^δ shrinks
every cross-industry quotient), so the choice of δ matters; this module shows how much,
and calibrates δ where a survey-based (or otherwise independently estimated) regional
table exists, as Flegg & Tohmo (2013) did for Finland.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, apply_rtol, identity_row
from ..tables.iotable import IOTable
from .employment import RegionalEmployment
from .quotients import DELTA_METHODS, check_delta
from .regionalization import output_multipliers, regionalize

__all__ = ["DEFAULT_DELTAS", "DeltaSensitivity", "delta_sensitivity", "DeltaCalibration", "calibrate_delta"]

#: Default δ grid: 0.05 to 0.95 in steps of 0.05 (Flegg's 0.1-0.4 and well beyond).
DEFAULT_DELTAS = tuple(np.round(np.arange(0.05, 0.951, 0.05), 2))


@dataclass(frozen=True, eq=False)
class DeltaSensitivity(ResultMixin):
    r"""Regional output multipliers over a grid of δ (result of :func:`delta_sensitivity`).

    Attributes
    ----------
    multipliers : DataFrame
        Industries × δ: the regional output multiplier :math:`\sum_i l^r_{ij}`.
    national : Series
        The national output multipliers (the δ → 0 limit with λ* = 1 is the CILQ).
    cilq : Series
        Regional multipliers with the CILQ (λ* = 1, the limit δ → 0).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> from valuechain.regional import delta_sensitivity
    >>> s = delta_sensitivity(t, r, n, deltas=[0.1, 0.3])
    >>> s.multipliers.round(4)
    delta     0.1     0.3
    agri   1.2990  1.2673
    manu   1.1474  1.1017
    """

    multipliers: pd.DataFrame
    national: pd.Series
    cilq: pd.Series
    method: str
    region: str
    lambda_stars: pd.Series
    flags: tuple[str, ...] = ()

    @cached_property
    def table(self) -> pd.DataFrame:
        """Tidy: one row per δ × industry with the regional and national multipliers."""
        long = self.multipliers.rename_axis(index="industry", columns="delta").stack().rename("output_multiplier").reset_index()
        long = long[["delta", "industry", "output_multiplier"]]
        long["lambda_star"] = long["delta"].map(self.lambda_stars)
        long["output_multiplier_cilq"] = long["industry"].map(self.cilq)
        long["output_multiplier_national"] = long["industry"].map(self.national)
        long["method"] = self.method.upper()
        long["note"] = "estimated (LQ regionalization)"
        return long.sort_values(["delta", "industry"], kind="stable").reset_index(drop=True)

    def mean_by_delta(self) -> pd.Series:
        """The average regional output multiplier at each δ."""
        return self.multipliers.mean(axis=0).rename("mean_output_multiplier")

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """Monotonicity and bounds: multipliers fall as δ rises, are >= 1 and (FLQ) never exceed
        the CILQ ones (``ok`` within ``rtol``, default 1e-12)."""
        M = self.multipliers.to_numpy()
        steps = np.diff(M, axis=1)
        rows = [
            identity_row("non-increasing in delta", float(np.max(steps, initial=0.0)), rtol=1e-12),
            identity_row(">= 1", float(np.max(1 - M, initial=0.0)), rtol=1e-12),
        ]
        if self.method == "flq":
            gap = M - self.cilq.to_numpy()[:, None]
            rows.append(identity_row("<= CILQ multipliers", float(np.max(gap, initial=0.0)), rtol=1e-12))
        return apply_rtol(pd.DataFrame(rows), rtol)

    def _identity_rows(self) -> list[dict]:
        return self.check().to_dict("records")

    def _title(self) -> str:
        return f"Regional output multipliers of {self.region} by δ ({self.method.upper()}; estimated by LQ regionalization)"

    def _size(self) -> str:
        return ""

    def _summary_lines(self) -> list[str]:
        mean = self.mean_by_delta()
        lines = [f"  mean multiplier: national {self.national.mean():.4f}, CILQ (δ→0) {self.cilq.mean():.4f}"]
        lines += [f"  δ={d:<5g} λ*={self.lambda_stars[d]:.4f}  mean={m:.4f}" for d, m in mean.items()]
        return lines

    def chart(self, **kwargs):
        """The figure: multipliers against δ (see :func:`valuechain.regional.delta_sensitivity_chart`)."""
        from .plots import delta_sensitivity_chart

        return delta_sensitivity_chart(self, **kwargs)


def delta_sensitivity(
    table: IOTable,
    regional: pd.Series | RegionalEmployment,
    national: pd.Series | None=None,
    *,
    deltas: Sequence[float] = DEFAULT_DELTAS,
    method: str = "flq",
    diagonal: str = "slq",
    region: str | None = None,
) -> DeltaSensitivity:
    r"""Regional output multipliers for each δ of a grid (FLQ or AFLQ).

    .. math:: m_j(\delta) = \mathbf{1}^{\top} (I - A^r(\delta))^{-1} e_j, \qquad
              a^r_{ij}(\delta) = a^n_{ij} \min(CILQ_{ij} \lambda^*(\delta), 1)

    Parameters
    ----------
    table : IOTable
        The national table.
    regional, national
        As in :func:`~valuechain.regional.regionalize` (Series, or a RegionalEmployment).
    deltas : sequence of float
        Each in (0, 1); default 0.05, 0.10, ..., 0.95.
    method : {"flq", "aflq"}
        The δ-dependent quotient.
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients (default :math:`SLQ_i`).
    region : str, optional
        The region's name.

    Returns
    -------
    DeltaSensitivity
        ``multipliers`` (industries × δ), the national and CILQ multipliers, λ* by δ.

    Raises
    ------
    ValidationError
        If a δ is outside (0, 1) or the method has no δ.

    References
    ----------
    .. [1] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    .. [2] Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ formula: a case study of Finland. *Regional Studies* 47(5), 703-721. (δ estimated for Finnish regions)

    Examples
    --------
    Multipliers fall as δ rises (a smaller λ*, more regional imports):

    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> s = delta_sensitivity(t, r, n, deltas=[0.1, 0.3])
    >>> bool((s.multipliers[0.1] > s.multipliers[0.3]).all())
    True
    """
    method = str(method).lower()
    if method not in DELTA_METHODS:
        raise ValidationError(f"delta sensitivity needs a δ-dependent method ({' or '.join(DELTA_METHODS)}), not {method!r}")
    grid = [check_delta(d) for d in deltas]
    if not grid:
        raise ValidationError("give at least one delta")
    if len(set(grid)) != len(grid):
        raise ValidationError("the delta grid has repeated values; give each delta once")
    grid = sorted(grid)
    cols, lams = {}, {}
    base = None
    for d in grid:  # a handful of small solves; each regionalization is vectorised
        res = regionalize(table, regional, national, method=method, delta=d, diagonal=diagonal, region=region)
        cols[d] = output_multipliers(res.io_table.A)
        lams[d] = res.lambda_star
        base = res
    ci = regionalize(table, regional, national, method="cilq", diagonal=diagonal, region=region)
    cilq_m = output_multipliers(ci.io_table.A)
    M = pd.DataFrame(cols)
    M.columns.name = "delta"
    nat = output_multipliers(table.A).reindex(M.index)
    return DeltaSensitivity(
        multipliers=M,
        national=nat,
        cilq=cilq_m.reindex(M.index),
        method=method,
        region=base.region,
        lambda_stars=pd.Series(lams, name="lambda_star"),
        flags=_flags(table, regional),
    )


def _flags(table: IOTable, regional) -> tuple[str, ...]:
    """The national table's flags, the estimation, and the employment data's flags."""
    return tuple(dict.fromkeys((*table.flags, "estimated (LQ regionalization)", *(regional.flags if isinstance(regional, RegionalEmployment) else ()))))


_CRITERIA = ("mape", "rmse")


def _error(est: np.ndarray, true: np.ndarray, criterion: str) -> float:
    if criterion == "mape":
        return float(np.mean(np.abs(est - true) / true) * 100.0)
    return float(np.sqrt(np.mean((est - true) ** 2)))


@dataclass(frozen=True, eq=False)
class DeltaCalibration(ResultMixin):
    """The δ that best reproduces known regional multipliers (result of :func:`calibrate_delta`).

    Attributes
    ----------
    delta : float
        The calibrated δ.
    error : float
        The criterion at ``delta`` (MAPE in per cent, or RMSE).
    curve : Series
        The criterion on the δ grid.
    benchmarks : Series
        The criterion for the δ-free quotients SLQ and CILQ.
    estimated, target : Series
        Regional output multipliers at ``delta`` and the target ones (common industries).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> from valuechain.regional import calibrate_delta
    >>> cal = calibrate_delta(t, r, n, target=pd.Series({"agri": 1.2, "manu": 1.1}))
    >>> 0 < cal.delta < 1, cal.criterion
    (True, 'mape')
    """

    delta: float
    error: float
    curve: pd.Series
    benchmarks: pd.Series
    estimated: pd.Series
    target: pd.Series
    criterion: str
    method: str
    region: str
    flags: tuple[str, ...] = ()

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per industry: target and estimated multipliers and the percentage error."""
        out = pd.DataFrame(
            {
                "industry": self.target.index,
                "target_multiplier": self.target.to_numpy(),
                "estimated_multiplier": self.estimated.to_numpy(),
            }
        )
        out["pct_error"] = 100.0 * (out["estimated_multiplier"] - out["target_multiplier"]) / out["target_multiplier"]
        out["delta"] = self.delta
        out["method"] = self.method.upper()
        out["note"] = "estimated (LQ regionalization) vs target table"
        return out

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """The calibrated δ is no worse than any δ of the grid (``ok`` within ``rtol``, default 1e-9)."""
        gap = float(self.error - self.curve.min())
        return apply_rtol(pd.DataFrame([identity_row("error <= grid minimum", max(gap, 0.0), rtol=1e-9)]), rtol)

    def _identity_rows(self) -> list[dict]:
        return self.check().to_dict("records")

    def _title(self) -> str:
        crit = "MAPE %" if self.criterion == "mape" else "RMSE"
        b = ", ".join(f"{k.upper()} {v:.3f}" for k, v in self.benchmarks.items())
        return (
            f"δ calibration for {self.region} ({self.method.upper()}, {crit} of output multipliers over "
            f"{len(self.target)} industries): δ = {self.delta:.4f}, {crit} = {self.error:.3f} (δ-free: {b})"
        )

    def _size(self) -> str:
        return ""


def calibrate_delta(
    table: IOTable,
    regional: pd.Series | RegionalEmployment,
    national: pd.Series | None=None,
    *,
    target: pd.Series | IOTable,
    method: str = "flq",
    criterion: str = "mape",
    deltas: Sequence[float] = DEFAULT_DELTAS,
    refine: bool = True,
    diagonal: str = "slq",
    region: str | None = None,
) -> DeltaCalibration:
    r"""Find the δ whose FLQ (or AFLQ) regional multipliers come closest to known ones.

    .. math:: \hat\delta = \arg\min_{\delta \in (0,1)}
              \frac{100}{n}\sum_j \frac{|m_j(\delta) - m^{*}_j|}{m^{*}_j}

    (``criterion="mape"``; ``"rmse"`` uses the root mean squared difference). The grid is
    searched first; with ``refine`` a bounded scalar minimisation then runs between the
    best grid point's neighbours.

    Parameters
    ----------
    table : IOTable
        The national table.
    regional, national
        The size measure, as in :func:`~valuechain.regional.regionalize` (Flegg & Tohmo
        2013 used employment; output works the same way).
    target : Series or IOTable
        The regional output multipliers to reproduce, by industry, or a regional table
        (survey-based or independently estimated) whose Type I output multipliers are used.
        Industries missing from either side are left out of the comparison.
    method : {"flq", "aflq"}
        The δ-dependent quotient.
    criterion : {"mape", "rmse"}
        Mean absolute percentage error (default) or root mean squared error.
    deltas : sequence of float
        The search grid, each in (0, 1).
    refine : bool, default True
        Refine the best grid point by a bounded scalar minimisation.
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients.
    region : str, optional
        The region's name.

    Returns
    -------
    DeltaCalibration
        The calibrated δ, its error, the criterion curve and the SLQ/CILQ benchmarks.

    Raises
    ------
    ValidationError
        If no industry is common to the estimate and the target, or an option is invalid.

    References
    ----------
    .. [1] Flegg, A. T. and Tohmo, T. (2013). Regional input-output tables and the FLQ formula: a case study of Finland. *Regional Studies* 47(5), 703-721.
    .. [2] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> cal = calibrate_delta(t, r, n, target=pd.Series({"agri": 1.2, "manu": 1.1}))
    >>> round(cal.delta, 2)
    0.69
    """
    from scipy.optimize import minimize_scalar

    if criterion not in _CRITERIA:
        raise ValidationError(f"criterion={criterion!r}; use 'mape' or 'rmse'")
    method = str(method).lower()
    if method not in DELTA_METHODS:
        raise ValidationError(f"delta calibration needs a δ-dependent method ({' or '.join(DELTA_METHODS)}), not {method!r}")
    grid = sorted({check_delta(d) for d in deltas})
    if not grid:
        raise ValidationError("give at least one delta")
    if isinstance(target, IOTable):
        keep = target.x.to_numpy() > 0
        target = output_multipliers(target.A.loc[keep, keep])
    if not isinstance(target, pd.Series):
        raise TypeError("target must be a Series of regional output multipliers by industry or an IOTable")
    target = target.astype(float).copy()
    target.index = target.index.map(str)
    if not np.isfinite(target.to_numpy()).all() or (target.to_numpy() < 1).any():
        raise ValidationError("target multipliers must be finite and >= 1 (an output multiplier is at least 1)")

    def multipliers_at(m: str, d: float) -> pd.Series:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = regionalize(table, regional, national, method=m, delta=d, diagonal=diagonal, region=region)
        return output_multipliers(res.io_table.A)

    common = target.index.intersection(multipliers_at(method, grid[0]).index)
    if len(common) == 0:
        raise ValidationError("the target and the regional table have no industry in common; use the table's labels")
    true = target.loc[common].to_numpy()

    def err(m: str, d: float) -> float:
        return _error(multipliers_at(m, d).loc[common].to_numpy(), true, criterion)

    curve = pd.Series([err(method, d) for d in grid], index=pd.Index(grid, name="delta"), name=criterion)
    k = int(np.argmin(curve.to_numpy()))
    best_d, best_e = grid[k], float(curve.iat[k])
    if refine and len(grid) > 1:
        lo = grid[k - 1] if k > 0 else grid[0] / 2
        hi = grid[k + 1] if k + 1 < len(grid) else (grid[-1] + 1.0) / 2
        opt = minimize_scalar(lambda d: err(method, d), bounds=(lo, hi), method="bounded", options={"xatol": 1e-4})
        if opt.fun < best_e:
            best_d, best_e = float(opt.x), float(opt.fun)
    bench = pd.Series({m: err(m, 0.3) for m in ("slq", "cilq")}, name=criterion)
    return DeltaCalibration(
        delta=best_d,
        error=best_e,
        curve=curve,
        benchmarks=bench,
        estimated=multipliers_at(method, best_d).loc[common],
        target=target.loc[common],
        criterion=criterion,
        method=method,
        region=region or getattr(regional, "region", "region"),
        flags=_flags(table, regional),
    )
