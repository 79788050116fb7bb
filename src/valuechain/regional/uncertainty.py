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

from typing import Any, Callable

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..iomath import output_multipliers
from ..leontief import (
    UncertainResult,
    Uncertainty,
    add_bands,
    coefficient_sampler,
    monte_carlo,
    stacked_solves,
)
from ..tables.iotable import IOTable
from .impact import two_region_coefficients, two_region_impact
from .lq import Regionalization, lambda_star, location_quotients, regionalize
from .quotients import DELTA_METHODS, LQMethod, lq_method
from .tworegion import TwoRegionModel, two_region_model

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike
    from typing import Mapping
    from typing import Sequence
    from .employment import RegionalEmployment

__all__ = ["regional_sampler", "regionalize_uncertainty", "two_region_sampler", "two_region_impact_uncertainty"]


def _uncertainty(uncertainty, kw) -> Uncertainty:
    if uncertainty is None:
        return Uncertainty(**kw)
    if kw:
        import dataclasses

        return dataclasses.replace(uncertainty, **kw)
    return uncertainty


def _delta_entry(m: str, u: Uncertainty, method) -> LQMethod:
    """The registry entry of ``m``; a δ range only for a method that takes a scalar δ
    (every ``needs_delta`` entry of :data:`~valuechain.regional.quotients.LQ_REGISTRY`)."""
    entry = lq_method(m)
    if u.delta_range is not None and not entry.needs_delta:
        raise ValidationError(f"a delta range needs a δ-dependent method ({' or '.join(DELTA_METHODS)}), not {method!r}")
    return entry


def regional_sampler(
    table: IOTable,
    regional: pd.Series | RegionalEmployment,
    national: pd.Series | None=None,
    *,
    method: str = "flq",
    delta: float | ArrayLike | pd.Series | Mapping[str, float]=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    uncertainty: Uncertainty | None = None,
    **kwargs: Any,
) -> tuple[Regionalization, Callable[[np.random.Generator, int], np.ndarray], Uncertainty]:
    r"""The point regionalization and a sampler of regional coefficient matrices.

    The sampler's draws are meant to be passed as ``sampler=`` to
    :func:`~valuechain.leontief.multipliers_uncertainty`,
    :func:`~valuechain.leontief.key_sectors_uncertainty` or
    :func:`~valuechain.leontief.impact_uncertainty` with ``regionalization.io_table``.
    ``delta`` is the point δ; ``uncertainty.delta_range`` (if set) the range drawn.

    Parameters
    ----------
    table : IOTable
        The national table.
    regional, national
        Employment of the region and of the nation by industry (Series), or a
        :class:`~valuechain.regional.RegionalEmployment` as ``regional``.
    method : {"slq", "plq", "cilq", "flq", "aflq", "sflq"}
        The location quotient (default ``"flq"``).
    delta : float or vector, default 0.3
        The point :math:`\delta` (a vector for ``"sflq"``).
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients (default :math:`SLQ_i`).
    region : str, optional
        The region's name (default: from a RegionalEmployment).
    uncertainty : Uncertainty, optional
        Monte Carlo settings; ``delta_range``, ``coef_cv`` and ``measure_cv`` are drawn.
    **kwargs
        Fields of :class:`~valuechain.leontief.Uncertainty` (``draws=``, ``coef_cv=``, ``delta_range=``, ...).

    Returns
    -------
    tuple of (Regionalization, callable, Uncertainty)
        The point regionalization; ``sampler(rng, size)`` giving a ``(size, k, k)`` stack
        for the ``k`` industries of ``regionalization.io_table``; the settings used.

    Raises
    ------
    ValidationError
        If an input or option is invalid.
    NotProductiveError
        If too many draws are not productive.

    References
    ----------
    .. [1] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> reg, sampler, u = regional_sampler(t, r, n, coef_cv=0.1, draws=50)
    >>> sampler(np.random.default_rng(0), 4).shape
    (4, 2, 2)
    """
    u = _uncertainty(uncertainty, kwargs)
    m = str(method).lower()
    entry = _delta_entry(m, u, method)
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
    # (a δ-dependent method that is not linear in λ* is recomputed at each draw's δ)
    Q0 = None
    if s_m == 0 and not entry.needs_delta_vector and (lo_hi is None or not entry.needs_delta or entry.lambda_linear):
        d0 = delta if lo_hi is None else lo_hi[0]
        Q0 = _cap(location_quotients(pd.Series(reg, index=ind), pd.Series(nat, index=ind), method=m, delta=d0,
                                     A=table.A, diagonal=diagonal))
        lam0 = lambda_star(reg.sum(), nat.sum(), d0) if entry.lambda_linear else None

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
    regional: pd.Series | RegionalEmployment,
    national: pd.Series | None=None,
    *,
    method: str = "flq",
    delta: float | ArrayLike | pd.Series | Mapping[str, float]=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    uncertainty: Uncertainty | None = None,
    **kwargs: Any,
) -> UncertainResult:
    r"""Regional output multipliers with Monte Carlo quantiles over δ, coefficients and employment.

    .. math:: m^{(s)}_j = \mathbf 1'(I - A^{r(s)})^{-1} e_j

    Parameters
    ----------
    table : IOTable
        The national table.
    regional, national
        Employment of the region and of the nation by industry (Series), or a
        :class:`~valuechain.regional.RegionalEmployment` as ``regional``.
    method : {"slq", "plq", "cilq", "flq", "aflq", "sflq"}
        The location quotient (default ``"flq"``).
    delta : float or vector, default 0.3
        The point :math:`\delta` (a vector for ``"sflq"``).
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients (default :math:`SLQ_i`).
    region : str, optional
        The region's name (default: from a RegionalEmployment).
    uncertainty : Uncertainty, optional
        Monte Carlo settings; ``delta_range``, ``coef_cv`` and ``measure_cv`` are drawn.
    **kwargs
        Fields of :class:`~valuechain.leontief.Uncertainty` (``draws=``, ``coef_cv=``, ``delta_range=``, ...).

    Returns
    -------
    UncertainResult
        ``table`` is the point :attr:`Regionalization.table` (one row per national
        industry) with ``output_multiplier_region_p05``, ``_p50``, ``_p95`` after the
        point multiplier (empty for industries absent from the region).

    Raises
    ------
    ValidationError
        If an input or option is invalid.
    NotProductiveError
        If too many draws are not productive.

    References
    ----------
    .. [1] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 8 (location quotients and regional coefficients).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> res = regionalize_uncertainty(t, r, n, draws=100, coef_cv=0.1)
    >>> [c for c in res.table.columns if c.startswith("output_multiplier_region")]
    ['output_multiplier_region', 'output_multiplier_region_p05', 'output_multiplier_region_p50', 'output_multiplier_region_p95']
    """
    point, sampler, u = regional_sampler(table, regional, national, method=method, delta=delta, diagonal=diagonal,
                                         region=region, uncertainty=uncertainty, **kwargs)
    rt = point.io_table
    k = rt.n

    def stat(Ad):
        return output_multipliers(Ad)  # batched, valuechain.iomath

    S, rej = monte_carlo(sampler, stat, k, u)
    base = point.table
    rows = np.flatnonzero(base["industry"].isin(rt.industries).to_numpy())
    # align the draws (regional table order) with the rows of the industry table
    order = pd.Index(rt.industries).get_indexer(base["industry"].iloc[rows])
    df = add_bands(base, S[:, order, None], ["output_multiplier_region"], u, rows=rows)
    notes = tuple(point.notes)
    return UncertainResult(df, "regional multipliers", ("output_multiplier_region",), u, rej, tuple(rt.flags), rt.name,
                           notes=notes, samples={"multipliers": S})


# ------------------------------------------------------------------------- two regions
def _measures(table: IOTable, regional, national, region):
    from .employment import RegionalEmployment

    if isinstance(regional, RegionalEmployment):
        region = region or regional.region
        national = regional.national if national is None else national
        regional = regional.regional
    ind = table.industries

    def align(v):
        if isinstance(v, pd.Series):
            s = v.copy()
            s.index = s.index.map(str)
            return s.reindex(ind).fillna(0.0).to_numpy(dtype=float)
        return np.asarray(v, dtype=float).ravel()

    return align(regional), align(national), region


def two_region_sampler(
    table: IOTable,
    regional: pd.Series | RegionalEmployment,
    national: pd.Series | None=None,
    *,
    method: str = "flq",
    delta: float | ArrayLike | pd.Series | Mapping[str, float]=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    rest: str = "rest of country",
    uncertainty: Uncertainty | None = None,
    **kwargs: Any,
) -> tuple[TwoRegionModel, Callable[[np.random.Generator, int], np.ndarray], Uncertainty]:
    r"""The point two-region model and a sampler of its interregional coefficient matrix.

    Each draw takes :math:`\delta^{(s)}` from ``uncertainty.delta_range`` (else the point
    δ) and the national coefficients :math:`A^{n(s)}` (relative error ``coef_cv``), and
    builds the model exactly as :func:`~valuechain.regional.two_region_model` does:
    :math:`A^{rr(s)} = A^{n(s)} \circ \min(LQ^{r}(\delta^{(s)}), 1)`,
    :math:`A^{RR(s)} = A^{n(s)} \circ \min(LQ^{R}(\delta^{(s)}), 1)`, and the trade blocks
    :math:`A^{Rr(s)} = A^{n(s)} - A^{rr(s)}`, :math:`A^{rR(s)} = A^{n(s)} - A^{RR(s)}`
    (the same industries in each region as the point model).

    Parameters
    ----------
    table : IOTable
        The national table.
    regional, national
        Employment of the region and of the nation by industry (Series), or a
        :class:`~valuechain.regional.RegionalEmployment` as ``regional``.
    method : {"slq", "plq", "cilq", "flq", "aflq", "sflq"}
        The location quotient (default ``"flq"``).
    delta : float or vector, default 0.3
        The point :math:`\delta` (a vector for ``"sflq"``).
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients (default :math:`SLQ_i`).
    region : str, optional
        The region's name (default: from a RegionalEmployment).
    rest : str
        Label of the rest of the country.
    uncertainty : Uncertainty, optional
        Monte Carlo settings; ``delta_range``, ``coef_cv`` and ``measure_cv`` are drawn.
    **kwargs
        Fields of :class:`~valuechain.leontief.Uncertainty` (``draws=``, ``coef_cv=``, ``delta_range=``, ...).

    Returns
    -------
    tuple of (TwoRegionModel, callable, Uncertainty)
        The point model; ``sampler(rng, size)`` giving a ``(size, N, N)`` stack ordered
        like ``model.A``; the settings used.

    Raises
    ------
    ValidationError
        If an input or option is invalid.
    NotProductiveError
        If too many draws are not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 3 (interregional models: intraregional, feedback and spillover effects).
    .. [2] Flegg, A. T. and Webber, C. D. (1997). On the appropriate use of location quotients in generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> model, sampler, u = two_region_sampler(t, r, n, coef_cv=0.1, draws=50)
    >>> sampler(np.random.default_rng(0), 4).shape
    (4, 4, 4)
    """
    u = _uncertainty(uncertainty, kwargs)
    m = str(method).lower()
    entry = _delta_entry(m, u, method)
    if u.measure_cv:
        raise ValidationError("the two-region draws cover δ and the coefficients; drop measure_cv (use regionalize_uncertainty for the size measure)")
    model = two_region_model(table, regional, national, method=m, delta=delta, diagonal=diagonal, region=region, rest=rest)
    reg, nat, _ = _measures(table, regional, national, region)
    oth = np.clip(nat - reg, 0.0, None)
    ind = table.industries
    n = len(ind)
    lab = model.A.index
    in_model_r = np.asarray(lab.get_level_values(0) == model.region)
    ir = pd.Index(ind).get_indexer(lab.get_level_values(1)[in_model_r])
    iR = pd.Index(ind).get_indexer(lab.get_level_values(1)[~in_model_r])
    in_r, in_R = reg > 0, oth > 0
    coef = coefficient_sampler(table.A, u)
    lo_hi = u.delta_range
    cache: dict = {}

    def cap(Q) -> np.ndarray:
        Qa = Q.to_numpy(dtype=float) if isinstance(Q, (pd.Series, pd.DataFrame)) else np.asarray(Q, dtype=float)
        if Qa.ndim == 1:
            Qa = np.repeat(Qa[:, None], n, axis=1)
        return np.nan_to_num(np.minimum(Qa, 1.0), nan=0.0, posinf=1.0)

    def raw(measure, d):
        Q = location_quotients(pd.Series(measure, index=ind), pd.Series(nat, index=ind), method=m, delta=d,
                               A=table.A, diagonal=diagonal)
        Qa = Q.to_numpy(dtype=float) if isinstance(Q, (pd.Series, pd.DataFrame)) else np.asarray(Q, dtype=float)
        return np.repeat(Qa[:, None], n, axis=1) if Qa.ndim == 1 else Qa

    # FLQ and AFLQ are linear in Flegg's lambda*(δ) (Flegg & Webber 1997: FLQ = CILQ λ*):
    # the uncapped quotients at one δ are rescaled for every other δ; the rest is fixed
    d0 = model.delta if lo_hi is None else lo_hi[0]
    base = (raw(reg, d0), raw(oth, d0))
    scaled = entry.lambda_linear

    def quotients(d):
        key = float(d) if entry.needs_delta else "fixed"
        if key not in cache:
            Qr, QR = base
            if entry.needs_delta and not scaled:  # δ-dependent, not linear in λ*: recomputed at d
                Qr, QR = raw(reg, d), raw(oth, d)
            if scaled:
                Qr = Qr * (lambda_star(reg.sum(), nat.sum(), d) / lambda_star(reg.sum(), nat.sum(), d0))
                QR = QR * (lambda_star(oth.sum(), nat.sum(), d) / lambda_star(oth.sum(), nat.sum(), d0))
            Qr, QR = cap(Qr), cap(QR)
            Qr[~in_R, :] = 1.0
            QR[~in_r, :] = 1.0
            Qr[~in_r, :] = 0.0
            QR[~in_R, :] = 0.0
            if len(cache) > 64:
                cache.clear()
            cache[key] = (Qr, QR)
        return cache[key]

    def sampler(rng: np.random.Generator, size: int) -> np.ndarray:
        if lo_hi is None or lo_hi[0] == lo_hi[1]:
            deltas = [model.delta if lo_hi is None else lo_hi[0]] * size
        elif u.delta_dist == "uniform":
            deltas = list(rng.uniform(lo_hi[0], lo_hi[1], size))
        else:
            deltas = list(rng.triangular(lo_hi[0], (lo_hi[0] + lo_hi[1]) / 2, lo_hi[1], size))
        An = coef(rng, size)
        out = np.empty((size, len(ir) + len(iR), len(ir) + len(iR)))
        nr = len(ir)
        for s in range(size):
            Qr, QR = quotients(deltas[s])
            Arr = An[s] * Qr
            ARR = An[s] * QR
            out[s, :nr, :nr] = Arr[np.ix_(ir, ir)]
            out[s, :nr, nr:] = (An[s] - ARR)[np.ix_(ir, iR)]
            out[s, nr:, :nr] = (An[s] - Arr)[np.ix_(iR, ir)]
            out[s, nr:, nr:] = ARR[np.ix_(iR, iR)]
        return out

    return model, sampler, u


def two_region_impact_uncertainty(
    table: IOTable,
    regional: pd.Series | RegionalEmployment,
    shock: pd.Series | pd.DataFrame | Mapping[str, float],
    national: pd.Series | None=None,
    *,
    employment: pd.Series | None=None,
    flags: Sequence[str]=(),
    method: str = "flq",
    delta: float | ArrayLike | pd.Series | Mapping[str, float]=0.3,
    diagonal: str = "slq",
    region: str | None = None,
    rest: str = "rest of country",
    uncertainty: Uncertainty | None = None,
    **kwargs: Any,
) -> UncertainResult:
    r"""Two-region impact (:func:`~valuechain.regional.two_region_impact`) with Monte Carlo quantiles.

    Each draw (:func:`two_region_sampler`: δ and national coefficients) gives an
    interregional matrix :math:`A^{(s)}`; one stacked solve gives
    :math:`x^{(s)} = (I - A^{(s)})^{-1}(\Delta f^r, 0)'` for every year of the shock, and a
    second the intraregional output :math:`(I - A^{rr(s)})^{-1}\Delta f^r`. Every
    ``_indirect`` and ``_total`` cell of the point table (region and rest of the
    country, industry and total rows, year blocks) gets ``_p05``, ``_p50``, ``_p95``;
    ``regional_effects`` (intraregional, feedback, spillover, total and the two shares,
    per year and in total) gets the same quantiles, each computed from the draw's own
    split (so the bands of the parts need not add up to the band of the total).
    Direct coefficients per unit of output are fixed at their national values.

    Parameters
    ----------
    table : IOTable
        The national table.
    regional : Series or RegionalEmployment
        Employment of the region by industry.
    shock : Series, mapping or DataFrame
        Final-demand change for the region's industries (table unit).
    national : Series, optional
        National employment by industry.
    employment : Series, optional
        National employment, for jobs when the table has no employment row.
    flags : sequence of str
        Provenance flags of the regional data.
    method : {"slq", "plq", "cilq", "flq", "aflq", "sflq"}
        The location quotient (default ``"flq"``).
    delta : float or vector, default 0.3
        The point :math:`\delta` (a vector for ``"sflq"``).
    diagonal : {"slq", "formula"}
        Diagonal of the cross-industry quotients (default :math:`SLQ_i`).
    region : str, optional
        The region's name (default: from a RegionalEmployment).
    rest : str
        Label of the rest of the country.
    uncertainty : Uncertainty, optional
        Monte Carlo settings; ``delta_range``, ``coef_cv`` and ``measure_cv`` are drawn.
    **kwargs
        Fields of :class:`~valuechain.leontief.Uncertainty` (``draws=``, ``coef_cv=``, ``delta_range=``, ...).

    Returns
    -------
    UncertainResult
        The two-region impact table with ``_p05``, ``_p50``, ``_p95`` after every
        ``_indirect`` and ``_total`` column; ``regional_effects`` with quantiles.

    Raises
    ------
    ValidationError
        If an input or option is invalid.
    NotProductiveError
        If too many draws are not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 3 (interregional models: intraregional, feedback and spillover effects).

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> res = two_region_impact_uncertainty(t, r, {"agri": 100.0}, n, draws=50, coef_cv=0.1)
    >>> list(res.table.columns[:5])
    ['region', 'industry', 'output_direct', 'output_indirect', 'output_indirect_p05']
    """
    model, sampler, u = two_region_sampler(table, regional, national, method=method, delta=delta, diagonal=diagonal,
                                           region=region, rest=rest, uncertainty=uncertainty, **kwargs)
    res = two_region_impact(model, shock, employment=employment, flags=flags)
    point = res.table
    lab = model.A.index
    N = len(lab)
    in_r = np.asarray(lab.get_level_values(0) == model.region)
    nr = int(in_r.sum())
    names = list(res.indicators)
    coef = two_region_coefficients(model, employment)
    D = np.column_stack([np.ones(N)] + [coef[k].fillna(0.0).to_numpy(dtype=float) for k in names[1:]])
    ind_r = list(lab.get_level_values(1)[in_r])
    sf = res.shock
    years = [None] if sf["year"].isna().all() else sorted(sf["year"].dropna().unique())
    V = np.column_stack([
        (sf if y is None else sf[sf["year"] == y]).groupby("industry", sort=False)["final_demand"].sum()
        .reindex(ind_r).fillna(0.0).to_numpy(dtype=float) for y in years])  # (nr, Y)
    Y = V.shape[1]
    F = np.zeros((N, Y))
    F[:nr] = V

    def stat(Ad):
        _, X = stacked_solves(Ad, B=F)  # (c, N, Y)
        _, Xs = stacked_solves(np.ascontiguousarray(Ad[:, :nr, :nr]), B=V)  # (c, nr, Y)
        return np.concatenate([X.reshape(len(Ad), -1), Xs.reshape(len(Ad), -1)], axis=1)

    S, rej = monte_carlo(sampler, stat, N, u, point=model.A.to_numpy())
    X = S[:, : N * Y].reshape(u.draws, N, Y)
    Xs = S[:, N * Y:].reshape(u.draws, nr, Y)
    multi = "year" in point.columns
    blocks = [(X[:, :, y], Xs[:, :, y], F[:, y]) for y in range(Y)]
    if multi:
        blocks.append((X.sum(axis=2), Xs.sum(axis=2), F.sum(axis=1)))
    cols = [f"{nm}_{p}" for nm in names for p in ("indirect", "total")]
    samples = np.empty((u.draws, len(point), len(cols)))
    ecols = ["intraregional", "feedback", "spillover", "total", "feedback_share_pct", "spillover_share_pct"]
    esamples = np.empty((u.draws, len(blocks), len(ecols)))
    r0 = 0
    for b, (x, xs, f) in enumerate(blocks):
        for mask in (in_r, ~in_r):
            k_rows = int(mask.sum())
            for k, nm in enumerate(names):
                dk = D[mask, k][None, :]
                tot = x[:, mask] * dk
                indr = (x[:, mask] - f[mask][None, :]) * dk
                for p, v in (("indirect", indr), ("total", tot)):
                    j = cols.index(f"{nm}_{p}")
                    samples[:, r0:r0 + k_rows, j] = v
                    samples[:, r0 + k_rows, j] = v.sum(axis=1)
            r0 += k_rows + 1
        intra, own, spill = xs.sum(axis=1), x[:, in_r].sum(axis=1), x[:, ~in_r].sum(axis=1)
        total = own + spill
        with np.errstate(divide="ignore", invalid="ignore"):
            esamples[:, b] = np.column_stack([intra, own - intra, spill, total,
                                              np.where(own != 0, 100.0 * (own - intra) / np.where(own != 0, own, 1.0), np.nan),
                                              np.where(total != 0, 100.0 * spill / np.where(total != 0, total, 1.0), np.nan)])
    if r0 != len(point):  # pragma: no cover - layout guard
        raise ValidationError("the two-region impact table does not have the expected layout")
    df = add_bands(point, samples, cols, u)
    if res.flags:
        df["note"] = "; ".join(res.flags)
    eff = add_bands(res.regional_effects, esamples, ecols, u)
    return UncertainResult(df, "two-region impact", tuple(cols), u, rej, tuple(res.flags), res.name,
                           notes=tuple(res.notes), samples={"impact": samples, "effects": esamples},
                           regional_effects=eff)
