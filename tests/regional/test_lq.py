"""Location quotients: a hand-worked three-industry example, properties, bad input.

Hand-worked example (numbers chosen for easy arithmetic; formulas from Miller & Blair 2009,
ch. 8 for the SLQ, CILQ and FLQ; Flegg & Webber 1997 for lambda* and the FLQ; Flegg &
Webber 2000 for the AFLQ; Kowalewski 2015 for the SFLQ):

    regional employment e^r = (40, 20, 40)      E_r = 100
    national employment e^n = (200, 400, 400)   E_n = 1000

    SLQ_1 = (40/100) / (200/1000) = 0.4 / 0.2 = 2.0
    SLQ_2 = (20/100) / (400/1000) = 0.2 / 0.4 = 0.5
    SLQ_3 = (40/100) / (400/1000) = 0.4 / 0.4 = 1.0

    CILQ_ij = SLQ_i / SLQ_j:  CILQ_12 = 2/0.5 = 4,  CILQ_13 = 2/1 = 2,  CILQ_21 = 0.5/2 = 0.25,
    CILQ_23 = 0.5/1 = 0.5,  CILQ_31 = 1/2 = 0.5,  CILQ_32 = 1/0.5 = 2;
    diagonal (Round 1978): CILQ_ii = SLQ_i = 2, 0.5, 1.

    lambda* = [log2(1 + 100/1000)]^0.3 = [log2 1.1]^0.3 = 0.1375035237^0.3 = 0.5514347723
    FLQ_ij = CILQ_ij * 0.5514347723, e.g. FLQ_21 = 0.25 * 0.5514347723 = 0.1378586931.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from valuechain.errors import ValidationError
from valuechain.regional import (
    aflq,
    cilq,
    flq,
    lambda_star,
    location_quotients,
    output_multipliers,
    plq,
    regional_coefficients,
    regionalize,
    sflq,
    slq,
)
from valuechain.tables import IOTable  # noqa: F401

from _regional_helpers import _table, economies

IND = ["agri", "manu", "serv"]
ER = pd.Series([40.0, 20.0, 40.0], index=IND)
EN = pd.Series([200.0, 400.0, 400.0], index=IND)
LAM = 0.5514347723323603  # [log2(1.1)]^0.3, see the module docstring
A_N = pd.DataFrame(
    [[0.10, 0.20, 0.05],
     [0.15, 0.05, 0.10],
     [0.20, 0.10, 0.10]],
    index=IND, columns=IND,
)


def test_slq_hand_example():
    np.testing.assert_allclose(slq(ER, EN).to_numpy(), [2.0, 0.5, 1.0], rtol=1e-15)


def test_cilq_hand_example():
    expected = np.array(
        [[2.0, 4.0, 2.0],    # diagonal SLQ_1 = 2; 2/0.5 = 4; 2/1 = 2
         [0.25, 0.5, 0.5],   # 0.5/2; diagonal SLQ_2 = 0.5; 0.5/1
         [0.5, 2.0, 1.0]]    # 1/2; 1/0.5; diagonal SLQ_3 = 1
    )
    np.testing.assert_allclose(cilq(ER, EN).to_numpy(), expected, rtol=1e-15)
    # the formula's own diagonal is SLQ_i / SLQ_i = 1
    np.testing.assert_allclose(np.diag(cilq(ER, EN, diagonal="formula").to_numpy()), [1.0, 1.0, 1.0])


def test_flq_hand_example():
    assert lambda_star(100, 1000, 0.3) == pytest.approx(LAM, rel=1e-12)
    F = flq(ER, EN, delta=0.3)
    assert F.loc["manu", "agri"] == pytest.approx(0.25 * LAM, rel=1e-12)   # 0.1378586931
    assert F.loc["agri", "manu"] == pytest.approx(4.0 * LAM, rel=1e-12)    # 2.2057390893
    assert F.loc["serv", "serv"] == pytest.approx(1.0 * LAM, rel=1e-12)    # SLQ_3 * lambda*
    # regional coefficients a^r = a^n * min(FLQ, 1):
    #   a^r_12 = 0.20 * min(2.2057, 1) = 0.20
    #   a^r_21 = 0.15 * 0.1378586931 = 0.0206788040
    #   a^r_22 = 0.05 * 0.5 * 0.5514347723 = 0.0137858693
    #   a^r_31 = 0.20 * 0.5 * 0.5514347723 = 0.0551434772
    #   a^r_33 = 0.10 * 0.5514347723 = 0.0551434772
    Ar = regional_coefficients(A_N, F)
    assert Ar.loc["agri", "manu"] == pytest.approx(0.20, rel=1e-15)
    assert Ar.loc["manu", "agri"] == pytest.approx(0.0206788040, rel=1e-8)
    assert Ar.loc["manu", "manu"] == pytest.approx(0.0137858693, rel=1e-8)
    assert Ar.loc["serv", "agri"] == pytest.approx(0.0551434772, rel=1e-8)
    assert Ar.loc["serv", "serv"] == pytest.approx(0.0551434772, rel=1e-8)


def test_slq_coefficients_row_wise():
    # row 1: min(2, 1) = 1 -> unchanged; row 2: x 0.5; row 3: x 1
    Ar = regional_coefficients(A_N, slq(ER, EN))
    np.testing.assert_allclose(Ar.to_numpy(), A_N.to_numpy() * np.array([[1.0], [0.5], [1.0]]))


def test_aflq_hand_example():
    # SLQ_1 = 2 > 1: column 1 is multiplied by log2(1 + 2) = 1.5849625007
    # AFLQ_21 = 0.25 * 0.5514347723 * 1.5849625007 = 0.2185008589; columns 2, 3 (SLQ <= 1) = FLQ
    G = aflq(ER, EN, delta=0.3)
    assert G.loc["manu", "agri"] == pytest.approx(0.2185008589, rel=1e-8)
    np.testing.assert_allclose(G.iloc[:, 1:].to_numpy(), flq(ER, EN).iloc[:, 1:].to_numpy())


def test_sflq_hand_example():
    # delta_j = 0.1, 0.3, 0.5 by buying industry: lambda_j = 0.1375035237 ** delta_j
    #   = 0.8200331002, 0.5514347723, 0.3708146757
    S = sflq(ER, EN, delta={"agri": 0.1, "manu": 0.3, "serv": 0.5})
    lam_j = np.array([0.8200331002, 0.5514347723, 0.3708146757])
    np.testing.assert_allclose(S.to_numpy(), cilq(ER, EN).to_numpy() * lam_j[None, :], rtol=1e-8)
    # equal deltas give the FLQ
    np.testing.assert_allclose(sflq(ER, EN, delta=0.3).to_numpy(), flq(ER, EN, delta=0.3).to_numpy())


def test_plq_hand_example():
    # industry 2 (manu) sells only to industry 1 (agri): its "purchasers" are {agri}
    #   PLQ_2 = (20 / 40) / (400 / 200) = 0.5 / 2 = 0.25   (SLQ_2 = 0.5)
    # industry 1 sells to all three: PLQ_1 = (40/100) / (200/1000) = 2 = SLQ_1
    A = A_N.copy()
    A.loc["manu", ["manu", "serv"]] = 0.0
    q = plq(ER, EN, A)
    assert q["manu"] == pytest.approx(0.25, rel=1e-15)
    assert q["agri"] == pytest.approx(2.0, rel=1e-15)


@pytest.mark.parametrize("delta", [0.0, 1.0, 1.5, -0.2, float("nan")])
def test_delta_outside_unit_interval(delta):
    with pytest.raises(ValidationError, match=r"outside \(0, 1\)|not a number"):
        flq(ER, EN, delta=delta)


def test_bad_quotient_inputs():
    with pytest.raises(ValidationError, match="unknown LQ method"):
        location_quotients(ER, EN, method="xlq")
    with pytest.raises(ValidationError, match="exceeds national"):
        slq(pd.Series([300.0, 20, 40], index=IND), EN)
    with pytest.raises(ValidationError, match="negative"):
        slq(pd.Series([-1.0, 20, 40], index=IND), EN)
    with pytest.raises(ValidationError, match="missing for 1 industry"):
        sflq(ER, EN, delta={"agri": 0.1, "manu": 0.3})
    with pytest.raises(ValidationError, match="diagonal"):
        cilq(ER, EN, diagonal="one")
    with pytest.raises(ValidationError, match="needs the national coefficients"):
        location_quotients(ER, EN, method="plq")


# ------------------------------------------------------------------ properties
METHODS = ["slq", "plq", "cilq", "flq", "aflq", "sflq"]


@given(economies(), st.floats(0.01, 0.99))
def test_regional_coefficients_never_exceed_national(eco, delta):
    reg, nat, A = eco
    for m in METHODS:
        q = location_quotients(reg, nat, method=m, delta=delta, A=A)
        Ar = regional_coefficients(A, q)
        assert (Ar <= A + 1e-15).all(), m
        assert (Ar >= 0).all(), m


@given(economies(), st.floats(0.01, 0.99))
def test_flq_not_above_cilq(eco, delta):
    reg, nat, _ = eco
    C = cilq(reg, nat).to_numpy()
    F = flq(reg, nat, delta=delta).to_numpy()
    ok = np.isfinite(C)
    assert (F[ok] <= C[ok] * (1 + 1e-12)).all()
    # and FLQ falls as delta rises (lambda* < 1 unless the region is the nation)
    F2 = flq(reg, nat, delta=min(0.999, delta + 0.1)).to_numpy()
    assert (F2[ok] <= F[ok] * (1 + 1e-12)).all()


@given(economies(), st.floats(0.01, 0.99))
def test_regional_multipliers_not_above_national(eco, delta):
    reg, nat, A = eco
    m_n = output_multipliers(A)
    for m in METHODS:
        Ar = regional_coefficients(A, location_quotients(reg, nat, method=m, delta=delta, A=A))
        assert (output_multipliers(Ar) <= m_n + 1e-10).all(), m


@given(economies(n_min=3), st.floats(0.01, 0.99), st.randoms(use_true_random=False))
def test_independent_of_industry_order(eco, delta, rnd):
    reg, nat, A = eco
    n = len(reg)
    labels = [f"i{k}" for k in range(n)]
    perm = list(range(n))
    rnd.shuffle(perm)
    r, e = pd.Series(reg, index=labels), pd.Series(nat, index=labels)
    Af = pd.DataFrame(A, index=labels, columns=labels)
    pl = [labels[k] for k in perm]
    for m in METHODS:
        q1 = location_quotients(r, e, method=m, delta=delta, A=Af)
        q2 = location_quotients(r[pl], e[pl], method=m, delta=delta, A=Af.loc[pl, pl])
        a1 = regional_coefficients(Af, q1)
        a2 = regional_coefficients(Af.loc[pl, pl], q2)
        pd.testing.assert_frame_equal(a1.loc[pl, pl], a2, rtol=1e-12, atol=1e-15)


@given(economies(), st.sampled_from(["cilq", "flq", "sflq"]))
def test_regionalize_identities_and_drop(eco, method):
    reg, nat, A = eco
    n = len(reg)
    labels = [f"i{k}" for k in range(n)]
    x = np.linalg.solve(np.eye(n) - A, nat)  # output that meets final demand y = nat >= 0
    t = _table(A, x, labels)
    res = regionalize(t, pd.Series(reg, index=labels), pd.Series(nat, index=labels), method=method, delta=0.3)
    chk = res.check()
    assert chk["ok"].all(), chk
    assert set(res.dropped) == {labels[k] for k in range(n) if reg[k] == 0}
    # output = employment share of national output
    kept = list(res.io_table.industries)
    idx = [labels.index(k) for k in kept]
    np.testing.assert_allclose(res.io_table.x.to_numpy(), x[idx] * reg[idx] / nat[idx], rtol=1e-12)
    assert any("regionalized by" in f for f in res.io_table.flags)
    # cross-industry quotients never let regional sales exceed the seller's share of national
    # sales (z^r_ij <= z^n_ij e^r_i / e^n_i), so the residual final demand stays >= 0
    assert not res.notes
    assert (res.io_table.Y.to_numpy() >= -1e-9 * x.max()).all()
