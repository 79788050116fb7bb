"""Fitness-complexity (Tacchella et al. 2012): hand-worked iterations, properties, real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.complexity.fitness import fitness_complexity, fitness_from_mcp

NESTED = pd.DataFrame({"year": 2000, "exporter": ["A", "B", "B", "C", "C", "C"], "product": ["x", "x", "y", "x", "y", "z"]})


def test_hand_worked_two_iterations():
    # M (rows A, B, C; columns x, y, z) = [[1,0,0],[1,1,0],[1,1,1]], F0 = Q0 = 1.
    # Step 1: F~ = M Q0 = (1, 2, 3), mean 2 -> F1 = (1/2, 1, 3/2)
    #         Q~ = 1 / (M' (1/F0)) = (1/3, 1/2, 1), mean 11/18 -> Q1 = (6/11, 9/11, 18/11)
    # Step 2: F~ = M Q1 = (6/11, 15/11, 33/11), mean 18/11 -> F2 = (1/3, 5/6, 11/6)
    #         Q~ = 1 / (M' (1/F1)) = 1/(2 + 1 + 2/3), 1/(1 + 2/3), 1/(2/3) = (3/11, 3/5, 3/2),
    #         mean 87/110 -> Q2 = (10/29, 22/29, 55/29)
    r = fitness_from_mcp(NESTED, tol=0, max_iter=1)
    np.testing.assert_allclose(r.countries["fitness"], [0.5, 1, 1.5])
    np.testing.assert_allclose(r.products["complexity"], [6 / 11, 9 / 11, 18 / 11])
    r = fitness_from_mcp(NESTED, tol=0, max_iter=2)
    np.testing.assert_allclose(r.countries["fitness"], [1 / 3, 5 / 6, 11 / 6])
    np.testing.assert_allclose(r.products["complexity"], [10 / 29, 22 / 29, 55 / 29])
    assert r.identities_hold()
    # z-score output (R economiccomplexity's convention, sd with n - 1): F2 = (2, 5, 11)/6
    z = fitness_from_mcp(NESTED, tol=0, max_iter=2, normalize="zscore")
    f = np.array([2, 5, 11]) / 6
    np.testing.assert_allclose(z.countries["fitness"], (f - f.mean()) / f.std(ddof=1))


def test_converges_and_batches_years():
    rng = np.random.default_rng(1)
    rows = []
    for y in (2000, 2001):
        m = rng.uniform(size=(15, 30)) < 0.35
        m[:, 0] = True
        c, p = np.nonzero(m)
        rows.append(pd.DataFrame({"year": y, "exporter": [f"c{i:02d}" for i in c], "product": [f"p{j:02d}" for j in p]}))
    both = fitness_from_mcp(pd.concat(rows))
    assert both.iterations["converged"].all()
    one = fitness_from_mcp(rows[1])
    a = both.countries[both.countries["year"] == 2001].reset_index(drop=True)
    np.testing.assert_allclose(a["fitness"], one.countries["fitness"], rtol=1e-7, atol=1e-12)
    # fitness is a non-decreasing function of diversity along a nested structure: the
    # country exporting everything has the top fitness
    assert both.identities_hold()


def test_nested_ranking_follows_diversity():
    r = fitness_from_mcp(NESTED)
    assert r.countries.sort_values("fitness")["country"].tolist() == ["A", "B", "C"]
    assert r.products.sort_values("complexity")["product"].tolist() == ["x", "y", "z"]


def test_real_brics_fitness(shared_data):
    d = shared_data / "baci_brics_hs6_2015_2024"
    w = pd.read_parquet(d / "world_totals.parquet").rename(columns={"hs6": "product"})
    f = pd.read_parquet(d / "world_exports.parquet").rename(columns={"hs6": "product"})
    r = fitness_complexity(f, years=2024, world=w[w["year"] == 2024])
    c = r.countries.set_index("country")
    # China is the most diversified BRICS+ exporter; its fitness is the highest
    assert c["fitness"].idxmax() == c["diversity"].idxmax() == "CHN"
    assert r.identities_hold()


def test_bad_input():
    with pytest.raises(ValidationError, match="normalize"):
        fitness_from_mcp(NESTED, normalize="rank")
    with pytest.raises(ValidationError, match="Mcp"):
        fitness_from_mcp(NESTED.iloc[:0])
