r"""Monte Carlo uncertainty for multipliers, linkages, key sectors and impacts.

A non-survey table is an estimate. This module draws many plausible coefficient
matrices :math:`A^{(s)}`, solves each, and reports the point estimate with the 5th, 50th
and 95th percentiles of the draws (``<column>_p05``, ``_p50``, ``_p95``) and, for key
sectors, the probability of each class (``prob_key``, ``prob_backward``,
``prob_forward``, ``prob_weak``).

Coefficient error (``coef_dist``):

- ``"lognormal"`` (default): :math:`a^{(s)}_{ij} = a_{ij}\exp(\sigma z_{ij} - \sigma^2/2)`,
  :math:`z_{ij} \sim N(0, 1)`, :math:`\sigma^2 = \log(1 + c^2)`: each cell has mean
  :math:`a_{ij}` and relative standard error ``coef_cv`` :math:`= c`, and stays
  non-negative (Lenzen 2000 uses relative standard errors per cell);
- ``"normal"``: :math:`a_{ij}(1 + c z_{ij})`, cut at zero;
- ``"dirichlet"``: each column's whole input structure (intermediate inputs and the
  primary-input share :math:`1 - \sum_i a_{ij}`) is drawn from a Dirichlet with mean
  the observed structure and concentration :math:`\kappa = 1/c^2 - 1`, so a share
  :math:`s` has standard deviation :math:`c\sqrt{s(1-s)}`; columns keep summing to one
  (Rocchi, Lenzen & Yanagida use constrained draws of this kind), and every draw is
  productive when primary inputs are positive.

Direct coefficients of value added, income and employment per unit of output are kept
at their point values. Draws that are not productive (spectral radius :math:`\ge 1`)
are rejected and redrawn; the result reports how many.

Computation: draws are generated in chunks of a fixed size (set by :math:`n` only, so
the same seed gives the same numbers on every machine) and solved as a stack with
``numpy.linalg.solve`` on a ``(chunk, n, n)`` array: no Python loop of inverses. Only
the products needed are solved: column sums :math:`\mathbf 1'L` and :math:`D'L` from
:math:`(I-A)'U = D`, row sums :math:`L\mathbf 1` and impacts :math:`L\Delta y` from
:math:`(I-A)X = B`.

References
----------
Lenzen, M. (2000). Errors in conventional and input-output-based life-cycle inventories.
*Journal of Industrial Ecology* 4(4), 127-148.
Rocchi, P., Lenzen, M. and Yanagida, J. (various), Monte Carlo error propagation in
input-output and SAM multipliers.
Flegg, A. T. and Tohmo, T. (2013). *Regional Studies* 47(5), 703-721 (δ between 0.1 and 0.4).
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed., sec. 12.2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, ClassVar, Sequence

import numpy as np
import pandas as pd

from ..errors import NotProductiveError, ValidationError
from ..iomath import spectral_radius
from ..results import ResultMixin, identity_row
from .keysectors import KEY_CLASSES

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from typing import Any
    from numpy.typing import ArrayLike
    from typing import Mapping

__all__ = [
    "Uncertainty",
    "UncertainResult",
    "COEF_DISTRIBUTIONS",
    "coefficient_sampler",
    "monte_carlo",
    "add_bands",
    "stacked_solves",
    "resolve_uncertainty",
    "Sampler",
]

COEF_DISTRIBUTIONS = ("lognormal", "normal", "dirichlet")
#: memory budget of one chunk of draws (bytes); fixed, so chunking never depends on the machine
_CHUNK_BYTES = 192 * 2**20

Sampler = Callable[[np.random.Generator, int], np.ndarray]


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo settings (frozen).

    Parameters
    ----------
    draws : int
        Number of accepted draws (default 1000).
    seed : int
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same numbers.
    coef_cv : float
        Relative standard error of each coefficient (0: coefficients fixed).
    coef_dist : {"lognormal", "normal", "dirichlet"}
        How coefficients are perturbed (see the module notes).
    delta_range : (float, float), optional
        Regional only: δ drawn uniformly (or triangular, ``delta_dist``) between the two
        values, both in (0, 1); equal values fix δ. ``None``: δ of the method call.
    delta_dist : {"uniform", "triangular"}
        Triangular has its mode at the middle of the range.
    measure_cv : float
        Regional only: relative standard error of the size measure (employment) of each
        industry in the region (lognormal, mean preserved).
    quantiles : tuple of float
        Reported quantiles (default 0.05, 0.5, 0.95: columns ``_p05``, ``_p50``, ``_p95``).
    max_reject : float
        Give up when more than this share of candidate draws is not productive.

    Examples
    --------
    >>> u = Uncertainty(draws=200, coef_cv=0.1, seed=1)
    >>> u.draws, u.quantiles
    (200, (0.05, 0.5, 0.95))
    """

    draws: int = 1000
    seed: int = 0
    coef_cv: float = 0.0
    coef_dist: str = "lognormal"
    delta_range: tuple | None = None
    delta_dist: str = "uniform"
    measure_cv: float = 0.0
    quantiles: tuple = (0.05, 0.5, 0.95)
    max_reject: float = 0.5

    def __post_init__(self):
        if isinstance(self.draws, bool) or not isinstance(self.draws, (int, np.integer)) or not 1 <= int(self.draws) <= 10**7:
            raise ValidationError(f"draws={self.draws!r}; give a whole number of draws between 1 and 10,000,000 (e.g. 1000)")
        if isinstance(self.seed, bool) or not isinstance(self.seed, (int, np.integer)) or int(self.seed) < 0:
            raise ValidationError(f"seed={self.seed!r}; give a non-negative whole number")
        for nm in ("coef_cv", "measure_cv"):
            v = getattr(self, nm)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or v < 0:
                raise ValidationError(f"{nm}={v!r}; give a relative standard error >= 0 (e.g. 0.1 for 10 %)")
        if self.coef_dist not in COEF_DISTRIBUTIONS:
            raise ValidationError(f"coef_dist={self.coef_dist!r}; use one of {', '.join(COEF_DISTRIBUTIONS)}")
        if self.coef_dist == "dirichlet" and not self.coef_cv < 1:
            raise ValidationError(f"coef_cv={self.coef_cv} with the Dirichlet; give a value below 1 (concentration 1/cv^2 - 1 must be positive)")
        if self.delta_range is not None:
            try:
                lo, hi = (float(v) for v in self.delta_range)
            except (TypeError, ValueError):
                raise ValidationError(f"delta_range={self.delta_range!r}; give two numbers LO HI in (0, 1)") from None
            if not (0 < lo <= hi < 1):
                raise ValidationError(f"delta_range=({lo:g}, {hi:g}); give 0 < LO <= HI < 1 (the literature uses 0.1 to 0.4)")
            object.__setattr__(self, "delta_range", (lo, hi))
        if self.delta_dist not in ("uniform", "triangular"):
            raise ValidationError(f"delta_dist={self.delta_dist!r}; use uniform or triangular")
        qs = tuple(float(q) for q in self.quantiles)
        if not qs or any(not 0 <= q <= 1 for q in qs):
            raise ValidationError(f"quantiles={self.quantiles!r}; give probabilities between 0 and 1")
        object.__setattr__(self, "quantiles", qs)
        if not 0 < float(self.max_reject) < 1:
            raise ValidationError(f"max_reject={self.max_reject!r}; give a share between 0 and 1")

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(f"_p{int(round(q * 100)):02d}" for q in self.quantiles)

    def describe(self) -> str:
        parts = [f"{self.draws} draws (seed {self.seed})"]
        if self.coef_cv:
            parts.append(f"coefficient error {self.coef_cv:g} ({self.coef_dist})")
        if self.delta_range is not None:
            lo, hi = self.delta_range
            parts.append(f"δ {self.delta_dist} in [{lo:g}, {hi:g}]" if hi > lo else f"δ = {lo:g}")
        if self.measure_cv:
            parts.append(f"size-measure error {self.measure_cv:g}")
        return ", ".join(parts)


def resolve_uncertainty(uncertainty: Uncertainty | None, kw: Mapping[str, Any]) -> Uncertainty:
    """The :class:`Uncertainty` of a call: ``uncertainty`` (or the defaults) updated by keyword options ``kw``.

    Parameters
    ----------
    uncertainty : Uncertainty or None
        The settings given (``None``: the defaults).
    kw : dict
        Field overrides, e.g. ``{"draws": 50}``.

    Returns
    -------
    Uncertainty
        A new frozen settings object.

    Raises
    ------
    TypeError
        If a key is not a field of :class:`Uncertainty`.
    ValidationError
        If a value is invalid (e.g. ``draws`` below 1).

    Examples
    --------
    >>> resolve_uncertainty(None, {"draws": 50}).draws
    50
    """
    if uncertainty is None:
        return Uncertainty(**kw)
    if not isinstance(uncertainty, Uncertainty):
        raise TypeError(f"uncertainty must be an Uncertainty, got {type(uncertainty).__name__}")
    if kw:
        from dataclasses import replace

        return replace(uncertainty, **kw)
    return uncertainty


# ------------------------------------------------------------------------- draws
def coefficient_sampler(A: ArrayLike | pd.DataFrame, uncertainty: Uncertainty) -> Sampler:
    """A function ``(rng, size) -> (size, n, n)`` array of perturbed copies of ``A``.

    With ``coef_cv == 0`` every draw is ``A`` itself (no random numbers are used).

    Parameters
    ----------
    A : array_like, shape (n, n)
        The point coefficients.
    uncertainty : Uncertainty
        ``coef_cv`` (relative standard error) and ``coef_dist`` set the perturbation.

    Returns
    -------
    callable
        ``sampler(rng, size)`` returning an array of shape ``(size, n, n)``.

    Examples
    --------
    >>> s = coefficient_sampler(np.array([[0.2, 0.3], [0.1, 0.4]]), Uncertainty(coef_cv=0.1))
    >>> s(np.random.default_rng(0), 3).shape
    (3, 2, 2)
    """
    A0 = A.to_numpy(dtype=float) if isinstance(A, pd.DataFrame) else np.asarray(A, dtype=float)
    c = float(uncertainty.coef_cv)
    dist = uncertainty.coef_dist
    n = A0.shape[0]

    if c == 0:
        def fixed(rng, size):
            return np.broadcast_to(A0, (size, n, n)).copy()
        return fixed
    if dist == "lognormal":
        s2 = np.log1p(c * c)
        s = np.sqrt(s2)

        def lognormal(rng, size):
            z = rng.standard_normal((size, n, n))
            z *= s
            z -= s2 / 2
            np.exp(z, out=z)
            z *= A0
            return z
        return lognormal
    if dist == "normal":
        def normal(rng, size):
            z = rng.standard_normal((size, n, n))
            z *= c
            z += 1.0
            np.maximum(z, 0.0, out=z)
            z *= A0
            return z
        return normal
    # dirichlet on each column's input structure (intermediate + primary share)
    prim = 1.0 - A0.sum(axis=0)
    if (prim <= 0).any() or (A0 < 0).any():
        raise ValidationError(
            "the Dirichlet needs non-negative coefficients and a positive primary-input share in every column; "
            "use coef_dist='lognormal'"
        )
    kappa = 1.0 / (c * c) - 1.0
    alpha = np.vstack([A0, prim[None, :]]) * kappa

    def dirichlet(rng, size):
        g = rng.standard_gamma(np.broadcast_to(alpha, (size,) + alpha.shape))
        g /= g.sum(axis=1, keepdims=True)
        return np.ascontiguousarray(g[:, :n, :])
    return dirichlet


def _weights(point) -> np.ndarray | None:
    r"""Positive weights :math:`w' = \mathbf 1'(I - A)^{-1}` of a productive point matrix, or None."""
    if point is None:
        return None
    A0 = np.asarray(point, dtype=float)
    try:
        w = np.linalg.solve(np.eye(A0.shape[0]) - A0.T, np.ones(A0.shape[0]))
    except np.linalg.LinAlgError:
        return None
    return w if np.isfinite(w).all() and (w > 0).all() else None


def _productive(Ad: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    r"""Boolean mask of productive draws (spectral radius < 1), exactly, cheapest test first.

    For :math:`A \ge 0` and any :math:`w > 0`, :math:`\rho(A) \le \max_j (w'A)_j / w_j`
    (Collatz-Wielandt): column sums below 1 (:math:`w = \mathbf 1`) or, with the weights
    :math:`w' = \mathbf 1'(I - A_0)^{-1}` of the point matrix (for which
    :math:`(w'A_0)_j = w_j - 1 < w_j`), weighted column sums below :math:`w` prove
    productivity. The draws left are decided exactly by one solve: :math:`\rho(A) < 1`
    iff :math:`(I - A)z = \mathbf 1` has a positive solution. Draws with a negative cell
    (user samplers) fall back to the spectral radius.
    """
    fin = np.isfinite(Ad).all(axis=(1, 2))
    nonneg = (Ad >= 0).all(axis=(1, 2)) & fin
    ok = nonneg & (Ad.sum(axis=1) < 1).all(axis=1)
    if w is not None and not ok.all():
        rest = np.flatnonzero(nonneg & ~ok)
        if len(rest):
            ok[rest] = (np.einsum("i,cij->cj", w, Ad[rest]) < w[None, :]).all(axis=1)
    rest = np.flatnonzero(nonneg & ~ok)
    if len(rest):
        M = _ImA(Ad[rest])
        try:
            z = np.linalg.solve(M, np.ones((len(rest), Ad.shape[1], 1)))[:, :, 0]
            ok[rest] = np.isfinite(z).all(axis=1) & (z > 0).all(axis=1)
        except np.linalg.LinAlgError:
            for i in rest:
                ok[i] = spectral_radius(Ad[i]) < 1
    for i in np.flatnonzero(fin & ~nonneg):
        ok[i] = spectral_radius(Ad[i]) < 1
    return ok


def _chunk_size(n: int, draws: int) -> int:
    return int(max(1, min(draws, _CHUNK_BYTES // max(1, 8 * n * n * 3))))


def monte_carlo(sampler: Sampler, statistic: Callable[[np.ndarray], np.ndarray], n: int,
                uncertainty: Uncertainty, point: np.ndarray | None=None) -> tuple[np.ndarray, int]:
    """Run the Monte Carlo draws of a statistic of the coefficient matrix.

    ``statistic`` maps a ``(chunk, n, n)`` stack of productive ``A`` to a ``(chunk, m)``
    array; non-productive candidate draws are rejected and redrawn.

    Parameters
    ----------
    sampler : callable
        ``(rng, size) -> (size, n, n)`` coefficient draws (:func:`coefficient_sampler`).
    statistic : callable
        ``(chunk, n, n) -> (chunk, m)``.
    n : int
        The order of the matrices.
    uncertainty : Uncertainty
        ``draws``, ``seed`` and ``max_reject`` are used.
    point : ndarray, optional
        The unperturbed matrix; only speeds up the productivity test of each draw.

    Returns
    -------
    tuple of (ndarray, int)
        The ``(draws, m)`` results and the number of rejected (non-productive) candidates.

    Raises
    ------
    NotProductiveError
        When more than ``max_reject`` of the candidates are not productive (the error is too large for the table).

    Examples
    --------
    >>> from valuechain.iomath import output_multipliers
    >>> u = Uncertainty(draws=200, coef_cv=0.1)
    >>> A = np.array([[0.2, 0.3], [0.1, 0.4]])
    >>> res, rejected = monte_carlo(coefficient_sampler(A, u), output_multipliers, 2, u)
    >>> res.shape, rejected
    ((200, 2), 0)
    """
    u = uncertainty
    w = _weights(point)
    rng = np.random.default_rng(int(u.seed))
    chunk = _chunk_size(n, u.draws)
    out: list[np.ndarray] = []
    have = rejected = tried = 0
    while have < u.draws:
        size = min(chunk, u.draws - have)
        Ad = sampler(rng, size)
        ok = _productive(Ad, w)
        tried += size
        rejected += int((~ok).sum())
        if tried >= 20 and rejected > u.max_reject * tried:
            raise NotProductiveError(
                f"{rejected} of {tried} coefficient draws are not productive; the coefficient error "
                f"({u.coef_cv:g}) is too large for this table: use a smaller coef_cv or coef_dist='dirichlet'"
            )
        if not ok.all():
            Ad = Ad[ok]
        if len(Ad):
            out.append(np.asarray(statistic(Ad), dtype=float))
            have += len(Ad)
    res = np.concatenate(out, axis=0)[: u.draws]
    return res, rejected


def _ImA(Ad: np.ndarray) -> np.ndarray:
    M = np.negative(Ad)
    idx = np.arange(Ad.shape[1])
    M[:, idx, idx] += 1.0
    return M


#: above this size each draw's I - A is factorised once (LAPACK getrf) and both systems
#: are solved from the factors (getrs); numpy's stacked solve copies every matrix and
#: factorises it again for the transposed system (measured 3x slower at n = 300)
_STACKED_MAX_N = 64


def _solves(Ad: np.ndarray, D: np.ndarray | None = None, B: np.ndarray | None = None):
    """For a stack of coefficient draws, :math:`D'L` (``(c, k, n)``) and :math:`LB` (``(c, n, m)``).

    Small tables: one stacked ``numpy.linalg.solve`` per system on the ``(c, n, n)``
    array. Larger tables: one LU factorisation per draw shared by both systems.
    """
    c, n, _ = Ad.shape
    M = _ImA(Ad)
    if n <= _STACKED_MAX_N:
        left = right = None
        if D is not None:
            Mt = np.ascontiguousarray(np.swapaxes(M, 1, 2))
            left = np.swapaxes(np.linalg.solve(Mt, np.broadcast_to(D, (c,) + D.shape)), 1, 2)
        if B is not None:
            right = np.linalg.solve(M, np.broadcast_to(B, (c,) + B.shape))
        return left, right
    from scipy.linalg import lapack

    left = np.empty((c, D.shape[1], n)) if D is not None else None
    right = np.empty((c, n, B.shape[1])) if B is not None else None
    DF = np.asfortranarray(D) if D is not None else None
    BF = np.asfortranarray(B) if B is not None else None
    for s in range(c):
        # M[s].T is the Fortran-ordered transpose: factorise M' = P L U without a copy,
        # then M' U = D is getrs(trans=0) and M X = B is getrs(trans=1)
        lu, piv, info = lapack.dgetrf(M[s].T, overwrite_a=1)
        if info != 0:
            raise NotProductiveError("a coefficient draw makes I - A singular; use a smaller coefficient error")
        if D is not None:
            U, info = lapack.dgetrs(lu, piv, DF, trans=0)
            left[s] = U.T
        if B is not None:
            X, info = lapack.dgetrs(lu, piv, BF, trans=1)
            right[s] = X
    return left, right


def stacked_solves(Ad: np.ndarray, D: np.ndarray | None = None, B: np.ndarray | None = None) -> tuple[np.ndarray | None, np.ndarray | None]:
    """For a ``(c, n, n)`` stack of coefficient draws, :math:`D'(I-A^{(s)})^{-1}` (``(c, k, n)``)
    and :math:`(I-A^{(s)})^{-1}B` (``(c, n, m)``); ``None`` for a system not asked for.

    Batched: one stacked LAPACK solve per system for small :math:`n`, one LU
    factorisation per draw shared by both systems above; no inverse is formed.

    Parameters
    ----------
    Ad : ndarray, shape (c, n, n)
        A stack of coefficient draws :math:`A^{(s)}`.
    D : ndarray, shape (n, k), optional
        Left-hand weights (direct coefficients); ``None``: not solved.
    B : ndarray, shape (n, m), optional
        Right-hand sides (final demand); ``None``: not solved.

    Returns
    -------
    tuple of (ndarray or None, ndarray or None)
        :math:`D'(I-A^{(s)})^{-1}` of shape ``(c, k, n)`` and :math:`(I-A^{(s)})^{-1}B` of
        shape ``(c, n, m)``.

    Examples
    --------
    Output multipliers (``D`` = ones) of :math:`A = [[0.2, 0.3], [0.1, 0.4]]`: 0.7/0.45 and 1.1/0.45.

    >>> U, X = stacked_solves(np.array([[[0.2, 0.3], [0.1, 0.4]]]), D=np.ones((2, 1)))
    >>> np.round(U, 4), X
    (array([[[1.5556, 2.4444]]]), None)
    """
    Ad = np.asarray(Ad, dtype=float)
    if Ad.ndim != 3 or Ad.shape[1] != Ad.shape[2]:
        raise ValidationError(f"give a (draws, n, n) stack of coefficient matrices, got shape {Ad.shape}")
    return _solves(Ad, D=None if D is None else np.asarray(D, dtype=float), B=None if B is None else np.asarray(B, dtype=float))


def add_bands(point: pd.DataFrame, samples: np.ndarray, columns: Sequence[str], uncertainty: Uncertainty,
              *, rows: np.ndarray | Sequence[int] | None=None) -> pd.DataFrame:
    """Insert ``<column>_pXX`` after each of ``columns`` of ``point``.

    ``samples`` is ``(draws, len(rows), len(columns))`` (``rows``: a boolean mask or
    positions of ``point``'s rows that have draws; the others get NaN).

    Parameters
    ----------
    point : DataFrame
        The point result.
    samples : ndarray, shape (draws, len(rows), len(columns))
        The draws of each banded cell.
    columns : sequence of str
        Columns of ``point`` that get quantiles.
    uncertainty : Uncertainty
        ``quantiles`` gives the columns added (``_p05``, ``_p50``, ``_p95`` by default).
    rows : boolean mask or positions, optional
        Rows of ``point`` that have draws (the others get NaN); default all.

    Returns
    -------
    DataFrame
        ``point`` with ``<column>_pXX`` inserted after each banded column.

    Examples
    --------
    >>> point = pd.DataFrame({"sector": ["a", "b"], "m": [1.0, 2.0]})
    >>> draws = np.array([[[1.0], [2.0]], [[1.2], [2.2]], [[0.8], [1.8]]])
    >>> add_bands(point, draws, ["m"], Uncertainty())
      sector    m  m_p05  m_p50  m_p95
    0      a  1.0   0.82    1.0   1.18
    1      b  2.0   1.82    2.0   2.18
    """
    qs = np.quantile(samples, uncertainty.quantiles, axis=0)  # (q, rows, cols)
    df = point.copy()
    nrow = len(df)
    for k, col in enumerate(columns):
        pos = list(df.columns).index(col) + 1
        for j, suf in enumerate(uncertainty.suffixes):
            vals = np.full(nrow, np.nan)
            if rows is None:
                vals[:] = qs[j, :, k]
            else:
                vals[np.asarray(rows)] = qs[j, :, k]
            df.insert(pos + j, f"{col}{suf}", vals)
    return df


# ------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class UncertainResult(ResultMixin):
    """Point estimates with Monte Carlo quantiles (frozen).

    Attributes
    ----------
    table : DataFrame
        The point columns of the method and, after each banded column, its quantiles
        (``_p05``, ``_p50``, ``_p95``); key sectors add ``prob_key``, ``prob_backward``,
        ``prob_forward``, ``prob_weak``.
    what : str
        ``multipliers``, ``linkages``, ``key sectors``, ``impact`` or ``regional multipliers``.
    banded : tuple of str
        The columns that have quantiles.
    uncertainty : Uncertainty
    rejected : int
        Candidate draws rejected as not productive (and redrawn).

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> from valuechain import multipliers_uncertainty
    >>> r = multipliers_uncertainty(t, draws=200, coef_cv=0.1, seed=1)
    >>> r.what, r.banded
    ('multipliers', ('output', 'value_added'))
    >>> bool((r.table.output_p05 <= r.table.output).all() and (r.table.output <= r.table.output_p95).all())
    True
    """

    table: pd.DataFrame
    what: str
    banded: tuple
    uncertainty: Uncertainty
    rejected: int = 0
    flags: tuple = ()
    name: str = ""
    notes: tuple = ()
    samples: dict = field(default_factory=dict, repr=False)
    regional_effects: pd.DataFrame | None = None
    title: ClassVar[str] = "Monte Carlo uncertainty"

    def _title(self) -> str:
        return f"{self.what.capitalize()} with Monte Carlo bands"

    def _identity_rows(self) -> list[dict]:
        t = self.table
        rows = []
        sf = self.uncertainty.suffixes
        order = np.argsort(self.uncertainty.quantiles)
        gap = 0.0
        for c in self.banded:
            q = t[[f"{c}{sf[i]}" for i in order]].to_numpy(dtype=float)
            ok = ~np.isnan(q).any(axis=1)
            if ok.any():
                gap = max(gap, float(np.max(-np.diff(q[ok], axis=1), initial=0.0)))
        rows.append(identity_row("quantiles are ordered", gap, scale=1.0, rtol=1e-12))
        probs = [f"prob_{k}" for k in KEY_CLASSES]
        if all(p in t for p in probs):
            g = float((t[probs].sum(axis=1) - 1.0).abs().max())
            rows.append(identity_row("class probabilities sum to 1", g, scale=1.0, rtol=1e-12))
        return rows

    def _summary_lines(self) -> list[str]:
        u = self.uncertainty
        lines = [f"  {u.describe()}; {self.rejected} non-productive draws rejected and redrawn"]
        sf = u.suffixes
        lo, hi = sf[0], sf[-1]
        for c in self.banded[:4]:
            if f"{c}{lo}" in self.table:
                w = (self.table[f"{c}{hi}"] - self.table[f"{c}{lo}"]).abs()
                lines.append(f"  {c}: median width of the {lo[2:]}-{hi[2:]} band {np.nanmedian(w):.4g}")
        e = self.regional_effects
        if e is not None and len(e) and f"total{lo}" in e:
            last = e.iloc[-1]
            parts = [f"{k} {last[k]:,.6g} [{last[k + lo]:,.6g}, {last[k + hi]:,.6g}]"
                     for k in ("intraregional", "feedback", "spillover", "total")]
            lines.append(f"  output effects ({last['year']}), point [{lo[2:]}-{hi[2:]} %]: " + ", ".join(parts))
            lines.append(f"  spillover share {last['spillover_share_pct']:.1f} % "
                         f"[{last['spillover_share_pct' + lo]:.1f}, {last['spillover_share_pct' + hi]:.1f}]")
        if "prob_key" in self.table:
            unsure = int(((self.table[[f"prob_{k}" for k in KEY_CLASSES]].max(axis=1)) < 0.9).sum())
            lines.append(f"  industries whose class has a probability below 0.9: {unsure}")
        lines += [f"  note: {n}" for n in self.notes]
        return lines
