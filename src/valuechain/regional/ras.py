"""RAS and GRAS: bi-proportional balancing of a matrix to new row and column margins.

RAS (Stone 1961; Bacharach 1970; Miller & Blair 2009, sec. 7.4) scales the rows and
columns of a non-negative prior until its row and column sums equal given targets.
GRAS (Junius & Oosterhaven 2003, with the correction of Lenzen, Wood & Gallego 2007)
generalises it to priors with negative entries (e.g. changes in inventories, taxes less
subsidies): positive entries are scaled by :math:`r_i s_j`, negative ones by
:math:`1/(r_i s_j)`, and the signs of the prior are kept.

Both return a :class:`RASResult` with the balanced matrix, the multipliers ``r`` and
``s``, the number of iterations and the largest margin residual.

References
----------
.. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
   Extensions*, 2nd ed., sec. 7.4, eqs. (7.17)-(7.24). Cambridge University Press.
.. [2] Bacharach, M. (1970). *Biproportional Matrices and Input-Output Change*.
   Cambridge University Press.
.. [3] Junius, T. and Oosterhaven, J. (2003). The solution of updating or regionalizing
   a matrix with both positive and negative entries. *Economic Systems Research* 15(1),
   87-96.
.. [4] Lenzen, M., Wood, R. and Gallego, B. (2007). Some comments on the GRAS method.
   *Economic Systems Research* 19(4), 461-465, eqs. (3)-(6).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ConvergenceError, ValidationError
from ..results import ResultMixin, identity_row

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from numpy.typing import ArrayLike

__all__ = ["ras", "gras", "RASResult"]


# ----------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class RASResult(ResultMixin):
    """The outcome of :func:`ras` or :func:`gras`.

    Attributes
    ----------
    matrix : DataFrame or ndarray
        The balanced matrix (labelled like the prior).
    r, s : Series or ndarray
        Row and column multipliers: ``matrix = r̂ P ŝ - r̂⁻¹ N ŝ⁻¹`` with ``P``/``N`` the
        positive part and the absolute negative part of the prior (``N = 0`` for RAS).
    iterations : int
        Number of row-and-column sweeps done.
    max_residual : float
        Largest absolute gap between a row or column sum and its target at the end.
    converged : bool
        Whether ``max_residual`` met the tolerance.
    method : str
        ``"RAS"`` or ``"GRAS"``.
    prior : DataFrame or ndarray
        The prior as given.
    row_targets, col_targets : ndarray
        The margins asked for.
    tol : float
        The tolerance used (relative to the largest absolute target).
    flags : tuple of str
        Provenance: ``"estimated by RAS"`` (or GRAS) and the flags of the prior (a
        DataFrame's ``attrs["flags"]``).

    Examples
    --------
    >>> res = ras(np.array([[1.0, 2.0], [3.0, 4.0]]), [4.0, 6.0], [5.0, 5.0])
    >>> res.method, res.converged
    ('RAS', True)
    >>> res.matrix.sum(axis=0).round(8).tolist()
    [5.0, 5.0]
    """

    matrix: Any
    r: Any
    s: Any
    iterations: int
    max_residual: float
    converged: bool
    method: str
    prior: Any
    row_targets: np.ndarray
    col_targets: np.ndarray
    tol: float
    notes: tuple[str, ...] = field(default_factory=tuple)
    flags: tuple[str, ...] = ()

    # ---------------------------------------------------------------- views
    @property
    def table(self) -> pd.DataFrame:
        """Tidy table, one row per cell: ``row, col, prior, balanced, ratio``."""
        P = _as_frame(self.prior)
        M = _as_frame(self.matrix)
        out = pd.DataFrame(
            {
                "row": np.repeat(P.index.to_numpy(), P.shape[1]),
                "col": np.tile(P.columns.to_numpy(), P.shape[0]),
                "prior": P.to_numpy().ravel(),
                "balanced": M.to_numpy().ravel(),
            }
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            out["ratio"] = np.where(out["prior"] != 0, out["balanced"] / out["prior"], np.nan)
        return out

    @property
    def margins(self) -> pd.DataFrame:
        """Targets, achieved sums and residuals for every row and column."""
        M = _as_frame(self.matrix)
        rows = pd.DataFrame(
            {"margin": "row", "label": M.index, "target": self.row_targets, "achieved": M.sum(axis=1).to_numpy()}
        )
        cols = pd.DataFrame(
            {"margin": "column", "label": M.columns, "target": self.col_targets, "achieved": M.sum(axis=0).to_numpy()}
        )
        out = pd.concat([rows, cols], ignore_index=True)
        out["residual"] = out["achieved"] - out["target"]
        return out

    def check(self, *, rtol: float | None = None) -> pd.DataFrame:
        """Identities: every row sum and every column sum equals its target, the largest
        residual over ``max|target|`` within ``rtol`` (default ``tol``, the convergence
        criterion). Before 0.2 this took ``atol`` (an absolute residual): ``atol`` is
        ``rtol × max|target|``.
        """
        sc = _scale(self.row_targets, self.col_targets)
        rtol = self.tol if rtol is None else rtol
        res = self.margins
        rows = []
        for what in ("row", "column"):
            r = res.loc[res["margin"] == what, "residual"].to_numpy()
            rows.append(identity_row(f"{what} sums = targets", float(np.abs(r).max(initial=0.0)), scale=sc, rtol=rtol))
        return pd.DataFrame(rows)

    def _identity_rows(self) -> list[dict]:
        return self.check().to_dict("records")

    def check_margins(self, *, atol: float | None = None) -> bool:
        """Whether every row and column sum equals its target within ``atol``.

        .. deprecated:: 0.2
            Use :meth:`identities_hold` (or ``check(atol=...)``, the identity table).
        """
        warnings.warn("RASResult.check_margins() is deprecated; use identities_hold() or check()", DeprecationWarning, stacklevel=2)
        sc = _scale(self.row_targets, self.col_targets)
        return bool(self.check(rtol=None if atol is None else atol / sc)["ok"].all())

    def _title(self) -> str:
        m, n = np.shape(self.matrix)
        state = "converged" if self.converged else "did NOT converge"
        return f"{self.method} balancing of a {m}x{n} matrix: {state} after {self.iterations} iterations"

    def _size(self) -> str:
        return ""

    def _summary_lines(self) -> list[str]:
        lines = [
            f"largest margin residual {self.max_residual:.3g} (tolerance {self.tol:g} x max|target| = "
            f"{self.tol * _scale(self.row_targets, self.col_targets):.3g})",
            f"row targets total {self.row_targets.sum():.6g}; column targets total {self.col_targets.sum():.6g}",
            f"row multipliers r in [{np.min(self.r):.4g}, {np.max(self.r):.4g}]; "
            f"column multipliers s in [{np.min(self.s):.4g}, {np.max(self.s):.4g}]",
        ]
        return lines + list(self.notes)



# ----------------------------------------------------------------------------- helpers
def _as_frame(M) -> pd.DataFrame:
    return M if isinstance(M, pd.DataFrame) else pd.DataFrame(np.asarray(M))


def _scale(u: np.ndarray, v: np.ndarray) -> float:
    return float(max(np.abs(u).max(initial=0.0), np.abs(v).max(initial=0.0), 1e-300))


def _vector(obj, labels: pd.Index | None, n: int, what: str) -> np.ndarray:
    """Targets as a float array aligned on ``labels`` (a Series is matched by label)."""
    if isinstance(obj, pd.DataFrame):
        if obj.shape[1] != 1:
            raise ValidationError(f"{what} must be one column of numbers; got {obj.shape[1]} columns")
        obj = obj.iloc[:, 0]
    if isinstance(obj, pd.Series) and labels is not None:
        idx = obj.index.map(str)
        want = labels.map(str)
        if set(idx) != set(want) or len(idx) != len(want):
            missing = sorted(set(want) - set(idx))[:5]
            extra = sorted(set(idx) - set(want))[:5]
            raise ValidationError(
                f"{what} labels do not match the prior's (missing: {missing}; not in prior: {extra}); "
                "give one target per row/column of the prior with the same labels"
            )
        obj = pd.Series(obj.to_numpy(), index=idx).reindex(want)
    try:
        arr = np.asarray(obj, dtype=float).ravel()
    except (TypeError, ValueError):
        raise ValidationError(f"{what} has a non-numeric value; every target must be a number") from None
    if arr.size != n:
        raise ValidationError(f"{what} has {arr.size} values but the prior has {n}; give one target per {what.split()[0]}")
    if not np.isfinite(arr).all():
        raise ValidationError(f"{what} has a missing or infinite value; fill it with a number")
    return arr


def _prepare(prior, row_targets, col_targets, *, total_rtol: float):
    if isinstance(prior, pd.DataFrame):
        try:
            A = prior.to_numpy(dtype=float)
        except (TypeError, ValueError):
            raise ValidationError("the prior has a non-numeric cell; every cell must be a number") from None
        rlab, clab = prior.index, prior.columns
    else:
        try:
            A = np.asarray(prior, dtype=float)
        except (TypeError, ValueError):
            raise ValidationError("the prior has a non-numeric cell; every cell must be a number") from None
        rlab = clab = None
    if A.ndim != 2 or A.size == 0:
        raise ValidationError(f"the prior must be a non-empty 2-D matrix; got shape {A.shape}")
    if not np.isfinite(A).all():
        r, c = np.argwhere(~np.isfinite(A))[0]
        raise ValidationError(f"the prior has a missing or infinite value at row {_lab(rlab, r)}, column {_lab(clab, c)}; fill it")
    u = _vector(row_targets, rlab, A.shape[0], "row targets")
    v = _vector(col_targets, clab, A.shape[1], "column targets")
    su, sv = u.sum(), v.sum()
    if abs(su - sv) > total_rtol * max(abs(su), abs(sv), 1e-300):
        raise ValidationError(
            f"row targets sum to {su:.10g} but column targets sum to {sv:.10g} (difference {su - sv:.6g}); "
            "a balanced matrix needs equal totals: correct or rescale one set of margins"
        )
    return A, u, v, rlab, clab


def _lab(labels, k) -> str:
    return str(labels[k]) if labels is not None else str(k)


def _names(labels, mask: np.ndarray, limit: int = 8) -> str:
    idx = np.flatnonzero(mask)
    names = [_lab(labels, k) for k in idx[:limit]]
    more = f" and {idx.size - limit} more" if idx.size > limit else ""
    return ", ".join(names) + more


def _feasibility(P: np.ndarray, N: np.ndarray, u, v, rlab, clab, method: str) -> None:
    """Rows/columns whose sign pattern cannot reach their target (a clear error each)."""
    for axis, t, lab, what in ((1, u, rlab, "row"), (0, v, clab, "column")):
        p = P.sum(axis=axis) > 0
        n = N.sum(axis=axis) > 0
        bad = ~p & ~n & (t != 0)
        if bad.any():
            raise ValidationError(
                f"{what}(s) {_names(lab, bad)} of the prior are all zero but have a non-zero target; "
                f"{method} only rescales existing entries: put a positive prior entry in each such {what} or set its target to 0"
            )
        bad = p & ~n & (t < 0)
        if bad.any():
            raise ValidationError(
                f"{what}(s) {_names(lab, bad)} have only positive prior entries but a negative target; "
                f"no rescaling can reach it: check the margins"
            )
        bad = ~p & n & (t > 0)
        if bad.any():
            raise ValidationError(
                f"{what}(s) {_names(lab, bad)} have only negative prior entries but a positive target; "
                f"no rescaling can reach it: check the margins"
            )
        bad = ~p & n & (t == 0)
        if bad.any():
            raise ValidationError(
                f"{what}(s) {_names(lab, bad)} have only negative prior entries but a zero target; "
                "GRAS cannot scale negative entries to zero: set those entries to 0 in the prior"
            )


def _solve_multiplier(t: np.ndarray, p: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Positive root of ``m p - n / m = t`` (Lenzen et al. 2007, eq. 5), element-wise.

    ``n = 0`` gives the RAS multiplier ``t / p``; ``p = 0`` gives ``-n / t``; rows with
    no entries at all get multiplier 1 (they stay zero).
    """
    out = np.ones_like(t)
    both = (p > 0) & (n > 0)
    pos = (p > 0) & (n == 0)
    neg = (p == 0) & (n > 0)
    if both.any():
        tb, pb, nb = t[both], p[both], n[both]
        out[both] = (tb + np.sqrt(tb * tb + 4.0 * pb * nb)) / (2.0 * pb)
    out[pos] = t[pos] / p[pos]
    out[neg] = -n[neg] / t[neg]
    return out


def _safe_recip(m: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.where(m != 0, 1.0 / np.where(m != 0, m, 1.0), 0.0)


def _balance(prior, row_targets, col_targets, *, method: str, tol: float, max_iter: int, total_rtol: float, strict: bool) -> RASResult:
    if not (tol > 0):
        raise ValidationError(f"tol must be positive; got {tol}")
    if int(max_iter) < 1:
        raise ValidationError(f"max_iter must be at least 1; got {max_iter}")
    A, u, v, rlab, clab = _prepare(prior, row_targets, col_targets, total_rtol=total_rtol)
    if method == "RAS":
        if (A < 0).any():
            r, c = np.argwhere(A < 0)[0]
            raise ValidationError(
                f"the prior has a negative entry at row {_lab(rlab, r)}, column {_lab(clab, c)} ({A[r, c]:g}); "
                "RAS needs a non-negative prior: use gras() (or --method gras) for matrices with negative entries"
            )
        for t, what in ((u, "row"), (v, "column")):
            if (t < 0).any():
                k = int(np.argmax(t < 0))
                labs = rlab if what == "row" else clab
                raise ValidationError(
                    f"negative {what} target for {_lab(labs, k)} ({t[k]:g}); RAS needs non-negative margins: "
                    "use gras() (or --method gras) when margins or entries may be negative"
                )
    P = np.where(A > 0, A, 0.0)
    N = np.where(A < 0, -A, 0.0)
    _feasibility(P, N, u, v, rlab, clab, method)
    has_neg = bool(N.any())
    scale = _scale(u, v)
    atol = tol * scale

    r = np.ones(A.shape[0])
    s = np.ones(A.shape[1])
    resid = np.inf
    it = 0
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        for it in range(1, int(max_iter) + 1):
            r_old, s_old = r, s
            # row step: r_i solves r_i p_i(s) - n_i(s) / r_i = u_i
            p_r = P @ s
            n_r = N @ _safe_recip(s) if has_neg else np.zeros_like(p_r)
            r = _solve_multiplier(u, p_r, n_r)
            # column step: s_j solves s_j p_j(r) - n_j(r) / s_j = v_j
            p_c = r @ P
            n_c = _safe_recip(r) @ N if has_neg else np.zeros_like(p_c)
            s = _solve_multiplier(v, p_c, n_c)
            if not (np.isfinite(r).all() and np.isfinite(s).all()) or r.max() > 1e150 or s.max() > 1e150:
                # multipliers diverge (the margins are unreachable): keep the last finite iterate
                r, s = r_old, s_old
                break
            # after the column step the columns are exact; the rows carry the residual
            rows = r * (P @ s) - (_safe_recip(r) * (N @ _safe_recip(s)) if has_neg else 0.0)
            resid = float(np.abs(rows - u).max(initial=0.0))
            if resid <= atol:
                break
    X = r[:, None] * P * s[None, :]
    if has_neg:
        X = X - _safe_recip(r)[:, None] * N * _safe_recip(s)[None, :]
    resid = float(max(np.abs(X.sum(axis=1) - u).max(initial=0.0), np.abs(X.sum(axis=0) - v).max(initial=0.0)))
    converged = bool(np.isfinite(resid) and resid <= atol)
    if not converged and strict:
        raise ConvergenceError(
            f"{method} did not converge: after {it} iterations the largest margin residual is {resid:.6g} "
            f"(tolerance {atol:.3g}); the prior's zero pattern may make the margins unreachable, "
            "or raise max_iter / tol"
        )
    if rlab is not None:
        X = pd.DataFrame(X, index=rlab, columns=clab)
        r = pd.Series(r, index=rlab, name="r")
        s = pd.Series(s, index=clab, name="s")
    return RASResult(
        matrix=X, r=r, s=s, iterations=it, max_residual=resid, converged=converged, method=method,
        prior=prior, row_targets=u, col_targets=v, tol=float(tol),
        flags=tuple(dict.fromkeys((f"estimated by {method}", *_prior_flags(prior)))),
    )


def _prior_flags(prior) -> tuple[str, ...]:
    fl = getattr(prior, "attrs", {}).get("flags", ()) if isinstance(prior, pd.DataFrame) else ()
    return (fl,) if isinstance(fl, str) else tuple(map(str, fl or ()))


# ----------------------------------------------------------------------------- public
def ras(
    prior: ArrayLike | pd.DataFrame,
    row_targets: ArrayLike,
    col_targets: ArrayLike,
    *,
    tol: float = 1e-10,
    max_iter: int = 10_000,
    total_rtol: float = 1e-8,
    strict: bool = True,
) -> RASResult:
    r"""Balance a non-negative matrix to given row and column sums by RAS.

    Finds diagonal scalings so that :math:`X = \hat r\, A\, \hat s` has row sums ``u``
    and column sums ``v``; iterating

    .. math::

        r_i^{(k)} = \frac{u_i}{\sum_j a_{ij} s_j^{(k-1)}}, \qquad
        s_j^{(k)} = \frac{v_j}{\sum_i r_i^{(k)} a_{ij}}

    from :math:`s^{(0)} = 1` (Miller & Blair 2009, eqs. 7.17-7.24; Bacharach 1970). The
    result minimises the information distance :math:`\sum x_{ij}\ln(x_{ij}/a_{ij})`
    subject to the margins. Zero entries of the prior stay zero.

    Parameters
    ----------
    prior : DataFrame or array (m, n)
        Non-negative prior (old transactions, or coefficients times new output).
    row_targets, col_targets : Series or array
        Target row sums (m) and column sums (n); Series are matched by label.
    tol : float, default 1e-10
        Convergence when every margin residual is at most ``tol × max|target|``.
    max_iter : int, default 10000
        Maximum number of row-and-column sweeps.
    total_rtol : float, default 1e-8
        Relative tolerance for ``sum(row_targets) == sum(col_targets)``.
    strict : bool, default True
        Raise :class:`~valuechain.errors.ConvergenceError` when not converged; with
        ``False`` return the last iterate with ``converged=False``.

    Returns
    -------
    RASResult

    Raises
    ------
    ValidationError
        Different margin totals (both totals in the message), negative entries or
        targets (use :func:`gras`), a zero row/column with a non-zero target.
    ConvergenceError
        No convergence within ``max_iter`` (iterations and residual in the message).

    References
    ----------
    Miller & Blair (2009), sec. 7.4.2; Stone (1961); Bacharach (1970), ch. 4.

    Examples
    --------
    >>> res = ras([[1.0, 2.0], [3.0, 4.0]], [4.0, 6.0], [5.0, 5.0])
    >>> res.matrix.round(4)
    array([[1.7577, 2.2423],
           [3.2423, 2.7577]])
    """
    return _balance(prior, row_targets, col_targets, method="RAS", tol=tol, max_iter=max_iter, total_rtol=total_rtol, strict=strict)


def gras(
    prior: ArrayLike | pd.DataFrame,
    row_targets: ArrayLike,
    col_targets: ArrayLike,
    *,
    tol: float = 1e-10,
    max_iter: int = 10_000,
    total_rtol: float = 1e-8,
    strict: bool = True,
) -> RASResult:
    r"""Balance a matrix with positive and negative entries by GRAS.

    With :math:`A = P - N` (``P`` the positive entries, ``N`` the absolute values of the
    negative ones) the balanced matrix is

    .. math::

        X = \hat r\, P\, \hat s - \hat r^{-1} N\, \hat s^{-1},

    which minimises :math:`\sum_{ij} |a_{ij}|\, z_{ij} \ln(z_{ij}/e)` with
    :math:`z_{ij} = x_{ij}/a_{ij}` subject to the margins (Junius & Oosterhaven 2003;
    Lenzen, Wood & Gallego 2007, eqs. 3-6). Each half-step solves
    :math:`r_i p_i(s) - n_i(s)/r_i = u_i` for the positive root

    .. math::

        r_i = \frac{u_i + \sqrt{u_i^2 + 4 p_i(s)\, n_i(s)}}{2\, p_i(s)},\quad
        p_i(s) = \sum_j p_{ij} s_j,\; n_i(s) = \sum_j n_{ij}/s_j

    (``r_i = -n_i/u_i`` when the row has no positive entry), then likewise for ``s``.
    The sign of every entry is kept. On a non-negative prior GRAS equals RAS.

    Parameters
    ----------
    prior : DataFrame or array (m, n)
        The matrix to balance; entries of any sign (their signs are kept).
    row_targets : array_like (m,)
        Row sums wanted (may be negative).
    col_targets : array_like (n,)
        Column sums wanted; their total must equal that of ``row_targets``.
    tol : float, default 1e-10
        Convergence tolerance on the margins, relative to the largest absolute target.
    max_iter : int, default 10000
        Maximum number of row-and-column sweeps.
    total_rtol : float, default 1e-8
        Relative tolerance of the check that the two target totals agree.
    strict : bool, default True
        Raise :class:`~valuechain.errors.ConvergenceError` when not converged (else warn
        and return the last iterate).

    Returns
    -------
    RASResult
        The balanced matrix, multipliers ``r`` and ``s``, iterations and residual.

    Raises
    ------
    ValidationError
        If shapes or totals disagree, or a value is not finite.
    ConvergenceError
        If ``strict`` and the margins are not met within ``max_iter``.

    References
    ----------
    .. [1] Junius, T. and Oosterhaven, J. (2003). The solution of updating or regionalizing a matrix with both positive and negative entries. *Economic Systems Research* 15(1), 87-96.
    .. [2] Lenzen, M., Wood, R. and Gallego, B. (2007). Some comments on the GRAS method. *Economic Systems Research* 19(4), 461-465. (the corrected GRAS solution, their eq. 6)

    Examples
    --------
    >>> res = gras(np.array([[1.0, -1.0], [2.0, 3.0]]), [1.0, 6.0], [4.0, 3.0])
    >>> res.converged, res.matrix.sum(axis=1).round(8).tolist(), res.matrix.sum(axis=0).round(8).tolist()
    (True, [1.0, 6.0], [4.0, 3.0])
    >>> bool(res.matrix[0, 1] < 0)      # signs kept
    True
    """
    return _balance(prior, row_targets, col_targets, method="GRAS", tol=tol, max_iter=max_iter, total_rtol=total_rtol, strict=strict)
