"""SUT -> symmetric table (Eurostat models A-D): hand-worked examples, identities, real BEA and ABS tables.

The two-product example is worked out by hand below (no code of ours computed the
expected numbers): S = [[90, 10], [0, 100]] (industry 2 makes 10 of product 1 as a
secondary product), U = [[10, 20], [20, 30]], final use (70, 50), value added (60, 60);
q = (100, 100), g = (90, 110).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from valuechain.errors import ValidationError
from valuechain.tables import SupplyUseTable, read_sut, sut_to_iot

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "us_bea_2021_use_make"
P, I = ["p1", "p2"], ["i1", "i2"]


def _sut(U=((10.0, 20.0), (20.0, 30.0)), Y=(70.0, 50.0), W=(60.0, 60.0)):
    S = pd.DataFrame([[90.0, 10.0], [0.0, 100.0]], index=P, columns=I)
    return SupplyUseTable.from_frames(S, pd.DataFrame(U, index=P, columns=I), pd.DataFrame({"hh": Y}, index=P),
                                      pd.DataFrame([W], index=["va"], columns=I))


def test_model_d_by_hand():
    # D = S' q^-1 = [[0.9, 0], [0.1, 1]]; Z = D U = [[9, 18], [21, 32]]; F = D y = (63, 57); x = g
    r = sut_to_iot(_sut(), "D")
    np.testing.assert_allclose(r.Z.to_numpy(), [[9, 18], [21, 32]], atol=1e-12)
    np.testing.assert_allclose(r.F["hh"], [63, 57], atol=1e-12)
    np.testing.assert_allclose(r.x, [90, 110])
    assert r.iot.n == 2


def test_model_b_by_hand():
    # T = g^-1 S' = [[1, 0], [1/11, 10/11]]; Z = U T; V = (60 + 60/11, 600/11)
    r = sut_to_iot(_sut(), "B")
    np.testing.assert_allclose(r.Z.to_numpy(), [[10 + 20 / 11, 200 / 11], [20 + 30 / 11, 300 / 11]], atol=1e-12)
    np.testing.assert_allclose(r.V.loc["va"], [60 + 60 / 11, 600 / 11], atol=1e-12)
    np.testing.assert_allclose(r.x, [100, 100])


def test_model_a_by_hand():
    # T = S^-1 q^ = [[10/9, -1/9], [0, 1]]: product 1 keeps industry 1's input structure (10, 20, 60)/90
    r = sut_to_iot(_sut(), "A")
    np.testing.assert_allclose(r.Z.to_numpy(), [[100 / 9, 20 - 10 / 9], [200 / 9, 30 - 20 / 9]], atol=1e-12)
    np.testing.assert_allclose(r.V.loc["va"], [600 / 9, 60 - 60 / 9], atol=1e-12)


def test_model_c_by_hand():
    # R = g^ S^-1 = [[1, -0.1], [0, 1.1]]; Z = R U = [[8, 17], [22, 33]]; F = R y = (65, 55)
    r = sut_to_iot(_sut(), "C")
    np.testing.assert_allclose(r.Z.to_numpy(), [[8, 17], [22, 33]], atol=1e-12)
    np.testing.assert_allclose(r.F["hh"], [65, 55], atol=1e-12)


def _neg_sut():
    # industry 2 buys only 0.5 of product 1 but makes 10 of it: product technology needs 10/9 -> negative flow
    return _sut(U=((10.0, 0.5), (20.0, 30.0)), Y=(89.5, 50.0), W=(60.0, 79.5))


def test_negatives_reported_then_removed_by_almon():
    r = sut_to_iot(_neg_sut(), "A")
    assert len(r.negatives) == 1
    row = r.negatives.iloc[0]
    assert (row["row"], row["column"]) == ("p1", "p2")
    assert row["value"] == pytest.approx(-10 / 9 + 0.5)  # -0.6111
    with pytest.raises(ValidationError, match="1 negative intermediate flows"):
        _ = r.iot
    # Almon by hand: the 10 of product 1 made by industry 2 needs (1.111, 2.222, 6.667) of (p1, p2, va);
    # only 0.5 of p1 was bought: cut to 0.5, the 0.611 short taken from p2 and va in proportion 1:3
    # -> (0.5, 2.375, 7.125); the next round gives the same (fixed point)
    a = sut_to_iot(_neg_sut(), "A", negatives="almon")
    np.testing.assert_allclose(a.Z.to_numpy(), [[10.5, 0.0], [22.375, 27.625]], atol=1e-9)
    np.testing.assert_allclose(a.V.loc["va"], [67.125, 72.375], atol=1e-9)
    assert a.identities_hold() and a.iot.n == 2


def test_move_keeps_totals():
    m = sut_to_iot(_neg_sut(), "A", negatives="move")
    assert (m.Z.to_numpy() >= 0).all() and m.identities_hold()
    np.testing.assert_allclose(m.iot.x, [100, 100])


def test_product_row_must_balance_or_adjust():
    with pytest.raises(ValidationError, match="product p2"):
        _sut(Y=(70.0, 60.0))


@st.composite
def suts(draw):
    n = draw(st.integers(2, 6))
    seed = draw(st.integers(0, 10_000))
    rng = np.random.default_rng(seed)
    S = np.diag(rng.uniform(50, 100, n)) + rng.uniform(0, 5, (n, n)) * (rng.random((n, n)) < 0.5)
    q, g = S.sum(1), S.sum(0)
    U = rng.uniform(0, 1, (n, n)) * np.minimum(q[:, None], g[None, :]) / (3 * n)
    lab_p, lab_i = [f"p{i}" for i in range(n)], [f"i{i}" for i in range(n)]
    return SupplyUseTable.from_frames(pd.DataFrame(S, lab_p, lab_i), pd.DataFrame(U, lab_p, lab_i),
                                      pd.DataFrame({"fd": q - U.sum(1)}, index=lab_p),
                                      pd.DataFrame([g - U.sum(0)], index=["va"], columns=lab_i))


@settings(max_examples=40, deadline=None)
@given(suts(), st.sampled_from("ABCD"))
def test_identities_every_model(sut, model):
    r = sut_to_iot(sut, model)
    assert r.identities_hold(), r.check()
    target = sut.q if model in "AB" else sut.g
    np.testing.assert_allclose(r.x.to_numpy(), target.to_numpy(), rtol=1e-10)
    # independent numpy formulas (written here, not taken from the module)
    S, U = sut.S.to_numpy(), sut.U.to_numpy()
    q, g = S.sum(1), S.sum(0)
    expect = {"A": U @ np.linalg.inv(S) @ np.diag(q), "B": U @ np.diag(1 / g) @ S.T,
              "C": np.diag(g) @ np.linalg.inv(S) @ U, "D": S.T @ np.diag(1 / q) @ U}[model]
    np.testing.assert_allclose(r.Z.to_numpy(), expect, rtol=1e-8, atol=1e-9)


@settings(max_examples=20, deadline=None)
@given(suts())
def test_almon_leaves_no_negatives_and_balances(sut):
    r = sut_to_iot(sut, "A", negatives="almon")
    assert (r.Z.to_numpy() >= 0).all()
    assert r.identities_hold(), r.check()


needs_data = pytest.mark.skipif(not DATA.exists(), reason="shared BEA/ABS data not present")


@needs_data
@pytest.mark.parametrize("n", ["15", "71"])
def test_bea_tables(n):
    sut = read_sut(DATA / f"use_{n}.csv", DATA / f"make_{n}.csv", format="bea")
    assert any("suppressed" in x for x in sut.notes) and any("Scrap" in x for x in sut.notes)
    assert any("Noncomparable" in x for x in sut.notes)
    for model in "BD":
        r = sut_to_iot(sut, model, negatives="move")
        assert r.identities_hold()
        t = r.iot
        # industry totals of the published use table: 15-industry agriculture output is 543,200
        if n == "15" and model == "D":
            assert t.x["Agriculture, forestry, fishing, and hunting"] == pytest.approx(543200)
    assert sut_to_iot(sut, "A", negatives="almon").iot.n == len(sut.products)


@needs_data
def test_abs_tables():
    d = DATA / "australia_abs_2020_21"
    sut = read_sut(d / "use_114_aus.csv", d / "make_114_aus.csv", format="abs")
    assert len(sut.products) == 114 and "final use estimated as a residual" in sut.flags
    for model in "BD":
        assert sut_to_iot(sut, model).iot.n == 114


def test_generic_csv_layout(tmp_path):
    # the hand-worked SUT as two CSV files, with an imports column (2 of p1 imported, used by households)
    (tmp_path / "supply.csv").write_text("product,i1,i2,Imports,Total supply\np1,90,10,2,102\np2,0,100,0,100\nTotal,90,110,2,202\n")
    (tmp_path / "use.csv").write_text(
        "product,i1,i2,Total intermediate,Households,Total use\n"
        "p1,10,20,30,72,102\np2,20,30,50,50,100\n"
        "Total intermediate,30,50,80,,\nValue added,60,60,120,,\nTotal industry output,90,110,200,,\nMemo: jobs,5,6,,,\n")
    sut = read_sut(tmp_path / "use.csv", tmp_path / "supply.csv")
    assert list(sut.products) == P and list(sut.industries) == I
    assert list(sut.Y.columns) == ["Households", "imports"] and sut.Y.loc["p1", "imports"] == -2
    assert any("memo rows" in n for n in sut.notes)
    r = sut_to_iot(sut, "D")
    # D = [[0.9, 0], [0.1, 1]]: F = D (72 - 2, 50) = (63, 57), as in test_model_d_by_hand
    np.testing.assert_allclose(r.F.sum(axis=1), [63, 57])
    np.testing.assert_allclose(r.Z.to_numpy(), [[9, 18], [21, 32]])


def test_generic_csv_hostile(tmp_path):
    (tmp_path / "supply.csv").write_text("product,</script>,i2\n=HYPERLINK(1),90,10\np2,0,100\n")
    (tmp_path / "use.csv").write_text("product,</script>,i2,hh\n=HYPERLINK(1),10,20,70\np2,20,30,50\nva,60,60,\n")
    r = sut_to_iot(read_sut(tmp_path / "use.csv", tmp_path / "supply.csv"), "B")
    assert list(r.iot.industries) == ["=HYPERLINK(1)", "p2"]
    (tmp_path / "bad.csv").write_text("product,i1,i2\np1,ten,1\np2,1,1\n")
    with pytest.raises(ValidationError, match="text 'ten'"):
        read_sut(tmp_path / "use.csv", tmp_path / "bad.csv")
    (tmp_path / "inf.csv").write_text("product,</script>,i2\n=HYPERLINK(1),inf,10\np2,0,100\n")
    with pytest.raises(ValidationError):
        read_sut(tmp_path / "use.csv", tmp_path / "inf.csv")
