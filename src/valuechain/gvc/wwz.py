"""Wang, Wei & Zhu (2013) decomposition of bilateral sector-level gross exports into 16 terms."""

from __future__ import annotations

import numpy as np

from .core import GVCResult, check_level, stack_terms, system_of
from ..tables.intercountry import InterCountryTable  # annotations
from .core import GVCSystem  # annotations

__all__ = ["wwz_decomposition", "WWZ_TERMS", "WWZ_TO_KWW"]

WWZ_TERMS = (
    "DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_INT", "RDV_FIN", "RDV_FIN2",
    "OVA_FIN", "MVA_FIN", "OVA_INT", "MVA_INT", "DDC_FIN", "DDC_INT", "ODC", "MDC",
)

#: WWZ (2013) Table E2: which WWZ terms make up each KWW term.
WWZ_TO_KWW = {
    "DVA_FIN": ("DVA_FIN",),
    "DVA_INT": ("DVA_INT", "DVA_INTrexI1"),
    "DVA_INTrex": ("DVA_INTrexF", "DVA_INTrexI2"),
    "RDV_FIN": ("RDV_FIN", "RDV_FIN2"),
    "RDV_INT": ("RDV_INT",),
    "DDC": ("DDC_FIN", "DDC_INT"),
    "FVA_FIN": ("OVA_FIN", "MVA_FIN"),
    "FVA_INT": ("OVA_INT", "MVA_INT"),
    "FDC": ("ODC", "MDC"),
}

_IDENTITIES = (
    ("GEXP = sum of the 16 WWZ terms", "GEXP", WWZ_TERMS, (1.0,) * 16),
    ("EXP_FIN = DVA_FIN + OVA_FIN + MVA_FIN", "EXP_FIN", ("DVA_FIN", "OVA_FIN", "MVA_FIN"), (1.0,) * 3),
    ("GEXP = EXP_FIN + EXP_INT", "GEXP", ("EXP_FIN", "EXP_INT"), (1.0, 1.0)),
    ("EXP_INT = intermediate terms", "EXP_INT",
     ("DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_INT", "RDV_FIN", "RDV_FIN2",
      "OVA_INT", "MVA_INT", "DDC_FIN", "DDC_INT", "ODC", "MDC"), (1.0,) * 13),
)


def wwz_decomposition(table: InterCountryTable | GVCSystem, *, level: str = "bilateral") -> GVCResult:
    """Wang-Wei-Zhu (2013) 16-term decomposition of bilateral sector-level gross exports.

    Parameters
    ----------
    table : InterCountryTable or GVCSystem
        A balanced inter-country table with value added and final demand by destination
        (or the system built from one, to share its inverses between methods).
    level : {"bilateral", "sector", "country"}
        The terms are defined for exporter x exporting industry x importer (default); the
        other levels are sums.

    Returns
    -------
    GVCResult
        The 16 terms (decompr's names and order) and ``GEXP, EXP_FIN, EXP_INT`` (in the
        table's unit); ``check()`` verifies that the 16 terms add up to ``GEXP``.

    Raises
    ------
    ValidationError
        If ``level`` is not available, or the table cannot carry value-added terms: one
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
    For exporter s, sector i, importer r (:math:`\\#` is the element-wise product of the
    row vector with the export vector; :math:`V_s B_{ss}` and :math:`V_s L_{ss}` are row
    vectors of column sums; t ranges over third countries), WWZ (2013) eq. (37) / Table A2:

    .. math::

        DVA\\_FIN &= (V_s B_{ss})' \\# Y_{sr} \\\\
        DVA\\_INT &= (V_s L_{ss})' \\# (A_{sr} B_{rr} Y_{rr}) \\\\
        DVA\\_INTrexI1 &= (V_s L_{ss})' \\# (A_{sr} \\textstyle\\sum_{t} B_{rt} Y_{tt}) \\\\
        DVA\\_INTrexF &= (V_s L_{ss})' \\# (A_{sr} B_{rr} \\textstyle\\sum_{t} Y_{rt}) \\\\
        DVA\\_INTrexI2 &= (V_s L_{ss})' \\# (A_{sr} \\textstyle\\sum_{t} B_{rt} \\sum_{u \\ne s,t} Y_{tu}) \\\\
        RDV\\_INT &= (V_s L_{ss})' \\# (A_{sr} B_{rs} Y_{ss}), \\quad
        RDV\\_FIN = (V_s L_{ss})' \\# (A_{sr} B_{rr} Y_{rs}) \\\\
        RDV\\_FIN2 &= (V_s L_{ss})' \\# (A_{sr} \\textstyle\\sum_{t} B_{rt} Y_{ts}) \\\\
        MVA\\_FIN &= (V_r B_{rs})' \\# Y_{sr}, \\quad OVA\\_FIN = (\\textstyle\\sum_{t} V_t B_{ts})' \\# Y_{sr} \\\\
        MVA\\_INT &= (V_r B_{rs})' \\# (A_{sr} L_{rr} Y_{rr}), \\quad OVA\\_INT = (\\textstyle\\sum_t V_t B_{ts})' \\# (A_{sr} L_{rr} Y_{rr}) \\\\
        DDC\\_FIN &= (V_s L_{ss})' \\# (A_{sr} B_{rs} Y_{s*}), \\quad
        DDC\\_INT = (V_s B_{ss} - V_s L_{ss})' \\# (A_{sr} X_r) \\\\
        MDC &= (V_r B_{rs})' \\# (A_{sr} L_{rr} E_{r*}), \\quad ODC = (\\textstyle\\sum_t V_t B_{ts})' \\# (A_{sr} L_{rr} E_{r*})

    Every per-pair vector is built from the global inverse once and applied to all
    exporter-importer pairs by :func:`~valuechain.gvc.core.offdiag_apply`.

    References
    ----------
    .. [1] Wang, Z., Wei, S.-J. and Zhu, K. (2013). Quantifying international production
       sharing at the bilateral and sector levels. NBER Working Paper 19677, eq. (37),
       Table A2 and Table E2.

    .. [2] Quast, B. and Kummritz, V. (2015). decompr: Global value chain decomposition in
       R. CTEI Working Paper 2015-01, Graduate Institute, Geneva (the R implementation whose
       term names are used here).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = wwz_decomposition(synthetic_icio(3, 2, seed=1))
    >>> r.table.iloc[:2, :5].round(2)
      exporter industry importer  DVA_FIN  DVA_INT
    0      C00      I00      C01    29.12     7.95
    1      C00      I00      C02    24.27     6.95
    >>> r.at("country")[["exporter", "GEXP", "DVA_FIN"]].round(2)
      exporter    GEXP  DVA_FIN
    0      C00  147.12    70.72
    1      C01  159.29    89.51
    2      C02  143.66    67.63
    >>> r.identities_hold()
    True
    """
    check_level(level, ("country", "sector", "bilateral"), "WWZ")
    S = system_of(table)
    G, N = S.G, S.N
    g = np.arange(G)
    Eint, Yoff = S.exports
    E = S.E3
    wB, wL = S.wB[:, :, None], S.wL[:, :, None]
    B4 = S.B4
    ydiag, yexp = S.ydiag, S.yexp
    BY3 = S.BY.reshape(G, N, G)  # [r, j, s] = sum_t B_rt Y_ts
    BrrYrr = np.einsum("rjk,rk->rj", S.Bss, ydiag)
    BrrYexp = np.einsum("rjk,rk->rj", S.Bss, yexp)
    BrrY = np.matmul(S.Bss, S.Y3)  # [r, j, s] = B_rr Y_rs
    BrsYss = np.einsum("rjsk,sk->rjs", B4, ydiag)  # B_rs Y_ss
    BrsYexps = np.einsum("rjsk,sk->rjs", B4, yexp)  # B_rs Y_s*
    B_ydiag = (S.B @ ydiag.ravel()).reshape(G, N)  # sum_t B_rt Y_tt
    B_yexp = (S.B @ yexp.ravel()).reshape(G, N)  # sum_t B_rt Y_t*
    T = {}
    T["DVA_FIN"] = wB * Yoff
    T["DVA_INT"] = wL * S.off(BrrYrr)
    T["DVA_INTrexI1"] = wL * S.off(B_ydiag[:, :, None] - BrrYrr[:, :, None] - BrsYss)
    T["DVA_INTrexF"] = wL * S.off(BrrYexp[:, :, None] - BrrY)
    # sum_{t != s,r} B_rt (Y_t* - Y_ts)
    third_exp = B_yexp[:, :, None] - BrrYexp[:, :, None] - BrsYexps
    third_to_s = BY3 - BrrY - BrsYss
    T["DVA_INTrexI2"] = wL * S.off(third_exp - third_to_s)
    T["RDV_INT"] = wL * S.off(BrsYss)
    T["RDV_FIN"] = wL * S.off(BrrY)
    T["RDV_FIN2"] = wL * S.off(third_to_s)
    # foreign value added: direct importer r (M) and other countries (O)
    VrBrs = np.einsum("rk,rksi->sir", S.v2, B4)  # [s, i, r] = (v_r B_rs)_i
    VrBrs[g, :, g] = 0.0
    Ocoef = S.u[:, :, None] - VrBrs
    ALY = S.off(S.blockdiag(ydiag))
    ALE = S.off(S.blockdiag(S.e))
    T["OVA_FIN"] = Ocoef * Yoff
    T["MVA_FIN"] = VrBrs * Yoff
    T["OVA_INT"] = Ocoef * ALY
    T["MVA_INT"] = VrBrs * ALY
    T["DDC_FIN"] = wL * S.off(BrsYexps)
    T["DDC_INT"] = (wB - wL) * S.off(S.x.reshape(G, N))
    T["ODC"] = Ocoef * ALE
    T["MDC"] = VrBrs * ALE
    T["GEXP"] = E
    T["EXP_FIN"] = Yoff
    T["EXP_INT"] = Eint
    names = tuple(T)
    return GVCResult(
        method="Wang-Wei-Zhu (2013)",
        terms=names,
        data=stack_terms([T[k] for k in names]),
        countries=S.countries,
        industries=S.industries,
        level=level,
        flags=S.flags,
        identities=_IDENTITIES,
        description="WWZ (2013) 16-term decomposition of bilateral sector-level gross exports.",
    )
