"""Economic complexity: diversity, ubiquity, ECI and PCI.

Two methods, both vectorised over years (one call handles a 30-year panel):

* ``"eigenvector"`` (default): the ECI is the eigenvector of the country-country matrix
  :math:`\\tilde M = D^{-1} M U^{-1} M^\\top` that belongs to its second largest eigenvalue
  (Hausmann, Hidalgo et al. 2011; Mealy, Farmer & Teytelboym 2019). It is computed from the
  *symmetric* similar matrix on the smaller side (countries or products), built from sparse
  matrices for all years at once, and the batch of small dense symmetric matrices is
  diagonalised in one ``numpy.linalg.eigh`` call.
* ``"reflections"``: the method of reflections of Hidalgo & Hausmann (2009), iterated with
  sparse products until the standardised vectors stop changing (it converges to the same
  vector as the eigenvector method).

Conventions (explicit keyword parameters):

* ``threshold=1.0`` and ``inclusive=True``: :math:`M_{cp} = 1` when :math:`RCA_{cp} \\ge 1`
  (py-ecomplexity and the Atlas use ``>=``); ``inclusive=False`` uses ``>``.
* ``sign="diversity"``: the sign of each year's eigenvector is chosen so that the ECI
  correlates positively with diversity (py-ecomplexity's rule); ``sign="ubiquity"`` chooses
  it so that the PCI correlates negatively with ubiquity. When that correlation is zero
  (ties) the other rule decides, and if it is zero too, the first country in label order
  with a non-zero ECI gets a positive ECI (a deterministic convention).
* ``normalize="zscore"``: ECI and PCI are each standardised to mean 0 and standard
  deviation 1 within the year (the Atlas of Economic Complexity); ``normalize="eci"``
  standardises both with the ECI's mean and standard deviation (py-ecomplexity and the
  Stata ``ecomplexity`` package), which keeps the identity "ECI = mean PCI of the products
  a country exports"; ``ddof=0`` (population standard deviation, as numpy and
  py-ecomplexity).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..errors import ConvergenceError, ValidationError, ValuechainWarning
from ..results import ResultMixin, identity_row
from ..tables.trade.flows import flows_table, is_synthetic

__all__ = [
    "ComplexityResult",
    "economic_complexity",
    "complexity_from_mcp",
    "diversity_ubiquity",
    "normalise_years",
]

_METHODS = ("eigenvector", "reflections")
_SIGNS = ("diversity", "ubiquity")
_NORMS = ("zscore", "eci")


# --------------------------------------------------------------------------- input
def normalise_years(years=None, *, year=None, stacklevel: int = 3):
    """``years=`` as a sorted list of ints (or None); the old keyword ``year=`` still works.

    ``year=`` (the name before valuechain 0.x) gives a :class:`DeprecationWarning`; giving
    both is an error.

    Parameters
    ----------
    years : int or sequence of int, optional
        A year or years (any iterable of values ``int()`` accepts).
    year : int or sequence of int, optional
        The deprecated name of ``years``.
    stacklevel : int, default 3
        Where the deprecation warning points (the caller of the public function).

    Returns
    -------
    list of int or None
        The years, sorted and unique; None when neither is given (every year).

    Raises
    ------
    ValidationError
        If both are given, or a value is not a year.

    Examples
    --------
    >>> normalise_years([2021, 2019, 2021]), normalise_years(2020), normalise_years(None)
    ([2019, 2021], [2020], None)
    """
    if year is not None:
        if years is not None:
            raise ValidationError("give years= only (year= is its old, deprecated name)")
        warnings.warn("year= is deprecated; use years= (the same values)", DeprecationWarning, stacklevel=stacklevel)
        years = year
    if years is None:
        return None
    try:
        out = sorted({int(y) for y in np.atleast_1d(years)})
    except (TypeError, ValueError):
        raise ValidationError(f"years={years!r} must be a year or a list of years, e.g. years=[2019, 2021]") from None
    return out


def _to_pandas(expr) -> pd.DataFrame:
    from ..tables.trade.engine import to_pandas

    return to_pandas(expr)


def _check_columns(t, needed: tuple[str, ...]) -> None:
    missing = [c for c in needed if c not in t.columns]
    if missing:
        raise ValidationError(
            f"flows lack the column(s) {', '.join(missing)}; they need {', '.join(needed)} "
            "(rename them or read the file with valuechain's readers)"
        )


def _mcp_pairs(flows, *, threshold: float, inclusive: bool, years=None, world=None):
    """Exporter x product x year RCA and Mcp computed in the engine (``trade.rca.rca_expr``).

    Returns ``(pairs, countries, products)``: the (year, exporter, product) pairs with
    ``M = 1`` and their RCA; every (year, exporter) and (year, product) with positive exports.
    """
    from ..trade.rca import rca_expr

    t = flows_table(flows)
    _check_columns(t, ("year", "exporter", "product", "value"))
    if years is not None:
        years = [int(y) for y in np.atleast_1d(years)]
        t = t.filter(t.year.isin(years))
    t = t.filter(t.value > 0)
    x = rca_expr(t, world=world, threshold=threshold, inclusive=inclusive)
    x = x.filter(x.rca.notnull())  # products without a world total are left out
    try:  # materialise the RCA table once in the engine (three small queries follow)
        x = x.cache()
    except Exception:  # pragma: no cover - a backend without caching recomputes it
        pass
    from ..tables.trade.engine import backend_of

    run = backend_of(x).execute  # unsorted: the pairs are indexed, not read in order
    pairs = run(x.filter(x.mcp == 1).select("year", "exporter", "product", "rca"))
    countries = run(x.select("year", "exporter").distinct())
    products = run(x.select("year", "product").distinct())
    if countries.empty:
        raise ValidationError(
            "no positive export value in the flows" + (f" for the year(s) {years}" if years else "")
            + "; check the year range and the value column"
        )
    return pairs, countries, products


# --------------------------------------------------------------------------- core
def diversity_ubiquity(mcp: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Diversity :math:`k_{c,0}` and ubiquity :math:`k_{p,0}` from a long Mcp table.

    Parameters
    ----------
    mcp : DataFrame
        Columns ``year, exporter, product, mcp`` (0/1); rows with ``mcp == 0`` may be
        omitted.

    Returns
    -------
    (countries, products) : DataFrames with ``year, country, diversity`` and
        ``year, product, ubiquity``.

    Notes
    -----
    .. math:: k_{c,0} = \\sum_p M_{cp}, \\qquad k_{p,0} = \\sum_c M_{cp}

    References
    ----------
    Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity.
    PNAS 106(26), 10570-10575, eq. (1)-(2).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"year": 2000, "exporter": list("AAAABBBCCD"), "product": list("wxyzxyzxyx")})
    >>> countries, products = diversity_ubiquity(m.assign(mcp=1))
    >>> countries["diversity"].tolist(), products["ubiquity"].tolist()
    ([4, 3, 2, 1], [1, 4, 3, 2])
    """
    m = mcp[mcp["mcp"] > 0] if "mcp" in mcp else mcp
    d = m.groupby(["year", "exporter"]).size().rename("diversity").reset_index()
    u = m.groupby(["year", "product"]).size().rename("ubiquity").reset_index()
    return d.rename(columns={"exporter": "country"}), u


def _group_std(values: np.ndarray, groups: np.ndarray, ngroups: int, ddof: int):
    ok = np.isfinite(values)
    w = ok.astype(float)
    v = np.where(ok, values, 0.0)
    n = np.bincount(groups, weights=w, minlength=ngroups)
    mean = np.bincount(groups, weights=v, minlength=ngroups) / np.maximum(n, 1)
    dev = np.where(ok, values - mean[groups], 0.0)
    var = np.bincount(groups, weights=dev * dev, minlength=ngroups) / np.maximum(n - ddof, 1)
    return mean, np.sqrt(var)


def _table_ok(size: int, n: int) -> bool:
    """Whether a table over the key range ``[0, size)`` is small enough (beside ``n`` keys) to replace a sort."""
    return size <= max(1 << 26, 8 * n)


def _has_repeats(keys: np.ndarray, size: int) -> bool:
    """Whether integer ``keys`` in ``[0, size)`` repeat (a table of the seen keys; a sort for wide ranges)."""
    if not _table_ok(size, len(keys)):
        return len(np.unique(keys)) < len(keys)
    seen = np.zeros(size, dtype=bool)
    seen[keys] = True
    return int(np.count_nonzero(seen)) < len(keys)


def _unique_inverse(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True)`` for integer ``keys`` in ``[0, size)``: the same arrays, from a
    table of the seen keys instead of a sort (a sort for wide ranges)."""
    if not _table_ok(size, len(keys)):
        u, inv = np.unique(keys, return_inverse=True)
        return u, inv.reshape(-1)
    seen = np.zeros(size, dtype=bool)
    seen[keys] = True
    rank = np.cumsum(seen, dtype=np.intp) - 1
    return np.flatnonzero(seen).astype(keys.dtype, copy=False), rank[keys]


def _eigen_kp(M, rg, cg, D, U, ny, side):
    """Product vector kp (any scale and shift) from the symmetric form, all years at once."""
    dr = 1.0 / np.sqrt(D)
    uc = 1.0 / np.sqrt(U)
    # D^-1/2 M U^-1/2 scaled in place of M's entries: the entries (and their order) of
    # diags(dr) @ M @ diags(uc), without two sparse products
    rows = np.repeat(np.arange(M.shape[0]), np.diff(M.indptr))
    A = sp.csr_matrix(((dr[rows] * M.data) * uc[M.indices], M.indices.copy(), M.indptr.copy()), shape=M.shape)
    if side == "countries":
        S = (A @ A.T).tocoo()  # D^-1/2 M U^-1 M' D^-1/2, similar to D^-1 M U^-1 M'
        grp = rg
    else:
        S = (A.T @ A).tocoo()  # U^-1/2 M' D^-1 M U^-1/2, similar to U^-1 M' D^-1 M
        grp = cg
    local = np.zeros_like(grp)
    order = np.argsort(grp, kind="stable")
    counts = np.bincount(grp, minlength=ny)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    local[order] = np.arange(grp.size) - np.repeat(starts, counts)
    nmax = int(counts.max())
    # pad with -1 on the diagonal: S is positive semi-definite, so padding never
    # reaches the top two eigenvalues
    batch = np.zeros((ny, nmax, nmax))
    real = np.arange(nmax)[None, :] < counts[:, None]
    batch[:, np.arange(nmax), np.arange(nmax)] = np.where(real, 0.0, -1.0)
    batch[grp[S.row], local[S.row], local[S.col]] = S.data
    w, V = _eigh_small(batch)
    lam2 = w[:, -2]
    lam3 = w[:, -3] if nmax >= 3 else np.full(ny, np.nan)
    v2 = V[:, :, -2]  # (ny, nmax)
    vec = v2[grp, local]
    if side == "countries":
        kc = vec * dr  # D^-1/2 v is an eigenvector of D^-1 M U^-1 M'
        kp = (M.T @ kc) / U  # U^-1 M' kc = lambda * kp
    else:
        kp = vec * uc
    return kp, lam2, np.where(lam3 < -0.5, np.nan, lam3)


def _eigh_small(batch: np.ndarray):
    """``numpy.linalg.eigh`` of a stack of small matrices, on one BLAS thread when they are small.

    Multi-threaded LAPACK on a few hundred rows gains nothing and, on a busy machine, spins:
    a 226 x 226 ``eigh`` took 1.5-1.9 s with 2 OpenBLAS threads and 0.02 s with one (measured
    on the shared 2-core development machine under load). Needs ``threadpoolctl`` (installed
    with scikit-learn); without it the call is unchanged.
    """
    if batch.shape[-1] > 2000:
        return np.linalg.eigh(batch)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return np.linalg.eigh(batch)
    with threadpool_limits(limits=1, user_api="blas"):
        return np.linalg.eigh(batch)


def _reflections_kp(M, rg, cg, D, U, ny, *, ddof, tol, max_iter):
    """Method of reflections, standardised each round so it converges (all years at once)."""
    MT = M.T.tocsr()
    kc = D.copy()  # k_{c,0} = diversity
    prev = None
    for it in range(1, max_iter + 1):
        kp = (MT @ kc) / U  # k_{p,N} = 1/k_{p,0} sum_c M_cp k_{c,N-1}
        kc = (M @ kp) / D  # k_{c,N+1} = 1/k_{c,0} sum_p M_cp k_{p,N}
        mean, sd = _group_std(kc, rg, ny, ddof)
        sd_safe = np.where(sd > 0, sd, 1.0)
        kc = (kc - mean[rg]) / sd_safe[rg]
        if prev is not None:
            delta = np.abs(kc - prev)
            if delta.size == 0 or np.nanmax(delta) < tol:
                return (MT @ kc) / U, it
            # the sign of the second eigenvector can flip when lambda_2 < 0; not for
            # an M~ with non-negative spectrum, so no sign correction is needed here
        prev = kc
    raise ConvergenceError(
        f"the method of reflections did not converge in {max_iter} rounds (tol={tol:g}); "
        "raise max_iter or use method='eigenvector'"
    )


@dataclass(frozen=True, eq=False)
class ComplexityResult(ResultMixin):
    """ECI / PCI with diversity and ubiquity by year.

    Attributes
    ----------
    countries : DataFrame
        ``year, country, eci, diversity`` (one row per exporter with positive exports).
    products : DataFrame
        ``year, product, pci, ubiquity``.
    eigenvalues : DataFrame
        ``year, lambda2, lambda3`` (the second and third eigenvalues of :math:`\\tilde M`;
        a small gap means the ECI ranking is poorly determined; eigenvector method)
        or ``year, iterations`` (reflections).
    mcp : DataFrame
        The (year, exporter, product) pairs with :math:`M_{cp} = 1` and their RCA.
    params : dict
        The conventions used (method, threshold, inclusive, sign, normalize, ddof).
    flags : tuple of str
        Provenance flags (e.g. ``"synthetic"``) carried from the input.

    Notes
    -----
    Built by :func:`economic_complexity` (or :func:`complexity_from_mcp`): with
    :math:`\\tilde M_{cc'} = \\sum_p M_{cp} M_{c'p} / (k_{c,0}\\, k_{p,0})`, ECI is the
    standardised eigenvector of its second largest eigenvalue and PCI the same for products.

    References
    ----------
    .. [1] Hidalgo, C. A. and Hausmann, R. (2009). The building blocks of economic
       complexity. *Proceedings of the National Academy of Sciences* 106(26), 10570-10575.

    .. [2] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*.
       MIT Press, Cambridge, MA.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> r = economic_complexity(f)    # M = 1 for A{x, y}, B{y, z}, C{x}
    >>> r.countries.round(3)
       year country    eci  diversity
    0  2000       A -0.191          2
    1  2000       B  1.309          2
    2  2000       C -1.118          1
    >>> r.products["ubiquity"].tolist()
    [2, 2, 1]
    """

    countries: pd.DataFrame
    products: pd.DataFrame
    eigenvalues: pd.DataFrame
    mcp: pd.DataFrame
    params: dict = field(default_factory=dict)
    flags: tuple[str, ...] = ()

    title = "Economic complexity"

    @property
    def table(self) -> pd.DataFrame:
        """The tidy country table (``year, country, eci, diversity``)."""
        return self.countries

    def _size(self) -> str:
        years = sorted(self.countries["year"].unique())
        span = f"years {years[0]}-{years[-1]} ({len(years)}), " if years else ""
        return f"{span}countries {self.countries['country'].nunique()}, products {self.products['product'].nunique()}"

    def _summary_lines(self) -> list[str]:
        p = self.params
        lines = [f"{p.get('method')}; M=1 if RCA {'>=' if p.get('inclusive') else '>'} {p.get('threshold')}; "
                 f"sign: {p.get('sign')}; normalize: {p.get('normalize')}"]
        years = sorted(self.countries["year"].unique())
        if years:
            last = self.countries[self.countries["year"] == years[-1]].sort_values("eci", ascending=False)
            lines.append(f"top ECI {years[-1]}: " + ", ".join(f"{c} {e:.2f}" for c, e in zip(last["country"][:5], last["eci"][:5])))
        return lines

    def max_identity_error(self) -> float:
        """Largest deviation from the identity "ECI = standardised mean PCI of exports".

        For every year, the mean PCI over the products a country exports with
        :math:`M_{cp}=1`, standardised across countries, equals the ECI (exactly for the
        eigenvector method; to the convergence tolerance for reflections). Before 0.2
        this float was what ``check()`` returned; ``check()`` now returns the identity table.
        """
        m = self.mcp.merge(self.products[["year", "product", "pci"]], on=["year", "product"])
        avg = m.groupby(["year", "exporter"])["pci"].mean().rename("avg").reset_index()
        c = self.countries.merge(avg, left_on=["year", "country"], right_on=["year", "exporter"])
        c = c[np.isfinite(c["eci"])]
        ddof = self.params.get("ddof", 0)
        g = c.groupby("year")["avg"]
        z = (c["avg"] - g.transform("mean")) / g.transform(lambda s: s.std(ddof=ddof))
        return float(np.max(np.abs(z - c["eci"]))) if len(c) else 0.0

    def _identity_rows(self) -> list[dict]:
        # ECI is standardised (unit variance), so the absolute error is already relative;
        # reflections stop at their tolerance, the eigenvector method is exact
        rtol = 1e-6 if self.params.get("method") == "reflections" else 1e-8
        return [identity_row("ECI = standardised mean PCI of the products exported (M=1)", self.max_identity_error(),
                             scale=1.0, rtol=rtol)]


def complexity_from_mcp(
    mcp: pd.DataFrame,
    *,
    method: str = "eigenvector",
    sign: str = "diversity",
    normalize: str = "zscore",
    ddof: int = 0,
    countries: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    tol: float = 1e-10,
    max_iter: int = 20000,
    flags: tuple[str, ...] = (),
) -> ComplexityResult:
    """ECI and PCI from a long table of :math:`M_{cp}=1` pairs, all years in one call.

    Parameters
    ----------
    mcp : DataFrame
        Columns ``year, exporter, product`` (the pairs with :math:`M_{cp}=1`; an ``mcp``
        column, if present, selects rows with ``mcp > 0``; an ``rca`` column is kept).
    method : {"eigenvector", "reflections"}
    sign : {"diversity", "ubiquity"}
        Sign rule of each year's eigenvector (see the module docstring).
    normalize : {"zscore", "eci"}
        Standardisation of ECI and PCI within each year (see the module docstring).
    ddof : int
        Delta degrees of freedom of the standard deviation (0 = population, as numpy).
    countries, products : DataFrame, optional
        Every (``year, exporter``) / (``year, product``) to report, including those with
        zero diversity / ubiquity (their ECI / PCI is NaN). Default: those in ``mcp``.
    tol, max_iter : float, int
        Convergence of the method of reflections.
    flags : tuple of str
        Provenance flags carried by the result (e.g. ``("synthetic",)``).

    Returns
    -------
    ComplexityResult
        ``countries`` (``year, country, eci, diversity``) and ``products`` (``year, product,
        pci, ubiquity``); ``check()`` verifies the eigenvector identities.

    Raises
    ------
    ValidationError
        If ``method``, ``sign`` or ``normalize`` is unknown, or no pair has :math:`M_{cp} = 1`.
    ConvergenceError
        If the method of reflections does not converge within ``max_iter`` rounds.

    Notes
    -----
    With :math:`D = \\mathrm{diag}(k_{c,0})` and :math:`U = \\mathrm{diag}(k_{p,0})`,

    .. math::
        \\tilde M^{C} = D^{-1} M U^{-1} M^\\top,\\qquad
        S = D^{-1/2} M U^{-1} M^\\top D^{-1/2} = D^{1/2}\\tilde M^{C} D^{-1/2}

    :math:`S` is symmetric positive semi-definite with the same eigenvalues as
    :math:`\\tilde M^{C}`; if :math:`S v = \\lambda_2 v` then :math:`K_c = D^{-1/2} v` is the
    ECI eigenvector and :math:`Q_p \\propto U^{-1} M^\\top K_c` the PCI eigenvector (the
    product-side form :math:`U^{-1/2} M^\\top D^{-1} M U^{-1/2}` is used when there are
    fewer products than countries). ECI is then the standardised
    :math:`D^{-1} M Q` ("ECI = mean PCI of the products exported"):

    .. math::
        ECI_c = \\frac{K_c - \\langle K\\rangle}{\\mathrm{sd}(K)},\\qquad
        PCI_p = \\frac{Q_p - \\langle Q\\rangle}{\\mathrm{sd}(Q)}\\ \\text{(zscore)}\\ \\text{or}\\
        \\frac{Q_p - \\langle K\\rangle}{\\mathrm{sd}(K)}\\ \\text{(eci)}

    The method of reflections iterates
    :math:`k_{c,N} = k_{c,0}^{-1}\\sum_p M_{cp}k_{p,N-1}`,
    :math:`k_{p,N} = k_{p,0}^{-1}\\sum_c M_{cp}k_{c,N-1}` from diversity, standardising each
    round, until the standardised :math:`k_c` changes by less than ``tol``.

    References
    ----------
    Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity.
    PNAS 106(26), eq. (1)-(2) (reflections).
    Hausmann, R., Hidalgo, C. A. et al. (2011). The Atlas of Economic Complexity, Technical
    Box 5.1 (eigenvector form, standardisation).
    Mealy, P., Farmer, J. D. & Teytelboym, A. (2019). Interpreting economic complexity.
    Science Advances 5(1), eq. (3)-(6) (symmetric form, similarity of the matrices).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"year": 2000, "exporter": list("AAAABBBCCD"), "product": list("wxyzxyzxyx")})
    >>> r = complexity_from_mcp(m)
    >>> r.countries.round(3)
       year country    eci  diversity
    0  2000       A  1.342          4
    1  2000       B  0.447          3
    2  2000       C -0.447          2
    3  2000       D -1.342          1
    >>> r.products.set_index("product")["pci"].round(3).to_dict()
    {'w': 1.342, 'x': -1.342, 'y': -0.447, 'z': 0.447}
    """
    return complexity_both_scales(mcp, method=method, sign=sign, normalize=normalize, ddof=ddof, countries=countries,
                                  products=products, tol=tol, max_iter=max_iter, flags=flags)[0]


def complexity_both_scales(
    mcp: pd.DataFrame,
    *,
    method: str = "eigenvector",
    sign: str = "diversity",
    normalize: str = "zscore",
    ddof: int = 0,
    countries: pd.DataFrame | None = None,
    products: pd.DataFrame | None = None,
    tol: float = 1e-10,
    max_iter: int = 20000,
    flags: tuple[str, ...] = (),
    pci_eci: bool = False,
) -> tuple[ComplexityResult, pd.DataFrame | None]:
    r""":func:`complexity_from_mcp`, and PCI on ECI's scale from the same solve.

    Parameters
    ----------
    mcp, method, sign, normalize, ddof, countries, products, tol, max_iter, flags
        As :func:`complexity_from_mcp`.
    pci_eci : bool
        Also return ``year, product, pci`` with PCI standardised by ECI's mean and standard
        deviation (``normalize="eci"``), bit for bit what a second call of
        :func:`complexity_from_mcp` with ``normalize="eci"`` gives, without solving again.

    Returns
    -------
    (ComplexityResult, DataFrame or None)

    Notes
    -----
    .. math:: PCI^{eci}_p = s\,\frac{Q_p - \langle K\rangle}{\mathrm{sd}(K)}

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"year": 2000, "exporter": ["A", "A", "A", "B", "B", "C"],
    ...                   "product": ["x", "y", "z", "x", "y", "x"]})
    >>> res, pe = complexity_both_scales(m, pci_eci=True)
    >>> bool((pe["pci"] == complexity_from_mcp(m, normalize="eci").products["pci"]).all())
    True
    """
    if method not in _METHODS:
        raise ValidationError(f"method={method!r} is not known; use one of {', '.join(_METHODS)}")
    if sign not in _SIGNS:
        raise ValidationError(f"sign={sign!r} is not known; use one of {', '.join(_SIGNS)}")
    if normalize not in _NORMS:
        raise ValidationError(f"normalize={normalize!r} is not known; use one of {', '.join(_NORMS)}")
    m = mcp[mcp["mcp"] > 0] if "mcp" in mcp.columns else mcp
    if m.empty:
        raise ValidationError("no exporter-product pair with Mcp = 1; lower the RCA threshold or check the flows")
    # integer codes without sorting strings: rows = (year, exporter), columns = (year, product)
    yv = m["year"].to_numpy()
    years = np.unique(yv)
    ny = len(years)
    yi = np.searchsorted(years, yv).astype(np.int64)
    ex_code, ex_uni = pd.factorize(m["exporter"], sort=True)  # rows in label order: deterministic
    pr_code, pr_uni = pd.factorize(m["product"], sort=True)
    nE, nP = max(len(ex_uni), 1), max(len(pr_uni), 1)
    rk = yi * nE + ex_code
    ck = yi * nP + pr_code
    if _has_repeats(rk * nP + pr_code, ny * nE * nP):  # drop duplicate pairs
        _, keep_idx = np.unique(rk * nP + pr_code, return_index=True)
        keep_idx = np.sort(keep_idx)
        m, rk, ck = m.iloc[keep_idx], rk[keep_idx], ck[keep_idx]
    rku, ri = _unique_inverse(rk, ny * nE)
    cku, ci = _unique_inverse(ck, ny * nP)
    rg, cg = rku // nE, cku // nP
    rkey = pd.DataFrame({"year": years[rg], "exporter": np.asarray(ex_uni, dtype=object)[rku % nE]})
    ckey = pd.DataFrame({"year": years[cg], "product": np.asarray(pr_uni, dtype=object)[cku % nP]})
    if countries is None:
        countries = rkey
    if products is None:
        products = ckey
    M = sp.csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(len(rkey), len(ckey)))
    M.sort_indices()  # the same matrix (and sums in the same order) whatever the input row order
    D = np.asarray(M.sum(axis=1)).ravel()
    U = np.asarray(M.sum(axis=0)).ravel()

    n_c, n_p = np.bincount(rg, minlength=ny), np.bincount(cg, minlength=ny)
    if (n_c < 2).any() or (n_p < 2).any():  # the eigenvectors (and the reflections) need a 2 x 2 matrix at least
        i = int(np.flatnonzero((n_c < 2) | (n_p < 2))[0])
        raise ValidationError(f"complexity needs at least two exporters and two products with Mcp = 1 in each year; "
                              f"{years[i]} has {int(n_c[i])} exporter(s) and {int(n_p[i])} product(s) with Mcp = 1: "
                              "give flows of more exporters (or world totals and more countries) or choose another year")
    if method == "eigenvector":
        side = "countries" if np.bincount(rg).max() <= np.bincount(cg).max() else "products"
        kp, lam2, lam3 = _eigen_kp(M, rg, cg, D, U, ny, side)
        extra = pd.DataFrame({"year": years, "lambda2": lam2, "lambda3": lam3})
        if np.any(lam2 <= 1e-12):
            bad = [int(y) if np.issubdtype(type(y), np.integer) else y for y in years[lam2 <= 1e-12]]
            warnings.warn(
                f"the second eigenvalue is 0 in year(s) {bad}: every country has the same "
                "structure, so ECI/PCI are not defined there (set to NaN)",
                ValuechainWarning,
                stacklevel=2,
            )
    else:
        kp, its = _reflections_kp(M, rg, cg, D, U, ny, ddof=ddof, tol=tol, max_iter=max_iter)
        extra = pd.DataFrame({"year": years, "iterations": its})
        lam2 = np.ones(ny)

    kc = (M @ kp) / D  # ECI = mean of the PCI of the products exported (before scaling)
    cmean, csd = _group_std(kc, rg, ny, ddof)
    pmean, psd = _group_std(kp, cg, ny, ddof)
    # sign per year: the chosen rule, then the other rule when the first correlation is 0
    # (ties), then "the first country in label order with a non-zero ECI is positive"
    tiny = 1e-300
    dm, dsd = _group_std(D, rg, ny, 0)
    um, usd = _group_std(U, cg, ny, 0)
    nr, nc = np.bincount(rg, minlength=ny), np.bincount(cg, minlength=ny)
    _, csd0 = _group_std(kc, rg, ny, 0)
    _, psd0 = _group_std(kp, cg, ny, 0)
    r_div = np.bincount(rg, weights=(kc - cmean[rg]) * (D - dm[rg]), minlength=ny) / np.maximum(nr * csd0 * dsd, tiny)
    r_ubi = -np.bincount(cg, weights=(kp - pmean[cg]) * (U - um[cg]), minlength=ny) / np.maximum(nc * psd0 * usd, tiny)
    first_r, second_r = (r_div, r_ubi) if sign == "diversity" else (r_ubi, r_div)
    dev = kc - cmean[rg]
    big = np.abs(dev) > 1e-9 * np.maximum(csd0[rg], tiny)
    lead = np.zeros(ny)
    yrs, pos = np.unique(rg[big], return_index=True)
    lead[yrs] = dev[np.nonzero(big)[0][pos]]
    tol = 1e-9
    s = np.where(np.abs(first_r) > tol, np.sign(first_r),
                 np.where(np.abs(second_r) > tol, np.sign(second_r), np.where(lead < 0, -1.0, 1.0)))
    bad = (csd <= 1e-14 * np.maximum(1.0, np.abs(cmean))) | (lam2 <= 1e-12)
    csd = np.where(bad, np.nan, csd)
    eci = s[rg] * (kc - cmean[rg]) / csd[rg]
    pci_e = s[cg] * (kp - cmean[cg]) / csd[cg] if (normalize == "eci" or pci_eci) else None
    if normalize == "eci":
        pci = pci_e
    else:
        psd = np.where(bad | (psd <= 0), np.nan, psd)
        pci = s[cg] * (kp - pmean[cg]) / psd[cg]

    cres = rkey.assign(eci=eci, diversity=D.astype(int))
    pres = ckey.assign(pci=pci, ubiquity=U.astype(int))
    cres = (
        countries[["year", "exporter"]].drop_duplicates()
        .merge(cres, on=["year", "exporter"], how="left")
        .rename(columns={"exporter": "country"})
    )
    pres = products[["year", "product"]].drop_duplicates().merge(pres, on=["year", "product"], how="left")
    cres["diversity"] = cres["diversity"].fillna(0).astype(int)
    pres["ubiquity"] = pres["ubiquity"].fillna(0).astype(int)
    cres = cres.sort_values(["year", "country"]).reset_index(drop=True)
    pres = pres.sort_values(["year", "product"]).reset_index(drop=True)
    keep = [c for c in ("year", "exporter", "product", "rca") if c in m.columns]
    res = ComplexityResult(
        countries=cres[["year", "country", "eci", "diversity"]],
        products=pres[["year", "product", "pci", "ubiquity"]],
        eigenvalues=extra,
        mcp=m[keep].reset_index(drop=True),
        params={"method": method, "sign": sign, "normalize": normalize, "ddof": ddof},
        flags=tuple(flags),
    )
    if not pci_eci:
        return res, None
    pe = ckey.assign(pci=pci_e)
    pe = products[["year", "product"]].drop_duplicates().merge(pe, on=["year", "product"], how="left")
    return res, pe.sort_values(["year", "product"]).reset_index(drop=True)[["year", "product", "pci"]]


def economic_complexity(
    flows,
    *,
    years=None,
    method: str = "eigenvector",
    threshold: float = 1.0,
    inclusive: bool = True,
    sign: str = "diversity",
    normalize: str = "zscore",
    ddof: int = 0,
    tol: float = 1e-10,
    max_iter: int = 20000,
    world=None,
    year=None,
) -> ComplexityResult:
    """ECI, PCI, diversity and ubiquity for every year of a trade panel (one call).

    Parameters
    ----------
    flows : DataFrame, ibis Table or path
        Trade flows in the schema (``year, exporter, product, value``; an ``importer``
        column, if present, is summed over). Values in any currency unit.
    years : int or sequence of int, optional
        Restrict to these years (default: every year in the flows).
    method : {"eigenvector", "reflections"}
        See :func:`complexity_from_mcp`.
    threshold : float
        RCA threshold of :math:`M_{cp}` (default 1).
    inclusive : bool
        ``True`` (default): :math:`M_{cp} = 1` iff :math:`RCA_{cp} \\ge` ``threshold``
        (py-ecomplexity); ``False``: iff :math:`RCA_{cp} >` ``threshold``.
    sign, normalize, ddof, tol, max_iter
        See :func:`complexity_from_mcp`.
    world : DataFrame or ibis Table, optional
        World exports by product (``year, product, value``) for the RCA denominator
        :math:`W_p / W`; default: the totals of the panel itself. Products absent from it
        are left out.
    year : deprecated
        The old name of ``years`` (a :class:`DeprecationWarning`).

    Returns
    -------
    ComplexityResult

    Notes
    -----
    RCA is Balassa's with the totals of the panel itself (every exporter in the flows is
    the "world"; or ``world`` when given: :math:`X_p/X` replaced by :math:`W_p/W`), computed in the engine (DuckDB or Spark) before the small sparse
    :math:`M_{cp}` table is collected:

    .. math:: RCA_{cp} = \\frac{X_{cp} / \\sum_p X_{cp}}{\\sum_c X_{cp} / \\sum_{c,p} X_{cp}}

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage. The
    Manchester School 33(2), 99-123.
    Hidalgo & Hausmann (2009); Hausmann, Hidalgo et al. (2011); Mealy, Farmer & Teytelboym
    (2019) -- see :func:`complexity_from_mcp`.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> r = economic_complexity(f)  # M = 1 for A{x, y}, B{y, z}, C{x} (RCA >= 1)
    >>> r.countries["diversity"].tolist()
    [2, 2, 1]
    """
    if not isinstance(threshold, (int, float)) or not np.isfinite(threshold) or threshold <= 0:
        raise ValidationError(f"threshold={threshold!r} must be a positive number (the RCA cut-off, usually 1)")
    years = normalise_years(years, year=year)
    pairs, countries, products = _mcp_pairs(flows, threshold=float(threshold), inclusive=inclusive, years=years, world=world)
    flags = ("synthetic",) if is_synthetic(flows) else ()
    res = complexity_from_mcp(
        pairs,
        method=method,
        sign=sign,
        normalize=normalize,
        ddof=ddof,
        countries=countries,
        products=products,
        tol=tol,
        max_iter=max_iter,
        flags=flags,
    )
    res.params.update(threshold=float(threshold), inclusive=bool(inclusive))
    return res
