r"""Monte Carlo bands for price effects and structural-decomposition effects.

The machinery of :mod:`valuechain.leontief.uncertainty` (coefficient draws, rejection of
non-productive draws, batched solves, quantile columns): each function draws the
technical coefficients ``draws`` times, recomputes the statistic on every productive
draw and returns an :class:`~valuechain.leontief.uncertainty.UncertainResult` whose table
keeps the point estimate and adds ``<column>_p05``, ``_p50`` and ``_p95``.

- :func:`prices_uncertainty`: :math:`\Delta p'^{(s)} = \Delta v' (I - A^{(s)})^{-1}` with the
  cost shock :math:`\Delta v` at its point value (one left solve per draw).
- :func:`sda_uncertainty`: the earlier and later tables' coefficients are drawn
  independently (one block-diagonal draw of size :math:`2n`, productive when both blocks
  are); final-use structures and intensities at their point values.

References
----------
Lenzen, M. (2000). *Journal of Industrial Ecology* 4(4), 127-148; Rocchi, P., Lenzen, M.
and Yanagida, J. (2017), Monte Carlo error propagation in input-output analysis.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..tables.iotable import IOTable
from .prices import price_effects, price_samples
from .sda import structural_decomposition, sda_samples
from .uncertainty import Uncertainty, UncertainResult, add_bands, coefficient_sampler, monte_carlo, resolve_uncertainty

__all__ = ["prices_uncertainty", "sda_uncertainty"]


def prices_uncertainty(table: IOTable, shock: pd.DataFrame | pd.Series | dict[str, float],
                       uncertainty: Uncertainty | None = None, *, component: str = "primary",
                       **kwargs: Any) -> UncertainResult:
    r"""Price effects (:func:`~valuechain.leontief.price_effects`) with Monte Carlo quantiles of ``price_change``.

    Exogenous prices are not drawn (use the point function). Keyword arguments set
    :class:`Uncertainty` fields (``draws=``, ``seed=``, ``coef_cv=``).

    Parameters
    ----------
    table : IOTable
        The input-output table.
    shock : DataFrame, Series or dict
        The relative cost changes by industry, as in
        :func:`~valuechain.leontief.price_effects` (0.10 = +10 %).
    uncertainty : Uncertainty, optional
        Monte Carlo settings (default: :class:`Uncertainty` with keyword overrides).
    component : str, default "primary"
        The cost component shocked, as in :func:`~valuechain.leontief.price_effects`.
    **kwargs
        Fields of :class:`Uncertainty` (``draws=``, ``seed=``, ``coef_cv=``, ...).

    Returns
    -------
    UncertainResult
        ``.table``: the point table of :func:`~valuechain.leontief.price_effects` with
        ``price_change_p05``, ``_p50`` and ``_p95`` after ``price_change``.

    Raises
    ------
    ValidationError
        If the shock or an option is invalid.
    NotProductiveError
        If more than ``max_reject`` of the candidate draws are not productive.

    Notes
    -----
    .. math:: \Delta p'^{(s)} = \Delta v' (I - A^{(s)})^{-1}

    References
    ----------
    .. [1] Lenzen, M. (2000). Errors in conventional and input-output-based life-cycle
           inventories. *Journal of Industrial Ecology* 4(4), 127-148.
    .. [2] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, sec. 2.6.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    >>> r = prices_uncertainty(t, {"1": 0.10}, draws=100, coef_cv=0.1, seed=1)
    >>> list(r.table.columns[:5])
    ['industry', 'price_change', 'price_change_p05', 'price_change_p50', 'price_change_p95']
    """
    u = resolve_uncertainty(uncertainty, kwargs)
    point = price_effects(table, shock, component=component)
    A0 = table.A.to_numpy()
    S, rej = monte_carlo(coefficient_sampler(A0, u), lambda Ad: price_samples(table, shock, Ad, component=component),
                         table.n, u, point=A0)
    t = add_bands(point.table, S[:, :, None], ["price_change"], u)
    return UncertainResult(table=t, what="price effects", banded=("price_change",), uncertainty=u, rejected=rej,
                           flags=point.flags)


def sda_uncertainty(t0: IOTable, t1: IOTable, uncertainty: Uncertainty | None = None, *, extension: str | None = None,
                    deflator: pd.Series | None = None, **kwargs: Any) -> UncertainResult:
    r"""Structural decomposition (:func:`~valuechain.leontief.structural_decomposition`) with Monte Carlo quantiles of each effect.

    The two tables' coefficients are drawn independently (one block-diagonal draw of size
    :math:`2n`, productive when both blocks are); final-use structures and intensities
    stay at their point values.

    Parameters
    ----------
    t0, t1 : IOTable
        The earlier and the later table, with the same industries.
    uncertainty : Uncertainty, optional
        Monte Carlo settings (default: :class:`Uncertainty` with keyword overrides).
    extension : str, optional
        As in :func:`~valuechain.leontief.structural_decomposition`.
    deflator : Series by industry, optional
        As in :func:`~valuechain.leontief.structural_decomposition`.
    **kwargs
        Fields of :class:`Uncertainty` (``draws=``, ``seed=``, ``coef_cv=``, ...).

    Returns
    -------
    UncertainResult
        ``.table``: the point table of
        :func:`~valuechain.leontief.structural_decomposition` with ``<effect>_p05``,
        ``_p50`` and ``_p95`` after each effect.

    Raises
    ------
    ValidationError
        If the tables do not match or an option is invalid.
    NotProductiveError
        If more than ``max_reject`` of the candidate draws are not productive.

    Notes
    -----
    .. math::

        \Delta_i^{(s)} = \sum_{S \subseteq K \setminus \{i\}} \frac{|S|!\,(k - |S| - 1)!}{k!}
            \bigl[f^{(s)}(S \cup \{i\}) - f^{(s)}(S)\bigr]

    References
    ----------
    .. [1] Dietzenbacher, E. and Los, B. (1998). Structural decomposition techniques: sense
           and sensitivity. *Economic Systems Research* 10(4), 307-324.
    .. [2] Lenzen, M. (2000). Errors in conventional and input-output-based life-cycle
           inventories. *Journal of Industrial Ecology* 4(4), 127-148.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t0 = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["a", "b"])
    >>> t1 = IOTable.from_frames([[165, 550], [220, 110]], [[385], [1870]], [[715, 1540]], industries=["a", "b"])
    >>> r = sda_uncertainty(t0, t1, draws=50, coef_cv=0.1, seed=1)
    >>> list(r.table.columns[2:6])
    ['technology', 'technology_p05', 'technology_p50', 'technology_p95']
    """
    u = resolve_uncertainty(uncertainty, kwargs)
    point = structural_decomposition(t0, t1, extension=extension, deflator=deflator)
    n = t0.n
    s0, s1 = coefficient_sampler(t0.A, u), coefficient_sampler(t1.A, u)

    def sampler(rng, size):
        out = np.zeros((size, 2 * n, 2 * n))
        out[:, :n, :n] = s0(rng, size)
        out[:, n:, n:] = s1(rng, size)
        return out

    def stat(Ad):
        avg = sda_samples(t0, t1, Ad[:, :n, :n], Ad[:, n:, n:], extension=extension, deflator=deflator)  # (c, k, n)
        tot = avg.sum(axis=2, keepdims=True)
        return np.concatenate([avg, tot], axis=2).transpose(0, 2, 1).reshape(len(Ad), -1)

    blk = np.zeros((2 * n, 2 * n))
    blk[:n, :n], blk[n:, n:] = t0.A.to_numpy(), t1.A.to_numpy()
    S, rej = monte_carlo(sampler, stat, 2 * n, u, point=blk)
    k = len(point.effects)
    samples = S.reshape(len(S), n + 1, k)
    t = add_bands(point.table, samples, list(point.effects), u)
    return UncertainResult(table=t, what="structural decomposition", banded=tuple(point.effects), uncertainty=u, rejected=rej,
                           flags=point.flags)
