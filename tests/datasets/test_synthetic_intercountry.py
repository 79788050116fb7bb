"""SYNTHETIC inter-country tables (valuechain.datasets.synthetic_intercountry): balanced,
seeded, flagged, with the shares the docstring promises; old import paths warn."""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
import pytest

from valuechain.datasets.synthetic_intercountry import synthetic_icio, synthetic_icio_panel


def test_balanced_exactly_and_flagged():
    t = synthetic_icio(3, 2, seed=4)
    x = t.x.to_numpy()
    np.testing.assert_allclose(t.Z.to_numpy().sum(1) + t.Y.to_numpy().sum(1), x, rtol=1e-12)
    # x = A x + y: the column sums of Z are 40-65 % of output (the drawn intermediate share)
    share = t.Z.to_numpy().sum(0) / x
    assert ((share > 0.40 - 1e-12) & (share < 0.65 + 1e-12)).all()
    assert "synthetic" in t.flags and t.countries == ["C00", "C01", "C02"] and t.industries == ["I00", "I01"]
    assert t.source == "valuechain.datasets.synthetic_icio"


def test_same_seed_same_table_other_seed_other_table():
    a, b, c = synthetic_icio(2, 2, seed=1), synthetic_icio(2, 2, seed=1), synthetic_icio(2, 2, seed=2)
    pd.testing.assert_frame_equal(a.Z, b.Z)
    assert not np.allclose(a.Z.to_numpy(), c.Z.to_numpy())


def test_domestic_inputs_dominate_and_density_zeroes_foreign_flows():
    t = synthetic_icio(4, 3, seed=0)
    Z = t.Z.to_numpy()
    own = np.kron(np.eye(4, dtype=bool), np.ones((3, 3), dtype=bool))
    assert Z[own].sum() / Z.sum() > 0.6  # about 75 % domestic by construction (weight 3 (G-1) = 9 vs 1)
    s = synthetic_icio(4, 3, seed=0, density=0.0).Z.to_numpy()
    assert (s[~own] == 0).all() and (s[own] > 0).all()


def test_categories_label_final_demand():
    t = synthetic_icio(2, 2, categories=3)
    assert t.categories == ["fd1", "fd2", "fd3"] and t.Y.shape == (4, 6)


def test_panel_writes_one_synthetic_file_per_year(tmp_path):
    paths = synthetic_icio_panel(tmp_path / "p", 2, 2, [2001, 2003], seed=5)
    assert [p.name for p in paths] == ["ICIOSYN_2001.csv", "ICIOSYN_2003.csv"]
    assert all(p.is_file() for p in paths)


@pytest.mark.parametrize("old", ["valuechain.gvc", "valuechain.gvc.icio", "valuechain.tables.intercountry"])
def test_old_paths_give_the_same_function_with_a_warning(old):
    with pytest.warns(DeprecationWarning, match="synthetic_icio moved to valuechain.datasets"):
        f = getattr(importlib.import_module(old), "synthetic_icio")
    assert f is synthetic_icio
    with pytest.warns(DeprecationWarning, match="synthetic_icio_panel moved"):
        assert importlib.import_module("valuechain.gvc.panel").synthetic_icio_panel is synthetic_icio_panel
