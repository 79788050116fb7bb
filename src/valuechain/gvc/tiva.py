"""Trade in value added (TiVA) indicators, OECD definitions.

======================  ===================================================================
EXGR                    gross exports
EXGR_FNL, EXGR_INT      exports of final goods and of intermediates
EXGR_DVA                domestic value-added content of gross exports, :math:`v_s B_{ss} e_s`
EXGR_DDC                ... of which direct: the exporting industry's own value added
EXGR_IDC                ... of which indirect: value added of other domestic industries
EXGR_RIM                ... of which re-imported domestic value added
EXGR_FVA                foreign value-added content, :math:`\\sum_{t \\ne s} v_t B_{ts} e_s`
DVA_FX                  domestic value added in third countries' exports (forward linkage)
FFD_DVA                 domestic value added absorbed by foreign final demand (VAX)
VA                      value added
GVC_BACK                EXGR_FVA / EXGR (backward participation, Koopman et al. 2010)
GVC_FWD                 DVA_FX / EXGR (forward participation)
GVC_PART                GVC_BACK + GVC_FWD
EXGR_DVA_SH             EXGR_DVA / EXGR
VAX_RATIO               FFD_DVA / EXGR (Johnson & Noguera 2012)
FFD_DVA_SH              FFD_DVA / VA (share of value added driven by foreign final demand)
EXGR_TDVAIND            domestic value added in the country's gross exports by industry of origin
                        of the value added (sums to EXGR_DVA over industries)
EXGR_SERV_DVASH         domestic services value added in gross exports / EXGR
EXGR_SERV_FVASH         foreign services value added in gross exports / EXGR
IMGR, IMGRINT           gross imports, intermediate imports (by product industry at sector level)
IMGR_DVA                domestic value added re-imported in gross imports
REII                    re-exported intermediate imports: imported intermediates embodied in
                        exports, :math:`\\sum_{t \\ne s} 1'A_{ts} L_{ss} e_s` (country level)
IMGRINT_REII            REII / IMGRINT (country level)
FD_VA                   value added (all origins) absorbed by the country's final demand
DFD_FVA                 foreign value added absorbed by domestic final demand
BALVAFD                 FFD_DVA - DFD_FVA: trade balance in value added (= EXGR - IMGR)
======================  ===================================================================

FFD_DVA for every partner: :meth:`TiVAResult.dva_by_destination`; value added by origin
and absorption with groups: :func:`valuechain.gvc.va_absorption`.

Shares are fractions (0-1), not percentages. At the sector level EXGR* are by exporting
industry while DVA_FX, FFD_DVA and VA are by the industry where the value added is
created (as in the OECD TiVA database).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from .core import GVCResult, check_level, stack_terms, system_of
from ..tables.intercountry import InterCountryTable  # annotations
from .core import GVCSystem  # annotations

__all__ = ["tiva_indicators", "TiVAResult", "TIVA_TERMS"]

TIVA_TERMS = ("EXGR", "EXGR_FNL", "EXGR_INT", "EXGR_DVA", "EXGR_DDC", "EXGR_IDC", "EXGR_RIM", "EXGR_FVA")
_NON_BILATERAL = ("DVA_FX", "FFD_DVA", "VA", "EXGR_TDVAIND", "IMGR", "IMGRINT", "IMGR_DVA")
_COUNTRY_ONLY = ("EXGR_SERV_DVA", "EXGR_SERV_FVA", "REII", "FD_VA", "DFD_FVA")
#: Services in OECD ICIO industry codes: ISIC Rev. 4 sections G to T (OECD TiVA guide).
_SERVICE_SECTIONS = tuple("GHIJKLMNOPQRST")
_RATIOS = {
    "EXGR_DVA_SH": ("EXGR_DVA", "EXGR"),
    "GVC_BACK": ("EXGR_FVA", "EXGR"),
    "GVC_FWD": ("DVA_FX", "EXGR"),
    "VAX_RATIO": ("FFD_DVA", "EXGR"),
    "FFD_DVA_SH": ("FFD_DVA", "VA"),
}

_IDENTITIES = (
    ("EXGR = EXGR_DVA + EXGR_FVA", "EXGR", ("EXGR_DVA", "EXGR_FVA"), (1.0, 1.0)),
    ("EXGR_DVA = EXGR_DDC + EXGR_IDC + EXGR_RIM", "EXGR_DVA", ("EXGR_DDC", "EXGR_IDC", "EXGR_RIM"), (1.0,) * 3),
    ("EXGR = EXGR_FNL + EXGR_INT", "EXGR", ("EXGR_FNL", "EXGR_INT"), (1.0, 1.0)),
)


@dataclass(frozen=True, eq=False)
class TiVAResult(GVCResult):
    """TiVA indicators; adds the non-bilateral indicators and shares at country/sector level.

    Extra tables: :meth:`fva_by_source` (EXGR_FVA by source country and industry) and
    :meth:`dva_by_destination` (domestic value added by country of final absorption).
    Built by :func:`tiva_indicators` (the fields are those of
    :class:`~valuechain.gvc.GVCResult`; ``extra`` holds the non-bilateral indicators).

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

    Raises
    ------
    ValidationError
        If ``level`` is not one of ``levels``.

    References
    ----------
    .. [1] OECD (2021). *Guide to OECD Trade in Value Added (TiVA) Indicators*, 2021 edition.
       OECD Directorate for Science, Technology and Innovation, Paris.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = tiva_indicators(synthetic_icio(3, 2, seed=1))
    >>> r.fva_by_source(by_industry=False).round(2).head(2)
      exporter source_country  EXGR_FVA
    0      C00            C01      8.10
    1      C00            C02     10.59
    >>> r.dva_by_destination().round(2).head(2)
      exporter destination  FFD_DVA
    0      C00         C01    50.87
    1      C00         C02    65.32
    """

    def at(self, level: str) -> pd.DataFrame:
        df = super().at(level)
        if level == "bilateral":
            return df
        G, N = len(self.countries), len(self.industries)
        for name in _NON_BILATERAL:
            arr = np.asarray(self.extra[name])  # (G, N) by source industry
            df[name] = arr.sum(1) if level == "country" else arr.reshape(G * N)
        with np.errstate(divide="ignore", invalid="ignore"):
            for name, (num, den) in _RATIOS.items():
                d = df[den].to_numpy()
                df[name] = np.where(d != 0, df[num].to_numpy() / np.where(d != 0, d, 1.0), np.nan)
            df["GVC_PART"] = df["GVC_BACK"] + df["GVC_FWD"]
            if level == "country":
                ex = df["EXGR"].to_numpy()
                c = {k: np.asarray(self.extra[k]) for k in _COUNTRY_ONLY}
                has_serv = bool(self.extra.get("has_services", False))
                df["EXGR_SERV_DVASH"] = np.where((ex != 0) & has_serv, c["EXGR_SERV_DVA"] / np.where(ex != 0, ex, 1.0), np.nan)
                df["EXGR_SERV_FVASH"] = np.where((ex != 0) & has_serv, c["EXGR_SERV_FVA"] / np.where(ex != 0, ex, 1.0), np.nan)
                df["REII"] = c["REII"]
                imi = df["IMGRINT"].to_numpy()
                df["IMGRINT_REII"] = np.where(imi != 0, c["REII"] / np.where(imi != 0, imi, 1.0), np.nan)
                df["FD_VA"] = c["FD_VA"]
                df["DFD_FVA"] = c["DFD_FVA"]
                df["BALVAFD"] = df["FFD_DVA"].to_numpy() - c["DFD_FVA"]
        return df

    def check(self, *, rtol: float = 1e-8) -> pd.DataFrame:
        """The additive identities of the EXGR terms plus two world-level identities.

        World: total foreign value added in all exports equals total domestic value added
        in other countries' exports; value added by destination adds up to value added.
        """
        out = super().check(rtol=rtol)
        F = np.asarray(self.extra["va_origin"])  # (G, N, G) [source t, k, exporter s]
        G = F.shape[0]
        g = np.arange(G)
        world_fva = self.data[..., self.terms.index("EXGR_FVA")].sum()
        world_fx = np.asarray(self.extra["DVA_FX"]).sum()
        vby = np.asarray(self.extra["VBY"])  # (G, N, G)
        va = np.asarray(self.extra["VA"])
        c = self.at("country")
        exs = float(np.max(np.abs(c["EXGR"].to_numpy()))) or 1.0
        rows = [
            ("BALVAFD = EXGR - IMGR (each country)", float(np.max(np.abs(c["BALVAFD"] - (c["EXGR"] - c["IMGR"])))), exs),
            ("sum over industries of EXGR_TDVAIND = EXGR_DVA", float(np.max(np.abs(c["EXGR_TDVAIND"] - c["EXGR_DVA"]))), exs),
            ("world: sum IMGR = sum EXGR", abs(float(c["IMGR"].sum() - c["EXGR"].sum())), exs),
            ("FD_VA = final demand of the country", float(np.max(np.abs(c["FD_VA"].to_numpy() - np.asarray(self.extra["FD"])))), exs),
            ("world: sum EXGR_FVA = sum DVA_FX", abs(world_fva - world_fx), max(abs(world_fva), 1e-300)),
            ("VA = sum over destinations of VA absorbed", float(np.max(np.abs(vby.sum(-1) - va))), max(float(np.max(np.abs(va))), 1e-300)),
            ("EXGR_FVA = foreign rows of VA origin", float(np.max(np.abs(
                F.sum((0, 1)) - F[g, :, g].sum(1) - self.data[..., self.terms.index("EXGR_FVA")].sum((1, 2))))),
             max(float(np.max(np.abs(self.data[..., 0].sum((1, 2))))), 1e-300)),
        ]
        extra = pd.DataFrame([
            {"identity": lab, "level": "world", "max_abs_error": err, "rel_error": err / sc, "ok": err / sc <= rtol}
            for lab, err, sc in rows
        ])
        return pd.concat([out, extra], ignore_index=True)

    def fva_by_source(self, *, by_industry: bool = True) -> pd.DataFrame:
        """EXGR_FVA of each exporter by source country (and source industry).

        .. math:: FVA_{s \\leftarrow (t,k)} = v_{tk} \\sum_j b_{tk,sj} e_{sj}, \\quad t \\ne s
        """
        F = np.asarray(self.extra["va_origin"]).transpose(2, 0, 1)  # [s, t, k]
        G, N = F.shape[0], F.shape[2]
        s_idx, t_idx, k_idx = np.meshgrid(np.arange(G), np.arange(G), np.arange(N), indexing="ij")
        df = pd.DataFrame({
            "exporter": np.asarray(self.countries)[s_idx.ravel()],
            "source_country": np.asarray(self.countries)[t_idx.ravel()],
            "source_industry": np.asarray(self.industries)[k_idx.ravel()],
            "EXGR_FVA": F.ravel(),
        })
        df = df[df["exporter"] != df["source_country"]]
        if not by_industry:
            df = df.groupby(["exporter", "source_country"], sort=False, as_index=False)["EXGR_FVA"].sum()
        return df.reset_index(drop=True)

    def dva_by_destination(self, *, by_industry: bool = False) -> pd.DataFrame:
        """Domestic value added of each country absorbed by final demand of each destination.

        .. math:: FFD\\_DVA_{s \\to d} = \\sum_{k} v_{sk} (B Y)_{sk, d}
        """
        vby = np.asarray(self.extra["VBY"])  # (G, N, G) [s, k, d]
        G, N = vby.shape[0], vby.shape[1]
        s_idx, k_idx, d_idx = np.meshgrid(np.arange(G), np.arange(N), np.arange(G), indexing="ij")
        df = pd.DataFrame({
            "exporter": np.asarray(self.countries)[s_idx.ravel()],
            "industry": np.asarray(self.industries)[k_idx.ravel()],
            "destination": np.asarray(self.countries)[d_idx.ravel()],
            "FFD_DVA": vby.ravel(),
        })
        df = df[df["exporter"] != df["destination"]]
        if not by_industry:
            df = df.groupby(["exporter", "destination"], sort=False, as_index=False)["FFD_DVA"].sum()
        return df.reset_index(drop=True)


def _services_mask(industries, services) -> tuple[np.ndarray, bool]:
    ind = [str(i) for i in industries]
    if services is not None:
        unknown = sorted(set(services) - set(ind))
        if unknown:
            raise ValidationError(f"services {unknown[:3]} are not industries of the table; name industries of the table")
        m = np.array([i in set(services) for i in ind])
        return m, True
    # OECD ICIO codes: a section letter followed by digits (G, H49, J58T60, ...)
    m = np.array([len(i) > 0 and i[0] in _SERVICE_SECTIONS and (len(i) == 1 or i[1].isdigit()) for i in ind])
    return m, bool(m.any())


def tiva_indicators(table: InterCountryTable | GVCSystem, *, level: str = "country",
                    services: Sequence[str] | None = None) -> TiVAResult:
    """OECD TiVA indicators for every country (and industry, and partner).

    Parameters
    ----------
    table : InterCountryTable or GVCSystem
        A balanced inter-country table with value added and final demand by destination
        (or the system built from one, to share its inverses between methods).
    level : {"country", "sector", "bilateral"}
        Bilateral rows (exporter x industry x importer) carry only the EXGR* indicators.
    services : sequence of str, optional
        Industries counted as services for EXGR_SERV_DVASH / EXGR_SERV_FVASH. Default: the
        OECD ICIO codes of ISIC Rev. 4 sections G-T; for other labels (none detected) the two
        shares are NaN unless ``services`` is given.

    Returns
    -------
    TiVAResult
        ``.table`` at ``level``: ``EXGR, EXGR_FNL, EXGR_INT, EXGR_DVA, EXGR_DDC, EXGR_IDC,
        EXGR_RIM, EXGR_FVA`` (in the table's unit) and, at country and sector level,
        ``DVA_FX, FFD_DVA, VA, EXGR_TDVAIND, IMGR, IMGRINT, IMGR_DVA`` and the shares
        ``EXGR_DVA_SH, GVC_BACK, GVC_FWD, VAX_RATIO, FFD_DVA_SH, GVC_PART`` (fractions);
        country level adds ``EXGR_SERV_DVASH, EXGR_SERV_FVASH, REII, IMGRINT_REII, FD_VA,
        DFD_FVA, BALVAFD``. ``check()`` verifies the additive identities.

    Raises
    ------
    ValidationError
        If ``level`` is not available, a name of ``services`` is not an industry of the table, or the table cannot carry value-added terms: one
        read with ``format="zx"`` (intermediate flows and output only) or one that keeps
        processing splits (use ``table.merge_splits()`` or ``decomposition(..., terms="standard")``).
    NotProductiveError
        If the global coefficient matrix :math:`A` is not productive (:math:`B = (I - A)^{-1}`
        undefined) or a domestic block :math:`I - A_{ss}` is singular.
    TypeError
        If ``table`` is neither an :class:`~valuechain.gvc.InterCountryTable` nor a
        :class:`~valuechain.gvc.core.GVCSystem`.

    Notes
    -----
    With :math:`e_s` the gross exports of country s (N-vector), :math:`B` the global and
    :math:`L_{ss}` the local inverse:

    .. math::

        EXGR\\_DVA_s &= v_s B_{ss} e_s = \\underbrace{\\mathrm{diag}(v_s L_{ss}) e_s}_{DDC:\\ own\\ industry}
        + \\underbrace{(v_s L_{ss} - \\mathrm{diag}(\\cdot)) e_s}_{IDC} + \\underbrace{v_s (B_{ss} - L_{ss}) e_s}_{RIM} \\\\
        EXGR\\_FVA_s &= \\textstyle\\sum_{t \\ne s} v_t B_{ts} e_s, \\qquad
        DVA\\_FX_s = \\sum_{r \\ne s} v_s B_{sr} e_r \\\\
        FFD\\_DVA_s &= \\textstyle\\sum_{d \\ne s} v_s B_{s\\cdot} Y_{\\cdot d}, \\qquad
        GVC\\_PART_s = (EXGR\\_FVA_s + DVA\\_FX_s) / EXGR_s

    Here the direct part (EXGR_DDC) is the exporting industry's own value added including
    its own-industry feedback, :math:`v_{si} (L_{ss})_{ii} e_{si}`.

    References
    ----------
    .. [1] OECD (2021). *Guide to OECD Trade in Value Added (TiVA) Indicators*, 2021 edition.
       OECD, Paris, Sections 3-4 (EXGR_DVA, EXGR_DDC, EXGR_IDC, EXGR_RIM, EXGR_FVA, FFD_DVA).

    .. [2] Koopman, R., Powers, W., Wang, Z. and Wei, S.-J. (2010). Give credit where credit
       is due: tracing value added in global production chains. NBER Working Paper 16426,
       Section 5 (GVC participation index).

    .. [3] Johnson, R. C. and Noguera, G. (2012). Accounting for intermediates: production
       sharing and trade in value added. *Journal of International Economics* 86(2),
       224-236 (VAX ratio).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = tiva_indicators(synthetic_icio(3, 2, seed=1))
    >>> r.table[["exporter", "EXGR", "EXGR_DVA", "EXGR_FVA", "GVC_PART"]].round(3)
      exporter     EXGR  EXGR_DVA  EXGR_FVA  GVC_PART
    0      C00  147.124   128.435    18.689     0.324
    1      C01  159.293   131.698    27.594     0.315
    2      C02  143.664   113.309    30.355     0.385
    >>> r.identities_hold()
    True
    """
    check_level(level, ("country", "sector", "bilateral"), "TiVA")
    S = system_of(table)
    G, N = S.G, S.N
    g = np.arange(G)
    Eint, Efin = S.exports
    E = Eint + Efin
    wB, wL = S.wB[:, :, None], S.wL[:, :, None]
    own = (S.v2 * np.einsum("sii->si", S.Lss))[:, :, None]  # v_si (L_ss)_ii
    cols = dict(
        EXGR=E, EXGR_FNL=Efin, EXGR_INT=Eint, EXGR_DVA=wB * E,
        EXGR_DDC=own * E, EXGR_IDC=(wL - own) * E, EXGR_RIM=(wB - wL) * E,
        EXGR_FVA=S.u[:, :, None] * E,
    )
    # value-added origin of every country's exports: F[t, k, s] = v_tk sum_j B[tk, sj] e_sj
    F = (S.v[:, None] * S.B_cols_apply(S.e)).reshape(G, N, G)
    dva_fx = F.sum(-1) - F[g, :, g]  # s's value added in other countries' exports, by source industry
    VBY = (S.v[:, None] * S.BY).reshape(G, N, G)
    ffd = VBY.sum(-1) - VBY[g, :, g]
    # --- the rest of the OECD list (import side, final demand, services, by VA industry)
    serv, has_serv = _services_mask(S.industries, services)
    tdvaind = F[g, :, g]  # value added of s's industry k in s's exports
    Fs = F * serv[None, :, None]
    serv_dva = Fs[g, :, g].sum(1)
    serv_fva = Fs.sum((0, 1)) - serv_dva
    imgr = np.transpose(E, (2, 1, 0)).sum(-1)  # [importer s, product industry i] = sum_t E[t, i, s]
    imgrint = np.transpose(Eint, (2, 1, 0)).sum(-1)
    VBR = np.einsum("rk,rkti->rti", S.v2, S.B4)  # value added of r per unit of output of (t, i)
    imgr_dva = np.einsum("sti,tis->si", VBR, E)
    Am = S.A4.sum(1)  # [j-country-block rows summed over selling industries]: (G, G, N) = [t, s, j]
    m_imp = Am.sum(0) - Am[g, g]  # import coefficients of s's using industries j: (G, N)
    reii = (m_imp * S.blockdiag(S.e)).sum(1)
    fd_tot = S.Y.reshape(G, N, G).sum((0, 1))
    fd_va = VBY.sum((0, 1))
    dfd_fva = fd_va - VBY[g, :, g].sum(1)
    names = tuple(cols)
    return TiVAResult(
        method="TiVA indicators (OECD definitions)",
        terms=names,
        data=stack_terms([cols[k] for k in names]),
        countries=S.countries,
        industries=S.industries,
        level=level,
        flags=S.flags,
        identities=_IDENTITIES,
        extra={"DVA_FX": dva_fx, "FFD_DVA": ffd, "VA": S.va.reshape(G, N), "va_origin": F, "VBY": VBY,
               "EXGR_TDVAIND": tdvaind, "IMGR": imgr, "IMGRINT": imgrint, "IMGR_DVA": imgr_dva,
               "EXGR_SERV_DVA": serv_dva, "EXGR_SERV_FVA": serv_fva, "REII": reii, "FD_VA": fd_va, "DFD_FVA": dfd_fva,
               "FD": fd_tot, "has_services": has_serv},
        description="OECD TiVA indicators; shares are fractions of gross exports (or of value added for FFD_DVA_SH).",
    )
