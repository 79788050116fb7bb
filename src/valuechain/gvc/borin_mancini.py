"""Borin & Mancini (2019, 2023) decomposition of gross exports.

Perspectives and approaches (the perimeter that defines double counting, and whether
value added is recorded at its first or last crossing; Stata icio / R icio combinations):

* ``perspective="exporter", approach="source"`` (default): the exporting-country
  perspective, source-based. Domestic value added is counted the first time it leaves the
  country, with the local inverse :math:`L_{ss}`; foreign value added uses the extraction
  matrix :math:`B^{s}` (the inverse with the exports of ``s`` removed).
* ``perspective="exporter", approach="sink"``: same perimeter, value added counted the last
  time it leaves ``s``; adds VAXIM (value added absorbed by the direct importer).
* ``perspective="world"`` (``approach="sink"`` default, or ``"source"``): country level;
  DC, DVA, VAX, REF, DDC as the exporter perspective (= Koopman, Wang & Wei 2014) and
  foreign value added counted once in world exports (BM 2019 eqs. 52, 54): the corrected KWW.
* ``perspective="pair"``: the s -> r border is the perimeter (bilateral level).
* ``perspective="self"``: the flow itself is the perimeter (sector and bilateral levels).
* The importer perspective (gross imports by value-added origin) is
  :func:`valuechain.gvc.bm_imports`.

See :mod:`valuechain.gvc.bm_perspectives` for the formulas of the non-default variants.

The 13 terms (Borin & Mancini 2023, Table 1 and Figure 1):

======  ==================================================================
GEXP    gross exports
DC      domestic content = DVA + DDC
DVA     domestic value added = VAX + REF
VAX     value added exported and absorbed abroad = DAVAX + VAX3 + VAX4
DAVAX   directly absorbed VAX (final goods + intermediates absorbed by importer)
REF     reflection: domestic value added that returns home and is absorbed there
DDC     domestic double counting
FC      foreign content = FVA + FDC
FVA     foreign value added
FDC     foreign double counting
GVC     GVC-related trade = GEXP - DAVAX = GVCB + GVCF
GVCB    backward GVC participation = FVA + FDC + DDC
GVCF    forward GVC participation = VAX3 + VAX4 + REF
======  ==================================================================

Levels: ``country`` (exporter), ``sector`` (exporter x exporting industry: the value added
is attributed to the exporting industry, Borin & Mancini's "exporting sector" breakdown),
``bilateral`` (exporter x industry x importer: the exporter-perspective terms split by
destination, so bilateral sums to sector sums to country totals; Borin & Mancini's
*bilateral perspective*, with its pair-specific extraction, is ``perspective="pair"``).
"""

from __future__ import annotations

import numpy as np

from ..errors import ValidationError
from .bm_perspectives import BMResult, pair_terms, self_terms, vaxim, world_fva
from .core import GVCResult, GVCSystem, stack_terms, system_of
from ..tables.intercountry import InterCountryTable  # annotations

__all__ = ["bm_decomposition", "BM_TERMS", "PERSPECTIVES", "PERSPECTIVE_NAMES"]

BM_TERMS = ("GEXP", "DC", "DVA", "VAX", "DAVAX", "REF", "DDC", "FC", "FVA", "FDC", "GVC", "GVCB", "GVCF")
PERSPECTIVE_NAMES = ("exporter", "world", "pair", "self")
PERSPECTIVES = {("exporter", "source"), ("exporter", "sink"), ("world", "source"), ("world", "sink"), ("pair", "source"), ("self", "source")}

_IDENTITIES = (
    ("GEXP = DC + FC", "GEXP", ("DC", "FC"), (1.0, 1.0)),
    ("DC = DVA + DDC", "DC", ("DVA", "DDC"), (1.0, 1.0)),
    ("DVA = VAX + REF", "DVA", ("VAX", "REF"), (1.0, 1.0)),
    ("FC = FVA + FDC", "FC", ("FVA", "FDC"), (1.0, 1.0)),
    ("GVC = GEXP - DAVAX", "GVC", ("GEXP", "DAVAX"), (1.0, -1.0)),
    ("GVC = GVCB + GVCF", "GVC", ("GVCB", "GVCF"), (1.0, 1.0)),
    ("GEXP = DAVAX + VAX3 + VAX4 + REF + DDC + FVA + FDC", "GEXP",
     ("DAVAX", "VAX3", "VAX4", "REF", "DDC", "FVA", "FDC"), (1.0,) * 7),
)


def _cached(S: GVCSystem, key: str, fn):
    """Compute ``fn(S)`` once per system (the term arrays are shared by several perspectives)."""
    cache = S.__dict__.setdefault("_bm_terms", {})
    if key not in cache:
        cache[key] = fn(S)
    return cache[key]


def _source_terms(S: GVCSystem) -> dict[str, np.ndarray]:
    return _cached(S, "source", _source_terms_)


def _sink_terms(S: GVCSystem) -> dict[str, np.ndarray]:
    return _cached(S, "sink", _sink_terms_)


def _source_terms_(S: GVCSystem) -> dict[str, np.ndarray]:
    """Exporter perspective, source-based: every term as a (G, N, G) array [s, i, r]."""
    E = S.E3
    _, Yoff = S.exports
    wL, wB, u = S.wL[:, :, None], S.wB[:, :, None], S.u[:, :, None]
    LY = S.blockdiag(S.ydiag)  # L_rr Y_rr
    Lyexp = S.blockdiag(S.yexp)  # L_rr sum_{j != r} Y_rj
    LY3 = S.blockdiag(S.Y3)  # [r, j, s] = L_rr Y_rs
    LAmBY = S.blockdiag(S.A_offdiag(S.BY))  # [r, j, l] = L_rr sum_{j' != r} A_rj' (BY)_j'l
    # VAX1: final goods; VAX2: intermediates absorbed by the direct importer
    VAX1 = wL * Yoff
    VAX2 = wL * S.off(LY)
    # VAX3: re-exported by r in final goods to third countries (j != r, s)
    VAX3 = wL * S.off(Lyexp[:, :, None] - LY3)
    # REF1: r's final goods exported back to s; REF2: via further intermediate stages, absorbed in s
    REF1 = wL * S.off(LY3)
    REF2 = wL * S.off(LAmBY)
    # VAX4: via further stages, absorbed in any l != s
    VAX4 = wL * S.off(LAmBY.sum(-1)[:, :, None] - LAmBY)
    DVA = wL * E
    DC = wB * E
    DDC = (wB - wL) * E
    # foreign content: FVA with the extraction inverse B^s_ts = B_ts B_ss^-1 L_ss
    uBinv = S.solve_Bss(S.u, transpose=True)  # u_s B_ss^-1
    uBL = np.einsum("sk,ski->si", uBinv, S.Lss)[:, :, None]  # u_s B_ss^-1 L_ss
    FC = u * E
    FVA = uBL * E
    FDC = (u - uBL) * E
    return dict(GEXP=E, DC=DC, DVA=DVA, VAX1=VAX1, VAX2=VAX2, VAX3=VAX3, VAX4=VAX4, REF1=REF1, REF2=REF2,
                DDC=DDC, FC=FC, FVA=FVA, FDC=FDC)


def _sink_terms_(S: GVCSystem) -> dict[str, np.ndarray]:
    """Exporter perspective, sink-based: every term as a (G, N, G) array [s, i, r]."""
    E = S.E3
    _, Yoff = S.exports
    wB, u = S.wB[:, :, None], S.u[:, :, None]
    G, N = S.G, S.N
    g = np.arange(G)
    LY = S.blockdiag(S.ydiag)
    Lyexp = S.blockdiag(S.yexp)
    LY3 = S.blockdiag(S.Y3)
    AmBY = S.A_offdiag(S.BY)  # (G, N, G)
    # B^s applied to a column-per-exporter matrix X (GN, G):
    #   B^s z = B z - B_.s B_ss^-1 L_ss (A_{s,-s} B z)_s      (extraction of s's exports)
    # 1) P[:, s] = B^s_.s E_s = B_.s B_ss^-1 L_ss e_s
    P = S.B_cols_apply(S.solve_Bss(np.einsum("sij,sj->si", S.Lss, S.e)))
    # 2) Q[:, s] = B^s Y_.s   (Y^s keeps column s unchanged)
    Q = S.BY - S.B_cols_apply(S.solve_Bss(np.einsum("sij,sj->si", S.Lss, AmBY[g, :, g])))
    # 3) W[:, s] = B^s sum_{l != s} Y^s_.l, Y^s = Y without s's final exports
    R = S.Y.sum(1)[:, None] - S.Y  # sum_{l != s} Y_.l
    R3 = R.reshape(G, N, G)
    R3[g, :, g] = 0.0  # rows of s: Y^s_sl = 0 for l != s
    BR = S.B @ R
    AmBR = S.A_offdiag(BR)
    W = BR - S.B_cols_apply(S.solve_Bss(np.einsum("sij,sj->si", S.Lss, AmBR[g, :, g])))
    # L_rr sum_{j != r} A_rj X_j for X in (P, Q, W); columns indexed by exporter s
    KP = S.blockdiag(S.A_offdiag(P))
    KQ = S.blockdiag(S.A_offdiag(Q))
    KW = S.blockdiag(S.A_offdiag(W))
    VAX1 = wB * Yoff
    VAX2 = wB * S.off(LY)
    VAX3 = wB * S.off(Lyexp[:, :, None] - LY3)
    VAX4 = wB * S.off(KW)
    REF1 = wB * S.off(LY3)
    REF2 = wB * S.off(KQ)
    DDC = wB * S.off(KP)
    DC = wB * E
    FC = u * E
    FDC = u * S.off(KP)
    # FVA terms (final, absorbed by importer, re-exported final, further stages)
    FVA = u * (Yoff + S.off(LY) + S.off(Lyexp) + S.off(KQ + KW))
    return dict(GEXP=E, DC=DC, VAX1=VAX1, VAX2=VAX2, VAX3=VAX3, VAX4=VAX4, REF1=REF1, REF2=REF2,
                DDC=DDC, FC=FC, FVA=FVA, FDC=FDC, DVA=VAX1 + VAX2 + VAX3 + VAX4 + REF1 + REF2)


def bm_decomposition(table: InterCountryTable | GVCSystem, *, perspective: str = "exporter", approach: str | None = None,
                     level: str = "country") -> GVCResult:
    """Borin & Mancini (2019, 2023) decomposition of gross exports into 13 terms.

    Parameters
    ----------
    table : InterCountryTable or GVCSystem
        A balanced inter-country table with value added and final demand by destination
        (or the system built from one, to share its inverses between methods).
    perspective : {"exporter", "world", "pair", "self"}
        ``"exporter"`` (default): exporting-country perspective; ``"world"``: world perspective
        (country level); ``"pair"``: bilateral perspective (bilateral level); ``"self"``: the
        flow's own perimeter (sector or bilateral level).
    approach : {"source", "sink"}, optional
        Default ``"source"``, except ``"sink"`` for the world perspective. ``pair`` and
        ``self`` have no approach.
    level : {"country", "sector", "bilateral"}
        Default ``"country"``. The world perspective has the country level only, the pair
        perspective the bilateral level only, the self perspective sector and bilateral.

    Returns
    -------
    GVCResult
        Exporter/source: terms ``GEXP, DC, DVA, VAX, DAVAX, REF, DDC, FC, FVA, FDC, GVC, GVCB, GVCF``
        and the sub-terms ``VAX1..VAX4, REF1, REF2``; exporter/sink: ``GEXP, DC, DVA, VAX,
        VAXIM, DAVAX, REF, DDC, FC, FVA, FDC`` (with ``DAVAX <= VAXIM <= VAX`` checked); world,
        pair and self: the 9 terms ``GEXP, DC, DVA, VAX, REF, DDC, FC, FVA, FDC``; ``check()`` verifies
        GEXP = DC + FC, DC = DVA + DDC, DVA = VAX + REF, FC = FVA + FDC, GVC = GEXP - DAVAX
        = GVCB + GVCF at every level.

    Raises
    ------
    ValidationError
        If ``perspective`` or ``approach`` is unknown, ``level`` is not available for the
        perspective, or the table cannot carry value-added terms: one
        read with ``format="zx"`` (intermediate flows and output only) or one that keeps
        processing splits (use ``table.merge_splits()`` or ``decomposition(..., terms="standard")``).
    NotProductiveError
        If the global coefficient matrix :math:`A` is not productive (:math:`B = (I - A)^{-1}`
        undefined), a domestic block :math:`I - A_{ss}` is singular, or a block the extraction
        terms invert (:math:`B_{ss}`; the pair perspective's :math:`I + A_{sr} B_{rs}`) is singular.
    TypeError
        If ``table`` is neither an :class:`~valuechain.gvc.InterCountryTable` nor a
        :class:`~valuechain.gvc.core.GVCSystem`.

    Notes
    -----
    Exporter perspective, source-based, for exporter ``s`` and importer ``r``
    (Borin & Mancini 2023, eqs. 20-24):

    .. math::

        DVA_{sr} &= v_s L_{ss} E_{sr}, \\qquad DDC_{sr} = v_s (B_{ss} - L_{ss}) E_{sr} \\\\
        VAX1 &= v_s L_{ss} Y_{sr}, \\quad VAX2 = v_s L_{ss} A_{sr} L_{rr} Y_{rr} \\\\
        VAX3 &= v_s L_{ss} A_{sr} L_{rr} \\textstyle\\sum_{j \\ne s,r} Y_{rj}, \\quad
        VAX4 = v_s L_{ss} A_{sr} L_{rr} \\sum_{j \\ne r} A_{rj} \\sum_{l \\ne s} (BY)_{jl} \\\\
        REF &= v_s L_{ss} A_{sr} L_{rr} \\big(Y_{rs} + \\textstyle\\sum_{j \\ne r} A_{rj} (BY)_{js}\\big) \\\\
        FVA_{sr} &= \\textstyle\\sum_{t \\ne s} v_t B^{s}_{ts} E_{sr}, \\quad
        B^{s}_{ts} = B_{ts} B_{ss}^{-1} L_{ss}, \\quad FC = \\sum_{t \\ne s} v_t B_{ts} E_{sr}

    The exporter perspective, sink-based, uses :math:`v_s B_{ss}` in place of
    :math:`v_s L_{ss}` and the extraction matrix :math:`B^{s}` to trace the further stages:
    :math:`DDC = v_s B_{ss} A_{sr} L_{rr} \\sum_{j \\ne r} A_{rj} B^{s}_{js} E_{s*}`,
    :math:`FDC = \\sum_{t \\ne s} v_t B_{ts} A_{sr} L_{rr} \\sum_{j \\ne r} A_{rj} B^{s}_{js} E_{s*}`.
    The extraction blocks are obtained from the global inverse,
    :math:`B^{s} = B - B_{\\cdot s} B_{ss}^{-1} L_{ss} A_{s,-s} B`, so no GN x GN
    matrix is formed per country.

    References
    ----------
    .. [1] Borin, A. and Mancini, M. (2019). Measuring what matters in global value chains
       and value-added trade. World Bank Policy Research Working Paper 8804, Sections 3-4.

    .. [2] Borin, A. and Mancini, M. (2023). Measuring what matters in value-added trade.
       *Economic Systems Research* 35(4), 586-613, Table 1 and eqs. (20)-(24).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> t = synthetic_icio(3, 2, seed=1)
    >>> bm_decomposition(t).table[["exporter", "GEXP", "DC", "DVA", "VAX", "FC", "GVC"]].round(2)
      exporter    GEXP      DC     DVA     VAX     FC    GVC
    0      C00  147.12  128.43  126.21  116.19  18.69  46.19
    1      C01  159.29  131.70  129.29  120.81  27.59  49.98
    2      C02  143.66  113.31  110.69   97.66  30.36  55.73
    >>> bm_decomposition(t, perspective="world").identities_hold()
    True
    """
    if perspective not in PERSPECTIVE_NAMES:
        raise ValidationError(f"perspective {perspective!r} is unknown; use one of {', '.join(PERSPECTIVE_NAMES)}")
    if approach is None:
        approach = "sink" if perspective == "world" else "source"
    if approach not in ("source", "sink"):
        raise ValidationError(f"approach {approach!r} is unknown; use 'source' or 'sink'")
    allowed = {"exporter": ("country", "sector", "bilateral"), "world": ("country",),
               "self": ("sector", "bilateral"), "pair": ("bilateral",)}[perspective]
    if level not in allowed:
        raise ValidationError(
            f"level {level!r} is not available for the {perspective} perspective; use {' or '.join(allowed)}"
        )
    S = system_of(table)
    if perspective == "world":
        return _world_result(S, approach)
    if perspective in ("self", "pair"):
        return _perimeter_result(S, perspective, level)
    if approach == "sink":
        return _exporter_sink_result(S, level)
    t = _source_terms(S)
    DAVAX = t["VAX1"] + t["VAX2"]
    VAX = DAVAX + t["VAX3"] + t["VAX4"]
    REF = t["REF1"] + t["REF2"]
    GVCB = t["FVA"] + t["FDC"] + t["DDC"]
    GVCF = t["VAX3"] + t["VAX4"] + REF
    cols = dict(GEXP=t["GEXP"], DC=t["DC"], DVA=t["DVA"], VAX=VAX, DAVAX=DAVAX, REF=REF, DDC=t["DDC"],
                FC=t["FC"], FVA=t["FVA"], FDC=t["FDC"], GVC=GVCB + GVCF, GVCB=GVCB, GVCF=GVCF,
                VAX1=t["VAX1"], VAX2=t["VAX2"], VAX3=t["VAX3"], VAX4=t["VAX4"], REF1=t["REF1"], REF2=t["REF2"])
    terms = tuple(cols)
    return BMResult(
        method=f"Borin-Mancini ({perspective} perspective, {approach}-based)",
        terms=terms,
        data=stack_terms([cols[k] for k in terms]),
        countries=S.countries,
        industries=S.industries,
        level=level,
        flags=S.flags,
        identities=_IDENTITIES,
        description="Borin & Mancini (2023) decomposition of gross exports; values in the table's units.",
    )


_IDENT9 = (
    ("GEXP = DC + FC", "GEXP", ("DC", "FC"), (1.0, 1.0)),
    ("DC = DVA + DDC", "DC", ("DVA", "DDC"), (1.0, 1.0)),
    ("DVA = VAX + REF", "DVA", ("VAX", "REF"), (1.0, 1.0)),
    ("FC = FVA + FDC", "FC", ("FVA", "FDC"), (1.0, 1.0)),
)


def _nine(cols: dict) -> dict:
    """Complete GEXP, DC, DVA, VAX, FC, FVA with REF, DDC, FDC (the 9-term layout)."""
    return dict(GEXP=cols["GEXP"], DC=cols["DC"], DVA=cols["DVA"], VAX=cols["VAX"], REF=cols["DVA"] - cols["VAX"],
                DDC=cols["DC"] - cols["DVA"], FC=cols["FC"], FVA=cols["FVA"], FDC=cols["FC"] - cols["FVA"])


def _world_result(S: GVCSystem, approach: str) -> BMResult:
    t = _source_terms(S)
    tot = {k: t[k].sum(axis=(1, 2)) for k in ("GEXP", "DC", "DVA", "FC")}
    tot["VAX"] = sum(t[k] for k in ("VAX1", "VAX2", "VAX3", "VAX4")).sum(axis=(1, 2))
    tot["FVA"] = world_fva(S, approach)
    cols = _nine(tot)
    terms = tuple(cols)
    data = np.stack([cols[k] for k in terms], axis=-1)[:, None, None, :]
    return BMResult(
        method=f"Borin-Mancini (world perspective, {approach}-based)", terms=terms, data=data,
        countries=S.countries, industries=("TOTAL",), level="country", levels=("country",), flags=S.flags,
        identities=_IDENT9,
        description="Borin & Mancini (2019) world perspective (the corrected KWW): foreign value added counted once in world exports.",
    )


def _perimeter_result(S: GVCSystem, perspective: str, level: str) -> BMResult:
    if perspective == "self":
        cols = _nine(self_terms(S, level))
        levels = (level,)
        inds = S.industries
    else:
        cols = _nine(pair_terms(S))
        levels = ("bilateral",)
        inds = S.industries
    terms = tuple(cols)
    name = {"self": "self (own-flow) perimeter", "pair": "bilateral (pair) perspective"}[perspective]
    return BMResult(
        method=f"Borin-Mancini ({name})", terms=terms, data=stack_terms([cols[k] for k in terms]),
        countries=S.countries, industries=inds, level=level, levels=levels, flags=S.flags, identities=_IDENT9,
        description=f"Borin & Mancini (2019) {name}: value added counted the first time it crosses the flow's perimeter.",
    )


def _exporter_sink_result(S: GVCSystem, level: str) -> BMResult:
    t = _sink_terms(S)
    VAX = t["VAX1"] + t["VAX2"] + t["VAX3"] + t["VAX4"]
    src = _source_terms(S)
    DAVAX = src["VAX1"] + src["VAX2"]
    cols = dict(GEXP=t["GEXP"], DC=t["DC"], DVA=t["DVA"], VAX=VAX, VAXIM=vaxim(S), DAVAX=DAVAX,
                REF=t["REF1"] + t["REF2"], DDC=t["DDC"], FC=t["FC"], FVA=t["FVA"], FDC=t["FDC"])
    terms = tuple(cols)
    return BMResult(
        method="Borin-Mancini (exporter perspective, sink-based)", terms=terms, data=stack_terms([cols[k] for k in terms]),
        countries=S.countries, industries=S.industries, level=level, flags=S.flags, identities=_IDENT9,
        inequalities=(("DAVAX", "VAXIM"), ("VAXIM", "VAX")),
        description="Borin & Mancini (2019) exporter perspective, sink approach (value added counted the last time it leaves the exporter).",
    )
