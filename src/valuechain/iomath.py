"""The input-output identities, as pure functions (the bottom layer above ``errors``).

Technical and allocation coefficients, Leontief and Ghosh inverses and solves, and the
productivity check. Every table container and method family uses these; none is
written twice.

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

__all__ = [
    "technical_coefficients",
    "allocation_coefficients",
    "leontief_inverse",
    "leontief_solve",
    "ghosh_inverse",
    "ghosh_inverse_from_leontief",
    "spectral_radius",
    "check_productive",
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


def technical_coefficients(Z, x):
    """Technical (input) coefficients :math:`A = Z \\hat{x}^{-1}`.

    .. math:: a_{ij} = z_{ij} / x_j

    Columns of zero-output industries are set to zero. Miller & Blair (2009), eq. (2.4).

    Examples
    --------
    >>> technical_coefficients([[150, 500], [200, 100]], [1000, 2000])
    array([[0.15, 0.25],
           [0.2 , 0.05]])
    """
    Za, xa = _arr(Z), _arr(x).ravel()
    return _like(Z, Za * _safe_inv_x(xa)[None, :])


def allocation_coefficients(Z, x):
    """Ghosh allocation (output) coefficients :math:`B = \\hat{x}^{-1} Z`.

    .. math:: b_{ij} = z_{ij} / x_i

    Rows of zero-output industries are set to zero. Miller & Blair (2009), eq. (12.3);
    rows are selling sectors (pymrio stores the transpose).
    """
    Za, xa = _arr(Z), _arr(x).ravel()
    return _like(Z, Za * _safe_inv_x(xa)[:, None])


def spectral_radius(A) -> float:
    """Largest absolute eigenvalue of ``A`` (Perron root for a non-negative matrix)."""
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


def check_productive(A, *, name: str = "A") -> None:
    """Raise :class:`NotProductiveError` unless every column sum of ``A`` is < 1 or rho(A) < 1.

    A non-negative ``A`` whose column sums are all below one is productive (Hawkins-Simon;
    Miller & Blair 2009, sec. 2.3.4); otherwise the spectral radius is computed.
    """
    Aa = _arr(A)
    if Aa.size == 0:
        return
    # one pass for the sign (no n x n temporary); the column sums by BLAS (multi-threaded)
    if Aa.min() >= 0 and (np.ones(Aa.shape[0]) @ Aa < 1).all():
        return
    rho = spectral_radius(Aa)
    if not rho < 1:
        raise NotProductiveError(
            f"{name} is not productive: its spectral radius is {rho:.4g} >= 1, so (I - {name}) has no "
            "non-negative inverse; check units and that intermediate inputs do not exceed output"
        )


def leontief_inverse(A, *, check: bool = True):
    """Leontief inverse :math:`L = (I - A)^{-1}`.

    Formed by LU factorisation (LAPACK ``gesv`` with the identity as right-hand side, in
    place on one working copy of :math:`I - A`), because the whole matrix is the output;
    functions that need only a product :math:`L b` use :func:`leontief_solve`. Miller &
    Blair (2009), eq. (2.10).

    Raises
    ------
    NotProductiveError
        If ``A`` is not productive (spectral radius >= 1) or ``I - A`` is singular.
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


def leontief_solve(A, b, *, check: bool = True):
    """Solve :math:`(I - A) x = b` by LU factorisation without forming :math:`L`.

    ``b`` may be a vector (e.g. final demand, giving output ``x = L y``) or a matrix.
    Miller & Blair (2009), sec. 2.3.
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


def ghosh_inverse(B, *, check: bool = True):
    """Ghosh inverse :math:`G = (I - B)^{-1}` in Miller & Blair orientation, eq. (12.6)."""
    return leontief_inverse(B, check=check)


def ghosh_inverse_from_leontief(L, x):
    """Ghosh inverse from the Leontief inverse, :math:`G = \\hat{x}^{-1} L \\hat{x}`.

    Since :math:`B = \\hat{x}^{-1} A \\hat{x}` (Miller & Blair 2009, eq. 12.19 and sec.
    12.1.2), :math:`G = \\hat{x}^{-1} L \\hat{x}`; this saves a second inversion. Rows and
    columns of zero-output industries are those of the identity.
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


def price_solve(A, v, *, check: bool = True):
    r"""Solve the Leontief price model :math:`p' = v'(I - A)^{-1}` without forming :math:`L`.

    One LU factorisation of :math:`(I - A)'` and a solve :math:`(I - A)'p = v`; ``v`` may
    be a vector (one set of primary-input cost coefficients) or a matrix with one column
    per set. With :math:`v_j = 1 - \sum_i a_{ij}` (all primary inputs per unit of
    output) every price is one. Miller & Blair (2009), eq. (2.32).

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


def solve_right(B, M):
    r"""The right division :math:`X = B M^{-1}` (solves :math:`X M = B`) by LU, without an inverse.

    Used by the product-technology and fixed-industry-sales-structure transformations of
    supply and use tables (:math:`U S^{-1}`, Eurostat 2008, ch. 11). ``M`` must be square
    and non-singular.

    Raises
    ------
    ValidationError
        If ``M`` is not square or is singular.

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
