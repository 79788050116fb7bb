"""Two-region model: a hand-worked two-industry example, aggregation to the nation, properties.

Hand-worked example (SLQ closure; Miller & Blair 2009 sec. 3.3 for the interregional model
and the feedback effect of Miller 1966):

    A^n = [[0.2, 0.3], [0.1, 0.1]],  x^n = (100, 50)  ->  Z^n = [[20, 15], [10, 5]],
    f^n = x - Z 1 = (65, 35), value added = x - 1'Z = (70, 30)
    e^r = (30, 10), e^n = (100, 100): E_r = 40, E_n = 200; rest e^R = (70, 90), E_R = 160

    SLQ^r = ((30/40)/(100/200), (10/40)/(100/200)) = (1.5, 0.5) -> min(.,1) = (1, 0.5)
    SLQ^R = ((70/160)/0.5, (90/160)/0.5) = (0.875, 1.125)      -> min(.,1) = (0.875, 1)

    A^rr = [[0.2, 0.3], [0.05, 0.05]]          A^Rr = A^n - A^rr = [[0, 0], [0.05, 0.05]]
    A^RR = [[0.175, 0.2625], [0.1, 0.1]]       A^rR = A^n - A^RR = [[0.025, 0.0375], [0, 0]]

    intraregional multipliers of r: I - A^rr = [[0.8, -0.3], [-0.05, 0.95]], det = 0.745,
      (I - A^rr)^-1 = [[0.95, 0.3], [0.05, 0.8]] / 0.745 -> column sums (1/0.745, 1.1/0.745)
      = (1.3422819, 1.4765101)

    own-region block of the 2n inverse (Miller & Blair 2009 sec. 3.3, feedback):
      L^rr = [I - A^rr - A^rR (I - A^RR)^-1 A^Rr]^-1
      I - A^RR = [[0.825, -0.2625], [-0.1, 0.9]], det = 0.71625
      A^rR (I - A^RR)^-1 = [[0.02625, 0.0375] / 0.71625, [0, 0]] = [[0.0366492, 0.0523560], [0, 0]]
      ... times A^Rr = [[0.0026178, 0.0026178], [0, 0]]
      I - A^rr - (that) = [[0.7973822, -0.3026178], [-0.05, 0.95]], det = 0.7423822
      column sums of L^rr = (1/0.7423822, 1.1/0.7423822) = (1.3470151, 1.4817166)
    feedback = (1.3470151 - 1.3422819, 1.4817166 - 1.4765101) = (0.0047332, 0.0052065)
    total = national multipliers: I - A^n has det 0.69, column sums of its inverse
      (1/0.69, 1.1/0.69) = (1.4492754, 1.5942029)
    spillover = total - own = (0.1022603, 0.1124863)
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

from valuechain.regional import employment_vectors, output_multipliers, regionalize, two_region_model
from valuechain.tables import IOTable

from _regional_helpers import _table, economies

IND = ["a", "b"]


@pytest.fixture(scope="module")
def hand():
    t = IOTable.from_frames(
        pd.DataFrame([[20.0, 15.0], [10.0, 5.0]], index=IND, columns=IND),
        pd.DataFrame({"f": [65.0, 35.0]}, index=IND),
        pd.DataFrame([[70.0, 30.0]], index=["va"], columns=IND),
        pd.Series([100.0, 50.0], index=IND),
        name="hand",
    )
    return two_region_model(t, pd.Series([30.0, 10.0], index=IND), pd.Series([100.0, 100.0], index=IND), method="slq", region="r", rest="R")


def test_hand_blocks(hand):
    np.testing.assert_allclose(hand.block("r", "r").to_numpy(), [[0.2, 0.3], [0.05, 0.05]], rtol=1e-14)
    np.testing.assert_allclose(hand.block("R", "r").to_numpy(), [[0.0, 0.0], [0.05, 0.05]], atol=1e-15)
    np.testing.assert_allclose(hand.block("R", "R").to_numpy(), [[0.175, 0.2625], [0.1, 0.1]], rtol=1e-14)
    np.testing.assert_allclose(hand.block("r", "R").to_numpy(), [[0.025, 0.0375], [0.0, 0.0]], atol=1e-15)
    # outputs: x^r = x^n e^r / e^n = (30, 5), x^R = (70, 45)
    np.testing.assert_allclose(hand.x.to_numpy(), [30.0, 5.0, 70.0, 45.0])


def test_hand_effects(hand):
    e = hand.table.set_index(["region", "industry"])
    np.testing.assert_allclose(e.loc["r", "intraregional"].to_numpy(), [1.3422819, 1.4765101], atol=1e-7)
    np.testing.assert_allclose(e.loc["r", "feedback"].to_numpy(), [0.0047332, 0.0052065], atol=1e-7)
    np.testing.assert_allclose(e.loc["r", "spillover"].to_numpy(), [0.1022603, 0.1124863], atol=1e-7)
    np.testing.assert_allclose(e.loc["r", "total"].to_numpy(), [1.4492754, 1.5942029], atol=1e-7)


def test_hand_aggregates_to_national(hand):
    assert hand.check()["ok"].all()
    np.testing.assert_allclose(hand.aggregate().to_numpy(), [[20.0, 15.0], [10.0, 5.0]], rtol=1e-13)
    # final demand of the two regions adds up to the national (65, 35)
    np.testing.assert_allclose(hand.f.groupby(level="industry").sum().loc[IND].to_numpy(), [65.0, 35.0], rtol=1e-13)


def _setup(eco):
    reg, nat, A = eco
    n = len(reg)
    labels = [f"i{k}" for k in range(n)]
    x = np.linalg.solve(np.eye(n) - A, nat)
    return _table(A, x, labels), pd.Series(reg, index=labels), pd.Series(nat, index=labels)


@given(economies(), st.sampled_from(["slq", "cilq", "flq", "aflq"]), st.floats(0.05, 0.95))
def test_two_regions_aggregate_to_nation(eco, method, delta):
    t, r, e = _setup(eco)
    if (e - r).sum() <= 0:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = two_region_model(t, r, e, method=method, delta=delta)
    chk = m.check()
    assert chk["ok"].all(), chk
    pd.testing.assert_frame_equal(m.aggregate(), t.Z, rtol=1e-10, atol=1e-9 * float(t.x.max()))
    # every region's column total is the national output multiplier (columns of A^rr + A^Rr
    # sum to those of A^n, so u = (m^n, m^n) solves u (I - A_2n) = 1')
    mn = output_multipliers(t.A)
    tot = m.table.set_index("industry")["total"]
    for _, grp in m.table.groupby("region"):
        np.testing.assert_allclose(grp["total"].to_numpy(), mn.loc[grp["industry"]].to_numpy(), rtol=1e-9)
    # effects equal the column sums of the explicit 2n inverse
    L = m.leontief()
    np.testing.assert_allclose(L.sum(axis=0).to_numpy(), m.table["total"].to_numpy(), rtol=1e-9)
    # the intraregional multipliers are those of the single-region model (regionalize), unless
    # an industry is absent from the rest of the country (then the region supplies all of it)
    if ((e - r) > 0).all():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            single = regionalize(t, r, e, method=method, delta=delta)
        own = m.table[m.table["region"] == "region"].set_index("industry")["intraregional"]
        np.testing.assert_allclose(own.to_numpy(), output_multipliers(single.io_table.A).loc[own.index].to_numpy(), rtol=1e-9)
    assert (m.table["feedback"] >= -1e-12).all()
    assert tot.notna().all()


def test_au_western_australia(au_table, au_employment):
    e = employment_vectors(au_employment, "Western Australia", industries=au_table.industries, unmatched="ignore")
    m = two_region_model(au_table, e, rest="Rest of Australia")
    assert m.check()["ok"].all()
    t = m.table.set_index(["region", "industry"])
    wa = t.loc["Western Australia"]
    # both regions have all 19 industries; totals are the national output multipliers
    assert len(wa) == 19 and len(t.loc["Rest of Australia"]) == 19
    mn = output_multipliers(au_table.A)
    np.testing.assert_allclose(wa["total"].to_numpy(), mn.loc[wa.index].to_numpy(), rtol=1e-10)
    # the single-region multiplier of WA understates the national one in every industry
    assert (wa["intraregional"] < mn.loc[wa.index]).all()
    # a region of 11% of national employment leaks more than the remaining 89%
    assert wa["spillover"].mean() > t.loc["Rest of Australia", "spillover"].mean()
    assert (t["feedback"] > 0).all()
    assert "estimated" in m.table["note"].iat[0]


@given(economies(n_min=3), st.randoms(use_true_random=False))
def test_two_region_independent_of_industry_order(eco, rnd):
    t, r, e = _setup(eco)
    if (e - r).sum() <= 0:
        return
    perm = list(t.industries)
    rnd.shuffle(perm)
    tp = IOTable.from_frames(t.Z.loc[perm, perm], t.Y.loc[perm], t.V.loc[:, perm], t.x.loc[perm], roles=dict(t.roles))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = two_region_model(t, r, e).table.set_index(["region", "industry"])
        b = two_region_model(tp, r.loc[perm], e.loc[perm]).table.set_index(["region", "industry"])
    cols = ["intraregional", "feedback", "spillover", "total", "output", "final_demand"]
    pd.testing.assert_frame_equal(a.loc[b.index, cols], b[cols], rtol=1e-9, atol=1e-9 * float(t.x.max()))


def test_provenance_flags_travel_from_the_employment_data(hand):
    """Before, ``two_region_model`` dropped the employment data's flags (e.g. "synthetic")."""
    from valuechain.regional import RegionalEmployment

    t = hand.national
    emp = RegionalEmployment(
        region="r", regional=pd.Series([30.0, 10.0], index=IND), national=pd.Series([100.0, 100.0], index=IND),
        flags=("synthetic employment",),
    )
    m = two_region_model(t, emp, method="slq", rest="R")
    assert "synthetic employment" in m.flags and "estimated (LQ two-region model)" in m.flags
    assert "synthetic employment" in m.summary()
    r = regionalize(t, emp, method="slq")
    assert "synthetic employment" in r.flags and r.flags == r.io_table.flags
    # the identity table of the result convention
    chk = m.check()
    assert list(chk.columns) == ["identity", "max_abs_error", "rel_error", "ok"] and m.identities_hold()
