"""Core matrices of the inter-country model and the block-structured building blocks.

Notation (Koopman, Wang & Wei 2014; Borin & Mancini 2019, 2023): ``A = Z \\hat{x}^{-1}``
(GN x GN), the global Leontief inverse ``B = (I - A)^{-1}``, the local (domestic) inverses
``L_ss = (I - A_ss)^{-1}`` (N x N, one per country), value-added coefficients
``v = va / x``, bilateral gross exports ``E_sr = A_sr x_r + Y_sr`` (s != r).

Everything per country works on N x N blocks or on vectors: no GN x GN matrix is built per
country. The per-pair quantities ``A_sr m_r`` that every decomposition needs are computed
for all exporter/importer pairs at once by :func:`offdiag_apply` (cost ``(GN)^2``).

References
----------
.. [1] Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double counting
   in gross exports. *American Economic Review* 104(2), 459-494.
.. [2] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains and
   value-added trade. World Bank Policy Research Working Paper 8804.
.. [3] Borin, A. and Mancini, M. (2023). Measuring what matters in value-added trade.
   *Economic Systems Research* 35(4), 586-613.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import NotProductiveError, ValidationError
from ..iomath import leontief_inverse, leontief_inverses, technical_coefficients
from ..results import ResultMixin
from ..tables.intercountry import one_block_per_country

__all__ = [
    "GVCSystem",
    "GVCResult",
    "technical_coefficients_icio",
    "global_leontief_inverse",
    "local_leontief_inverses",
    "value_added_coefficients",
    "bilateral_exports",
    "offdiag_apply",
    "LEVELS",
]

LEVELS = ("country", "sector", "bilateral")


def _safe_inv(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        return np.where(x != 0, 1.0 / np.where(x != 0, x, 1.0), 0.0)


def technical_coefficients_icio(Z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Technical coefficients of an inter-country table, :math:`A = Z\\hat{x}^{-1}`.

    .. math:: a_{si,rj} = z_{si,rj} / x_{rj}

    Columns of zero-output industries are 0.

    Parameters
    ----------
    Z : numpy.ndarray
        Intermediate flows, GN x GN (country-major: country s, industry i at row s*N + i).
    x : numpy.ndarray
        Gross output, length GN.

    Returns
    -------
    numpy.ndarray
        ``A``, GN x GN (a new float array).

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
       Extensions*, 2nd ed. Cambridge University Press, ch. 2.

    Examples
    --------
    >>> import numpy as np
    >>> technical_coefficients_icio(np.array([[10.0, 20.0], [30.0, 0.0]]), np.array([100.0, 0.0]))
    array([[0.1, 0. ],
           [0.3, 0. ]])
    """
    return technical_coefficients(np.asarray(Z, float), np.asarray(x, float))


def value_added_coefficients(va: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Value-added coefficients, :math:`v = \\hat{x}^{-1} va` (0 where output is 0).

    .. math:: v_{si} = va_{si} / x_{si}

    Parameters
    ----------
    va : numpy.ndarray
        Value added, length GN.
    x : numpy.ndarray
        Gross output, length GN.

    Returns
    -------
    numpy.ndarray
        ``v``, length GN (value added per unit of output).

    Examples
    --------
    >>> import numpy as np
    >>> value_added_coefficients(np.array([40.0, 5.0]), np.array([100.0, 0.0]))
    array([0.4, 0. ])
    """
    return np.asarray(va, float) * _safe_inv(np.asarray(x, float))


def global_leontief_inverse(A: np.ndarray, *, check: bool = True) -> np.ndarray:
    """Global Leontief inverse :math:`B = (I - A)^{-1}` (GN x GN), by :func:`valuechain.iomath.leontief_inverse`.

    Parameters
    ----------
    A : numpy.ndarray
        Global technical coefficients, GN x GN.
    check : bool, default True
        Check that ``A`` is productive (spectral radius below 1, non-negative inverse).

    Returns
    -------
    numpy.ndarray
        ``B``, GN x GN.

    Raises
    ------
    NotProductiveError
        If ``I - A`` is singular or (with ``check``) ``A`` is not productive.

    References
    ----------
    .. [1] Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double
       counting in gross exports. *American Economic Review* 104(2), 459-494.

    Examples
    --------
    >>> import numpy as np
    >>> global_leontief_inverse(np.array([[0.5, 0.0], [0.0, 0.2]]))
    array([[2.  , 0.  ],
           [0.  , 1.25]])
    """
    return leontief_inverse(np.asarray(A, float), check=check)


def local_leontief_inverses(A: np.ndarray, G: int, N: int) -> np.ndarray:
    """Local (domestic) inverses :math:`L_{ss} = (I - A_{ss})^{-1}`, stacked as (G, N, N).

    .. math:: L_{ss} = (I - A_{ss})^{-1}, \\quad s = 1, \\dots, G

    Parameters
    ----------
    A : numpy.ndarray
        Global technical coefficients, GN x GN (country-major).
    G : int
        Number of countries.
    N : int
        Number of industries per country.

    Returns
    -------
    numpy.ndarray
        (G, N, N): ``out[s]`` is :math:`L_{ss}`.

    Raises
    ------
    NotProductiveError
        If a domestic block :math:`I - A_{ss}` is singular.

    References
    ----------
    .. [1] Wang, Z., Wei, S.-J. and Zhu, K. (2013). Quantifying international production
       sharing at the bilateral and sector levels. NBER Working Paper 19677 (local Leontief
       inverse).

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[0.5, 0.1], [0.2, 0.2]])  # two countries, one industry
    >>> local_leontief_inverses(A, 2, 1)[:, 0, 0]
    array([2.  , 1.25])
    """
    A4 = np.asarray(A, float).reshape(G, N, G, N)
    Ass = A4[np.arange(G), :, np.arange(G), :]  # (G, N, N)
    try:
        return leontief_inverses(Ass)
    except NotProductiveError:
        raise NotProductiveError("a domestic block I - A_ss is singular; check the table for a self-contained domestic industry") from None


def bilateral_exports(Z: np.ndarray, Y: np.ndarray, G: int, N: int) -> tuple[np.ndarray, np.ndarray]:
    """Intermediate and final bilateral exports as (G, N, G) arrays [exporter, industry, importer].

    .. math:: E^{int}_{sr} = Z_{sr} 1, \\quad E^{fin}_{sr} = Y_{sr}, \\quad s \\ne r

    Parameters
    ----------
    Z : numpy.ndarray
        Intermediate flows, GN x GN (country-major).
    Y : numpy.ndarray
        Final demand by destination country, GN x G.
    G : int
        Number of countries.
    N : int
        Number of industries per country.

    Returns
    -------
    tuple of numpy.ndarray
        ``(Eint, Efin)``, each (G, N, G) indexed [exporter, industry, importer], in the
        table's unit; own-country entries (r == s) are 0.

    Examples
    --------
    >>> import numpy as np
    >>> Z = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> Y = np.array([[5.0, 6.0], [7.0, 8.0]])
    >>> Eint, Efin = bilateral_exports(Z, Y, 2, 1)
    >>> Eint[:, 0, :]
    array([[0., 2.],
           [3., 0.]])
    >>> Efin[:, 0, :]
    array([[0., 6.],
           [7., 0.]])
    """
    Eint = np.asarray(Z, float).reshape(G, N, G, N).sum(-1)
    Efin = np.asarray(Y, float).reshape(G, N, G).copy()
    idx = np.arange(G)
    Eint[idx, :, idx] = 0.0
    Efin[idx, :, idx] = 0.0
    return Eint, Efin


def offdiag_apply(A4: np.ndarray, M: np.ndarray) -> np.ndarray:
    """All exporter-importer products :math:`A_{sr} m_r^{(s)}` at once.

    .. math:: out_{s,i,r} = \\sum_j a_{si,rj} \\, m_{rj}^{(s)}, \\quad r \\ne s

    Parameters
    ----------
    A4 : numpy.ndarray
        The global coefficients reshaped (G, N, G, N).
    M : numpy.ndarray
        (G, N): the same vector :math:`m_r` for every exporter; or (G, N, G) indexed
        [r, j, s]: a vector that depends on the exporter s.

    Returns
    -------
    numpy.ndarray
        (G, N, G) indexed [s, i, r], with zeros where r == s.

    Examples
    --------
    >>> import numpy as np
    >>> A4 = np.array([[0.5, 0.1], [0.2, 0.2]]).reshape(2, 1, 2, 1)
    >>> offdiag_apply(A4, np.array([[10.0], [20.0]]))[:, 0, :]
    array([[0., 2.],
           [2., 0.]])
    """
    if M.ndim == 2:
        out = np.einsum("sirj,rj->sir", A4, M)
    else:
        out = np.einsum("sirj,rjs->sir", A4, M)
    idx = np.arange(A4.shape[0])
    out[idx, :, idx] = 0.0
    return out


@dataclass(frozen=True, eq=False)
class GVCSystem:
    """Precomputed arrays of an inter-country table (built once, shared by all methods).

    Attributes are numpy arrays in country-major order; shapes use G countries and N
    industries. Built by :meth:`from_table`; the methods given a table build it once and cache
    it on the table, so methods called on the same table share its inverses.
    Derived arrays (``A``, ``B``, ``Lss``, ``v``, ...) are computed on first use and cached.

    .. math:: A = Z\\hat{x}^{-1}, \\quad B = (I - A)^{-1}, \\quad
              L_{ss} = (I - A_{ss})^{-1}, \\quad v = \\hat{x}^{-1} va

    Parameters
    ----------
    countries : tuple of str
        Country codes, G of them, in the table's order.
    industries : tuple of str
        Industry codes, N of them.
    Z : numpy.ndarray
        Intermediate flows, GN x GN.
    Y : numpy.ndarray
        Final demand by destination country, GN x G.
    x : numpy.ndarray
        Gross output, length GN.
    va : numpy.ndarray
        Value added, length GN.
    flags : tuple of str, default ()
        The table's flags (e.g. ``"zx"`` for a table read with intermediate flows and output
        only), checked by the methods that need value added or final demand.
    check_productive : bool, default True
        Check that ``A`` is productive when ``B`` is first computed.

    References
    ----------
    .. [1] Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double
       counting in gross exports. *American Economic Review* 104(2), 459-494.
    .. [2] Borin, A. and Mancini, M. (2023). Measuring what matters in value-added trade.
       *Economic Systems Research* 35(4), 586-613.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> S = GVCSystem.from_table(synthetic_icio(3, 2, seed=1))
    >>> S.G, S.N, S.B.shape, S.Lss.shape
    (3, 2, (6, 6), (3, 2, 2))
    """

    countries: tuple[str, ...]
    industries: tuple[str, ...]
    Z: np.ndarray  # (GN, GN)
    Y: np.ndarray  # (GN, G) by destination
    x: np.ndarray  # (GN,)
    va: np.ndarray  # (GN,)
    flags: tuple[str, ...] = ()
    check_productive: bool = True

    def __repr__(self) -> str:
        """A short summary (the arrays are attributes)."""
        return (f"GVCSystem({len(self.countries)} countries x {len(self.industries)} industries"
                + (f", flags={list(self.flags)}" if self.flags else "") + ")")

    @classmethod
    def from_table(cls, table, *, check: bool = True) -> "GVCSystem":
        return cls(
            countries=tuple(table.countries), industries=tuple(table.industries),
            Z=table.Z.to_numpy(dtype=float), Y=table.Y_by_destination.to_numpy(dtype=float),
            x=table.x.to_numpy(dtype=float), va=table.va.to_numpy(dtype=float),
            flags=tuple(table.flags), check_productive=check,
        )

    # ---- sizes
    @property
    def G(self) -> int:
        return len(self.countries)

    @property
    def N(self) -> int:
        return len(self.industries)

    # ---- coefficients and inverses
    @cached_property
    def A(self) -> np.ndarray:
        return technical_coefficients_icio(self.Z, self.x)

    @cached_property
    def A4(self) -> np.ndarray:
        return self.A.reshape(self.G, self.N, self.G, self.N)

    @cached_property
    def Ass(self) -> np.ndarray:
        """Domestic blocks A_ss, (G, N, N)."""
        g = np.arange(self.G)
        return self.A4[g, :, g, :]

    @cached_property
    def B(self) -> np.ndarray:
        """Global Leontief inverse (GN, GN)."""
        return global_leontief_inverse(self.A, check=self.check_productive)

    @cached_property
    def B4(self) -> np.ndarray:
        return self.B.reshape(self.G, self.N, self.G, self.N)

    @cached_property
    def Bss(self) -> np.ndarray:
        """Diagonal blocks of the global inverse, B_ss, (G, N, N)."""
        g = np.arange(self.G)
        return np.ascontiguousarray(self.B4[g, :, g, :])

    @cached_property
    def Lss(self) -> np.ndarray:
        """Local inverses L_ss = (I - A_ss)^-1, (G, N, N)."""
        return local_leontief_inverses(self.A, self.G, self.N)

    @cached_property
    def v(self) -> np.ndarray:
        """Value-added coefficients (GN,)."""
        return value_added_coefficients(self.va, self.x)

    @cached_property
    def v2(self) -> np.ndarray:
        return self.v.reshape(self.G, self.N)

    @cached_property
    def vB(self) -> np.ndarray:
        """:math:`v B` as (G, N): total value-added content per unit of output (1 when va is the residual)."""
        return (self.v @ self.B).reshape(self.G, self.N)

    @cached_property
    def wB(self) -> np.ndarray:
        """:math:`v_s B_{ss}` (G, N): domestic value-added content per unit of exports (global inverse)."""
        return np.einsum("sk,ski->si", self.v2, self.Bss)

    @cached_property
    def wL(self) -> np.ndarray:
        """:math:`v_s L_{ss}` (G, N): domestic value added per unit, local inverse (first border crossing)."""
        return np.einsum("sk,ski->si", self.v2, self.Lss)

    @cached_property
    def u(self) -> np.ndarray:
        """:math:`\\sum_{t \\ne s} v_t B_{ts}` (G, N): foreign content per unit of output of s."""
        return self.vB - self.wB

    # ---- final demand and exports
    @cached_property
    def Y3(self) -> np.ndarray:
        """Final demand (G, N, G) [country, industry, destination]."""
        return self.Y.reshape(self.G, self.N, self.G)

    @cached_property
    def ydiag(self) -> np.ndarray:
        """Own final demand Y_ss (G, N)."""
        g = np.arange(self.G)
        return self.Y3[g, :, g]

    @cached_property
    def yexp(self) -> np.ndarray:
        """Final-goods exports sum_{l != s} Y_sl (G, N)."""
        return self.Y3.sum(-1) - self.ydiag

    @cached_property
    def exports(self) -> tuple[np.ndarray, np.ndarray]:
        """(intermediate, final) bilateral exports, each (G, N, G)."""
        return bilateral_exports(self.Z, self.Y, self.G, self.N)

    @cached_property
    def E3(self) -> np.ndarray:
        """Gross bilateral exports (G, N, G) [exporter, industry, importer]."""
        Eint, Efin = self.exports
        return Eint + Efin

    @cached_property
    def e(self) -> np.ndarray:
        """Total gross exports by country-industry (G, N)."""
        return self.E3.sum(-1)

    @cached_property
    def BY(self) -> np.ndarray:
        """:math:`B Y` (GN, G): output by country of final absorption."""
        return self.B @ self.Y

    # ---- block helpers
    def blockdiag(self, M3: np.ndarray, which: str = "L") -> np.ndarray:
        """Multiply by a block-diagonal matrix: (G, N, K) -> (G, N, K); ``which`` in {"L", "B", "A"}."""
        D = {"L": self.Lss, "B": self.Bss, "A": self.Ass}[which]
        if M3.ndim == 2:
            return np.einsum("sij,sj->si", D, M3)
        return np.matmul(D, M3)

    def A_offdiag(self, M: np.ndarray) -> np.ndarray:
        """:math:`A^{m} M` with the domestic blocks removed; ``M`` is (GN, K) -> (G, N, K)."""
        G, N = self.G, self.N
        M = M.reshape(G * N, -1)
        out = (self.A @ M).reshape(G, N, -1)
        return out - np.matmul(self.Ass, M.reshape(G, N, -1))

    def B_cols_apply(self, C: np.ndarray) -> np.ndarray:
        """:math:`B_{\\cdot s} c_s` for every country s at once: C is (G, N) -> (GN, G)."""
        G, N = self.G, self.N
        return np.einsum("ksn,sn->ks", self.B.reshape(G * N, G, N), C)

    def solve_Bss(self, R: np.ndarray, transpose: bool = False) -> np.ndarray:
        """:math:`B_{ss}^{-1} r_s` (or :math:`r_s B_{ss}^{-1}` with ``transpose``) for every s; R is (G, N)."""
        M = np.transpose(self.Bss, (0, 2, 1)) if transpose else self.Bss
        try:
            return np.linalg.solve(M, R[..., None])[..., 0]
        except np.linalg.LinAlgError:
            raise NotProductiveError("a diagonal block B_ss of the global inverse is singular; the extraction (B^s) terms are undefined") from None

    def off(self, M: np.ndarray) -> np.ndarray:
        """:func:`offdiag_apply` on this system's A."""
        return offdiag_apply(self.A4, M)


# --------------------------------------------------------------------------- results
class GVCResultMixin(ResultMixin):
    """:class:`~valuechain.results.ResultMixin` for the GVC results: ``check(rtol=)`` gives
    the identity table with a ``level`` column (``identity, level, max_abs_error,
    rel_error, ok``), ``identities_hold(rtol=)`` a bool. ``check_identities`` is the
    deprecated name of ``check`` (before 0.2)."""

    def check(self, *, rtol: float = 1e-8) -> pd.DataFrame:
        """The accounting identities (``_identity_rows``) at the result's level, ``ok`` within ``rtol``."""
        level = getattr(self, "level", "country")
        rows = [dict(r, level=level, ok=bool(r["rel_error"] <= rtol)) for r in self._identity_rows()]
        return pd.DataFrame(rows, columns=["identity", "level", "max_abs_error", "rel_error", "ok"])

    def identities_hold(self, *, rtol: float = 1e-8) -> bool:
        """True when every identity of :meth:`check` holds within ``rtol``."""
        chk = self.check(rtol=rtol)
        return bool(chk["ok"].all()) if len(chk) else True

    def check_identities(self, *, rtol: float = 1e-8) -> pd.DataFrame:
        """Deprecated name of :meth:`check` (the result convention)."""
        warnings.warn(f"{type(self).__name__}.check_identities() is deprecated; use .check() (same table)",
                      DeprecationWarning, stacklevel=2)
        return self.check(rtol=rtol)


@dataclass(frozen=True, eq=False)
class GVCResult(GVCResultMixin):
    """A decomposition or indicator set: terms by exporter x industry x importer.

    ``data`` holds every term at the finest level the method has, shape (G, N, G, T)
    [exporter, exporting industry, importer, term]; the country and sector tables are
    sums of it (for methods defined only at country level the array is (G, 1, 1, T)).
    The decomposition functions (:func:`~valuechain.gvc.kww_decomposition`,
    :func:`~valuechain.gvc.wwz_decomposition`, :func:`~valuechain.gvc.bm_decomposition`, ...)
    build it; users read it.

    Parameters
    ----------
    method : str
        The method's name as shown in outputs (e.g. ``"TiVA indicators (OECD definitions)"``).
    terms : tuple of str
        The term names, in the order of the last axis of ``data``.
    data : ndarray (G, N, G, T)
        Every term at the finest level: [exporter, exporting industry, importer, term]
        ((G, 1, 1, T) for a method defined at country level only).
    countries, industries : tuple of str
        The labels of the exporter/importer and industry axes.
    level : {"country", "sector", "bilateral"}
        The level :attr:`table` shows (default ``"country"``); must be one of ``levels``.
    levels : tuple of str
        The levels the method has (:meth:`at` and :meth:`check` use them).
    flags : tuple of str
        Provenance flags of the table (e.g. ``"synthetic"``), repeated in every output.
    identities : tuple of (label, lhs, terms, coefficients)
        The accounting identities ``lhs = sum_k c_k term_k`` that :meth:`check` verifies.
    extra : mapping
        Further arrays of the method (e.g. TiVA's non-bilateral indicators).
    description : str
        One line on what the terms are, shown in the summary.

    Attributes
    ----------
    table : DataFrame
        The terms at ``level`` with identifying columns first (``exporter``, then
        ``industry`` and ``importer`` where the level has them).

    Raises
    ------
    ValidationError
        If ``level`` is not one of ``levels``.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc import kww_decomposition
    >>> r = kww_decomposition(synthetic_icio(3, 2, seed=1))
    >>> r.data.shape, r.terms[:3]
    ((3, 1, 1, 16), ('DVA_FIN', 'DVA_INT', 'DVA_INTrex'))
    >>> r.table[["exporter", "GEXP", "VAX"]].round(2)
      exporter    GEXP     VAX
    0      C00  147.12  116.19
    1      C01  159.29  120.81
    2      C02  143.66   97.66
    >>> r.identities_hold()
    True
    """

    method: str
    terms: tuple[str, ...]
    data: np.ndarray
    countries: tuple[str, ...]
    industries: tuple[str, ...]
    level: str = "country"
    levels: tuple[str, ...] = LEVELS
    flags: tuple[str, ...] = ()
    identities: tuple[tuple[str, str, tuple[str, ...], tuple[float, ...]], ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self):
        if self.level not in self.levels:
            raise ValidationError(
                f"level {self.level!r} is not available for {self.method}; choose one of {', '.join(self.levels)}"
            )

    def at(self, level: str) -> pd.DataFrame:
        """The terms at ``level`` ("country", "sector" or "bilateral") as a tidy DataFrame."""
        if level not in self.levels:
            raise ValidationError(f"level {level!r} is not available for {self.method}; choose one of {', '.join(self.levels)}")
        d = self.data
        G, N = len(self.countries), len(self.industries)
        if level == "country":
            vals = d.sum(axis=(1, 2))
            ids = pd.DataFrame({"exporter": list(self.countries)})
        elif level == "sector":
            vals = d.sum(axis=2).reshape(G * d.shape[1], -1)
            ids = pd.DataFrame({
                "exporter": np.repeat(self.countries, N),
                "industry": np.tile(self.industries, G),
            })
        else:
            vals = d.reshape(G * N * G, -1)
            ids = pd.DataFrame({
                "exporter": np.repeat(self.countries, N * G),
                "industry": np.tile(np.repeat(self.industries, G), G),
                "importer": np.tile(self.countries, G * N),
            })
            keep = ids["exporter"].to_numpy() != ids["importer"].to_numpy()
            ids, vals = ids[keep].reset_index(drop=True), vals[keep]
        return pd.concat([ids, pd.DataFrame(vals, columns=list(self.terms))], axis=1)

    @property
    def table(self) -> pd.DataFrame:
        return self.at(self.level)

    def check(self, *, rtol: float = 1e-8) -> pd.DataFrame:
        """Check the accounting identities of the method at every level it has.

        Each identity reads ``lhs = sum_k c_k term_k``; the error is the largest absolute
        gap divided by the largest absolute gross exports (or lhs) of the table. Returns
        one row per identity and level with ``max_abs_error``, ``rel_error``, ``ok``.
        """
        rows = []
        for level in self.levels:
            df = self.at(level)
            for label, lhs, rhs_terms, coefs in self.identities:
                left = df[lhs].to_numpy()
                right = sum(c * df[t].to_numpy() for t, c in zip(rhs_terms, coefs))
                err = float(np.max(np.abs(left - right))) if len(df) else 0.0
                scale = float(np.max(np.abs(left))) if len(df) else 1.0
                scale = scale if scale > 0 else 1.0
                rows.append({"identity": label, "level": level, "max_abs_error": err, "rel_error": err / scale, "ok": err / scale <= rtol})
        return pd.DataFrame(rows, columns=["identity", "level", "max_abs_error", "rel_error", "ok"])

    def _title(self) -> str:
        return self.method

    def _size(self) -> str:
        return f"{len(self.countries)} countries x {len(self.industries)} industries, level={self.level}"

    def _summary_lines(self) -> list[str]:
        """Description and the totals of each term over all exporters."""
        tot = self.at("country")[list(self.terms)].sum()
        lines = [self.description] if self.description else []
        lines.append("world totals: " + ", ".join(f"{t}={tot[t]:,.4g}" for t in self.terms))
        return lines


def stack_terms(arrays: Sequence[np.ndarray]) -> np.ndarray:
    """Stack (G, N, G) term arrays into the (G, N, G, T) ``data`` array of :class:`GVCResult`."""
    return np.stack([np.asarray(a, float) for a in arrays], axis=-1)


def check_level(level: str, allowed: Sequence[str], method: str) -> str:
    if level not in allowed:
        raise ValidationError(f"level {level!r} is not available for {method}; choose one of {', '.join(allowed)}")
    return level


def system_of(table_or_system) -> GVCSystem:
    """Accept an :class:`~valuechain.gvc.InterCountryTable` or a :class:`GVCSystem`."""
    if isinstance(table_or_system, GVCSystem):
        return table_or_system
    if "intermediate-only" in tuple(getattr(table_or_system, "flags", ()) or ()):
        raise ValidationError(
            "this table has intermediate flows and output only (format zx): value added and final demand by destination "
            "are unknown, so value-added decompositions cannot be computed; use --method position (or position_measures, "
            "input_sourcing, domestic_table), or a full ICIO with final demand"
        )
    if not hasattr(table_or_system, "Z") or not hasattr(table_or_system, "countries"):
        raise TypeError("expected an InterCountryTable (valuechain.gvc) or a GVCSystem")
    # cached on the (frozen) table as cached_property would: built once, shared by all methods
    cache = table_or_system.__dict__
    sys_ = cache.get("_gvc_system")
    if not isinstance(sys_, GVCSystem):
        if getattr(table_or_system, "splits", ()):
            # a country owning several blocks: one block per country, its blocks kept side by side (nothing added)
            emb = one_block_per_country(table_or_system)
            sys_ = GVCSystem.from_table(emb)
            sys_.__dict__["B"] = _scattered_inverse(table_or_system, emb.__dict__["_block_rows"], len(emb.x))
        else:
            sys_ = GVCSystem.from_table(table_or_system)
        cache["_gvc_system"] = sys_
    return sys_


def _scattered_inverse(table, rows: np.ndarray, n: int) -> np.ndarray:
    """The embedded table's global inverse from the compact table's (no larger matrix is inverted)."""
    keep = rows >= 0
    Bc = global_leontief_inverse(technical_coefficients_icio(table.Z.to_numpy(float), table.x.to_numpy(float)))
    return _place(Bc[np.ix_(keep, keep)], rows[keep], n)


def _place(Bc: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    B = np.eye(n)
    B[np.ix_(rows, rows)] = Bc
    return B
