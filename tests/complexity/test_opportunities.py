"""Opportunities: the documented score written out, weight extremes, charts, bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from valuechain._charts import chart_svg
from valuechain.errors import ValidationError
from valuechain.complexity.opportunities import (
    feasibility_chart,
    hs_section_of,
    product_space_chart,
    rank_opportunities,
)
from valuechain.complexity.productspace import product_space


@pytest.fixture(scope="module")
def space(shared_data):
    df = pd.read_csv(shared_data / "eci_trade_sample_1995" / "trade_data_sample_1995.csv")
    f = df.rename(columns={"origin": "exporter", "hs92": "product", "export_val": "value"})
    return product_space(f)


def test_score_as_documented(space):
    o = rank_opportunities(space, "AUT", weight=0.3)
    t = space.table[(space.table["country"] == "AUT")]
    cand = t[t["mcp"] == 0].merge(space.products[["product", "pci"]], on="product")
    assert set(o.table["product"]) == set(cand["product"])  # only Mcp = 0, every one of them
    z = lambda s: (s - s.mean()) / s.std(ddof=0)
    expect = 0.7 * z(cand["density"]) + 0.3 * (0.5 * z(cand["pci"]) + 0.5 * z(cand["cog"]))
    got = o.table.set_index("product").loc[cand["product"], "score"].to_numpy()
    np.testing.assert_allclose(got, expect.to_numpy(), atol=1e-12)
    assert o.table["rank"].tolist() == list(range(1, len(o.table) + 1))
    assert o.table["score"].is_monotonic_decreasing
    assert o.identities_hold()


def test_weight_extremes(space):
    feas = rank_opportunities(space, "DNK", weight=0).table
    assert feas["density"].is_monotonic_decreasing
    attr = rank_opportunities(space, "DNK", weight=1).table
    assert attr["attractiveness"].is_monotonic_decreasing


def test_charts(space):
    o = rank_opportunities(space, "ESP", names={"8431": "Parts of lifting machinery"})
    svg = chart_svg(feasibility_chart(o, top=3))
    assert svg.startswith("<svg") and "Parts of lifting" in svg
    net = chart_svg(product_space_chart(space, "ESP", max_nodes=30))
    assert net.startswith("<svg")


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_tiny_product_space_has_a_layout(n):
    """Three or fewer linked products once made scipy's eigsh raise (k >= N): the dense solver takes them."""
    rows = [(2000, c, f"{p:04d}", float(1 + (i * 7 + p * 3) % 5)) for i, c in enumerate(["AAA", "BBB", "CCC", "DDD"])
            for p in range(1, n + 1) if (i + p) % 2 or p == 1]
    space = product_space(pd.DataFrame(rows, columns=["year", "exporter", "product", "value"]))
    assert chart_svg(product_space_chart(space, "AAA")).startswith("<svg")


def test_sections():
    assert hs_section_of(["270900", "740311", "10190", "8431"]).tolist() == ["V Mineral products", "XV Base metals",
                                                                    "I Live animals", "XVI Machinery and electrical"]


def test_bad_input(space):
    with pytest.raises(ValidationError, match="weight"):
        rank_opportunities(space, "AUT", weight=1.5)
    with pytest.raises(ValidationError, match="KAZ"):
        rank_opportunities(space, "KAZ")
