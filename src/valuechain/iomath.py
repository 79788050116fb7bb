"""The input-output identities, as pure functions (the bottom layer above ``errors``).

Technical and allocation coefficients, Leontief and Ghosh inverses and solves, the LU
factors of :math:`I - A` (:func:`leontief_factor`), stacks of inverses
(:func:`leontief_inverses`), output multipliers, and the productivity check (defined in
:mod:`valuechain.productivity`, re-exported here). Every table
container and method family uses these; none is written twice: no other module forms an
inverse or a factorisation of :math:`I - A` (``tests/test_architecture.py`` checks it).

Labels in, labels out: a DataFrame/Series argument gives a labelled result, an array
gives an array. Notation and equation numbers from Miller & Blair (2009).

References
----------
.. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
   Extensions*, 2nd ed. Cambridge University Press.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import NotProductiveError, ValidationError
from .productivity import check_productive, spectral_radius  # noqa: F401  (re-exported: iomath's public names)

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike

__all__ = [
    "technical_coefficients",
    "allocation_coefficients",
    "leontief_inverse",
    "leontief_solve",
    "ghosh_inverse",
    "ghosh_inverse_from_leontief",
    "spectral_radius",
    "check_productive",
    "LeontiefFactor",
    "leontief_factor",
    "matrix_factor",
    "leontief_inverses",
    "output_multipliers",
    "price_solve",
    "solve_right",
]


def _arr(M) -> np.ndarray:
    return M.to_numpy(dtype=float) if isinstance(M, (pd.DataFrame, pd.Series)) else np.asarray(M, dtype=float)


def _like(template, values: np.ndarray):
    if isinstance(template, pd.DataFrame):
        return pd.DataFrame(values, index=template.index, columns=template.columns)
    if isinstance(template, pd.Series):
        return pd.Series(values, index=template.index, name=template.name)
    return values


def _safe_inv_x(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.where(x != 0, 1.0 / np.where(x != 0, x, 1.0), 0.0)


def technical_coefficients(Z: ArrayLike | pd.DataFrame, x: ArrayLike | pd.Series) -> np.ndarray | pd.DataFrame:
    r"""Technical (input) coefficients :math:`A = Z \hat{x}^{-1}`.

    Parameters
    ----------
    Z : array_like or DataFrame, shape (n, n)
        Intermediate transactions (rows sell, columns buy), in money units.
    x : array_like or Series, shape (n,)
        Total output of each industry, in the same units as ``Z``.

    Returns
    -------
    ndarray or DataFrame, shape (n, n)
        :math:`a_{ij}`, the input from ``i`` per unit of output of ``j`` (unitless); a
        DataFrame (labels of ``Z``) when ``Z`` is one. Columns of zero-output industries
        are zero.

    Notes
    -----
    .. math:: a_{ij} = z_{ij} / x_j

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, eq. (2.4).

    Examples
    --------
    Miller & Blair (2009), Table 2.3:

    >>> technical_coefficients([[150, 500], [200, 100]], [1000, 2000])
    array([[0.15, 0.25],
           [0.2 , 0.05]])
    """
    Za, xa = _arr(Z), _arr(x).ravel()
    return _like(Z, Za * _safe_inv_x(xa)[None, :])


def allocation_coefficients(Z: ArrayLike | pd.DataFrame, x: ArrayLike | pd.Series) -> np.ndarray | pd.DataFrame:
    r"""Ghosh allocation (output) coefficients :math:`B = \hat{x}^{-1} Z`.

    Parameters
    ----------
    Z : array_like or DataFrame, shape (n, n)
        Intermediate transactions (rows sell, columns buy), in money units.
    x : array_like or Series, shape (n,)
        Total output of each industry, in the same units as ``Z``.

    Returns
    -------
    ndarray or DataFrame, shape (n, n)
        :math:`b_{ij}`, the share of ``i``'s output sold to ``j`` (unitless); rows are
        selling sectors (pymrio stores the transpose). Rows of zero-output industries are
        zero.

    Notes
    -----
    .. math:: b_{ij} = z_{ij} / x_i

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, eq. (12.3).

    Examples
    --------
    >>> allocation_coefficients([[150, 500], [200, 100]], [1000, 2000])
    array([[0.15, 0.5 ],
           [0.1 , 0.05]])
    """
    Za, xa = _arr(Z), _arr(x).ravel()
    return _like(Z, Za * _safe_inv_x(xa)[:, None])


def leontief_inverse(A: ArrayLike | pd.DataFrame, *, check: bool = True) -> np.ndarray | pd.DataFrame:
    r"""Leontief inverse :math:`L = (I - A)^{-1}`.

    Formed by LU factorisation (LAPACK ``gesv`` with the identity as right-hand side, in
    place on one working copy of :math:`I - A`), because the whole matrix is the output;
    functions that need only a product :math:`L b` use :func:`leontief_solve`.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        Technical coefficients.
    check : bool, default True
        Check productivity first (:func:`check_productive`).

    Returns
    -------
    ndarray or DataFrame, shape (n, n)
        :math:`l_{ij}`, the output of ``i`` needed per unit of final demand for ``j``
        (unitless); labelled like ``A`` when ``A`` is a DataFrame.

    Raises
    ------
    ValidationError
        If ``A`` is not square.
    NotProductiveError
        If ``A`` is not productive (spectral radius >= 1) or ``I - A`` is singular.

    Notes
    -----
    .. math:: L = (I - A)^{-1} = I + A + A^2 + \cdots

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, eq. (2.10).

    Examples
    --------
    Miller & Blair (2009), sec. 2.3, the inverse of their two-sector example (1.254, 0.330; 0.264, 1.122):

    >>> A = technical_coefficients([[150, 500], [200, 100]], [1000, 2000])
    >>> np.round(leontief_inverse(A), 4)
    array([[1.2541, 0.33  ],
           [0.264 , 1.1221]])
    """
    Aa = _arr(A)
    if Aa.ndim != 2 or Aa.shape[0] != Aa.shape[1]:
        raise ValidationError(f"A is {'x'.join(map(str, Aa.shape))}; the coefficient matrix must be square")
    if check:
        check_productive(Aa)
    n = Aa.shape[0]
    M = -Aa
    M[np.diag_indices(n)] += 1.0
    # LAPACK gesv on the identity, in place: the transpose of the C-ordered M is a
    # Fortran-ordered view, so (I - A)' X = I is solved without copying M and X' = L.
    # Peak memory: M (overwritten by its LU factors) and the right-hand side (becomes L).
    from scipy.linalg import lapack  # imported on use: scipy.linalg is slow to import

    rhs = np.eye(n, order="F")
    _, _, X, info = lapack.dgesv(M.T, rhs, overwrite_a=1, overwrite_b=1)
    del M
    if info != 0:
        raise NotProductiveError("I - A is singular; the table has no Leontief inverse (check for self-contained blocks)")
    L = X.T
    # a non-finite entry makes its column sum non-finite: one BLAS pass, no n x n temporary
    if not np.isfinite(np.ones(n) @ L).all():
        raise NotProductiveError("I - A is numerically singular (the inverse is not finite); check for self-contained blocks")
    return _like(A, L)


def leontief_solve(A: ArrayLike | pd.DataFrame, b: ArrayLike | pd.Series | pd.DataFrame, *, check: bool = True) -> np.ndarray | pd.Series | pd.DataFrame:
    """Solve :math:`(I - A) x = b` by LU factorisation without forming :math:`L`.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        Technical coefficients.
    b : array_like, Series or DataFrame, shape (n,) or (n, k)
        Right-hand side(s), e.g. final demand (giving output :math:`x = L y`).
    check : bool, default True
        Check productivity first (:func:`check_productive`).

    Returns
    -------
    ndarray, Series or DataFrame, shape of ``b``
        :math:`L b`, labelled like ``b`` (or like the rows of ``A`` for a vector ``b``).

    Raises
    ------
    ValidationError
        If ``A`` is not square or ``b`` has a different number of rows.
    NotProductiveError
        If ``A`` is not productive or :math:`I - A` is singular.

    Notes
    -----
    .. math:: x = (I - A)^{-1} y

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, sec. 2.3.

    Examples
    --------
    Miller & Blair (2009), Table 2.3: final demand (350, 1700) gives output (1000, 2000).

    >>> A = technical_coefficients([[150, 500], [200, 100]], [1000, 2000])
    >>> np.round(leontief_solve(A, [350, 1700]), 6)
    array([1000., 2000.])
    """
    Aa = _arr(A)
    ba = _arr(b)
    if Aa.ndim != 2 or Aa.shape[0] != Aa.shape[1]:
        raise ValidationError(f"A is {'x'.join(map(str, Aa.shape))}; the coefficient matrix must be square")
    if ba.shape[0] != Aa.shape[0]:
        raise ValidationError(f"b has {ba.shape[0]} rows but A has {Aa.shape[0]}; give one value per industry")
    if check:
        check_productive(Aa)
    import scipy.linalg as sla  # imported on use: scipy.linalg is slow to import

    M = -Aa
    M[np.diag_indices(Aa.shape[0])] += 1.0
    try:
        lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)
    except (np.linalg.LinAlgError, sla.LinAlgError, ValueError):
        raise NotProductiveError("I - A is singular; the table has no Leontief inverse (check for self-contained blocks)") from None
    out = sla.lu_solve(lu, ba, check_finite=False)
    if isinstance(b, (pd.Series, pd.DataFrame)):
        return _like(b, out)
    if isinstance(A, pd.DataFrame) and out.ndim == 1:
        return pd.Series(out, index=A.index)
    return out


def ghosh_inverse(B: ArrayLike | pd.DataFrame, *, check: bool = True) -> np.ndarray | pd.DataFrame:
    """Ghosh inverse :math:`G = (I - B)^{-1}` in Miller & Blair orientation.

    Parameters
    ----------
    B : array_like or DataFrame, shape (n, n)
        Allocation coefficients (:func:`allocation_coefficients`), rows = selling sectors.
    check : bool, default True
        Check productivity of ``B`` first.

    Returns
    -------
    ndarray or DataFrame, shape (n, n)
        :math:`g_{ij}`, the output of ``j`` supported per unit of primary input in ``i``.

    Raises
    ------
    NotProductiveError
        If ``B`` is not productive or :math:`I - B` is singular.

    Notes
    -----
    .. math:: G = (I - B)^{-1}

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, eq. (12.6).

    Examples
    --------
    >>> B = allocation_coefficients([[150, 500], [200, 100]], [1000, 2000])
    >>> np.round(ghosh_inverse(B), 4)
    array([[1.2541, 0.6601],
           [0.132 , 1.1221]])
    """
    return leontief_inverse(B, check=check)


def ghosh_inverse_from_leontief(L: ArrayLike | pd.DataFrame, x: ArrayLike | pd.Series) -> np.ndarray | pd.DataFrame:
    r"""Ghosh inverse from the Leontief inverse, :math:`G = \hat{x}^{-1} L \hat{x}`.

    Saves a second inversion. Rows and columns of zero-output industries are those of the
    identity.

    Parameters
    ----------
    L : array_like or DataFrame, shape (n, n)
        Leontief inverse.
    x : array_like or Series, shape (n,)
        Total output.

    Returns
    -------
    ndarray or DataFrame, shape (n, n)
        The Ghosh inverse, labelled like ``L``.

    Notes
    -----
    Since :math:`B = \hat{x}^{-1} A \hat{x}`,

    .. math:: G = (I - B)^{-1} = \hat{x}^{-1} L \hat{x}

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, eq. (12.19) and sec. 12.1.2.

    Examples
    --------
    >>> A = technical_coefficients([[150, 500], [200, 100]], [1000, 2000])
    >>> np.round(ghosh_inverse_from_leontief(leontief_inverse(A), [1000, 2000]), 4)
    array([[1.2541, 0.6601],
           [0.132 , 1.1221]])
    """
    La, xa = _arr(L), _arr(x).ravel()
    inv = _safe_inv_x(xa)
    G = La * inv[:, None]
    G *= xa[None, :]
    zero = xa == 0
    if zero.any():
        G[zero, :] = 0.0
        G[:, zero] = 0.0
        G[zero, zero] = 1.0
    return _like(L, G)


class LeontiefFactor:
    r"""The LU factors of :math:`I - A`, formed once by :func:`leontief_factor`.

    ``solve(b)`` is :math:`(I - A)^{-1} b = L b`; ``solve(b, transpose=True)`` is
    :math:`(I - A)^{-\top} b`, i.e. :math:`b' L` as a column (column sums of ``L`` by
    row blocks when ``b`` holds indicator columns); ``inverse()`` forms ``L`` itself.

    Parameters
    ----------
    lu : tuple
        The output of ``scipy.linalg.lu_factor`` on :math:`I - A`.
    n : int
        The order of the matrix.

    Examples
    --------
    >>> f = leontief_factor(np.array([[0.2, 0.3], [0.1, 0.4]]))
    >>> f.n
    2
    >>> np.round(f.solve(np.array([0.45, 0.45])), 4)
    array([0.9, 0.9])
    """

    def __init__(self, lu: tuple[np.ndarray, np.ndarray], n: int) -> None:
        self._lu = lu
        self.n = n

    def solve(self, b, *, transpose: bool = False) -> np.ndarray:
        import scipy.linalg as sla  # imported on use: scipy.linalg is slow to import

        return sla.lu_solve(self._lu, _arr(b), trans=1 if transpose else 0, check_finite=False)

    def inverse(self) -> np.ndarray:
        """:math:`L = (I - A)^{-1}` from the stored factors."""
        return self.solve(np.eye(self.n))


def leontief_factor(A: ArrayLike | pd.DataFrame, *, check: bool = True, name: str = "A") -> LeontiefFactor:
    """LU factors of :math:`I - A`, for several solves with one factorisation.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        Technical coefficients.
    check : bool, default True
        Check productivity first (:func:`check_productive`).
    name : str, default "A"
        The matrix's name in error messages.

    Returns
    -------
    LeontiefFactor
        The factors; ``solve(b)``, ``solve(b, transpose=True)`` and ``inverse()``.

    Raises
    ------
    ValidationError
        If ``A`` is not square.
    NotProductiveError
        If ``A`` is not productive (``check``) or :math:`I - A` is singular.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, sec. 2.3.

    Examples
    --------
    By hand: :math:`I - A = [[0.8, -0.3], [-0.1, 0.6]]`, determinant 0.45, so
    :math:`L = [[0.6, 0.3], [0.1, 0.8]] / 0.45` and its column sums are 0.7/0.45 and 1.1/0.45.

    >>> f = leontief_factor(np.array([[0.2, 0.3], [0.1, 0.4]]))
    >>> np.round(f.solve(np.array([1.0, 1.0]), transpose=True), 4)   # output multipliers
    array([1.5556, 2.4444])
    >>> np.round(f.inverse() * 0.45, 4)
    array([[0.6, 0.3],
           [0.1, 0.8]])
    """
    Aa = _arr(A)
    if Aa.ndim != 2 or Aa.shape[0] != Aa.shape[1]:
        raise ValidationError(f"{name} is {'x'.join(map(str, Aa.shape))}; the coefficient matrix must be square")
    if check:
        check_productive(Aa, name=name)
    import scipy.linalg as sla  # imported on use: scipy.linalg is slow to import

    n = Aa.shape[0]
    M = -Aa
    M[np.diag_indices(n)] += 1.0
    try:
        lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)
    except (np.linalg.LinAlgError, sla.LinAlgError, ValueError):
        raise NotProductiveError(f"I - {name} is singular; it has no Leontief inverse (check for self-contained blocks)") from None
    return LeontiefFactor(lu, n)


def matrix_factor(M: ArrayLike | pd.DataFrame, *, name: str = "M") -> LeontiefFactor:
    r"""LU factors of a square matrix ``M`` itself (not of :math:`I - M`), for several solves.

    Used where a decomposition inverts a block of the global Leontief inverse, e.g.
    :math:`B_{SS}^{-1}` in the extraction terms of Borin & Mancini (2019).

    Parameters
    ----------
    M : array_like or DataFrame, shape (n, n)
        The square matrix to factor (labels, if any, are dropped).
    name : str, default "M"
        The matrix's name in error messages.

    Returns
    -------
    LeontiefFactor
        The LU factors of ``M``; ``.solve(b)`` gives :math:`M^{-1} b` for a vector or a
        matrix ``b``.

    Raises
    ------
    ValidationError
        If ``M`` is not square.
    NotProductiveError
        If ``M`` is singular (a pivot not finite or at most :math:`10^{-12}` times the
        largest).

    Notes
    -----
    .. math:: M = P L U, \qquad M^{-1} b = U^{-1} L^{-1} P' b

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
           and value-added trade. World Bank Policy Research Working Paper 8804, Sections 3-4.

    Examples
    --------
    >>> f = matrix_factor(np.array([[2.0, 1.0], [1.0, 3.0]]))
    >>> np.round(f.solve(np.array([3.0, 4.0])), 4)   # by hand: x = (1, 1)
    array([1., 1.])
    """
    Ma = np.array(_arr(M), dtype=float)
    if Ma.ndim != 2 or Ma.shape[0] != Ma.shape[1]:
        raise ValidationError(f"{name} is {'x'.join(map(str, Ma.shape))}; it must be square")
    import scipy.linalg as sla  # imported on use: scipy.linalg is slow to import

    try:
        lu = sla.lu_factor(Ma, overwrite_a=True, check_finite=False)
    except (np.linalg.LinAlgError, sla.LinAlgError, ValueError):
        raise NotProductiveError(f"{name} is singular") from None
    piv = np.abs(np.diag(lu[0]))
    if not np.isfinite(piv).all() or (len(piv) and piv.min() <= 1e-12 * max(piv.max(), 1.0)):
        raise NotProductiveError(f"{name} is singular")
    return LeontiefFactor(lu, Ma.shape[0])


def leontief_inverses(A: ArrayLike) -> np.ndarray:
    """Leontief inverses :math:`(I - A_k)^{-1}` of a stack of coefficient matrices.

    One batched LAPACK solve on the identity (e.g. the domestic blocks of an inter-country
    table).

    Parameters
    ----------
    A : array_like, shape (k, n, n)
        A stack of technical-coefficient matrices.

    Returns
    -------
    ndarray, shape (k, n, n)
        The inverses, in the order of the stack.

    Raises
    ------
    ValidationError
        If ``A`` is not a stack of square matrices.
    NotProductiveError
        If a block :math:`I - A_k` is singular.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, eq. (2.10).

    Examples
    --------
    >>> np.round(leontief_inverses(np.array([[[0.0, 0.5], [0.0, 0.0]]])), 4)
    array([[[1. , 0.5],
            [0. , 1. ]]])
    """
    Aa = _arr(A)
    if Aa.ndim != 3 or Aa.shape[1] != Aa.shape[2]:
        raise ValidationError(f"A is {'x'.join(map(str, Aa.shape))}; give a stack of square matrices (k, n, n)")
    n = Aa.shape[1]
    M = np.eye(n)[None] - Aa
    try:
        return np.linalg.solve(M, np.broadcast_to(np.eye(n), M.shape))
    except np.linalg.LinAlgError:
        raise NotProductiveError("a block I - A_k is singular; it has no Leontief inverse") from None


def output_multipliers(A: ArrayLike | pd.DataFrame, *, check: bool = True) -> np.ndarray | pd.Series:
    r"""Simple (Type I) output multipliers, the column sums of :math:`L = (I - A)^{-1}`.

    .. math:: m_j = \sum_i l_{ij}, \qquad m = (I - A)^{-\top} \mathbf{1}

    Solved from :math:`(I - A)^{\top} m = \mathbf{1}` without forming :math:`L`. ``A`` may be a stack ``(k, n, n)`` (one multiplier vector per
    matrix, one batched solve; ``check`` does not apply). A DataFrame gives a Series
    named ``output_multiplier``.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n) or (k, n, n)
        Technical coefficients, or a stack of them.
    check : bool, default True
        Check productivity first (not for a stack).

    Returns
    -------
    ndarray or Series, shape (n,) or (k, n)
        The multipliers (unitless); a Series named ``output_multiplier`` for a DataFrame.

    Raises
    ------
    NotProductiveError
        If ``A`` is not productive.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed. Cambridge University Press, ch. 6 (output multipliers).

    Examples
    --------
    >>> np.round(output_multipliers(np.array([[0.2, 0.3], [0.1, 0.4]])), 4)   # 0.7/0.45, 1.1/0.45 (see leontief_factor)
    array([1.5556, 2.4444])
    >>> np.round(output_multipliers(np.array([[[0.2, 0.3], [0.1, 0.4]], [[0.0, 0.5], [0.0, 0.0]]])), 4)
    array([[1.5556, 2.4444],
           [1.    , 1.5   ]])
    """
    Aa = _arr(A)
    if Aa.ndim == 3:
        k = Aa.shape[1]
        M = np.negative(Aa)
        idx = np.arange(k)
        M[:, idx, idx] += 1.0
        return np.linalg.solve(np.swapaxes(M, 1, 2), np.ones((len(Aa), k, 1)))[:, :, 0]
    if check:
        check_productive(Aa)
    m = leontief_solve(Aa.T, np.ones(Aa.shape[0]), check=False)
    return pd.Series(m, index=A.columns, name="output_multiplier") if isinstance(A, pd.DataFrame) else m

def price_solve(A: ArrayLike | pd.DataFrame, v: ArrayLike | pd.Series | pd.DataFrame, *,
                check: bool = True) -> np.ndarray | pd.Series | pd.DataFrame:
    r"""Solve the Leontief price model :math:`p' = v'(I - A)^{-1}` without forming :math:`L`.

    One LU factorisation of :math:`(I - A)'` and a solve :math:`(I - A)'p = v`; ``v`` may
    be a vector (one set of primary-input cost coefficients) or a matrix with one column
    per set. With :math:`v_j = 1 - \sum_i a_{ij}` (all primary inputs per unit of
    output) every price is one.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        Technical coefficients.
    v : array_like, Series or DataFrame, shape (n,) or (n, k)
        Primary-input cost per unit of output of each industry (one column per set).
    check : bool, default True
        Check productivity first (:func:`check_productive`).

    Returns
    -------
    ndarray, Series or DataFrame, shape of ``v``
        The index prices :math:`p` (unitless, base 1), labelled like ``v`` when ``v`` is a
        Series or DataFrame.

    Raises
    ------
    ValidationError
        If ``A`` is not square or ``v`` has a different number of rows.
    NotProductiveError
        If ``A`` is not productive or :math:`I - A` is singular.

    Notes
    -----
    .. math:: (I - A)' p = v \iff p' = v' (I - A)^{-1}

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
           Extensions*, 2nd ed. Cambridge University Press, eq. (2.32).

    Examples
    --------
    >>> A = [[0.15, 0.25], [0.2, 0.05]]
    >>> price_solve(A, [0.65, 0.70]).round(12)
    array([1., 1.])
    """
    Aa = _arr(A)
    if Aa.ndim != 2 or Aa.shape[0] != Aa.shape[1]:
        raise ValidationError(f"A is {'x'.join(map(str, Aa.shape))}; the coefficient matrix must be square")
    return leontief_solve(Aa.T, v, check=check) if not isinstance(v, (pd.Series, pd.DataFrame)) else _like(
        v, leontief_solve(Aa.T, _arr(v), check=check))


def solve_right(B: ArrayLike | pd.DataFrame, M: ArrayLike | pd.DataFrame) -> np.ndarray:
    r"""The right division :math:`X = B M^{-1}` (solves :math:`X M = B`) by LU, without an inverse.

    Used by the product-technology and fixed-industry-sales-structure transformations of
    supply and use tables (:math:`U S^{-1}`, Eurostat 2008, ch. 11). ``M`` must be square
    and non-singular.

    Parameters
    ----------
    B : array_like or DataFrame, shape (k, n)
        The matrix to divide (labels are dropped).
    M : array_like or DataFrame, shape (n, n)
        The square, non-singular divisor.

    Returns
    -------
    ndarray, shape (k, n)
        :math:`X = B M^{-1}`, found by solving :math:`M' X' = B'`.

    Raises
    ------
    ValidationError
        If ``M`` is not square, the inner sizes of ``B`` and ``M`` differ, or ``M`` is
        (numerically) singular.

    Notes
    -----
    .. math:: X M = B \iff M' X' = B'

    References
    ----------
    .. [1] Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*.
           Luxembourg: Office for Official Publications of the European Communities, ch. 11.

    Examples
    --------
    >>> solve_right([[2.0, 4.0]], [[2.0, 0.0], [0.0, 4.0]])
    array([[1., 1.]])
    """
    Ma, Ba = _arr(M), _arr(B)
    if Ma.ndim != 2 or Ma.shape[0] != Ma.shape[1]:
        raise ValidationError(f"the matrix to divide by is {'x'.join(map(str, Ma.shape))}; it must be square")
    if Ba.ndim != 2 or Ba.shape[1] != Ma.shape[0]:
        raise ValidationError(f"B is {'x'.join(map(str, Ba.shape))} but M is {Ma.shape[0]}x{Ma.shape[0]}; their inner sizes must agree")
    import scipy.linalg as sla  # imported on use: scipy.linalg is slow to import

    try:
        lu = sla.lu_factor(Ma.T, check_finite=False)
    except (np.linalg.LinAlgError, sla.LinAlgError, ValueError):
        raise ValidationError("the matrix is singular; it has no inverse") from None
    if not np.all(np.abs(np.diag(lu[0])) > 1e-300):
        raise ValidationError("the matrix is singular; it has no inverse (check for empty rows or columns)")
    X = sla.lu_solve(lu, Ba.T, check_finite=False).T
    if not np.isfinite(X).all():
        raise ValidationError("the matrix is numerically singular; it has no inverse (check for empty rows or columns)")
    return X
