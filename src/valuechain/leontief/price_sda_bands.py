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

import numpy as np

from ..tables.iotable import IOTable
from .prices import price_effects, price_samples
from .sda import structural_decomposition, sda_samples
from .uncertainty import Uncertainty, UncertainResult, add_bands, coefficient_sampler, monte_carlo, resolve_uncertainty

__all__ = ["prices_uncertainty", "sda_uncertainty"]


def prices_uncertainty(table: IOTable, shock, uncertainty: Uncertainty | None = None, *, component: str = "primary",
                       **kwargs) -> UncertainResult:
    """Price effects (:func:`~valuechain.leontief.price_effects`) with Monte Carlo quantiles of ``price_change``.

    Exogenous prices are not drawn (use the point function). Keyword arguments set
    :class:`Uncertainty` fields (``draws=``, ``seed=``, ``coef_cv=``).
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
                    deflator=None, **kwargs) -> UncertainResult:
    """Structural decomposition (:func:`~valuechain.leontief.structural_decomposition`) with Monte Carlo quantiles of each effect."""
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
