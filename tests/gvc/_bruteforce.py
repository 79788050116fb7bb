"""Brute-force standard terms for the tests: dense, explicit inverses, term by term.

Independent of :mod:`valuechain.gvc.standard`: the "domestic" matrix made of the
exporter's blocks (a country's splits, a group's members) and every other country's
blocks is re-inverted in full (:math:`L^D = (I - A^D)^{-1}`, n x n), the extraction
inverse :math:`B^s = (I - A^s)^{-1}` (``A_{SR}`` set to zero) is inverted in full, and the
terms are the sums of the published sub-terms (Borin & Mancini 2023 VAX1-4, REF1-2;
WWZ 2013 T1-T16; KWW 2014 T1-T9; OECD TiVA guide), without the simplifications
(:math:`L_{rr}(Y_{rs} + \\sum_{j \\ne r} A_{rj} B Y_{js}) = (BY)_{rs}`) that the package uses.
"""

from __future__ import annotations

import numpy as np


def brute_force(Z, Y, x, va, econ_of_row, units: dict[str, list[int]]):
    """Standard terms by method for each unit: {method: {unit: {term: value}}}.

    Z (n, n), Y (n, E) final demand by destination economy, x, va (n,), econ_of_row (n,)
    the economy index of every row; ``units`` maps a name to the economies it holds.
    """
    n, E = Y.shape
    xs = np.where(x != 0, x, 1.0)
    A = np.where(x[None, :] != 0, Z / xs[None, :], 0.0)
    v = np.where(x != 0, va / xs, 0.0)
    I = np.eye(n)
    B = np.linalg.inv(I - A)
    own = econ_of_row
    Eall = np.array([Z[i, own != own[i]].sum() + Y[i, np.arange(E) != own[i]].sum() for i in range(n)])
    out: dict[str, dict[str, dict[str, float]]] = {m: {} for m in ("bm_source", "bm_sink", "wwz", "kww", "my", "oecd")}
    for name, members in units.items():
        D = np.array(members)
        S = np.flatnonzero(np.isin(own, D))
        R = np.flatnonzero(~np.isin(own, D))
        notD = np.flatnonzero(~np.isin(np.arange(E), D))
        # the partition: the exporter as one block, every other economy its own block
        part = np.where(np.isin(own, D), -1, own)
        same = part[:, None] == part[None, :]
        AD = np.where(same, A, 0.0)
        Am = A - AD
        LD = np.linalg.inv(I - AD)
        As = A.copy()
        As[np.ix_(S, R)] = 0.0
        Bs = np.linalg.inv(I - As)
        Yx = Y.copy()
        Yx[np.ix_(S, notD)] = 0.0
        e = Z[np.ix_(S, R)].sum(1) + Y[np.ix_(S, notD)].sum(1)
        yexp = Y[np.ix_(S, notD)].sum(1)
        vS, vR = v[S], v[R]
        BSS, LSS = B[np.ix_(S, S)], LD[np.ix_(S, S)]
        ASR, LRR = A[np.ix_(S, R)], LD[np.ix_(R, R)]
        # per other row r: own final demand Y_rr, final demand to third economies (not r, not the exporter), to the exporter
        yR_dom = np.array([Y[i, own[i]] for i in R])
        yR_to_s = Y[np.ix_(R, D)].sum(1)
        yR_third = Y[R].sum(1) - yR_dom - yR_to_s
        BY = B @ Y
        u = (v @ B)[S] - vS @ BSS
        EXGR, DC, FC = e.sum(), vS @ BSS @ e, u @ e
        # ---- Borin-Mancini source: VAX1-4, REF1-2 term by term
        wL = vS @ LSS @ ASR @ LRR
        AmBY = Am @ BY
        VAX1 = vS @ LSS @ yexp
        VAX2 = wL @ yR_dom
        VAX3 = wL @ yR_third
        VAX4 = wL @ (AmBY[R][:, notD].sum(1))
        REF1 = wL @ yR_to_s
        REF2 = wL @ AmBY[np.ix_(R, D)].sum(1)
        DVA = vS @ LSS @ e
        FVA = vR @ Bs[np.ix_(R, S)] @ e
        DAVAX = VAX1 + VAX2
        src = dict(EXGR=EXGR, DC=DC, DVA=DVA, VAX=VAX1 + VAX2 + VAX3 + VAX4, REF=REF1 + REF2, DDC=DC - DVA,
                   FC=FC, FVA=FVA, FDC=FC - FVA, DAVAX=DAVAX)
        src.update(GVCB=src["FC"] + src["DDC"], GVCF=src["DVA"] - DAVAX)
        src["GVC"] = src["GVCB"] + src["GVCF"]
        out["bm_source"][name] = src
        out["my"][name] = {k: src[k] for k in ("EXGR", "DC", "DVA", "DDC", "FC", "FVA", "FDC")}
        # ---- Borin-Mancini sink
        wB = vS @ BSS @ ASR @ LRR
        AmBsYx = Am @ (Bs @ Yx)
        BsE = Bs[:, S] @ e
        sVAX = vS @ BSS @ yexp + wB @ (yR_dom + yR_third + AmBsYx[R][:, notD].sum(1))
        sREF = wB @ (yR_to_s + AmBsYx[np.ix_(R, D)].sum(1))
        sDDC = wB @ (Am @ BsE)[R]
        sFDC = u @ ASR @ LRR @ (Am @ BsE)[R]
        out["bm_sink"][name] = dict(EXGR=EXGR, DC=DC, DVA=sVAX + sREF, VAX=sVAX, REF=sREF, DDC=sDDC, FC=FC,
                                    FVA=FC - sFDC, FDC=sFDC)
        # ---- WWZ (country level: T1-T5 VAX, T6-T8 REF, T9-T10 DDC, T11-T14 FVA, T15-T16 FDC)
        v_L_A = vS @ LSS @ ASR
        T1 = vS @ BSS @ yexp
        T2_5 = v_L_A @ (B[np.ix_(R, R)] @ Y[np.ix_(R, notD)].sum(1))
        T6_8 = v_L_A @ BY[np.ix_(R, D)].sum(1)
        T9 = v_L_A @ B[np.ix_(R, S)] @ yexp
        xR = x[R]
        T10 = vS @ (BSS - LSS) @ ASR @ xR
        ydom_R_L = LRR @ yR_dom
        E_R_L = LRR @ Eall[R]
        wFVA = u @ (yexp + ASR @ ydom_R_L)
        wFDC = u @ ASR @ E_R_L
        out["wwz"][name] = dict(EXGR=EXGR, DC=DC, DVA=T1 + T2_5 + T6_8, VAX=T1 + T2_5, REF=T6_8, DDC=T9 + T10, FC=FC,
                                FVA=wFVA, FDC=wFDC)
        # ---- KWW (T1-T3 VAX, T4-T5 REF, T6 DDC, T7-T8 FVA, T9 FDC)
        BSR = B[np.ix_(S, R)]
        ySS = Y[np.ix_(S, D)].sum(1)
        K1 = vS @ BSS @ yexp
        K2 = vS @ BSR @ yR_dom
        K3 = vS @ BSR @ yR_third
        K4 = vS @ BSR @ yR_to_s
        K5 = vS @ BSR @ A[np.ix_(R, S)] @ LSS @ ySS
        K6 = vS @ BSR @ A[np.ix_(R, S)] @ LSS @ e
        out["kww"][name] = dict(EXGR=EXGR, DC=DC, DVA=K1 + K2 + K3 + K4 + K5, VAX=K1 + K2 + K3, REF=K4 + K5, DDC=K6,
                                FC=FC, FVA=wFVA, FDC=wFDC)
        # ---- OECD TiVA accounting
        oVAX = vS @ BY[np.ix_(S, notD)].sum(1)
        GVCF = vS @ B[np.ix_(S, R)] @ Eall[R]
        out["oecd"][name] = dict(EXGR=EXGR, DC=DC, DVA=DVA, VAX=oVAX, REF=DVA - oVAX, DDC=DC - DVA, FC=FC,
                                 GVC=FC + GVCF, GVCB=FC, GVCF=GVCF)
    return out


def arrays_of(table):
    """Z, Y by destination economy, x, va, economy of each row, economies: from the labels, with pandas."""
    owner = dict(table.splits)
    econ = list(dict.fromkeys(owner.get(c, c) for c in table.Z.index.get_level_values(0)))
    econ_of_row = np.array([econ.index(owner.get(c, c)) for c in table.Z.index.get_level_values(0)])
    Yd = table.Y.T.groupby(level=0, sort=False).sum().T
    Y = Yd[econ].to_numpy(float)
    return table.Z.to_numpy(float), Y, table.x.to_numpy(float), table.va.to_numpy(float), econ_of_row, econ
