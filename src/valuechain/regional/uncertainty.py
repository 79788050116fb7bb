r"""Monte Carlo uncertainty of an LQ-regionalized table: δ, coefficients, size measure.

Each draw :math:`s` takes

- Flegg's :math:`\delta^{(s)}` from the range the user gives (uniform, or triangular
  with the mode at the middle; Flegg & Tohmo 2013 find values between 0.1 and 0.4);
- the region's size measure :math:`e^{r(s)}_i = e^r_i \exp(\sigma z_i - \sigma^2/2)`
  (relative error ``measure_cv``; the rest of the country keeps its employment, so the
  national total moves with the region's);
- the national coefficients :math:`A^{n(s)}` (relative error ``coef_cv`` per cell, see
  :mod:`valuechain.leontief.uncertainty`);

and forms :math:`a^{r(s)}_{ij} = a^{n(s)}_{ij}\min(LQ^{(s)}_{ij}, 1)` for the industries
present in the region (:func:`~valuechain.regional.location_quotients`). The stack of
regional matrices is then solved at once like the national draws. With a single δ and
no coefficient or measure error every draw is the point regionalization.

References
----------
Flegg, A. T. and Tohmo, T. (2013). *Regional Studies* 47(5), 703-721.
Lenzen, M. (2000). *Journal of Industrial Ecology* 4(4), 127-148.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..leontief import (
    UncertainResult,
    Uncertainty,
    add_bands,
    coefficient_sampler,
    monte_carlo,
)
from ..tables.iotable import IOTable
from .lq import Regionalization, lambda_star, location_quotients, regionalize

__all__ = ["regional_sampler", "regionalize_uncertainty"]


def _uncertainty(uncertainty, kw) -> Uncertainty:
    if uncertainty is None:
        return Uncertainty(**kw)
    if kw:
        import dataclasses

        return dataclasses.replace(uncertainty, **kw)
    return uncertainty


def regional_sampler(
    table: IOTable,
    regional,
    national=None,
    *,
    method: str = "flq",
    delta=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    uncertainty: Uncertainty | None = None,
    **kwargs,
) -> tuple[Regionalization, Callable[[np.random.Generator, int], np.ndarray], Uncertainty]:
    """The point regionalization and a sampler of regional coefficient matrices.

    Returns ``(regionalization, sampler, uncertainty)``; ``sampler(rng, size)`` gives a
    ``(size, k, k)`` stack for the ``k`` industries of ``regionalization.io_table``, to
    pass as ``sampler=`` to :func:`~valuechain.leontief.multipliers_uncertainty`,
    :func:`~valuechain.leontief.key_sectors_uncertainty` or
    :func:`~valuechain.leontief.impact_uncertainty` with ``regionalization.io_table``.
    ``delta`` is the point δ; ``uncertainty.delta_range`` (if set) the range drawn.
    """
    u = _uncertainty(uncertainty, kwargs)
    m = str(method).lower()
    if u.delta_range is not None and m not in ("flq", "aflq"):
        raise ValidationError(f"a delta range needs a δ-dependent method (flq or aflq), not {method!r}")
    point = regionalize(table, regional, national, method=m, delta=delta, diagonal=diagonal, region=region)
    ind = table.industries
    reg = point.regional.reindex(ind).to_numpy(dtype=float)
    nat = point.national_measure.reindex(ind).to_numpy(dtype=float)
    # the regional table's industry order
    pos = pd.Index(ind).get_indexer(point.io_table.industries)
    coef = coefficient_sampler(table.A, u)
    s_m = float(u.measure_cv)
    s2 = np.log1p(s_m * s_m)
    lo_hi = u.delta_range

    def _cap(Q) -> np.ndarray:
        Qa = Q.to_numpy(dtype=float) if isinstance(Q, (pd.Series, pd.DataFrame)) else np.asarray(Q, dtype=float)
        if Qa.ndim == 1:
            Qa = np.repeat(Qa[:, None], len(ind), axis=1)
        return Qa

    # without size-measure error the quotients depend on δ only: FLQ and AFLQ are the
    # quotient at any δ0 times λ*(δ) / λ*(δ0) (Flegg & Webber 1997: FLQ = CILQ λ*), and
    # every other method is fixed, so the quotients are formed once
    Q0 = None
    if s_m == 0 and m != "sflq":
        d0 = delta if lo_hi is None else lo_hi[0]
        Q0 = _cap(location_quotients(pd.Series(reg, index=ind), pd.Series(nat, index=ind), method=m, delta=d0,
                                     A=table.A, diagonal=diagonal))
        lam0 = lambda_star(reg.sum(), nat.sum(), d0) if m in ("flq", "aflq") else None

    def sampler(rng: np.random.Generator, size: int) -> np.ndarray:
        if lo_hi is None or lo_hi[0] == lo_hi[1]:
            deltas = [delta if lo_hi is None else lo_hi[0]] * size
        elif u.delta_dist == "uniform":
            deltas = list(rng.uniform(lo_hi[0], lo_hi[1], size))
        else:
            deltas = list(rng.triangular(lo_hi[0], (lo_hi[0] + lo_hi[1]) / 2, lo_hi[1], size))
        if s_m > 0:
            noise = np.exp(np.sqrt(s2) * rng.standard_normal((size, len(ind))) - s2 / 2)
        An = coef(rng, size)
        out = np.empty((size, len(pos), len(pos)))
        for s in range(size):
            if Q0 is not None:
                Qa = Q0 * (lambda_star(reg.sum(), nat.sum(), deltas[s]) / lam0) if lam0 is not None else Q0
            else:
                r = reg * noise[s] if s_m > 0 else reg
                nn = nat - reg + r
                Qa = _cap(location_quotients(pd.Series(r, index=ind), pd.Series(nn, index=ind), method=m,
                                             delta=deltas[s], A=table.A, diagonal=diagonal))
            cap = np.nan_to_num(np.minimum(Qa, 1.0), nan=0.0)
            out[s] = (An[s] * cap)[np.ix_(pos, pos)]
        return out

    return point, sampler, u


def regionalize_uncertainty(
    table: IOTable,
    regional,
    national=None,
    *,
    method: str = "flq",
    delta=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    uncertainty: Uncertainty | None = None,
    **kwargs,
) -> UncertainResult:
    r"""Regional output multipliers with Monte Carlo quantiles over δ, coefficients and employment.

    .. math:: m^{(s)}_j = \mathbf 1'(I - A^{r(s)})^{-1} e_j

    Returns an :class:`~valuechain.leontief.UncertainResult` whose ``table`` is the
    point :attr:`Regionalization.table` (one row per national industry) with
    ``output_multiplier_region_p05``, ``_p50``, ``_p95`` after the point multiplier
    (empty for industries absent from the region).
    """
    point, sampler, u = regional_sampler(table, regional, national, method=method, delta=delta, diagonal=diagonal,
                                         region=region, uncertainty=uncertainty, **kwargs)
    rt = point.io_table
    k = rt.n

    def stat(Ad):
        M = np.negative(Ad)
        idx = np.arange(k)
        M[:, idx, idx] += 1.0
        return np.linalg.solve(np.swapaxes(M, 1, 2), np.ones((len(Ad), k, 1)))[:, :, 0]

    S, rej = monte_carlo(sampler, stat, k, u)
    base = point.table
    rows = np.flatnonzero(base["industry"].isin(rt.industries).to_numpy())
    # align the draws (regional table order) with the rows of the industry table
    order = pd.Index(rt.industries).get_indexer(base["industry"].iloc[rows])
    df = add_bands(base, S[:, order, None], ["output_multiplier_region"], u, rows=rows)
    notes = tuple(point.notes)
    return UncertainResult(df, "regional multipliers", ("output_multiplier_region",), u, rej, tuple(rt.flags), rt.name,
                           notes=notes, samples={"multipliers": S})
