r"""The product space: proximity, density, distance, complexity outlook (COI) and outlook gain (COG).

From the binary matrix :math:`M_{cp}` of a year (country :math:`c` exports product :math:`p`
with revealed comparative advantage), following Hidalgo, Klinger, Barabási & Hausmann
(2007) and the Atlas of Economic Complexity (Hausmann, Hidalgo et al. 2011/2014):

* proximity :math:`\phi_{pq} = \min\{P(M_{cp}=1 \mid M_{cq}=1),\, P(M_{cq}=1 \mid M_{cp}=1)\}
  = C_{pq} / \max(u_p, u_q)` with :math:`C = M^\top M` (co-exporters) and :math:`u` the
  ubiquity;
* density :math:`\omega_{cp} = \sum_q M_{cq}\phi_{pq} / \sum_q \phi_{pq}` and distance
  :math:`1 - \omega_{cp}`;
* complexity outlook :math:`COI_c = \sum_p \omega_{cp}(1 - M_{cp}) PCI_p` and outlook gain
  :math:`COG_{cp} = (1 - M_{cp}) \sum_q \frac{\phi_{pq}}{\sum_r \phi_{qr}}(1 - M_{cq}) PCI_q`.

Conventions (explicit keyword parameters; the default reproduces the Stata ``ecomplexity``
package, tested against its published output to 1e-14; ``outlook="py-ecomplexity"``
reproduces py-ecomplexity 0.5.3, run side by side in the tests):

* ``outlook="stata"``: COI and COG use the *raw* PCI eigenvector :math:`k_p` (unit
  Euclidean norm, orthogonal to ubiquity, signed as the ECI); COI is z-scored across
  countries and COG divided by the standard deviation of the raw ECI
  :math:`k_c = D^{-1}Mk_p`, both standard deviations taken as Stata's ``egen sd`` over the
  long country x product table (:math:`N = n_c n_p` rows, divisor :math:`N - 1`, i.e. the
  population sd times :math:`\sqrt{N/(N-1)}`). The density sums leave out :math:`q = p`
  (``diagonal=False``).
* ``outlook="py-ecomplexity"``: the same with the population standard deviation across
  countries (numpy) and :math:`\phi_{pp} = 1` inside the sums (``diagonal=True``): the
  density of a product then counts the product itself.
* ``outlook="pci"``: COI and COG from the standardised PCI of
  :mod:`valuechain.complexity.complexity` as it is, no rescaling (PCI units), ``diagonal=False``.
* ``diagonal``: overrides the convention's choice of including :math:`q = p`.
* ``density="binary"`` (default); ``"continuous"``: proximity :math:`(1 + \rho_{pq})/2`
  from the Pearson correlation of the RCA columns and density weighted by RCA
  (Stata/py-ecomplexity ``cont``); ``"knn"``: only the ``k`` nearest neighbours (largest
  :math:`\phi_{pq}`, :math:`q \ne p`, and every product tied with the k-th) enter the sums.
* ``presence="rca"`` (Balassa RCA :math:`\ge` ``threshold``); ``"rpop"``: the population
  test :math:`RPOP_{cp} = (x_{cp}/N_c) / (\sum_c x_{cp} / \sum_c N_c) \ge` ``rpop_threshold``
  with population :math:`N_c` given as ``population`` (``year, country, population``);
  ``"both"``: either test.

Every year of a panel is handled in one call: the presence pairs are collected once from the
engine and held sparse; each year's product-by-product products (:math:`M^\top M`,
:math:`M\Phi`) are dense BLAS calls because :math:`\Phi` is dense.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ValidationError, ValuechainWarning
from ..results import ResultMixin, identity_row
from .complexity import complexity_from_mcp, normalise_years

__all__ = [
    "ProductSpaceResult",
    "density_matrix",
    "product_space",
    "product_space_from_values",
    "proximity_matrix",
]

_DENSITIES = ("binary", "continuous", "knn")
_PRESENCE = ("rca", "rpop", "both")
_OUTLOOK = ("stata", "py-ecomplexity", "pci")


# --------------------------------------------------------------------------- matrices
def proximity_matrix(M: np.ndarray, *, ubiquity: np.ndarray | None = None) -> np.ndarray:
    r"""Proximity :math:`\phi_{pq} = C_{pq}/\max(u_p, u_q)`, :math:`C = M^\top M` (dense, symmetric).

    Products with zero ubiquity have :math:`\phi = 0` with every product (and themselves).

    Parameters
    ----------
    M : array (countries x products) of 0/1
        Presence :math:`M_{cp}`.
    ubiquity : array, optional
        Column sums of ``M`` (computed when not given).

    Returns
    -------
    numpy.ndarray
        Products x products proximity, symmetric, in [0, 1].

    Notes
    -----
    .. math:: \phi_{pq} = \min\left(\frac{C_{pq}}{u_p}, \frac{C_{pq}}{u_q}\right)

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product space
    conditions the development of nations. Science 317(5837), 482-487, eq. (1) of the SOM.

    Examples
    --------
    >>> import numpy as np
    >>> proximity_matrix(np.array([[1, 1], [1, 0]])).tolist()
    [[1.0, 0.5], [0.5, 1.0]]
    """
    M = np.asarray(M, dtype=float)
    u = M.sum(axis=0) if ubiquity is None else np.asarray(ubiquity, dtype=float)
    return _proximity(M, u)


def _scratch(work: dict | None, key: str, shape: tuple[int, ...], dtype) -> np.ndarray:
    """A C-contiguous array of ``shape``: fresh without ``work``, else a view of the buffer ``work[key]``
    (grown when too small), reused from one year to the next (no new pages to fault in and zero)."""
    size = int(np.prod(shape))
    if work is None:
        return np.empty(shape, dtype=dtype)
    buf = work.get(key)
    if buf is None or buf.size < size or buf.dtype != np.dtype(dtype):
        buf = work[key] = np.empty(size, dtype=dtype)
    return buf[:size].reshape(shape)


def _proximity(M: np.ndarray, u: np.ndarray, work: dict | None = None) -> np.ndarray:
    """:func:`proximity_matrix` of the float matrix ``M`` with ubiquity ``u``; with ``work``, the co-occurrence
    and the proximity in its reused buffers (the proximity then lives until the next call)."""
    C = _co_occurrence(M, work)
    uu = np.where(u > 0, u, np.inf)  # zero ubiquity: C = 0 there, phi = 0
    phi = _scratch(work, "phi", C.shape, float)
    den = np.empty((min(_CHUNK, len(u)), len(u)))
    for start in range(0, len(u), _CHUNK):
        stop = min(start + _CHUNK, len(u))
        d = den[: stop - start]
        np.maximum(uu[start:stop, None], uu[None, :], out=d)
        np.divide(C[start:stop], d, out=phi[start:stop])  # C exact; same division as in float64
    return phi


_CHUNK = 256  # rows of the n x n matrix per elementwise pass (a few MB: stays in cache)


def _co_occurrence(M: np.ndarray, work: dict | None = None) -> np.ndarray:
    r"""Co-exporter counts :math:`C = M^\top M`, exact (with ``work``: in its reused buffer).

    For a 0/1 matrix with fewer than :math:`2^{24}` rows every partial sum is an integer below
    :math:`2^{24}`, so single precision (one SYRK, half the memory traffic and twice the
    throughput of double) gives exactly the same integers as double precision. Other
    matrices (weights, continuous values) use double precision.
    """
    if M.shape[0] < 2**24 and M.size and np.all((M == 0) | (M == 1)):
        M32 = M.astype(np.float32)
        return np.matmul(M32.T, M32, out=_scratch(work, "co32", (M.shape[1], M.shape[1]), np.float32))
    return np.matmul(M.T, M, out=_scratch(work, "co64", (M.shape[1], M.shape[1]), float))


def _continuous_proximity(R: np.ndarray) -> np.ndarray:
    """(1 + Pearson correlation of the RCA columns) / 2; 0 for constant columns (1 on the diagonal)."""
    Rc = R - R.mean(axis=0, keepdims=True)
    s = np.sqrt((Rc * Rc).sum(axis=0))
    ok = s > 0
    Z = np.where(ok, Rc / np.where(ok, s, 1.0), 0.0)
    phi = (1.0 + Z.T @ Z) / 2.0
    phi[~ok, :] = 0.0
    phi[:, ~ok] = 0.0
    np.fill_diagonal(phi, np.where(ok, 1.0, 0.0))
    return phi


def _knn_weights(phi: np.ndarray, k: int) -> np.ndarray:
    """``phi`` keeping, in each row, the ``k`` largest off-diagonal entries and every entry tied with the k-th.

    Ties are kept (not broken by position) so that the result does not depend on the order of
    the products.
    """
    n = phi.shape[0]
    k = int(min(k, n - 1))
    if k <= 0:
        return np.zeros_like(phi)
    P = phi.copy()
    np.fill_diagonal(P, -np.inf)
    kth = -np.partition(-P, k - 1, axis=1)[:, k - 1]
    W = np.where(P >= kth[:, None], phi, 0.0)
    np.fill_diagonal(W, 0.0)
    return W


def density_matrix(M: np.ndarray, phi: np.ndarray, *, diagonal: bool = True) -> np.ndarray:
    r"""Density :math:`\omega_{cp} = \sum_q M_{cq}\phi_{pq} / \sum_q \phi_{pq}` (NaN where the denominator is 0).

    ``M`` may be 0/1 (binary density) or RCA values (continuous density). ``diagonal=False``
    drops :math:`q = p` from both sums.

    .. math:: \omega_{cp} = \frac{\sum_q M_{cq}\,\phi_{pq}}{\sum_q \phi_{pq}}

    Parameters
    ----------
    M : numpy.ndarray
        Countries x products: 0/1 presence or RCA values.
    phi : numpy.ndarray
        Products x products proximity (:func:`proximity_matrix`).
    diagonal : bool, default True
        Include :math:`q = p` in both sums.

    Returns
    -------
    numpy.ndarray
        Countries x products density (NaN where :math:`\sum_q \phi_{pq} = 0`).

    References
    ----------
    Hidalgo et al. (2007), SOM eq. (2); Hausmann, Hidalgo et al. (2014), The Atlas of
    Economic Complexity, "Technical box: density".

    Examples
    --------
    >>> import numpy as np
    >>> phi = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> # x: (0*1 + 1*0.5)/1.5; y: (0*0.5 + 1*1)/1.5 (q = p included)
    >>> density_matrix(np.array([[0.0, 1.0]]), phi).round(4).tolist()
    [[0.3333, 0.6667]]
    """
    P = np.array(phi, dtype=float, copy=True)
    if not diagonal:
        np.fill_diagonal(P, 0.0)
    den = P.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (np.asarray(M, dtype=float) @ P.T) / np.where(den > 0, den, np.nan)[None, :]


# --------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class ProductSpaceResult(ResultMixin):
    """Product space, density, distance, COI and COG by year.

    Attributes
    ----------
    table : DataFrame
        One row per (year, country, product) of the year's matrix: ``year, country,
        product, value, rca, mcp, density, distance, cog``.
    countries : DataFrame
        ``year, country, eci, diversity, coi``.
    products : DataFrame
        ``year, product, pci, ubiquity, world_exports`` (world exports: the RCA denominator).
    proximity : dict
        ``{year: DataFrame}`` of the proximity matrix (products x products), kept when
        ``keep_proximity`` (default: for a single year).
    params : dict
        The conventions used.
    flags : tuple of str
        Provenance flags (e.g. ``"synthetic"``) carried from the input.

    Notes
    -----
    Built by :func:`product_space`; with proximity :math:`\\phi`, density and distance are

    .. math:: \\omega_{cp} = \\frac{\\sum_q M_{cq} \\phi_{qp}}{\\sum_q \\phi_{qp}}, \\qquad d_{cp} = 1 - \\omega_{cp}

    (the term :math:`q = p` included or not by the convention's ``diagonal``).

    References
    ----------
    .. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L. and Hausmann, R. (2007). The product
       space conditions the development of nations. *Science* 317(5837), 482-487.

    .. [2] Hausmann, R., Hidalgo, C. A., Bustos, S., Coscia, M., Simoes, A. and Yildirim,
       M. A. (2014). *The Atlas of Economic Complexity: Mapping Paths to Prosperity*.
       MIT Press, Cambridge, MA (density, complexity outlook and outlook gain).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> ps = product_space(f)              # M = 1 for A{x, y}, B{y, z}, C{x}
    >>> ps.table.loc[ps.table["country"] == "C", ["product", "mcp", "density", "distance"]]
      product  mcp  density  distance
    6       x    1      0.0       1.0
    7       y    0      0.5       0.5
    8       z    0      0.0       1.0
    >>> float(ps.proximity[2000].loc["x", "y"])   # x and y together in A only: 1 / max(2, 2)
    0.5
    """

    table: pd.DataFrame
    countries: pd.DataFrame
    products: pd.DataFrame
    proximity: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    title = "Product space (density, distance, COI, COG)"

    def _summary_lines(self) -> list[str]:
        p = self.params
        yrs = sorted(self.countries["year"].unique())
        return [
            (f"years {yrs[0]}-{yrs[-1]} ({len(yrs)}); countries {self.countries['country'].nunique()}, "
            f"products {self.products['product'].nunique()}"),
            (f"presence {p.get('presence')}, density {p.get('density')}, outlook {p.get('outlook')}, "
            f"diagonal {p.get('diagonal')}"),
        ]

    def _identity_rows(self) -> list[dict]:
        t = self.table
        rows = [identity_row("distance = 1 - density", float(np.nanmax(np.abs(t["distance"] + t["density"] - 1))) if len(t) else 0.0),
                identity_row("COG = 0 where Mcp = 1", float(np.nanmax(np.abs(t.loc[t["mcp"] == 1, "cog"]), initial=0.0)))]
        if self.params.get("density") != "continuous":
            d = t["density"].to_numpy()
            out = np.nanmax(np.concatenate([[0.0], -d[np.isfinite(d)], d[np.isfinite(d)] - 1]))
            rows.append(identity_row("0 <= density <= 1", max(float(out), 0.0)))
        for y, phi in self.proximity.items():
            a = phi.to_numpy()
            rows.append(identity_row(f"proximity symmetric ({y})", float(np.max(np.abs(a - a.T), initial=0.0))))
        return rows

    def opportunities(self, country: str, year: int | None = None) -> pd.DataFrame:
        """The rows of one country and year with :math:`M_{cp} = 0`, joined to PCI and world exports."""
        y = self._year(year)
        t = self.table[(self.table["year"] == y) & (self.table["country"] == country)]
        if t.empty:
            raise ValidationError(f"country {country!r} has no exports in {y}; check the ISO3 code and the year")
        t = t[t["mcp"] == 0].merge(self.products[self.products["year"] == y][["product", "pci", "world_exports"]], on="product", how="left")
        return t.reset_index(drop=True)

    def _year(self, year) -> int:
        yrs = sorted(self.countries["year"].unique())
        if year is None:
            if len(yrs) > 1:
                raise ValidationError(f"the result holds years {yrs[0]}-{yrs[-1]}; give year=")
            return int(yrs[0])
        if int(year) not in yrs:
            raise ValidationError(f"year {year} is not in the result (years {', '.join(map(str, yrs))})")
        return int(year)


# --------------------------------------------------------------------------- core
def _raw_pci(pci: np.ndarray, ubiquity: np.ndarray) -> np.ndarray:
    r"""The PCI eigenvector as Stata / py-ecomplexity hold it before standardising.

    Any positive affine transform of the PCI eigenvector ``kp`` gives it back: ``kp`` is
    orthogonal to ubiquity (:math:`u^\top k_p = 0`, because :math:`u^\top` is the left
    eigenvector of :math:`U^{-1}M^\top D^{-1}M` for the eigenvalue 1) and has unit norm.
    """
    ok = np.isfinite(pci) & (ubiquity > 0)
    kp = np.full(pci.shape, np.nan)
    if not ok.any():
        return kp
    w = np.sum(ubiquity[ok] * pci[ok]) / np.sum(ubiquity[ok])
    v = pci[ok] - w
    n = np.linalg.norm(v)
    kp[ok] = v / n if n > 0 else np.nan
    return kp


def _one_year(X, R, M, pci, *, density, k, diagonal, outlook, work: dict | None = None):
    """Density, COI, COG for one year (dense arrays; M is 0/1 float). Returns phi with phi_pp = 1.
    ``work``: a dict of buffers reused from call to call (the returned phi is one of them: valid until
    the next call with the same dict)."""
    D = M.sum(axis=1)
    U = M.sum(axis=0)
    phi = _continuous_proximity(R) if density == "continuous" else _proximity(np.asarray(M, dtype=float),
                                                                               np.asarray(U, dtype=float), work)
    diag = phi.diagonal().copy()
    if not diagonal:
        np.fill_diagonal(phi, 0.0)  # in place (restored below): no n x n copy
    rows = phi.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        inv_rows = np.where(rows > 0, 1.0 / np.where(rows > 0, rows, 1.0), np.nan)
    W = R if density == "continuous" else M
    dens = None
    if density == "knn":
        Wk = _knn_weights(phi, k)
        den = Wk.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            dens = (M @ Wk.T) / np.where(den > 0, den, np.nan)[None, :]
        del Wk
    # Stata's egen sd runs over the long table (N rows, divisor N - 1)
    fsd = np.sqrt(M.size / (M.size - 1)) if outlook == "stata" and M.size > 1 else 1.0
    if outlook != "pci":
        kp = _raw_pci(pci, U)
        kc = np.where(D > 0, (M @ np.nan_to_num(kp)) / np.where(D > 0, D, 1.0), np.nan)
        sd_kc = np.nanstd(kc) * fsd
    else:
        kp = pci.copy()
        sd_kc = 1.0
    q = np.nan_to_num(kp)  # products without a PCI (zero ubiquity) add nothing
    notM = 1.0 - M
    # COG_cp = (1 - M_cp) sum_q (1 - M_cq) q_q / rows_q * phi_qp; with the density, one GEMM
    # of the stacked left factors (phi is symmetric: phi.T = phi)
    n = W.shape[0]
    if dens is None:  # stacked left factors [W; G] in one buffer, one GEMM
        left = _scratch(work, "left", (2 * n, W.shape[1]), float)
        left[:n] = W
        G = left[n:]
    else:
        G = np.empty_like(M)
    np.multiply(notM, (q * np.nan_to_num(inv_rows))[None, :], out=G)
    if dens is None:
        both = left @ phi
        del left
        dens = both[:n]
        dens *= inv_rows[None, :]
        cog = both[n:]
        cog *= notM
        cog /= sd_kc
    else:
        cog = notM * (G @ phi) / sd_kc
    coi = np.sum(np.nan_to_num(dens) * notM * q[None, :], axis=1)
    if outlook != "pci":
        s = coi.std() * fsd
        coi = (coi - coi.mean()) / s if s > 0 else np.full_like(coi, np.nan)
    np.fill_diagonal(phi, diag)
    return phi, dens, coi, cog


#: one year's density, COI and COG from dense arrays (``X, R, M, pci``; see ``product_space_from_values``):
#: the step that :mod:`valuechain.complexity.panel` streams year by year
year_outlook = _one_year


def product_space_from_values(
    values: pd.DataFrame,
    *,
    presence: str = "rca",
    threshold: float = 1.0,
    inclusive: bool = True,
    population: pd.DataFrame | None = None,
    rpop_threshold: float = 1.0,
    density: str = "binary",
    k: int | None = None,
    diagonal: bool | None = None,
    outlook: str = "stata",
    keep_proximity: bool | None = None,
    flags: tuple[str, ...] = (),
    world_totals: pd.DataFrame | None = None,
) -> ProductSpaceResult:
    r"""Product space from a long table of exports and RCA (every year in one call).

    Parameters
    ----------
    values : DataFrame
        ``year, exporter, product, value, rca`` with one row per exporter-product with
        positive exports (``rca`` as :func:`valuechain.trade.rca.rca`, computed against the
        world totals; ``world`` column, optional: world exports of the product).
    presence : {"rca", "rpop", "both"}
        Presence test for :math:`M_{cp}` (see the module docstring).
    threshold, inclusive : float, bool
        :math:`M_{cp} = 1` when RCA :math:`\ge` ``threshold`` (``inclusive=False``: ``>``).
    population : DataFrame, optional
        ``year, country, population`` for ``presence="rpop"`` / ``"both"``.
    rpop_threshold : float
        Threshold of the RPOP test (Stata ``rpop()``, default 1).
    density : {"binary", "continuous", "knn"}
    k : int
        Number of neighbours for ``density="knn"``.
    diagonal : bool, optional
        Include :math:`q = p` in the density and COG sums; default by ``outlook``: False
        for ``"stata"`` and ``"pci"``, True for ``"py-ecomplexity"``.
    outlook : {"stata", "py-ecomplexity", "pci"}
        Normalisation of COI / COG (see the module docstring).
    keep_proximity : bool, optional
        Keep each year's proximity matrix in the result (default: when there is one year).
    flags : tuple of str
        Flags carried by the result (e.g. ``("synthetic",)``).
    world_totals : DataFrame, optional
        ``year, product, world``: world exports by product (one row each), reported as
        ``world_exports``; used instead of a ``world`` column of ``values`` (default: that
        column, else the sum of ``value`` over the exporters).

    Returns
    -------
    ProductSpaceResult

    Notes
    -----
    With :math:`k_p` the PCI eigenvector of unit norm orthogonal to ubiquity and
    :math:`k_c = D^{-1}Mk_p` (``outlook="stata"``, :math:`s` Stata's standard deviation):

    .. math::
        COI_c = \frac{a_c - \bar a}{s(a)},\ a_c = \sum_p \omega_{cp}(1-M_{cp})k_p,\qquad
        COG_{cp} = \frac{(1-M_{cp})}{s(k_c)}\sum_q (1-M_{cq})\frac{\phi_{qp}}{\sum_r\phi_{qr}}k_q

    References
    ----------
    Hidalgo, Klinger, Barabási & Hausmann (2007), Science 317, 482-487 (proximity, density).
    Hausmann, Hidalgo et al. (2014). The Atlas of Economic Complexity, MIT Press, technical
    boxes "complexity outlook" and "complexity outlook gain".
    Growth Lab, Stata ``ecomplexity`` (Bustos & Yildirim) and py-ecomplexity 0.5.3
    (normalisation of COI and COG).

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"year": 2000, "exporter": list("AAAABBBCCD"), "product": list("wxyzxyzxyx"),
    ...                   "value": 1.0, "rca": [3.2, 0.5, 1.3, 1.6, 0.9, 1.6, 2.0, 1.3, 0.9, 1.5]})
    >>> ps = product_space_from_values(v)
    >>> ps.countries[["country", "diversity", "coi"]].round(2)
      country  diversity   coi
    0       A          3 -0.56
    1       B          2  1.68
    2       C          1 -0.56
    3       D          1 -0.56
    """
    if presence not in _PRESENCE:
        raise ValidationError(f"presence={presence!r} is not known; use one of {', '.join(_PRESENCE)}")
    if density not in _DENSITIES:
        raise ValidationError(f"density={density!r} is not known; use one of {', '.join(_DENSITIES)}")
    if outlook not in _OUTLOOK:
        raise ValidationError(f"outlook={outlook!r} is not known; use one of {', '.join(_OUTLOOK)}")
    if diagonal is None:
        diagonal = outlook == "py-ecomplexity"
    if density == "knn" and (k is None or int(k) < 1):
        raise ValidationError("density='knn' needs k, a positive number of neighbours (e.g. k=10)")
    if presence != "rca" and population is None:
        raise ValidationError(f"presence={presence!r} needs population (year, country, population)")
    need = {"year", "exporter", "product", "value", "rca"} - set(values.columns)
    if need:
        raise ValidationError(f"values lack column(s) {', '.join(sorted(need))}; give year, exporter, product, value, rca")
    v = values[(values["value"] > 0) & values["rca"].notna()].copy()
    if v.empty:
        raise ValidationError("no exporter-product pair with positive exports and a world total; check the flows")
    v["exporter"] = v["exporter"].astype(str)
    v["product"] = v["product"].astype(str)
    if presence != "rca":
        pop = population.rename(columns={"country": "exporter"})
        need = {"year", "exporter", "population"} - set(pop.columns)
        if need:
            raise ValidationError("population needs the columns year, country, population")
        v = v.merge(pop[["year", "exporter", "population"]], on=["year", "exporter"], how="left")
        miss = sorted(v.loc[v["population"].isna(), "exporter"].unique())
        if miss:
            raise ValidationError(f"population lacks {', '.join(miss[:5])}{' ...' if len(miss) > 5 else ''}; give every exporter's population")
    # Mcp for every pair
    m_rca = (v["rca"] >= threshold) if inclusive else (v["rca"] > threshold)
    if presence != "rca":
        xp = v.groupby(["year", "product"])["value"].transform("sum")
        popw = v[["year", "exporter", "population"]].drop_duplicates().groupby("year")["population"].sum()
        v["rpop"] = (v["value"] / v["population"]) / (xp / v["year"].map(popw))
        m_pop = v["rpop"] >= rpop_threshold
        v["mcp"] = (m_pop if presence == "rpop" else (m_pop | m_rca)).astype(int)
    else:
        v["mcp"] = m_rca.astype(int)
    # integer codes once (labels in sorted order, as pd.factorize(sort=True) of each year would
    # give them): every year's matrix and the (year, label) keys come from these codes
    yv = v["year"].to_numpy()
    years = np.unique(yv)
    yi = np.searchsorted(years, yv)
    ec, eu = pd.factorize(v["exporter"], sort=True)
    pc, pu_all = pd.factorize(v["product"], sort=True)
    eu, pu_all = np.asarray(eu, dtype=object), np.asarray(pu_all, dtype=object)
    ek = np.unique(yi * len(eu) + ec)
    pk = np.unique(yi * len(pu_all) + pc)
    if keep_proximity is None:
        keep_proximity = len(years) == 1
    mcp_all = v["mcp"].to_numpy()
    pairs = v.loc[mcp_all == 1, ["year", "exporter", "product"]]
    if pairs.empty:
        raise ValidationError("no exporter-product pair with Mcp = 1; lower the threshold or check the flows")
    # one ECI/PCI call: py-ecomplexity's standardisation for stata / py-ecomplexity (any positive
    # affine transform of the PCI gives back the raw eigenvector), z-scores for outlook="pci"
    cx = complexity_from_mcp(pairs, normalize="zscore" if outlook == "pci" else "eci",
                             countries=pd.DataFrame({"year": years[ek // len(eu)], "exporter": eu[ek % len(eu)]}),
                             products=pd.DataFrame({"year": years[pk // len(pu_all)], "product": pu_all[pk % len(pu_all)]}))
    value_all, rca_all = v["value"].to_numpy(float), v["rca"].to_numpy(float)
    tables, ctabs, ptabs, prox = [], [], [], {}
    for j, y in enumerate(years):
        sel = slice(None) if len(years) == 1 else np.flatnonzero(yi == j)
        ecy, pcy = ec[sel], pc[sel]
        cu_codes, pu_codes = np.unique(ecy), np.unique(pcy)
        ci, pi = np.searchsorted(cu_codes, ecy), np.searchsorted(pu_codes, pcy)
        cu, pu = eu[cu_codes], pu_all[pu_codes]
        nC, nP = len(cu), len(pu)
        # the float columns of the year's table in one block: X, R (and RPOP) are views of its
        # rows, so the table is built without copying or consolidating them
        names = ["value", "rca"] + (["rpop"] if "rpop" in v.columns else []) + ["density", "distance", "cog"]
        F = np.zeros((len(names), nC * nP))
        X = F[0].reshape(nC, nP)
        X[ci, pi] = value_all[sel]
        R = F[1].reshape(nC, nP)
        R[ci, pi] = rca_all[sel]
        if "rpop" in v.columns:
            F[2].reshape(nC, nP)[ci, pi] = v["rpop"].to_numpy(float)[sel]
        M = np.zeros((nC, nP))
        M[ci, pi] = mcp_all[sel]
        py = cx.products[cx.products["year"] == y].set_index("product")
        pci = py["pci"].reindex(pu).to_numpy(float)
        phi, dens, coi, cog = _one_year(X, R, M, pci, density=density, k=k,
                                        diagonal=diagonal, outlook=outlook)
        F[-3] = dens.ravel()
        np.subtract(1.0, F[-3], out=F[-2])
        F[-1] = cog.ravel()
        del dens, cog
        tab = pd.DataFrame(F.T, columns=names, copy=False)
        tab.insert(0, "year", np.full(nC * nP, y))
        tab.insert(1, "country", np.repeat(cu, nP))
        tab.insert(2, "product", np.tile(pu, nC))
        tab.insert(len(names), "mcp", M.ravel().astype(int))  # after value, rca (, rpop)
        tables.append(tab)
        ctabs.append(pd.DataFrame({"year": y, "country": cu, "coi": coi}))
        if world_totals is not None:
            wt = world_totals[world_totals["year"] == y]
            wexp = pd.Series(wt["world"].to_numpy(float), index=wt["product"].astype(str)).reindex(pu).to_numpy(float)
        elif "world" in v.columns:  # the world total of a product (the same on each of its rows)
            wy = v["world"].to_numpy(float)[sel]
            ok = ~np.isnan(wy)
            wexp = np.full(nP, np.nan)
            wexp[pi[ok][::-1]] = wy[ok][::-1]  # the first non-missing value of each product
        else:
            wexp = pd.Series(value_all[sel]).groupby(pi).sum().reindex(np.arange(nP)).to_numpy(float)
        ptabs.append(pd.DataFrame({"year": y, "product": pu, "world_exports": wexp}))
        if keep_proximity:
            prox[int(y)] = pd.DataFrame(phi, index=pd.Index(pu, name="product"), columns=pd.Index(pu, name="product"))
    countries = cx.countries.merge(pd.concat(ctabs), on=["year", "country"], how="right")
    products = cx.products.merge(pd.concat(ptabs), on=["year", "product"], how="right")
    countries = countries[["year", "country", "eci", "diversity", "coi"]].sort_values(["year", "country"]).reset_index(drop=True)
    products = products[["year", "product", "pci", "ubiquity", "world_exports"]].sort_values(["year", "product"]).reset_index(drop=True)
    return ProductSpaceResult(
        table=tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True),
        countries=countries,
        products=products,
        proximity=prox,
        params={"presence": presence, "threshold": threshold, "inclusive": inclusive, "rpop_threshold": rpop_threshold,
                "density": density, "k": k, "diagonal": diagonal, "outlook": outlook},
        flags=tuple(flags),
    )


def product_space(
    flows: Any,
    *,
    years=None,
    world=None,
    presence: str = "rca",
    threshold: float = 1.0,
    inclusive: bool = True,
    population: pd.DataFrame | None = None,
    rpop_threshold: float = 1.0,
    density: str = "binary",
    k: int | None = None,
    diagonal: bool | None = None,
    outlook: str = "stata",
    keep_proximity: bool | None = None,
) -> ProductSpaceResult:
    """Product space, density, distance, COI and COG of every year of a trade panel.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Trade flows in the schema (``year, exporter, product, value``; importers are summed).
    years : int or sequence of int, optional
        Restrict to these years (default: every year).
    world : DataFrame or ibis Table, optional
        World exports by product (``year, product, value``) for the RCA denominator; default:
        the panel's own totals.
    presence, threshold, inclusive, population, rpop_threshold, density, k, diagonal, outlook, keep_proximity
        See :func:`product_space_from_values`.

    Returns
    -------
    ProductSpaceResult

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"year": 2000, "exporter": list("AABBBC"),
    ...                   "product": ["x", "y", "x", "y", "z", "x"], "value": 1.0})
    >>> ps = product_space(f)           # M = 1 for A{x, y}, B{y, z}, C{x}
    >>> float(ps.proximity[2000].loc["x", "y"])   # x and y together in A only: 1 / max(2, 2)
    0.5
    """
    from ..tables.trade.engine import to_pandas
    from ..tables.trade.flows import flows_table, is_synthetic
    from ..trade.rca import rca_expr

    yrs = normalise_years(years)
    if not isinstance(threshold, (int, float)) or not np.isfinite(threshold) or threshold <= 0:
        raise ValidationError(f"threshold={threshold!r} must be a positive number (the RCA cut-off, usually 1)")
    t = flows_table(flows)
    missing = [c for c in ("year", "exporter", "product", "value") if c not in t.columns]
    if missing:
        raise ValidationError(f"flows lack the column(s) {', '.join(missing)}; they need year, exporter, product, value")
    if yrs is not None:
        t = t.filter(t.year.isin(yrs))
    t = t.filter(t.value > 0)
    x = rca_expr(t, world=world, threshold=float(threshold), inclusive=inclusive)
    x = x.filter(x.rca.notnull())
    # no sort: the result does not depend on the row order (labels are sorted when coded)
    vals = to_pandas(x.select("year", "exporter", "product", "value", "rca"), sort=[])
    if vals.empty:
        raise ValidationError("no positive export value in the flows" + (f" for the year(s) {yrs}" if yrs else "")
                              + "; check the year range and the value column")
    w = _world_exports(t, world)  # looked up by product inside (no 450 k-row merge)
    flags = ("synthetic",) if is_synthetic(flows) else ()
    return product_space_from_values(vals, presence=presence, threshold=float(threshold), inclusive=inclusive,
                                     population=population, rpop_threshold=rpop_threshold, density=density, k=k,
                                     diagonal=diagonal, outlook=outlook, keep_proximity=keep_proximity, flags=flags,
                                     world_totals=w)


def _world_exports(t, world) -> pd.DataFrame:
    from ..tables.trade.engine import to_pandas
    from ..trade.rca import world_totals_expr

    if world is None:
        w = world_totals_expr(t)
        return to_pandas(w).rename(columns={"world": "world"})[["year", "product", "world"]]
    if isinstance(world, pd.DataFrame):
        w = world.groupby(["year", "product"], as_index=False)["value"].sum()
    else:
        w = to_pandas(world.group_by(["year", "product"]).aggregate(value=world.value.sum()))
    w["product"] = w["product"].astype(str)
    return w.rename(columns={"value": "world"})[["year", "product", "world"]]


def _warn(msg: str) -> None:  # pragma: no cover - kept for symmetry with the other modules
    warnings.warn(msg, ValuechainWarning, stacklevel=3)
