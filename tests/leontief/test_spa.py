"""Structural path analysis: hand-worked paths, the power-series identity, pruning."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings, strategies as st

from valuechain.leontief import structural_paths
from valuechain.tables import IOTable


def test_paths_by_hand():
    # A = [[.15, .25], [.2, .05]], y = (350, 1700): into 1, order 2: 2 > 1 = .25 * 1700 = 425; 1 = 350;
    # 2 > 2 > 1 = .25 * .05 * 1700 = 21.25; 1 > 2 > 1 = .25 * .2 * 350 = 17.5
    t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"])
    r = structural_paths(t, to="1", order=2, top=None, threshold=0)
    d = dict(zip(r.table["path"], r.table["value"]))
    assert np.isclose(d["2 > 1"], 425) and np.isclose(d["1"], 350)
    assert np.isclose(d["2 > 2 > 1"], 21.25) and np.isclose(d["1 > 2 > 1"], 17.5)
    assert r.table["rank"].tolist() == list(range(1, len(r.table) + 1))
    assert r.identities_hold()


@settings(max_examples=20, deadline=None)
@given(st.integers(2, 4), st.integers(0, 10_000))
def test_remainder_is_the_tail_of_the_power_series(n, seed):
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n))
    Y = rng.uniform(5, 30, n)
    x = Z.sum(1) + Y
    t = IOTable.from_frames(Z, Y, [x - Z.sum(0)], x)
    A = Z / x
    prev = np.inf
    for k in range(0, 6):
        r = structural_paths(t, to=t.industries[0], order=k, top=None, threshold=0)
        tree = r.trees.iloc[0]
        # paths up to order k leave (A^{k+1} x)_t exactly
        tail = (np.linalg.matrix_power(A, k + 1) @ x)[0]
        assert np.isclose(tree["remainder"], tail, rtol=1e-9, atol=1e-9)
        assert tree["remainder"] < prev
        prev = tree["remainder"]
    # towards infinite order the paths add up to the Leontief solution x_t (the tail (A^{k+1} x)_t -> 0)
    if n == 2:
        r = structural_paths(t, to=t.industries[0], order=12, top=None, threshold=0)
        tail = (np.linalg.matrix_power(A, 13) @ x)[0]
        assert np.isclose(r.trees.iloc[0]["found"] + tail, x[0], rtol=1e-12)
        assert tail < 1e-3 * x[0]


def test_pruning_keeps_the_strong_paths():
    rng = np.random.default_rng(0)
    n = 30
    Z = rng.uniform(0, 1, (n, n))
    Y = rng.uniform(5, 30, n)
    x = Z.sum(1) + Y
    lab = [f"s{i}" for i in range(n)]
    t = IOTable.from_frames(pd.DataFrame(Z, lab, lab), pd.Series(Y, index=lab), [x - Z.sum(0)], x)
    full = structural_paths(t, to="s0", order=3, top=20, threshold=0)
    cut = structural_paths(t, to="s0", order=3, top=20, threshold=1e-4)
    assert full.table["path"].tolist() == cut.table["path"].tolist()


def test_source_and_extension():
    # employment per unit of output e = (0.1, 0.2); paths from final demand for "2" into "1" only:
    # order 1: e_1 a_12 y_2 = 0.1 * .25 * 1700 = 42.5; total of the tree e_1 (L y_2)_1 = 0.1 * 0.25/0.7575 * 1700
    t = IOTable.from_frames([[150, 500], [200, 100]], [[350], [1700]], [[650, 1400]], industries=["1", "2"],
                            satellite=pd.DataFrame([[100.0, 400.0]], index=["employment"], columns=["1", "2"]),
                            roles={"employment": "employment"})
    r = structural_paths(t, to="1", source="2", extension="employment", order=4, top=None, threshold=0)
    assert set(r.table["source"]) == {"2"} and r.table.iloc[0]["path"] == "2 > 1"
    assert np.isclose(r.table.iloc[0]["value"], 42.5)
    tree = r.trees.iloc[0]
    assert np.isclose(tree["total"], 0.1 * 0.25 / 0.7575 * 1700)
    assert np.isclose(tree["found"] + tree["remainder"], tree["total"])
