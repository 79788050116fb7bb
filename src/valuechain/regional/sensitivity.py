"""Sensitivity of FLQ-regionalized output multipliers to Flegg's δ.

Flegg & Webber (1997) proposed δ = 0.3; Flegg & Tohmo (2013) found 0.1-0.4 for Finnish
regions (smaller for larger regions); Kowalewski (2015) found that the best δ varies by
industry. The regional multipliers fall as δ rises (λ* = [log₂(1 + E_r/E_n)]^δ shrinks
every cross-industry quotient), so the choice of δ matters; this module shows how much.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..tables.iotable import IOTable
from .lq import _check_delta, output_multipliers, regionalize

__all__ = ["DEFAULT_DELTAS", "DeltaSensitivity", "delta_sensitivity"]

#: Default δ grid: 0.05 to 0.95 in steps of 0.05 (Flegg's 0.1-0.4 and well beyond).
DEFAULT_DELTAS = tuple(np.round(np.arange(0.05, 0.951, 0.05), 2))


@dataclass(frozen=True, eq=False)
class DeltaSensitivity:
    """Regional output multipliers over a grid of δ (result of :func:`delta_sensitivity`).

    Attributes
    ----------
    multipliers : DataFrame
        Industries × δ: the regional output multiplier :math:`\\sum_i l^r_{ij}`.
    national : Series
        The national output multipliers (the δ → 0 limit with λ* = 1 is the CILQ).
    cilq : Series
        Regional multipliers with the CILQ (λ* = 1, the limit δ → 0).
    """

    multipliers: pd.DataFrame
    national: pd.Series
    cilq: pd.Series
    method: str
    region: str
    lambda_stars: pd.Series

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

    def check(self) -> pd.DataFrame:
        """Monotonicity and bounds: multipliers fall as δ rises, are >= 1 and (FLQ) never exceed the CILQ ones."""
        M = self.multipliers.to_numpy()
        steps = np.diff(M, axis=1)
        rows = [
            ("non-increasing in delta", float(np.max(steps, initial=0.0)), bool((steps <= 1e-12).all())),
            (">= 1", float(np.max(1 - M, initial=0.0)), bool((M >= 1 - 1e-12).all())),
        ]
        if self.method == "flq":
            gap = M - self.cilq.to_numpy()[:, None]
            rows.append(("<= CILQ multipliers", float(np.max(gap, initial=0.0)), bool((gap <= 1e-12).all())))
        return pd.DataFrame(rows, columns=["identity", "max_gap", "ok"])

    def summary(self) -> str:
        mean = self.mean_by_delta()
        lines = [
            f"Regional output multipliers of {self.region} by δ ({self.method.upper()}; estimated by LQ regionalization)",
            f"  mean multiplier: national {self.national.mean():.4f}, CILQ (δ→0) {self.cilq.mean():.4f}",
        ]
        lines += [f"  δ={d:<5g} λ*={self.lambda_stars[d]:.4f}  mean={m:.4f}" for d, m in mean.items()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return "<p>" + "<br>".join(self.summary().splitlines()[:2]) + "</p>" + self.multipliers.to_html(float_format=lambda v: f"{v:.4f}")

    def chart(self, **kwargs):
        """The figure: multipliers against δ (see :func:`valuechain.regional.delta_sensitivity_chart`)."""
        from .plots import delta_sensitivity_chart

        return delta_sensitivity_chart(self, **kwargs)


def delta_sensitivity(
    table: IOTable,
    regional,
    national=None,
    *,
    deltas: Sequence[float] = DEFAULT_DELTAS,
    method: str = "flq",
    diagonal: str = "slq",
    region: str | None = None,
) -> DeltaSensitivity:
    """Regional output multipliers for each δ of a grid (FLQ or AFLQ).

    .. math:: m_j(\\delta) = \\mathbf{1}^{\\top} (I - A^r(\\delta))^{-1} e_j, \\qquad
              a^r_{ij}(\\delta) = a^n_{ij} \\min(CILQ_{ij} \\lambda^*(\\delta), 1)

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

    References
    ----------
    Flegg, A. T. and Webber, C. D. (1997), Regional Studies 31(8), 795-805; Flegg, A. T.
    and Tohmo, T. (2013), Regional Studies 47(5), 703-721 (δ estimated for Finnish regions).
    """
    method = str(method).lower()
    if method not in ("flq", "aflq"):
        raise ValidationError(f"delta sensitivity needs a δ-dependent method (flq or aflq), not {method!r}")
    grid = [_check_delta(d) for d in deltas]
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
    )
