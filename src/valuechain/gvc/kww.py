"""Koopman, Wang & Wei (2014) decomposition of a country's gross exports into 9 terms.

Country level only: KWW's terms are exact for a country's total exports; at the sector
level the double-counting terms are not well defined (decompr's note), use
:func:`~valuechain.gvc.wwz_decomposition` (16 terms, bilateral sector level) instead.
"""

from __future__ import annotations

import numpy as np

from .core import GVCResult, check_level, system_of
from ..tables.intercountry import InterCountryTable  # annotations
from .core import GVCSystem  # annotations

__all__ = ["kww_decomposition", "KWW_TERMS"]

KWW_TERMS = ("DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC", "FVA_FIN", "FVA_INT", "FDC")

_IDENTITIES = (
    ("GEXP = sum of the 9 KWW terms", "GEXP", KWW_TERMS, (1.0,) * 9),
    ("VAX = DVA_FIN + DVA_INT + DVA_INTrex", "VAX", ("DVA_FIN", "DVA_INT", "DVA_INTrex"), (1.0,) * 3),
    ("DVA = VAX + REF", "DVA", ("VAX", "REF"), (1.0, 1.0)),
    ("DC = DVA + DDC", "DC", ("DVA", "DDC"), (1.0, 1.0)),
    ("FC = FVA_FIN + FVA_INT + FDC", "FC", ("FVA_FIN", "FVA_INT", "FDC"), (1.0,) * 3),
    ("GEXP = DC + FC", "GEXP", ("DC", "FC"), (1.0, 1.0)),
)


def kww_decomposition(table: InterCountryTable | GVCSystem, *, level: str = "country") -> GVCResult:
    """Koopman-Wang-Wei (2014) decomposition of gross exports, 9 terms, country level.

    Parameters
    ----------
    table : InterCountryTable or GVCSystem
        A balanced inter-country table with value added and final demand by destination
        (or the system built from one, to share its inverses between methods).
    level : {"country"}
        The only level KWW define (use :func:`wwz_decomposition` for sector and bilateral
        detail).

    Returns
    -------
    GVCResult
        Terms ``DVA_FIN, DVA_INT, DVA_INTrex, RDV_FIN, RDV_INT, DDC, FVA_FIN, FVA_INT, FDC``
        plus the aggregates ``GEXP, VAX, REF, DVA, DC, FC`` (named as in Borin & Mancini, so
        the two decompositions can be compared) and ``VAX_JN``: the value added of the
        country absorbed abroad computed independently as :math:`\\sum_{d \\ne s} v_s B_{s\\cdot} Y_{\\cdot d}`
        (Johnson & Noguera 2012), which must equal ``VAX``.

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
    KWW (2014), eq. (36), for country s (sums over r != s; t over third countries):

    .. math::

        E_{s*} ={}& v_s B_{ss} \\textstyle\\sum_r Y_{sr} && (1)\\ DVA\\_FIN\\\\
        &+ v_s \\textstyle\\sum_r B_{sr} Y_{rr} && (2)\\ DVA\\_INT\\\\
        &+ v_s \\textstyle\\sum_r \\sum_{t \\ne s,r} B_{sr} Y_{rt} && (3)\\ DVA\\_INTrex\\\\
        &+ v_s \\textstyle\\sum_r B_{sr} Y_{rs} && (4)\\ RDV\\_FIN\\\\
        &+ v_s \\textstyle\\sum_r B_{sr} A_{rs} L_{ss} Y_{ss} && (5)\\ RDV\\_INT\\\\
        &+ v_s \\textstyle\\sum_r B_{sr} A_{rs} L_{ss} E_{s*} && (6)\\ DDC\\\\
        &+ \\textstyle\\sum_{t \\ne s} v_t B_{ts} \\sum_r Y_{sr} && (7)\\ FVA\\_FIN\\\\
        &+ \\textstyle\\sum_{t \\ne s} v_t B_{ts} \\sum_r A_{sr} L_{rr} Y_{rr} && (8)\\ FVA\\_INT\\\\
        &+ \\textstyle\\sum_{t \\ne s} v_t B_{ts} \\sum_r A_{sr} L_{rr} E_{r*} && (9)\\ FDC

    Computed with the block identity :math:`\\sum_{r \\ne s} B_{sr} A_{rs} L_{ss} = B_{ss} - L_{ss}`
    (so terms 5 and 6 need only N x N blocks); every term is computed directly and the
    sum is checked against gross exports by :meth:`GVCResult.check`.

    References
    ----------
    .. [1] Koopman, R., Wang, Z. and Wei, S.-J. (2014). Tracing value-added and double
       counting in gross exports. *American Economic Review* 104(2), 459-494, eq. (36) and
       Figure 1.

    .. [2] Johnson, R. C. and Noguera, G. (2012). Accounting for intermediates: production
       sharing and trade in value added. *Journal of International Economics* 86(2), 224-236.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> r = kww_decomposition(synthetic_icio(3, 2, seed=1))
    >>> r.table[["exporter", "GEXP", "DVA_FIN", "VAX", "FDC"]].round(2)
      exporter    GEXP  DVA_FIN     VAX   FDC
    0      C00  147.12    70.72  116.19  3.87
    1      C01  159.29    89.51  120.81  4.24
    2      C02  143.66    67.63   97.66  6.40
    >>> r.identities_hold()   # the 9 terms add up to GEXP; VAX = VAX_JN
    True
    """
    check_level(level, ("country",), "KWW (use method 'wwz' for sector and bilateral levels)")
    S = system_of(table)
    G, N = S.G, S.N
    g = np.arange(G)
    v2, wB, wL, u = S.v2, S.wB, S.wL, S.u
    ydiag, yexp, e = S.ydiag, S.yexp, S.e
    BY3 = S.BY.reshape(G, N, G)
    BYss = BY3[g, :, g]  # sum_r B_sr Y_rs (all r, incl. s)
    B_ydiag = (S.B @ ydiag.ravel()).reshape(G, N)
    B_yexp = (S.B @ yexp.ravel()).reshape(G, N)
    BssYss = np.einsum("sij,sj->si", S.Bss, ydiag)
    Bss_yexp = np.einsum("sij,sj->si", S.Bss, yexp)
    T1 = (wB * yexp).sum(1)
    T2 = (v2 * (B_ydiag - BssYss)).sum(1)
    # sum_{r != s} B_sr sum_{t != s, r} Y_rt = B yexp - B_ss yexp_s - (sum_{r != s} B_sr Y_rs)
    T3 = (v2 * (B_yexp - Bss_yexp - (BYss - BssYss))).sum(1)
    T4 = (v2 * (BYss - BssYss)).sum(1)
    T5 = ((wB - wL) * ydiag).sum(1)
    T6 = ((wB - wL) * e).sum(1)
    T7 = (u * yexp).sum(1)
    ALY = S.A_offdiag(S.blockdiag(ydiag).ravel())[..., 0]  # sum_{r != s} A_sr L_rr Y_rr
    ALE = S.A_offdiag(S.blockdiag(e).ravel())[..., 0]  # sum_{r != s} A_sr L_rr E_r*
    T8 = (u * ALY).sum(1)
    T9 = (u * ALE).sum(1)
    GEXP = e.sum(1)
    VAX_JN = (v2 * (BY3.sum(-1) - BYss)).sum(1)
    terms = dict(DVA_FIN=T1, DVA_INT=T2, DVA_INTrex=T3, RDV_FIN=T4, RDV_INT=T5, DDC=T6, FVA_FIN=T7, FVA_INT=T8, FDC=T9,
                 GEXP=GEXP, VAX=T1 + T2 + T3, REF=T4 + T5, DVA=T1 + T2 + T3 + T4 + T5, DC=(wB * e).sum(1), FC=(u * e).sum(1),
                 VAX_JN=VAX_JN)
    identities = _IDENTITIES + (("VAX = VAX_JN (Johnson-Noguera)", "VAX_JN", ("VAX",), (1.0,)),)
    names = tuple(terms)
    data = np.stack([terms[k] for k in names], axis=-1)[:, None, None, :]
    return GVCResult(
        method="Koopman-Wang-Wei (2014)",
        terms=names,
        data=data,
        countries=S.countries,
        industries=("TOTAL",),
        level="country",
        levels=("country",),
        flags=S.flags,
        identities=identities,
        description="KWW (2014) 9-term decomposition of each country's gross exports (country level).",
    )
