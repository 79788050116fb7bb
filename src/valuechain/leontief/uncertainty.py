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
from ..tables.iotable import IOTable
from .impact import impact
from .keysectors import KEY_CLASSES, key_sectors
from .linkages import LINKAGE_METHODS, linkages
from .multipliers import closed_model, direct_coefficients, multipliers

__all__ = [
    "Uncertainty",
    "UncertainResult",
    "COEF_DISTRIBUTIONS",
    "coefficient_sampler",
    "monte_carlo",
    "add_bands",
    "multipliers_uncertainty",
    "linkages_uncertainty",
    "key_sectors_uncertainty",
    "impact_uncertainty",
    "impact_samples",
    "multipliers_and_key_sectors_uncertainty",
    "stacked_solves",
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


def _settings(uncertainty, kw) -> Uncertainty:
    if uncertainty is None:
        return Uncertainty(**kw)
    if not isinstance(uncertainty, Uncertainty):
        raise TypeError(f"uncertainty must be an Uncertainty, got {type(uncertainty).__name__}")
    if kw:
        from dataclasses import replace

        return replace(uncertainty, **kw)
    return uncertainty


# ------------------------------------------------------------------------- draws
def coefficient_sampler(A, uncertainty: Uncertainty) -> Sampler:
    """A function ``(rng, size) -> (size, n, n)`` array of perturbed copies of ``A``.

    With ``coef_cv == 0`` every draw is ``A`` itself (no random numbers are used).
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
                uncertainty: Uncertainty, point=None) -> tuple[np.ndarray, int]:
    """Run the draws: ``statistic`` maps a ``(chunk, n, n)`` stack of productive ``A`` to
    a ``(chunk, m)`` array. Returns the ``(draws, m)`` results and the number of rejected
    (non-productive) candidate draws.

    Raises :class:`NotProductiveError` when more than ``max_reject`` of the candidates
    are not productive (the error is too large for the table). ``point`` (optional, the
    unperturbed matrix) only speeds up the productivity test of each draw.
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


def stacked_solves(Ad: np.ndarray, D: np.ndarray | None = None, B: np.ndarray | None = None):
    r"""For a ``(c, n, n)`` stack of coefficient draws, :math:`D'(I-A^{(s)})^{-1}` (``(c, k, n)``)
    and :math:`(I-A^{(s)})^{-1}B` (``(c, n, m)``); ``None`` for a system not asked for.

    Batched: one stacked LAPACK solve per system for small :math:`n`, one LU
    factorisation per draw shared by both systems above; no inverse is formed.
    """
    Ad = np.asarray(Ad, dtype=float)
    if Ad.ndim != 3 or Ad.shape[1] != Ad.shape[2]:
        raise ValidationError(f"give a (draws, n, n) stack of coefficient matrices, got shape {Ad.shape}")
    return _solves(Ad, D=None if D is None else np.asarray(D, dtype=float), B=None if B is None else np.asarray(B, dtype=float))


def add_bands(point: pd.DataFrame, samples: np.ndarray, columns: Sequence[str], uncertainty: Uncertainty,
              *, rows=None) -> pd.DataFrame:
    """Insert ``<column>_pXX`` after each of ``columns`` of ``point``.

    ``samples`` is ``(draws, len(rows), len(columns))`` (``rows``: a boolean mask or
    positions of ``point``'s rows that have draws; the others get NaN).
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


def _need(table, fn):
    if not isinstance(table, IOTable):
        raise TypeError(f"{fn} needs an IOTable, got {type(table).__name__}")
    return table


def _sampler_for(table: IOTable, u: Uncertainty, sampler) -> Sampler:
    return sampler if sampler is not None else coefficient_sampler(table.A, u)


def _flags(table: IOTable, u: Uncertainty) -> tuple:
    return tuple(table.flags)


# ------------------------------------------------------------------------- methods
def _closed(t: IOTable, household_income) -> np.ndarray:
    return closed_model(t, household_income=household_income).to_numpy(dtype=float)


def multipliers_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *, type: str = "I",
                            kind: str = "simple", household_income="compensation", sampler: Sampler | None = None,
                            **kwargs) -> UncertainResult:
    r"""Multipliers (Type I or II, simple or ratio) with Monte Carlo quantiles.

    Type I:

    .. math:: m^{(s)}_{k,j} = \sum_i d_{ki}\, l^{(s)}_{ij}, \qquad L^{(s)} = (I - A^{(s)})^{-1}

    for output (:math:`d = 1`), value added, income and employment. Type II draws the
    closed coefficients :math:`\bar A^{(s)}` (:func:`~valuechain.leontief.closed_model`:
    the household column :math:`c` and the compensation row :math:`h'` are perturbed
    with the same relative error as :math:`A`, cell by cell) and reads the multipliers
    off one left solve :math:`(I - \bar A^{(s)})'U = \bar D`: output, value added and
    employment sum over the industry rows of :math:`\bar L^{(s)}`, the income multiplier
    is its household row (Miller & Blair 2009, ch. 6), as
    :func:`~valuechain.leontief.multipliers` computes the point values. ``kind="ratio"``
    divides by the (fixed) direct coefficient. ``sampler`` (advanced) replaces the
    coefficient draws (for Type II it must draw the :math:`(n+1)`-square closed matrix).
    Keyword arguments set :class:`Uncertainty` fields (``draws=``, ``seed=``, ``coef_cv=``).
    Columns: ``sector``, then each multiplier followed by its ``_p05``, ``_p50``, ``_p95``.
    """
    t = _need(table, "multipliers_uncertainty")
    u = _settings(uncertainty, kwargs)
    typ = str(type).upper()
    point = multipliers(t, type=typ, kind=kind, household_income=household_income).reset_index()
    cols = [c for c in point.columns if c != "sector"]
    d = direct_coefficients(t)
    n = t.n
    D = np.column_stack([np.ones(n)] + [d[c].to_numpy() for c in cols if c != "output"])
    if typ == "II":
        Dbar = np.vstack([D, np.zeros((1, D.shape[1]))])
        if "income" in cols:  # the income multiplier is the household row of the closed inverse
            k = cols.index("income")
            Dbar[:, k] = 0.0
            Dbar[n, k] = 1.0
        smp = sampler if sampler is not None else coefficient_sampler(_closed(t, household_income), u)
        size = n + 1

        def stat(Ad):
            DL, _ = _solves(Ad, D=Dbar)  # (c, k, n + 1)
            return np.swapaxes(DL[:, :, :n], 1, 2).reshape(len(Ad), -1)
    else:
        smp, size = _sampler_for(t, u, sampler), n

        def stat(Ad):
            DL, _ = _solves(Ad, D=D)  # (c, k, n)
            return np.swapaxes(DL, 1, 2).reshape(len(Ad), -1)  # (c, n*k), industry-major

    S, rej = monte_carlo(smp, stat, size, u, point=_closed(t, household_income) if typ == "II" else t.A.to_numpy())
    S = S.reshape(u.draws, n, len(cols))
    if kind == "ratio":
        for k, c in enumerate(cols):
            if c != "output":
                dk = d[c].to_numpy()
                with np.errstate(divide="ignore", invalid="ignore"):
                    S[:, :, k] = np.where(dk != 0, S[:, :, k] / np.where(dk != 0, dk, 1.0), np.nan)
    df = add_bands(point, S, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "multipliers" if typ == "I" else "Type II multipliers", tuple(cols), u, rej, tuple(t.flags), t.name,
                           samples={"multipliers": S})


def _rasmussen_from(cs: np.ndarray, rs: np.ndarray) -> np.ndarray:
    n = cs.shape[1]
    tot = cs.sum(axis=1, keepdims=True)
    return np.stack([n * cs / tot, n * rs / tot], axis=2)  # (c, n, 2)


def _rasmussen_draws(Ad: np.ndarray) -> np.ndarray:
    n = Ad.shape[1]
    one = np.ones((n, 1))
    left, right = _solves(Ad, D=one, B=one)
    return _rasmussen_from(left[:, 0, :], right[:, :, 0])


def _norm_method(m) -> str:
    return str(m).strip().lower().replace("-", "_").replace(" ", "_")


def _methods(method) -> list[str]:
    ms = [method] if isinstance(method, str) else list(method)
    names: list[str] = []
    for m in ms:
        k = _norm_method(m)
        if k == "all":
            names.extend(LINKAGE_METHODS)
        elif k in LINKAGE_METHODS:
            names.append(k)
        else:
            raise ValidationError(f"unknown linkage method {m!r}; use one of {', '.join(LINKAGE_METHODS)} or all")
    names = list(dict.fromkeys(names))
    if not names:
        raise ValidationError("no linkage method given; use one of " + ", ".join(LINKAGE_METHODS) + " or all")
    return names


def _sdiv(a, b, fill=0.0):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b != 0, a / np.where(b != 0, b, 1.0), fill)


class _LinkageDraws:
    r"""Linkage measures of every :data:`LINKAGE_METHODS` entry for a stack of draws.

    Output :math:`x`, final demand :math:`y` and primary inputs :math:`p` keep their
    observed values (the weights of Hazari and Jones/Laumas); the draw changes
    :math:`A^{(s)}`, hence :math:`L^{(s)}`, :math:`B^{(s)} = \hat x^{-1}A^{(s)}\hat x` and
    :math:`G^{(s)} = \hat x^{-1}L^{(s)}\hat x`. Every measure is a closed form in
    :math:`\mathbf 1'L`, :math:`L\mathbf 1`, :math:`Lx`, :math:`w'L`, :math:`Lw`
    (:math:`w = y/\mathbf 1'y`) and, for the extraction measures and the Rasmussen CVs,
    :math:`\operatorname{diag} L` and the sums of squares of :math:`L`'s rows and columns
    (then :math:`L^{(s)}` itself is solved for, ``full``), exactly as
    :mod:`valuechain.leontief.linkages` computes the point values.
    """

    def __init__(self, t: IOTable, methods, full: bool):
        self.n = t.n
        self.x = t.x.to_numpy(dtype=float)
        imp = set(t.role("imports"))
        cols = [c for c in t.Y.columns if c not in imp]
        self.y = t.Y[cols].to_numpy(dtype=float).sum(axis=1) if cols else np.zeros(t.n)
        self.p = t.V.to_numpy(dtype=float).sum(axis=0) if t.V.shape[0] else self.x - t.Z.to_numpy(dtype=float).sum(axis=0)
        self.w = self.y / self.y.sum() if self.y.sum() > 0 else np.zeros(t.n)
        self.methods = list(methods)
        self.full = bool(full)

    def stats(self, Ad: np.ndarray) -> dict:
        n = self.n
        if self.full:
            _, L = _solves(Ad, B=np.eye(n))  # (c, n, n)
            st = {"cs": L.sum(axis=1), "rs": L.sum(axis=2), "Lx": L @ self.x, "wL": np.einsum("i,cij->cj", self.w, L),
                  "Lw": L @ self.w, "diag": np.diagonal(L, axis1=1, axis2=2).copy(),
                  "ssc": np.einsum("cij,cij->cj", L, L), "ssr": np.einsum("cij,cij->ci", L, L)}
            return st
        left, right = _solves(Ad, D=np.column_stack([np.ones(n), self.w]), B=np.column_stack([np.ones(n), self.x, self.w]))
        return {"cs": left[:, 0, :], "wL": left[:, 1, :], "rs": right[:, :, 0], "Lx": right[:, :, 1], "Lw": right[:, :, 2]}

    def measures(self, Ad: np.ndarray, st: dict, m: str) -> dict:
        """``{column: (c, n) array}`` in the column order of the point function."""
        n, x = self.n, self.x
        cs = st["cs"]
        if m == "chenery_watanabe":
            return {"chenery_watanabe_backward": Ad.sum(axis=1), "chenery_watanabe_forward": _sdiv(Ad @ x, x)}
        if m == "rasmussen":
            tot = cs.sum(axis=1, keepdims=True)
            out = {"rasmussen_backward": n * cs / tot, "rasmussen_forward": n * st["rs"] / tot}
            if "ssc" in st:
                mc, mr = cs / n, st["rs"] / n
                vc = np.maximum(st["ssc"] - n * mc**2, 0.0) / (n - 1)
                vr = np.maximum(st["ssr"] - n * mr**2, 0.0) / (n - 1)
                out["rasmussen_backward_cv"] = _sdiv(np.sqrt(vc), mc, np.nan)
                out["rasmussen_forward_cv"] = _sdiv(np.sqrt(vr), mr, np.nan)
            return out
        gs = _sdiv(st["Lx"], x, 1.0)
        if m == "total":
            return {"total_backward": cs, "total_forward": gs}
        if m == "hazari":
            wl, lw = st["wL"], st["Lw"]
            return {"hazari_backward": n * wl / wl.sum(axis=1, keepdims=True),
                    "hazari_forward": n * lw / lw.sum(axis=1, keepdims=True)}
        if m == "jones":
            b = (self.y / self.y.sum()) * cs
            f = (self.p / self.p.sum()) * gs
            return {"jones_backward": b / b.mean(axis=1, keepdims=True), "jones_forward": f / f.mean(axis=1, keepdims=True)}
        if m == "extraction":
            d = st["diag"]
            return {"extraction_backward": _sdiv(x * (cs - 1.0), d), "extraction_forward": _sdiv(x * (gs - 1.0), d),
                    "extraction_total": _sdiv(x * cs, d)}
        raise ValidationError(f"unknown linkage method {m!r}")  # pragma: no cover - checked by _methods

    def columns(self, Ad: np.ndarray) -> dict:
        st = self.stats(Ad)
        out: dict = {}
        for m in self.methods:
            out.update(self.measures(Ad, st, m))
        return out


def linkages_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *, method="all",
                         sampler: Sampler | None = None, **kwargs) -> UncertainResult:
    r"""Backward and forward linkages of any method with Monte Carlo quantiles.

    ``method``: ``"all"`` (default), one of :data:`~valuechain.leontief.LINKAGE_METHODS`
    or a list, as in :func:`~valuechain.leontief.linkages`. Every column of the point
    result (``<method>_backward``, ``<method>_forward``, the Rasmussen CVs,
    ``extraction_total``) gains ``_p05``, ``_p50``, ``_p95``. For Rasmussen's indices

    .. math:: U^{(s)}_{\cdot j} = \frac{n\,\mathbf 1' L^{(s)} e_j}{\mathbf 1' L^{(s)} \mathbf 1}, \qquad
              U^{(s)}_{i \cdot} = \frac{n\, e_i' L^{(s)} \mathbf 1}{\mathbf 1' L^{(s)} \mathbf 1}

    and the other measures by the same formulas as the point values with
    :math:`A^{(s)}` in place of :math:`A` (output, final demand and primary inputs,
    the weights, fixed). The CVs and the extraction measures need each draw's whole
    :math:`L^{(s)}` (one solve with :math:`n` right-hand sides); the others two solves
    with at most three.
    """
    t = _need(table, "linkages_uncertainty")
    u = _settings(uncertainty, kwargs)
    names = _methods(method)
    point = linkages(t, method=names).reset_index()
    ld = _LinkageDraws(t, names, full=bool({"rasmussen", "extraction"} & set(names)))
    cols = [c for c in point.columns if c != "sector"]

    def stat(Ad):
        d = ld.columns(Ad)
        return np.stack([d[c] for c in cols], axis=2).reshape(len(Ad), -1)

    S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, t.n, u)
    S = S.reshape(u.draws, t.n, len(cols))
    df = add_bands(point, S, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "linkages", tuple(cols), u, rej, tuple(t.flags), t.name, samples={"linkages": S})


def _cv_thresholds(cv: np.ndarray, cv_filter) -> np.ndarray:
    """Per-draw CV threshold (``(draws, 1)``) as :func:`~valuechain.leontief.key_sectors` sets it."""
    if cv_filter == "median":
        return np.nanmedian(cv, axis=1, keepdims=True)
    return np.full((cv.shape[0], 1), float(cv_filter))


def key_sectors_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *, backward: str = "rasmussen",
                            forward: str | None = None, cv_filter=None, exclude: Sequence[str] = (),
                            sampler: Sampler | None = None, **kwargs) -> UncertainResult:
    r"""Key sectors with the probability of each class over the draws.

    In each draw every industry is classified exactly as
    :func:`~valuechain.leontief.key_sectors` does with the same ``backward``,
    ``forward``, ``cv_filter`` and ``exclude``: the measures of the draw divided by
    their average over all industries, :math:`\tilde b^{(s)}_j = b^{(s)}_j/\bar b^{(s)}`;
    with a CV filter a linkage counts as strong only when the draw's Rasmussen CV is at
    most the threshold (a number, or the draw's median CV over the classified
    industries); then key when both are strong and above 1, backward, forward, weak.
    ``prob_<class>`` is the share of draws in that class. The point columns are those of
    :func:`~valuechain.leontief.key_sectors` (``class`` is the point class), with
    quantiles of ``backward_norm``, ``forward_norm``, the two measures and (with a CV
    filter) the Rasmussen CVs.
    """
    t = _need(table, "key_sectors_uncertainty")
    u = _settings(uncertainty, kwargs)
    point = key_sectors(t, backward=backward, forward=forward, cv_filter=cv_filter, exclude=exclude)
    bm, fm = point.backward_method, point.forward_method
    n = t.n
    if (bm, fm) == ("rasmussen", "rasmussen") and cv_filter is None:
        S, rej = monte_carlo(_sampler_for(t, u, sampler), lambda Ad: _rasmussen_draws(Ad).reshape(len(Ad), -1), n, u)
        R = S.reshape(u.draws, n, 2)
        return _key_sectors_result(t, u, R, rej, exclude, point=point, raw=R, raw_cols=("rasmussen_backward", "rasmussen_forward"))
    cvf = cv_filter is not None
    ld = _LinkageDraws(t, list(dict.fromkeys([bm, fm])), full=cvf or "extraction" in (bm, fm))
    bcol, fcol = f"{bm}_backward", f"{fm}_forward"

    def stat(Ad):
        d = ld.columns(Ad)
        parts = [d[bcol], d[fcol]]
        if cvf:
            nanv = np.full(d[bcol].shape, np.nan)
            parts += [d["rasmussen_backward_cv"] if bm == "rasmussen" else nanv,
                      d["rasmussen_forward_cv"] if fm == "rasmussen" else nanv]
        return np.stack(parts, axis=2).reshape(len(Ad), -1)

    S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, n, u)
    S = S.reshape(u.draws, n, 4 if cvf else 2)
    b, f = S[:, :, 0], S[:, :, 1]
    R = np.stack([b / b.mean(axis=1, keepdims=True), f / f.mean(axis=1, keepdims=True)], axis=2)
    ok = None
    raw, raw_cols = S[:, :, :2], [bcol, fcol]
    if cvf:
        cvc = [k for k, m in ((2, bm), (3, fm)) if m == "rasmussen"]
        raw = np.concatenate([raw, S[:, :, cvc]], axis=2)
        raw_cols += [c for c, m in (("rasmussen_backward_cv", bm), ("rasmussen_forward_cv", fm)) if m == "rasmussen"]
        keep = ~pd.Index(t.industries).isin(list(map(str, exclude)))
        ok = np.ones((u.draws, n, 2), dtype=bool)
        for k, m in ((0, bm), (1, fm)):
            if m == "rasmussen":
                cv = S[:, :, 2 + k]
                thr = _cv_thresholds(cv[:, keep], cv_filter)
                ok[:, :, k] = cv <= thr
    return _key_sectors_result(t, u, R, rej, exclude, point=point, ok=ok, raw=raw, raw_cols=raw_cols)


def _key_sectors_result(t: IOTable, u: Uncertainty, S: np.ndarray, rej: int, exclude, *, point=None,
                        ok: np.ndarray | None = None, raw: np.ndarray | None = None, raw_cols=()) -> UncertainResult:
    res = point if point is not None else key_sectors(t, exclude=exclude)
    point = res.table.copy()
    keep = ~pd.Index(t.industries).isin(list(map(str, exclude)))
    Sk = S[:, keep, :]
    b, f = Sk[:, :, 0] > 1.0, Sk[:, :, 1] > 1.0
    if ok is not None:
        b &= ok[:, keep, 0]
        f &= ok[:, keep, 1]
    probs = {
        "prob_key": (b & f).mean(axis=0),
        "prob_backward": (b & ~f).mean(axis=0),
        "prob_forward": (~b & f).mean(axis=0),
        "prob_weak": (~b & ~f).mean(axis=0),
    }
    point = point.drop(columns=[c for c in ("note",) if c in point])
    banded = ["backward_norm", "forward_norm"]
    if raw is not None and len(raw_cols):
        Sk = np.concatenate([Sk, raw[:, keep, :]], axis=2)
        banded += list(raw_cols)
    df = add_bands(point, Sk, banded, u)
    pos = list(df.columns).index("class") + 1
    for i, (k, v) in enumerate(probs.items()):
        df.insert(pos + i, k, v)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "key sectors", tuple(banded), u, rej, tuple(t.flags), t.name,
                           samples={"norms": Sk[:, :, :2], "measures": Sk[:, :, 2:]})


def impact_samples(point: pd.DataFrame, names, D: np.ndarray, B: np.ndarray, X1: np.ndarray,
                   X2: np.ndarray | None = None) -> tuple[list, np.ndarray]:
    """Draws of every ``_indirect``/``_induced``/``_total`` cell of a single-region impact table.

    ``B`` the ``(n, Y)`` shock vectors (one per year block), ``X1`` (``X2``) the
    ``(draws, n, Y)`` Type I (Type II) outputs, ``D`` the ``(n, k)`` direct
    coefficients of ``names``. The rows follow :func:`~valuechain.leontief.impact`'s
    layout: per year block the industries then a total row, and an overall total block
    (the sum of the years) when there is more than one block or a ``year`` column.
    """
    parts = ("indirect", "induced", "total") if X2 is not None else ("indirect", "total")
    cols = [f"{ind}_{p}" for ind in names for p in parts]
    draws, n, Y = X1.shape
    samples = np.empty((draws, len(point), len(cols)))
    blocks = [(X1[:, :, y], None if X2 is None else X2[:, :, y], B[:, y]) for y in range(Y)]
    if "year" in point.columns:
        blocks.append((X1.sum(axis=2), None if X2 is None else X2.sum(axis=2), B.sum(axis=1)))
    if len(point) != len(blocks) * (n + 1):  # pragma: no cover - layout guard
        raise ValidationError("the impact table does not have the expected layout")
    r0 = 0
    for x1, x2, b in blocks:
        for k, ind in enumerate(names):
            dk = D[:, k][None, :]
            vals = {"indirect": (x1 - b[None, :]) * dk, "total": (x2 if x2 is not None else x1) * dk}
            if x2 is not None:
                vals["induced"] = (x2 - x1) * dk
            for p, v in vals.items():
                j = cols.index(f"{ind}_{p}")
                samples[:, r0:r0 + n, j] = v
                samples[:, r0 + n, j] = v.sum(axis=1)
        r0 += n + 1
    return cols, samples


def impact_uncertainty(table: IOTable, shock, uncertainty: Uncertainty | None = None, *, type: str = "I",
                       household_income="compensation", sampler: Sampler | None = None, **kwargs) -> UncertainResult:
    r"""Impact (:func:`~valuechain.leontief.impact`, Type I or II) with Monte Carlo quantiles.

    Type I: each draw solves :math:`x^{(s)} = (I - A^{(s)})^{-1} \Delta y` for every year
    of the shock at once. Type II: each draw perturbs the closed coefficients
    :math:`\bar A^{(s)}` (household row and column included) and solves both
    :math:`(I - \bar A^{(s)}) (x^{II}, x_{n+1})' = (\Delta y, 0)'` and, with the same
    draw's industry block :math:`A^{(s)} = \bar A^{(s)}_{11}`, the Type I system, so that
    the induced effect :math:`d \circ (x^{II} - x^{I})` is consistent within the draw.
    The ``_indirect``, ``_induced`` (Type II) and ``_total`` columns of every indicator get
    quantiles (the direct effect is the shock itself and has none).
    """
    t = _need(table, "impact_uncertainty")
    u = _settings(uncertainty, kwargs)
    typ = str(type).upper()
    res = impact(t, shock, type=typ, household_income=household_income)
    point = res.table
    multi = "year" in point.columns
    names = res.indicators
    D = np.column_stack([np.ones(t.n)] + [direct_coefficients(t)[c].to_numpy() for c in names if c != "output"])
    # the shock vectors, one per year block (not the total block)
    blocks = [y for y in point["year"].unique() if y != "total"] if multi else [None]
    dy = []
    for y in blocks:
        part = point if y is None else point[point["year"] == y]
        dy.append(part[part["industry"] != "total"]["output_direct"].to_numpy())
    B = np.column_stack(dy)  # (n, Y)
    n, Y = t.n, B.shape[1]
    if typ == "II":
        smp = sampler if sampler is not None else coefficient_sampler(_closed(t, household_income), u)
        Bbar = np.vstack([B, np.zeros((1, Y))])

        def stat(Ad):
            _, X2 = _solves(Ad, B=Bbar)  # (c, n + 1, Y)
            _, X1 = _solves(np.ascontiguousarray(Ad[:, :n, :n]), B=B)
            return np.concatenate([X1, X2[:, :n, :]], axis=2).reshape(len(Ad), -1)

        S, rej = monte_carlo(smp, stat, n + 1, u, point=_closed(t, household_income))
        S = S.reshape(u.draws, n, 2 * Y)
        X1, X2 = S[:, :, :Y], S[:, :, Y:]
    else:
        def stat(Ad):
            _, X = _solves(Ad, B=B)  # (c, n, Y)
            return X.reshape(len(Ad), -1)

        S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, n, u)
        X1, X2 = S.reshape(u.draws, n, Y), None
    cols, samples = impact_samples(point, names, D, B, X1, X2)
    df = add_bands(point, samples, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    return UncertainResult(df, "impact" if typ == "I" else "Type II impact", tuple(cols), u, rej, tuple(t.flags), t.name,
                           samples={"impact": samples})


def multipliers_and_key_sectors_uncertainty(table: IOTable, uncertainty: Uncertainty | None = None, *,
                                            exclude: Sequence[str] = (), sampler: Sampler | None = None,
                                            **kwargs) -> tuple[UncertainResult, UncertainResult]:
    r"""Multipliers and key sectors from the **same** draws (one factorisation per draw).

    The output multipliers are the column sums :math:`\mathbf 1'L^{(s)}` that Rasmussen's
    backward index needs, so one left solve :math:`(I-A^{(s)})'U = [\mathbf 1, v, h, e]`
    and one right solve :math:`(I-A^{(s)})w = \mathbf 1` give both results. Returns
    ``(multipliers result, key-sectors result)``, equal to
    :func:`multipliers_uncertainty` and :func:`key_sectors_uncertainty` run with the same
    seed on the same draws.
    """
    t = _need(table, "multipliers_and_key_sectors_uncertainty")
    u = _settings(uncertainty, kwargs)
    point = multipliers(t).reset_index()
    cols = [c for c in point.columns if c != "sector"]
    d = direct_coefficients(t)
    D = np.column_stack([np.ones(t.n)] + [d[c].to_numpy() for c in cols if c != "output"])
    k, n = len(cols), t.n

    def stat(Ad):
        DL, w = _solves(Ad, D=D, B=np.ones((n, 1)))
        return np.concatenate([np.swapaxes(DL, 1, 2).reshape(len(Ad), -1), w[:, :, 0]], axis=1)

    S, rej = monte_carlo(_sampler_for(t, u, sampler), stat, n, u)
    M = S[:, : n * k].reshape(u.draws, n, k)
    df = add_bands(point, M, cols, u)
    if t.flags:
        df["note"] = "; ".join(t.flags)
    mres = UncertainResult(df, "multipliers", tuple(cols), u, rej, tuple(t.flags), t.name, samples={"multipliers": M})
    R = _rasmussen_from(M[:, :, 0], S[:, n * k:])
    kres = _key_sectors_result(t, u, R, rej, exclude, raw=R, raw_cols=("rasmussen_backward", "rasmussen_forward"))
    return mres, kres
