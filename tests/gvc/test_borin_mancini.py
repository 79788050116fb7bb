"""Borin-Mancini perspectives against R icio's published leather output and brute-force extraction.

Reference numbers: R package icio (S. Krantz), reference page of ``bm()`` and the vignette
"Global Value Chain Decomposition with icio" (sebkrantz.github.io/icio, reference/bm.md and
articles/icio.md), run on the decompr/icio ``leather`` table (3 countries x 3 industries),
printed to 7 significant digits. Tolerance 5e-6 (relative to the printed digits).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuechain.gvc.core import system_of
from valuechain.datasets import synthetic_icio
from valuechain.gvc import bm_decomposition, bm_imports, read_decompr

A, T, D = "Argentina", "Turkey", "Germany"
AG, TX, TR = "Agriculture", "Textile_and_Leather", "Transport_Equipment"


@pytest.fixture(scope="module")
def leather(shared_data):
    return read_decompr(shared_data / "leather_decompr_example")


def _close(got, want, rel=5e-6, abs_=5e-7):
    return got == pytest.approx(want, rel=rel, abs=abs_)


def test_world_sink_matches_r_icio(leather):
    # bm(dec, perspective = "world", approach = "sink")
    pub = {A: (64.3, 53.68996, 52.81756, 46.73209, 6.085473, 0.8723949, 10.61004, 8.471827, 2.138217),
           T: (113.6, 92.46175, 89.82482, 77.34144, 12.483373, 2.6369363, 21.13825, 18.265189, 2.873058),
           D: (147.6, 111.29058, 106.84240, 96.71914, 10.123261, 4.4481800, 36.30942, 33.128506, 3.180911)}
    cols = ("GEXP", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA", "FDC")
    res = bm_decomposition(leather, perspective="world", approach="sink")
    tab = res.table.set_index("exporter")
    assert list(tab.columns) == list(cols)
    for c, vals in pub.items():
        for k, v in zip(cols, vals):
            assert _close(tab.loc[c, k], v), (c, k)
    assert res.identities_hold()


# bm(dec, aggregation = "bilateral", approach = "sink"): DVA, VAX, VAXIM, REF, DDC, FVA, FDC
SINK_BIL = {
    (A, AG, T): (12.357451, 11.1495220, 8.6467883, 1.20792920, 0.206826787, 1.4120879, 0.023634130),
    (A, TX, T): (5.172419, 4.5941134, 3.3363970, 0.57830552, 0.090248234, 1.5109695, 0.026363357),
    (A, TR, T): (0.631643, 0.5994267, 0.5204712, 0.03221630, 0.004553866, 0.2619149, 0.001888290),
    (A, AG, D): (16.976780, 15.2571096, 12.8017283, 1.71967093, 0.254229282, 1.9399394, 0.029050821),
    (A, TX, D): (16.492276, 14.0624444, 10.6916234, 2.42983148, 0.301823747, 4.8177315, 0.088168896),
    (A, TR, D): (1.186992, 1.0694721, 0.9062318, 0.11752004, 0.014713011, 0.4921940, 0.006100846),
    (T, AG, A): (8.736465, 8.2433496, 7.5330947, 0.49311499, 0.222644951, 1.6976272, 0.043263282),
    (T, TX, A): (9.616970, 9.1484943, 8.4243413, 0.46847613, 0.208997408, 2.2256637, 0.048368449),
    (T, TR, A): (1.110273, 1.0804233, 1.0374013, 0.02984949, 0.010767873, 0.4743588, 0.004600523),
    (T, AG, D): (28.549111, 24.0661500, 21.1873007, 4.48296078, 0.923847609, 5.5475241, 0.179517565),
    (T, TX, D): (37.042781, 30.4161318, 25.8904388, 6.62664940, 1.205407773, 8.5728425, 0.278968549),
    (T, TR, D): (4.769217, 4.3868947, 4.1249837, 0.38232239, 0.065270704, 2.0376256, 0.027886602),
    (D, AG, A): (11.915655, 10.4287782, 9.9293481, 1.48687667, 0.815901115, 2.0294794, 0.138964627),
    (D, TX, A): (8.240814, 7.6235647, 7.3729745, 0.61724929, 0.304826489, 1.6917808, 0.062578720),
    (D, TR, A): (20.852668, 19.8817549, 19.4540442, 0.97091322, 0.445012839, 10.0870532, 0.215265891),
    (D, AG, T): (19.622631, 17.9073356, 17.3509403, 1.71529555, 0.713679736, 3.3421349, 0.121554238),
    (D, TX, T): (15.942630, 12.9978655, 12.0796413, 2.94476411, 1.231618843, 3.2729090, 0.252842628),
    (D, TR, T): (30.268005, 27.8798434, 27.1400321, 2.38816205, 0.937140969, 14.6415307, 0.453322843),
}

# bm(dec, aggregation = "bilateral", perspective = "self"): DVA, VAX, REF, DDC, FVA, FDC
SELF_BIL = {
    (A, AG, T): (12.5408413, 11.3093443, 1.23149696, 0.0234366879, 1.4330439, 2.678114e-03),
    (A, TX, T): (5.2474241, 4.6594894, 0.58793467, 0.0152430467, 1.5328800, 4.452806e-03),
    (A, AG, D): (17.1754381, 15.4311807, 1.74425742, 0.0555716402, 1.9626401, 6.350180e-03),
    (A, TX, D): (16.6868841, 14.2378939, 2.44899022, 0.1072155581, 4.8745805, 3.131986e-02),
    (A, TR, D): (1.2005992, 1.0814895, 0.11910974, 0.0011059286, 0.4978363, 4.585805e-04),
    (T, AG, A): (8.9460790, 8.4231507, 0.52292827, 0.0130305178, 1.7383585, 2.532027e-03),
    (T, TX, A): (9.7972118, 9.3017324, 0.49547939, 0.0287561155, 2.2673771, 6.655052e-03),
    (T, TR, A): (1.1206087, 1.0893588, 0.03124996, 0.0004319315, 0.4787748, 1.845407e-04),
    (T, AG, D): (29.1787145, 24.6186741, 4.56004040, 0.2942438143, 5.6698656, 5.717602e-02),
    (T, TX, D): (37.8044783, 31.0979346, 6.70654362, 0.4437107309, 8.7491227, 1.026884e-01),
    (T, TR, D): (4.8256250, 4.4354571, 0.39016788, 0.0088628304, 2.0617256, 3.786603e-03),
    (D, AG, A): (12.6972319, 11.1461149, 1.55111705, 0.0343240023, 2.1625980, 5.846079e-03),
    (D, TX, A): (8.5262197, 7.8844796, 0.64174009, 0.0194208287, 1.7503725, 3.986959e-03),
    (D, TR, A): (21.1724475, 20.1691229, 1.00332460, 0.1252334637, 10.2417399, 6.057914e-02),
    (D, AG, T): (20.2439513, 18.4771429, 1.76680841, 0.0923595022, 3.4479584, 1.573071e-02),
    (D, TX, T): (17.0792118, 14.0530011, 3.02621073, 0.0950365762, 3.5062413, 1.951034e-02),
    (D, TR, T): (30.7980923, 28.3662260, 2.43186631, 0.4070541417, 14.8979494, 1.969041e-01),
}


def test_exporter_sink_bilateral_matches_r_icio(leather):
    res = bm_decomposition(leather, approach="sink", level="bilateral")
    tab = res.table.set_index(["exporter", "industry", "importer"])
    cols = ("DVA", "VAX", "VAXIM", "REF", "DDC", "FVA", "FDC")
    for key, vals in SINK_BIL.items():
        for k, v in zip(cols, vals):
            assert _close(tab.loc[key, k], v), (key, k)
    chk = res.check()
    assert chk["ok"].all(), chk[~chk["ok"]]
    assert {"DAVAX <= VAXIM", "VAXIM <= VAX"} <= set(chk["identity"])


def test_self_bilateral_matches_r_icio(leather):
    res = bm_decomposition(leather, perspective="self", level="bilateral")
    tab = res.table.set_index(["exporter", "industry", "importer"])
    cols = ("DVA", "VAX", "REF", "DDC", "FVA", "FDC")
    for key, vals in SELF_BIL.items():
        for k, v in zip(cols, vals):
            assert _close(tab.loc[key, k], v), (key, k)
    assert res.identities_hold()


def test_imports_match_r_icio(leather):
    # bm(dec, flow = "imports")
    pub = {A: (81.2, 79.63233, 1.567672), T: (112.5, 108.71967, 3.780326), D: (131.8, 127.14834, 4.651660)}
    res = bm_imports(leather)
    tab = res.table.set_index("importer")
    for c, (g, va, dc) in pub.items():
        assert _close(tab.loc[c, "GIMP"], g) and _close(tab.loc[c, "VA"], va) and _close(tab.loc[c, "DC"], dc), c
    assert res.identities_hold()
    bil = bm_imports(leather, level="bilateral").table
    assert np.allclose(bil.groupby("importer", sort=False)[["VA", "DC"]].sum().loc[list(pub)].to_numpy(),
                       tab.loc[list(pub), ["VA", "DC"]].to_numpy(), rtol=1e-12)
    # world identity: total gross imports = total gross exports
    assert tab["GIMP"].sum() == pytest.approx(leather.exports_by_country().sum(), rel=1e-12)


# --------------------------------------------------------------------------- brute-force extraction
def _arrays(t):
    S = system_of(t)
    G, N = S.G, S.N
    return S, G, N, S.A.copy(), S.v, (lambda c: slice(c * N, (c + 1) * N))


def _inv(A):
    return np.linalg.inv(np.eye(A.shape[0]) - A)


def _bf_world_source(t):
    # keep only the domestic blocks and the t -> s block; B~ = (I - A~)^-1; FVA = sum_t v_t B~_ts e_s
    S, G, N, A, v, blk = _arrays(t)
    out = np.zeros(G)
    for s in range(G):
        for o in range(G):
            if o == s:
                continue
            At = np.zeros_like(A)
            for c in range(G):
                At[blk(c), blk(c)] = A[blk(c), blk(c)]
            At[blk(o), blk(s)] = A[blk(o), blk(s)]
            Bt = _inv(At)
            out[s] += v[blk(o)] @ Bt[blk(o), blk(s)] @ S.e[s]
    return out


def _bf_pair(t):
    # zero A_sr, invert, DVA = v_s B^(sr)_ss e_sr and FVA = sum_{t != s} v_t B^(sr)_ts e_sr, by exporting industry
    S, G, N, A, v, blk = _arrays(t)
    rows = {}
    for s in range(G):
        for r in range(G):
            if r == s:
                continue
            Ax = A.copy()
            Ax[blk(s), blk(r)] = 0.0
            Bx = _inv(Ax)
            e = S.E3[s, :, r]
            dva = (v[blk(s)] @ Bx[blk(s), blk(s)]) * e
            fva = sum((v[blk(o)] @ Bx[blk(o), blk(s)]) * e for o in range(G) if o != s)
            rows[(s, r)] = (dva, fva)
    return rows


def _bf_imports(t):
    # zero every intermediate import block of r (A_{t r}, t != r), invert, VA = v B~ d^r
    S, G, N, A, v, blk = _arrays(t)
    va = np.zeros(G)
    for r in range(G):
        Ax = A.copy()
        for o in range(G):
            if o != r:
                Ax[blk(o), blk(r)] = 0.0
        Bx = _inv(Ax)
        d = S.E3[:, :, r].reshape(-1)
        va[r] = v @ Bx @ d
    return va


def _bf_vaxim(t):
    # B^s: zero every export block of s (A_{s r}, r != s); x = B^s (Y_.r without Y_sr);
    # VAXIM_sr = v_s B_ss (Y_sr + A_sr L_rr (Y_rr + sum_{j != r} A_rj x_j))
    S, G, N, A, v, blk = _arrays(t)
    B = _inv(A)
    Y3 = S.Y3
    out = np.zeros((G, N, G))
    for s in range(G):
        As = A.copy()
        for r in range(G):
            if r != s:
                As[blk(s), blk(r)] = 0.0
        Bs = _inv(As)
        for r in range(G):
            if r == s:
                continue
            z = Y3[:, :, r].reshape(-1).copy()
            z[blk(s)] = 0.0
            x = Bs @ z
            Lrr = np.linalg.inv(np.eye(N) - A[blk(r), blk(r)])
            tail = Y3[r, :, r] + sum(A[blk(r), blk(j)] @ x[blk(j)] for j in range(G) if j != r)
            out[s, :, r] = (v[blk(s)] @ B[blk(s), blk(s)]) * (Y3[s, :, r] + A[blk(s), blk(r)] @ Lrr @ tail)
    return out


@pytest.fixture(scope="module")
def small():
    return synthetic_icio(4, 3, seed=7, categories=2)


@pytest.mark.parametrize("which", ["leather", "small"])
def test_brute_force_extraction(which, leather, small):
    t = {"leather": leather, "small": small}[which]
    S = system_of(t)
    ws = bm_decomposition(t, perspective="world", approach="source").table.set_index("exporter")
    assert np.allclose(ws.loc[list(S.countries), "FVA"].to_numpy(), _bf_world_source(t), rtol=1e-10)
    pair = bm_decomposition(t, perspective="pair", level="bilateral")
    G = S.G
    for (s, r), (dva, fva) in _bf_pair(t).items():
        assert np.allclose(pair.data[s, :, r, pair.terms.index("DVA")], dva, rtol=1e-10, atol=1e-12)
        assert np.allclose(pair.data[s, :, r, pair.terms.index("FVA")], fva, rtol=1e-10, atol=1e-12)
    imp = bm_imports(t).table.set_index("importer")
    assert np.allclose(imp.loc[list(S.countries), "VA"].to_numpy(), _bf_imports(t), rtol=1e-10)
    sink = bm_decomposition(t, approach="sink", level="bilateral")
    assert np.allclose(sink.data[..., sink.terms.index("VAXIM")], _bf_vaxim(t), rtol=1e-10, atol=1e-12)
    assert G == len(S.countries)


tables = st.builds(lambda G, N, seed: synthetic_icio(G, N, seed=seed, categories=2),
                   st.integers(2, 4), st.integers(1, 3), st.integers(0, 10_000))


@settings(max_examples=15)
@given(tables)
def test_perimeters_are_nested(table):
    # the narrower the perimeter, the less is double counted:
    # DVA(exporter/source) <= DVA(pair) <= DVA(self), bilateral level, every flow
    exr = bm_decomposition(table, level="bilateral")
    ex = exr.data
    pr = bm_decomposition(table, perspective="pair", level="bilateral")
    sf = bm_decomposition(table, perspective="self", level="bilateral")
    k = pr.terms.index("DVA")
    dva_ex = ex[..., exr.terms.index("DVA")]
    tol = 1e-9 * float(np.abs(ex[..., 0]).max())
    assert (dva_ex <= pr.data[..., k] + tol).all()
    assert (pr.data[..., k] <= sf.data[..., sf.terms.index("DVA")] + tol).all()
    # at the whole-country perimeter the source and sink approaches coincide (R icio bm() docs)
    src = bm_decomposition(table).table.set_index("exporter")
    snk = bm_decomposition(table, approach="sink").table.set_index("exporter")
    for k in ("DVA", "VAX", "REF", "DDC", "FVA", "FDC"):
        assert np.allclose(src[k], snk.loc[src.index, k], rtol=1e-9, atol=tol), k
    for res in (pr, sf, bm_decomposition(table, perspective="world", approach="source"), bm_imports(table)):
        chk = res.check(rtol=1e-9)
        assert chk["ok"].all(), chk[~chk["ok"]]
