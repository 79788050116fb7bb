"""Is :math:`I - A` invertible with a non-negative inverse? The spectral radius and the productivity check.

Split from :mod:`valuechain.iomath` (which re-exports both names and calls
:func:`check_productive` before every inverse and factorisation): the test that a
coefficient matrix is productive is its own job, with its own bound (Hawkins-Simon column
sums, then the Collatz-Wielandt power test, then the Perron root), and forms no inverse.

References
----------
.. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
   Extensions*, 2nd ed. Cambridge University Press, sec. 2.3.4.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .errors import NotProductiveError

if TYPE_CHECKING:  # annotations only
    import pandas as pd
    from numpy.typing import ArrayLike

__all__ = ["spectral_radius", "check_productive"]


def _arr(M) -> np.ndarray:
    return M.to_numpy(dtype=float) if hasattr(M, "to_numpy") else np.asarray(M, dtype=float)


def spectral_radius(A: ArrayLike | pd.DataFrame) -> float:
    r"""Largest absolute eigenvalue of ``A`` (the Perron root for a non-negative matrix).

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        A square matrix, typically technical coefficients.

    Returns
    -------
    float
        :math:`\rho(A) = \max_k |\lambda_k|`; 0.0 for an empty matrix. Above 2,000 rows it
        is found by ARPACK (``scipy.sparse.linalg.eigs``).

    Examples
    --------
    >>> round(spectral_radius([[0.2, 0.3], [0.1, 0.4]]), 4)
    0.5
    """
    Aa = _arr(A)
    if Aa.size == 0:
        return 0.0
    if Aa.shape[0] <= 2000:
        return float(np.max(np.abs(np.linalg.eigvals(Aa))))
    from scipy.sparse.linalg import eigs

    try:
        vals = eigs(Aa, k=1, which="LM", return_eigenvectors=False, maxiter=5000, tol=1e-10)
        return float(np.abs(vals[0]))
    except Exception:  # pragma: no cover - ARPACK did not converge
        return float(np.max(np.abs(np.linalg.eigvals(Aa))))


def check_productive(A: ArrayLike | pd.DataFrame, *, name: str = "A") -> None:
    r"""Raise unless ``A`` is productive: every column sum below one, or :math:`\rho(A) < 1`.

    A non-negative ``A`` whose column sums are all below one is productive
    (Hawkins-Simon conditions); so is one whose powers' column sums :math:`1'A^k` all fall
    below one for some small :math:`k` (checked up to :math:`k = 32`, one vector product
    each; see Notes); otherwise the spectral radius is computed.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        Technical (or allocation) coefficients.
    name : str, default "A"
        The matrix's name in the error message.

    Raises
    ------
    NotProductiveError
        If :math:`\rho(A) \ge 1`, so that :math:`I - A` has no non-negative inverse.

    Notes
    -----
    .. math:: \rho(A) < 1 \iff (I - A)^{-1} = \sum_{k \ge 0} A^k \ge 0

    The power test is the Collatz-Wielandt bound: for :math:`A \ge 0` and any :math:`p > 0`,
    :math:`\rho(A) \le \max_j (p'A)_j / p_j`. With :math:`p' = 1'(I + A + \dots + A^{k-1}) \ge 1'`,
    :math:`p'A = p' - 1' + 1'A^k`, so :math:`1'A^k < 1'` gives :math:`p'A < p'` and
    :math:`\rho(A) < 1` (a table whose few industries buy more inputs than they produce, e.g.
    negative value added, passes without an eigenvalue computation).

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, sec. 2.3.4 (the Hawkins-Simon conditions).
    .. [2] Horn, R. A. and Johnson, C. R. (2013). *Matrix Analysis*, 2nd ed. Cambridge
           University Press, Theorem 8.1.26 (bounds of the spectral radius of a non-negative matrix).

    Examples
    --------
    >>> check_productive([[0.2, 0.3], [0.1, 0.4]])   # passes silently
    >>> check_productive([[0.5, 0.9], [0.9, 0.5]])
    Traceback (most recent call last):
    ...
    valuechain.errors.NotProductiveError: A is not productive: its spectral radius is 1.4 >= 1, so (I - A) has no non-negative inverse; check units and that intermediate inputs do not exceed output
    """
    Aa = _arr(A)
    if Aa.size == 0:
        return
    # one pass for the sign (no n x n temporary); the column sums of A, A^2, ... by BLAS (multi-threaded)
    if Aa.min() >= 0:
        w = np.ones(Aa.shape[0]) @ Aa
        for _ in range(32):
            if (w < 1).all():
                return  # rho(A) < 1 (Collatz-Wielandt, see Notes)
            w = w @ Aa
    rho = spectral_radius(Aa)
    if not rho < 1:
        raise NotProductiveError(
            f"{name} is not productive: its spectral radius is {rho:.4g} >= 1, so (I - {name}) has no "
            "non-negative inverse; check units and that intermediate inputs do not exceed output"
        )
