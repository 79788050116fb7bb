"""Seeded hypothesis property tests of the identities (profile 'valuechain': derandomized)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from valuechain.leontief import effects, hypothetical_extraction, key_sectors, linkages, multipliers
from valuechain.tables import IOTable, read_table, write_table


def make_table(n: int, seed: int, scale: float = 1.0, perm=None) -> IOTable:
    """A balanced random table: x_i = max(row sum, column sum of Z) + slack, so that final
    demand and primary inputs are positive."""
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 100, (n, n)) * (rng.uniform(size=(n, n)) < 0.8)
    x = np.maximum(Z.sum(1), Z.sum(0)) + rng.uniform(10, 200, n)
    f = x - Z.sum(1)
    share = rng.uniform(0.2, 0.8, n)
    Y = np.c_[f * share, f * (1 - share)]
    p = x - Z.sum(0)
    cs = rng.uniform(0.3, 0.7, n)
    V = np.vstack([p * cs, p * (1 - cs)])
    emp = rng.uniform(1, 50, n)
    lab = [f"s{i}" for i in range(n)]
    if perm is not None:
        Z, x, Y, V, emp, lab = Z[np.ix_(perm, perm)], x[perm], Y[perm], V[:, perm], emp[perm], [lab[i] for i in perm]
    return IOTable.from_frames(
        pd.DataFrame(Z * scale, index=lab, columns=lab),
        pd.DataFrame(Y * scale, index=lab, columns=["hh", "exports"]),
        pd.DataFrame(V * scale, index=["D1", "B2"], columns=lab),
        pd.Series(x * scale, index=lab),
        satellite=pd.DataFrame([emp], index=["employment"], columns=lab),
        roles={"compensation": "D1", "households": "hh", "employment": "employment", "exports": ["exports"]},
    )


tables = st.builds(make_table, st.integers(2, 9), st.integers(0, 2**31 - 1))


@given(tables)
def test_leontief_identities(t):
    A, L = t.A.to_numpy(), t.L.to_numpy()
    n = t.n
    np.testing.assert_allclose(L @ (np.eye(n) - A), np.eye(n), atol=1e-10)
    np.testing.assert_allclose(L @ t.y.to_numpy(), t.x.to_numpy(), rtol=1e-9)          # x = L y
    G_direct = np.linalg.inv(np.eye(n) - t.B.to_numpy())
    np.testing.assert_allclose(t.G.to_numpy(), G_direct, rtol=1e-9, atol=1e-12)         # G = x^-1 L x
    # Ghosh: x' = p' G with p the primary inputs
    np.testing.assert_allclose(t.V.to_numpy().sum(0) @ t.G.to_numpy(), t.x.to_numpy(), rtol=1e-9)


@given(tables)
def test_normalised_indices_average_one(t):
    lk = linkages(t, "all")
    for c in ("rasmussen_backward", "rasmussen_forward", "hazari_backward", "hazari_forward",
              "jones_backward", "jones_forward"):
        assert lk[c].mean() == pytest.approx(1.0, rel=1e-12), c
    assert (lk["rasmussen_backward_cv"] > 0).all()
    # Hazari's forward index is output relative to its mean (L w is proportional to x)
    np.testing.assert_allclose(lk["hazari_forward"], t.x / t.x.mean(), rtol=1e-9)


@given(tables)
def test_type_II_exceeds_type_I_and_effects_add_up(t):
    m1, m2 = multipliers(t), multipliers(t, type="II")
    assert (m2.to_numpy() >= m1.to_numpy() - 1e-12).all()
    assert (m1["output"] >= 1 - 1e-12).all()
    for ind in ("output", "value_added", "income", "employment"):
        e = effects(t, ind)
        np.testing.assert_allclose(e["direct"] + e["indirect"] + e["induced"], e["total_type_II"], rtol=1e-10)
    # no imports or product taxes: value added + intermediates exhaust output, so v'L = 1'
    np.testing.assert_allclose(m1["value_added"], 1.0, rtol=1e-9)


@given(st.integers(2, 8), st.integers(0, 2**31 - 1), st.randoms(use_true_random=False))
def test_permuting_sectors_permutes_results(n, seed, rnd):
    perm = list(range(n))
    rnd.shuffle(perm)
    t0, tp = make_table(n, seed), make_table(n, seed, perm=perm)
    labels = list(tp.industries)
    for f in (lambda t: multipliers(t), lambda t: multipliers(t, type="II"), lambda t: linkages(t, "all"),
              lambda t: key_sectors(t, cv_filter="median").table.set_index("sector")):
        a, b = f(t0), f(tp)
        pd.testing.assert_frame_equal(a.loc[labels], b, check_exact=False, rtol=1e-9, atol=1e-12)


@given(tables, st.floats(1e-3, 1e4))
def test_scaling_leaves_coefficients_unchanged(t, s):
    n = t.n
    seedless = IOTable.from_frames(t.Z * s, t.Y * s, t.V * s, t.x * s, satellite=t.satellite, roles=dict(t.roles))
    for M in ("A", "B", "L", "G"):
        np.testing.assert_allclose(getattr(seedless, M).to_numpy(), getattr(t, M).to_numpy(), rtol=1e-9, atol=1e-13)
    m0, m1 = multipliers(t, type="II"), multipliers(seedless, type="II")
    for c in ("output", "value_added", "income"):
        np.testing.assert_allclose(m1[c], m0[c], rtol=1e-9)
    np.testing.assert_allclose(m1["employment"], m0["employment"] / s, rtol=1e-9)   # persons per money unit
    l0, l1 = linkages(t, ["rasmussen", "hazari", "jones", "chenery_watanabe", "total"]), \
        linkages(seedless, ["rasmussen", "hazari", "jones", "chenery_watanabe", "total"])
    pd.testing.assert_frame_equal(l0, l1, check_exact=False, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(hypothetical_extraction(seedless), hypothetical_extraction(t) * s, rtol=1e-9)
    assert n == seedless.n


@given(tables)
def test_extraction_bounds(t):
    # removing links cannot raise output; the total extraction loses at least the sector's own output
    ex = hypothetical_extraction(t)
    assert (ex["extraction_backward"] >= -1e-9).all() and (ex["extraction_forward"] >= -1e-9).all()
    assert (ex["extraction_total"] >= t.x.to_numpy() * (1 - 1e-12)).all()


@given(tables)
def test_csv_round_trip(tmp_path_factory, t):
    p = write_table(t, tmp_path_factory.mktemp("rt") / "t.csv")
    assert read_table(p).equals(t)
