r"""Borin & Mancini perspectives beyond the exporter/source default.

Every function takes a :class:`~valuechain.gvc.core.GVCSystem` and returns term arrays;
:func:`valuechain.gvc.bm_decomposition` and :func:`bm_imports` wrap them in results.

=================  =========  ================================================================
perspective        approach   what is double counted (the perimeter)
=================  =========  ================================================================
``exporter``       source     value added crossing the exporter's border again (first crossing counts)
``exporter``       sink       same perimeter, the last crossing counts; adds ``VAXIM``
``world``          source     foreign value added already exported by any country (eq. 52)
``world``          sink       foreign value added that any country exports again (eq. 54)
``pair``           \-         value added crossing the same s -> r border again (Stata icio's
                              bilateral perspective: extraction of the s -> r block only)
``self``           \-         value added crossing the same exporter-industry -> importer
                              flow again (Johnson 2018 / Los et al. 2016 ``DVA*``)
``importer``       \-         gross imports of r: value added entering r for the first time
                              (``VA``) and the rest (``DC``), BM (2019) eq. (51)
=================  =========  ================================================================

The extraction inverses are never formed. With :math:`B` the global inverse, removing a
block of the coefficient matrix is a low-rank (Woodbury) update:

* pair s -> r (``A_sr`` removed): :math:`B^{(sr)}_{\cdot s} = B_{\cdot s} (I + A_{sr} B_{rs})^{-1}`;
* importer r (``A_{-r,r}`` removed): :math:`\tilde B^{r} z = B z - (B_{\cdot r}(I - A_{rr}) - I_{\cdot r})\,
  [B_{rr}(I - A_{rr})]^{-1} (B z)_r`.

References
----------
Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains and
value-added trade. World Bank Policy Research Working Paper 8804, eqs. (33)-(39) (sink),
(47)-(49) (self), (51) (imports), (52) and (54) (world).
Belotti, F., Borin, A. and Mancini, M. (2021). icio: Economic analysis with intercountry
input-output tables. *The Stata Journal* 21(3), 708-755 (perspectives and approaches).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import NotProductiveError, ValidationError
from ..results import identity_row
from .core import GVCResult, GVCResultMixin, GVCSystem, system_of
from ..tables.intercountry import InterCountryTable  # annotations

__all__ = [
    "BMResult",
    "BMImportsResult",
    "bm_imports",
    "world_fva",
    "self_terms",
    "pair_terms",
    "vaxim",
]


def world_fva(S: GVCSystem, approach: str) -> np.ndarray:
    r"""Foreign value added of each exporter in the world perspective, (G,) by exporter.

    Source (BM 2019, eq. 52): foreign value added counted the first time it is exported by
    a country other than its origin,

    .. math:: FVA^{w,source}_s = \sum_{t \ne s} v_t L_{tt} A_{ts} L_{ss} e_s .

    Sink (eq. 54): counted the last time it is exported, i.e. in the exports directly
    absorbed by the importer, plus the importer's own value added that ``s`` ships back to
    it for processing into r's directly absorbed exports:

    .. math:: FVA^{w,sink}_s = \sum_{t \ne s} v_t B_{ts} \sum_{r \ne s} (Y_{sr} + A_{sr} L_{rr} Y_{rr})
              + \sum_{r \ne s} v_r B_{rs} A_{sr} L_{rr} \big(\textstyle\sum_{j \ne r} Y_{rj}
              + \sum_{j \ne r} A_{rj} L_{jj} Y_{jj}\big)

    Parameters
    ----------
    S : GVCSystem
        The precomputed arrays of a balanced inter-country table
        (:meth:`GVCSystem.from_table <valuechain.gvc.core.GVCSystem.from_table>`).
    approach : {"source", "sink"}
        Whether foreign value added counts at its first (source) or last (sink) export.

    Returns
    -------
    numpy.ndarray
        (G,): the foreign value added in each exporter's gross exports, in the table's unit.

    Raises
    ------
    ValidationError
        If ``approach`` is unknown.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804, eqs. (52) and (54).
    .. [2] Belotti, F., Borin, A. and Mancini, M. (2021). icio: Economic analysis with
       intercountry input-output tables. *The Stata Journal* 21(3), 708-755.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc.core import GVCSystem
    >>> S = GVCSystem.from_table(synthetic_icio(3, 2, seed=1))
    >>> world_fva(S, "source").round(1), world_fva(S, "sink").round(1)
    (array([16.3, 24.2, 27.4]), array([16.3, 25. , 26.6]))
    """
    G = S.G
    g = np.arange(G)
    if approach == "source":
        Le = S.blockdiag(S.e)  # L_ss e_s, (G, N)
        # A_{t,s} L_ss e_s for all (t, s): out[t, k, s]
        ALe = np.einsum("tksj,sj->tks", S.A4, Le)
        ALe[g, :, g] = 0.0
        return np.einsum("tk,tks->s", S.wL, ALe)
    if approach != "sink":
        raise ValidationError(f"approach {approach!r} is unknown; use 'source' or 'sink'")
    _, Yoff = S.exports
    LY = S.blockdiag(S.ydiag)  # L_rr Y_rr
    dae = Yoff.sum(-1) + S.off(LY).sum(-1)  # directly absorbed exports of s, by industry (G, N)
    part1 = (S.u * dae).sum(1)
    # w_r = final exports of r + r's intermediate exports absorbed by their importers
    w = S.yexp + S.off(LY).sum(-1)
    Wrex = S.blockdiag(w)  # L_rr w_r
    AW = S.off(Wrex)  # [s, i, r] = A_sr L_rr w_r
    # VBR[r, s, i] = sum_k v_rk B[rk, si]: value added of r per unit of output of (s, i)
    VBR = np.einsum("rk,rksi->rsi", S.v2, S.B4)
    part2 = np.einsum("rsi,sir->s", VBR, AW)
    return part1 + part2


def self_terms(S: GVCSystem, level: str) -> dict[str, np.ndarray]:
    r"""Self perimeter (BM 2019, eqs. 47-49): the export flow itself is the perimeter.

    For exporter s, industry i and importer r, with :math:`c = 1 + (A_{sr} B_{rs})_{ii}`
    (bilateral) or :math:`c = 1 + (\sum_{j \ne s} A_{sj} B_{js})_{ii}` (sector):

    .. math:: DVA^\star = \frac{(v_s B_{ss})_i}{c} e, \quad FVA^\star = \frac{(\sum_{t\ne s} v_t B_{ts})_i}{c} e,
              \quad VAX^\star = \frac{(v_s B_{ss})_i}{c}\big(Y_{sr,i} + (A_{sr}(x_r - (BY)_{r,s}))_i\big)

    Parameters
    ----------
    S : GVCSystem
        The precomputed arrays of a balanced inter-country table
        (:meth:`GVCSystem.from_table <valuechain.gvc.core.GVCSystem.from_table>`).
    level : {"bilateral", "sector"}
        ``"bilateral"``: the perimeter is the exporter-industry -> importer flow; any other
        value: the exporter-industry's total exports (sector level).

    Returns
    -------
    dict of str to numpy.ndarray
        ``GEXP, DC, DVA, VAX, FC, FVA``, each (G, N, G) [exporter, industry, importer]
        (bilateral) or (G, N, 1) (sector), in the table's unit.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804, eqs. (47)-(49).
    .. [2] Belotti, F., Borin, A. and Mancini, M. (2021). icio: Economic analysis with
       intercountry input-output tables. *The Stata Journal* 21(3), 708-755.
    .. [3] Los, B., Timmer, M. P. and de Vries, G. J. (2016). Tracing value-added and double
       counting in gross exports: comment. *American Economic Review* 106(7), 1958-1966.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc.core import GVCSystem
    >>> S = GVCSystem.from_table(synthetic_icio(3, 2, seed=1))
    >>> t = self_terms(S, "sector")
    >>> t["DVA"].shape, t["DVA"][:, :, 0].round(1)
    ((3, 2, 1), array([[80.4, 47. ],
           [72.1, 58.4],
           [32.5, 79.5]]))
    """
    G, N = S.G, S.N
    g = np.arange(G)
    _, Yoff = S.exports
    BY3 = S.BY.reshape(G, N, G)
    # vaxe[s, i, r] = (A_sr (x_r - (BY)_{r, s}))_i ; M[r, j, s] = x_rj - BY[rj, s]
    M = S.x.reshape(G, N)[:, :, None] - BY3
    vaxe = S.off(M)
    absorbed = Yoff + vaxe  # part of E_sr not absorbed in s
    E = S.E3
    if level == "bilateral":
        c = 1.0 + np.einsum("sirj,rjsi->sir", S.A4, S.B4)
        c[g, :, g] = 1.0
        cd, cf = S.wB[:, :, None] / c, S.u[:, :, None] / c
        DVA, FVA, VAX = cd * E, cf * E, cd * absorbed
        return dict(GEXP=E, DC=S.wB[:, :, None] * E, DVA=DVA, VAX=VAX, FC=S.u[:, :, None] * E, FVA=FVA)
    # sector: sum_{j != s} A_sj B_js = (B_ss - I) - A_ss B_ss
    Ms = S.Bss - np.eye(N)[None] - np.matmul(S.Ass, S.Bss)
    c = 1.0 + np.einsum("sii->si", Ms)
    e = S.e
    cd, cf = S.wB / c, S.u / c
    return dict(GEXP=e[:, :, None], DC=(S.wB * e)[:, :, None], DVA=(cd * e)[:, :, None],
                VAX=(cd * absorbed.sum(-1))[:, :, None], FC=(S.u * e)[:, :, None], FVA=(cf * e)[:, :, None])


def _pair_rows(S: GVCSystem) -> tuple[np.ndarray, np.ndarray]:
    r"""Row vectors :math:`v_s B_{ss} M_{sr}` and :math:`\sum_{t\ne s} v_t B_{ts} M_{sr}`, (G, N, G) each,
    with :math:`M_{sr} = (I + A_{sr} B_{rs})^{-1}`."""
    G, N = S.G, S.N
    g = np.arange(G)
    A_sr = S.A4.transpose(0, 2, 1, 3)  # [s, r, i, j]
    B_rs = S.B4.transpose(2, 0, 1, 3)  # [s, r, j, k] = B[r j, s k]
    P = np.matmul(A_sr, B_rs)  # A_sr B_rs, (G, G, N, N)
    P[g, g] = 0.0
    P += np.eye(N)[None, None]
    rhs = np.stack([np.broadcast_to(S.wB[:, None, :], (G, G, N)), np.broadcast_to(S.u[:, None, :], (G, G, N))], axis=-1)
    try:
        sol = np.linalg.solve(np.swapaxes(P, -1, -2), rhs)  # (G, G, N, 2): rows solved via transpose
    except np.linalg.LinAlgError:
        raise NotProductiveError("I + A_sr B_rs is singular for a country pair; the pair-perspective extraction is undefined") from None
    d = np.transpose(sol[..., 0], (0, 2, 1))  # [s, i, r]
    f = np.transpose(sol[..., 1], (0, 2, 1))
    return d, f


def pair_terms(S: GVCSystem) -> dict[str, np.ndarray]:
    r"""Bilateral (pair) perspective: the s -> r border is the perimeter (Stata icio ``perspective(bilateral)``).

    Value added is counted the first time it crosses the s -> r border, with the extraction
    inverse :math:`B^{(sr)}` (the world without s's intermediate exports to r):

    .. math:: DVA^{sr} = v_s B^{(sr)}_{ss} \hat e_{sr} = v_s B_{ss}(I + A_{sr} B_{rs})^{-1} \hat e_{sr},
              \quad FVA^{sr} = \textstyle\sum_{t \ne s} v_t B_{ts} (I + A_{sr} B_{rs})^{-1} \hat e_{sr}

    VAX splits DVA by the share of the flow absorbed outside s, as in the self perimeter.

    Parameters
    ----------
    S : GVCSystem
        The precomputed arrays of a balanced inter-country table
        (:meth:`GVCSystem.from_table <valuechain.gvc.core.GVCSystem.from_table>`).

    Returns
    -------
    dict of str to numpy.ndarray
        ``GEXP, DC, DVA, VAX, FC, FVA``, each (G, N, G) [exporter, industry, importer], in
        the table's unit.

    Raises
    ------
    NotProductiveError
        If :math:`I + A_{sr} B_{rs}` is singular for a country pair.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804 (bilateral perspective).
    .. [2] Belotti, F., Borin, A. and Mancini, M. (2021). icio: Economic analysis with
       intercountry input-output tables. *The Stata Journal* 21(3), 708-755.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc.core import GVCSystem
    >>> S = GVCSystem.from_table(synthetic_icio(3, 2, seed=1))
    >>> pair_terms(S)["DVA"].sum(1).round(1)  # [exporter, importer]
    array([[ 0. , 55.7, 71.6],
           [43.8,  0. , 86.5],
           [53.2, 58.8,  0. ]])
    """
    d, f = _pair_rows(S)
    G, N = S.G, S.N
    _, Yoff = S.exports
    BY3 = S.BY.reshape(G, N, G)
    vaxe = S.off(S.x.reshape(G, N)[:, :, None] - BY3)
    E = S.E3
    return dict(GEXP=E, DC=S.wB[:, :, None] * E, DVA=d * E, VAX=d * (Yoff + vaxe), FC=S.u[:, :, None] * E, FVA=f * E)


def vaxim(S: GVCSystem) -> np.ndarray:
    r"""VAXIM (BM 2019, sink approach): s's value added exported to r and absorbed in r,
    also after further processing stages abroad that do not pass through s again. (G, N, G).

    .. math:: VAXIM_{sr} = v_s B_{ss} \big(Y_{sr} + A_{sr} L_{rr}
              (Y_{rr} + \textstyle\sum_{j \ne r} A_{rj} x^{s,r}_j)\big), \quad
              x^{s,r} = B^{s} (Y_{\cdot r} - Y_{sr})

    where :math:`B^s` is the inverse with s's exports extracted and :math:`x^{s,r}` the output
    that r's final demand calls for in that world.

    Parameters
    ----------
    S : GVCSystem
        The precomputed arrays of a balanced inter-country table
        (:meth:`GVCSystem.from_table <valuechain.gvc.core.GVCSystem.from_table>`).

    Returns
    -------
    numpy.ndarray
        (G, N, G) [exporter, industry, importer], in the table's unit; zero where the
        importer is the exporter.

    Raises
    ------
    NotProductiveError
        If a diagonal block :math:`B_{ss}` of the global inverse is singular.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804, eqs. (33)-(39) (sink approach).
    .. [2] Belotti, F., Borin, A. and Mancini, M. (2021). icio: Economic analysis with
       intercountry input-output tables. *The Stata Journal* 21(3), 708-755.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc.core import GVCSystem
    >>> S = GVCSystem.from_table(synthetic_icio(3, 2, seed=1))
    >>> vaxim(S).sum(1).round(1)  # [exporter, importer]
    array([[ 0. , 45.2, 59. ],
           [37.5,  0. , 74.7],
           [44.2, 46.2,  0. ]])
    """
    G, N = S.G, S.N
    g = np.arange(G)
    Y3 = S.Y3
    # With A^F the foreign blocks of A and A B = B - I, the blocks of A^F B are
    # K_rs = (I - A_rr) B_rs (r != s) and K_ss = B_ss - I - A_ss B_ss, so no GN x GN product
    # is needed beyond A^F (B Y).
    AoBY = S.A_offdiag(S.BY)  # (A^F B Y), [c, i, destination]
    Kss = S.Bss - np.eye(N)[None] - np.matmul(S.Ass, S.Bss)
    # (A_{s,-s} B z^{s,r})_s with z^{s,r} = Y_.r without Y_sr: [s, i, r]
    ABz = AoBY - np.matmul(Kss, Y3)
    try:
        corr = np.linalg.solve(S.Bss, np.matmul(S.Lss, ABz))  # B_ss^-1 L_ss (...), [s, k, r]
    except np.linalg.LinAlgError:
        raise NotProductiveError("a diagonal block B_ss of the global inverse is singular; VAXIM is undefined") from None
    w = Y3 + corr  # x^{s,r} = B Y_.r - B_.s w_sr
    Bw = np.einsum("rjsk,skr->sjr", S.B4, w)  # B_rs w_sr, [s, j, r]
    own = S.blockdiag(S.ydiag + AoBY[g, :, g])  # L_rr (Y_rr + (A^F B Y)_{r, r}), [r, j]
    # L_rr (Y_rr + sum_{j != r} A_rj x^{s,r}_j) = own_r - B_rs w_sr   (L_rr (I - A_rr) = I)
    LI = own.T[None, :, :] - Bw  # [s, j, r]
    LI = np.ascontiguousarray(LI.transpose(2, 1, 0))  # [r, j, s] as offdiag_apply expects
    _, Yoff = S.exports
    out = Yoff + S.off(LI)  # [s, i, r]: Y_sr + A_sr L_rr(...)
    res = S.wB[:, :, None] * out
    res[g, :, g] = 0.0
    return res


@dataclass(frozen=True, eq=False)
class BMResult(GVCResult):
    """A Borin-Mancini result: :class:`GVCResult` plus inequality checks (``lo <= hi``).

    Built by :func:`~valuechain.gvc.bm_decomposition`; users read it.

    Parameters
    ----------
    method, terms, data, countries, industries, level, levels, flags, identities, extra, description
        As for :class:`~valuechain.gvc.core.GVCResult`.
    inequalities : tuple of (str, str)
        Pairs ``(lo, hi)`` of term names; :meth:`check` verifies ``lo <= hi`` at every level
        (e.g. ``DVA <= DC``).

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2023). Measuring what matters in value-added trade.
       *Economic Systems Research* 35(4), 586-613.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc import bm_decomposition
    >>> r = bm_decomposition(synthetic_icio(3, 2, seed=1))
    >>> r.table[["exporter", "GEXP", "DC", "DVA"]].round(2)
      exporter    GEXP      DC     DVA
    0      C00  147.12  128.43  126.21
    1      C01  159.29  131.70  129.29
    2      C02  143.66  113.31  110.69
    >>> r.identities_hold()
    True
    """

    inequalities: tuple[tuple[str, str], ...] = ()

    def check(self, *, rtol: float = 1e-8) -> pd.DataFrame:
        out = super().check(rtol=rtol)
        rows = []
        for level in self.levels:
            df = self.at(level)
            scale = float(np.max(np.abs(df["GEXP"].to_numpy()))) if len(df) else 1.0
            scale = scale if scale > 0 else 1.0
            for lo, hi in self.inequalities:
                viol = float(np.max(np.maximum(df[lo].to_numpy() - df[hi].to_numpy(), 0.0))) if len(df) else 0.0
                rows.append({"identity": f"{lo} <= {hi}", "level": level, "max_abs_error": viol,
                             "rel_error": viol / scale, "ok": viol / scale <= rtol})
        if rows:
            out = pd.concat([out, pd.DataFrame(rows)], ignore_index=True)
        return out


# --------------------------------------------------------------------------- imports
@dataclass(frozen=True, eq=False)
class BMImportsResult(GVCResultMixin):
    """Gross imports of each country by value-added origin (BM 2019, importer perspective).

    ``table``: at ``level="country"`` one row per importer (``importer``, ``GIMP``, ``VA``,
    ``DC``); at ``level="bilateral"`` one row per importer x origin country (``importer``,
    ``origin``, ``VA``, ``DC``; the origin may be the importer itself: re-imported value added).
    Built by :func:`bm_imports`; users read it.

    Parameters
    ----------
    va : numpy.ndarray
        (G, N, G) [origin country, origin industry, importer]: value added entering the
        importer for the first time.
    dc : numpy.ndarray
        (G, N, G), same axes: the double-counted rest.
    gimp : numpy.ndarray
        (G,): gross imports of each importer.
    countries, industries : tuple of str
        The labels of the country and industry axes.
    level : {"country", "bilateral"}
        The level :attr:`table` shows (default ``"country"``).
    flags : tuple of str
        Provenance flags of the table, repeated in every output.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804, eq. (51).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = bm_imports(synthetic_icio(3, 2, seed=1), level="bilateral")
    >>> r.table.head(3).round(1)
      importer origin    VA   DC
    0      C00    C00  12.0  0.2
    1      C00    C01  50.0  0.8
    2      C00    C02  57.5  1.0
    """

    va: np.ndarray  # (G, N, G) [origin country, origin industry, importer]
    dc: np.ndarray
    gimp: np.ndarray  # (G,)
    countries: tuple[str, ...]
    industries: tuple[str, ...]
    level: str = "country"
    flags: tuple[str, ...] = ()
    title = "Borin-Mancini gross imports by value-added origin (importer perspective)"
    method = "Borin-Mancini imports (importer perspective)"

    def at(self, level: str) -> pd.DataFrame:
        if level == "country":
            return pd.DataFrame({"importer": list(self.countries), "GIMP": self.gimp,
                                 "VA": self.va.sum((0, 1)), "DC": self.dc.sum((0, 1))})
        if level == "bilateral":
            G = len(self.countries)
            va, dc = self.va.sum(1), self.dc.sum(1)  # [origin, importer]
            return pd.DataFrame({
                "importer": np.repeat(self.countries, G), "origin": np.tile(self.countries, G),
                "VA": va.T.ravel(), "DC": dc.T.ravel(),
            })
        raise ValidationError(f"level {level!r} is not available for the import decomposition; use country or bilateral")

    @property
    def table(self) -> pd.DataFrame:
        return self.at(self.level)

    def _identity_rows(self) -> list[dict]:
        tot = self.va.sum((0, 1)) + self.dc.sum((0, 1))
        sc = float(np.max(np.abs(self.gimp))) or 1.0
        return [
            identity_row("GIMP = VA + DC (each importer)", float(np.max(np.abs(tot - self.gimp))), scale=sc),
        ]


def bm_imports(table: InterCountryTable | GVCSystem, *, level: str = "country") -> BMImportsResult:
    r"""Decompose each country's gross imports by value-added origin (BM 2019, eq. 51).

    With :math:`d^r` the vector of r's gross imports (column r of bilateral exports) and
    :math:`\tilde B^r` the inverse of the world where r imports no intermediates,

    .. math:: VA^{r} = \hat v \tilde B^{r} d^r, \qquad DC^{r} = \hat v \tilde B^{r} A_{\cdot r} (B d^r)_r
              \ (\text{foreign rows only}), \qquad GIMP_r = 1'VA^r + 1'DC^r .

    ``VA`` is value added entering r for the first time in these imports; ``DC`` the part
    already imported by r before (double counted from r's point of view).

    Parameters
    ----------
    table : InterCountryTable or GVCSystem
        A balanced inter-country table with value added and final demand by destination
        (or the system built from one, to share its inverses between methods).
    level : {"country", "bilateral"}
        ``bilateral``: by importer and value-added origin country.

    Returns
    -------
    BMImportsResult
        ``.table``: at country level ``importer, GIMP, VA, DC``; at bilateral level
        ``importer, origin, VA, DC`` (the origin may be the importer itself: re-imported
        value added); in the table's unit. ``check()`` verifies ``GIMP = VA + DC``.

    Raises
    ------
    ValidationError
        If ``level`` is not available, or the table cannot carry value-added terms: one
        read with ``format="zx"`` (intermediate flows and output only) or one that keeps
        processing splits (use ``table.merge_splits()`` or ``decomposition(..., terms="standard")``).
    NotProductiveError
        If the global coefficient matrix :math:`A` is not productive (:math:`B = (I - A)^{-1}`
        undefined) or :math:`B_{rr}(I - A_{rr})` is singular.
    TypeError
        If ``table`` is neither an :class:`~valuechain.gvc.InterCountryTable` nor a
        :class:`~valuechain.gvc.core.GVCSystem`.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804, eq. (51), importer perspective.

    .. [2] Borin, A. and Mancini, M. (2023). Measuring what matters in value-added trade.
       *Economic Systems Research* 35(4), 586-613.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = bm_imports(synthetic_icio(3, 2, seed=1))
    >>> r.table.round(2)
      importer    GIMP      VA    DC
    0      C00  121.67  119.60  2.06
    1      C01  139.07  136.61  2.47
    2      C02  189.34  184.68  4.66
    >>> r.identities_hold()
    True
    """
    if level not in ("country", "bilateral"):
        raise ValidationError(f"level {level!r} is not available for the import decomposition; use country or bilateral")
    S = system_of(table)
    G, N = S.G, S.N
    g = np.arange(G)
    D = np.transpose(S.E3, (0, 1, 2)).reshape(G * N, G)  # d^r as columns: [s i, r]
    BD = S.B @ D  # (GN, G)
    IA = np.eye(N)[None] - S.Ass  # I - A_rr
    K = np.matmul(S.Bss, IA)  # B_rr (I - A_rr)

    def tilde(Z: np.ndarray) -> np.ndarray:
        """tilde B^r z_r for every r; Z is (GN, G), column r is z_r; returns (GN, G)."""
        BZ = S.B @ Z
        BZr = BZ.reshape(G, N, G)[g, :, g]  # (B z_r)_r, (G, N)
        try:
            c = np.linalg.solve(K, BZr[..., None])[..., 0]
        except np.linalg.LinAlgError:
            raise NotProductiveError("B_rr (I - A_rr) is singular; the import decomposition is undefined") from None
        q = np.einsum("rij,rj->ri", IA, c)
        out = BZ - S.B_cols_apply(q)
        out3 = out.reshape(G, N, G)
        out3[g, :, g] += c
        return out3.reshape(G * N, G)

    va = S.v[:, None] * tilde(D)
    gr = BD.reshape(G, N, G)[g, :, g]  # (B d^r)_r, (G, N)
    # h^r = A_{.r} g^r with the rows of r zeroed: (GN, G)
    H = np.einsum("tkrj,rj->tkr", S.A4, gr)
    H[g, :, g] = 0.0
    dc = S.v[:, None] * tilde(H.reshape(G * N, G))
    gimp = S.E3.sum((0, 1))
    return BMImportsResult(va=va.reshape(G, N, G), dc=dc.reshape(G, N, G), gimp=gimp, countries=S.countries,
                           industries=S.industries, level=level, flags=S.flags)
