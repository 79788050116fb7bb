"""Peer comparison and destination coverage on a hand-worked example."""

from __future__ import annotations

import pandas as pd
import pytest

from valuechain.tables.trade import read_flows
from valuechain.trade.diagnostic import destination_coverage, peer_comparison


@pytest.fixture
def flows(tmp_path):
    # country A: products 010110 (60) and 010190 (40); B: 010110 (10); year 2020, USD
    p = tmp_path / "f.csv"
    p.write_text("year,exporter,product,value\n2020,ARG,010110,60\n2020,ARG,010190,40\n2020,BOL,010110,10\n", encoding="utf-8")
    return read_flows(str(p), hs_revision="HS2012", unit="USD")


def test_peer_comparison_hand_worked(flows, shared_data):
    world = pd.DataFrame({"year": [2020, 2020], "product": ["010110", "010190"], "value": [100.0, 400.0]})
    pc = peer_comparison({"ARG": flows, "BOL": flows}, year=2020, world=world, world_revision="HS2012", data_dir=shared_data)
    t = pc.table.set_index("country")
    assert t.loc["ARG", "exports_bn_usd"] == pytest.approx(100e-9)
    assert t.loc["ARG", "n_products"] == 2 and t.loc["BOL", "n_products"] == 1
    assert t.loc["ARG", "hhi"] == pytest.approx(0.6**2 + 0.4**2)  # 0.52
    assert t.loc["BOL", "hhi"] == pytest.approx(1.0)
    # RCA of ARG in 010110: (60/100) / (100/500) = 3 >= 1; in 010190: (40/100)/(400/500) = 0.5
    assert t.loc["ARG", "n_rca_products"] == 1
    assert pc.identities_hold()


def test_peer_comparison_missing_year_gives_an_empty_row(flows, shared_data):
    pc = peer_comparison({"ARG": flows}, year=1999, data_dir=shared_data)
    assert pc.table["exports_bn_usd"].isna().all()


def test_destination_coverage(tmp_path, flows):
    b = tmp_path / "b.csv"
    b.write_text("year,exporter,importer,product,value\n2020,ARG,DEU,010110,25\n", encoding="utf-8")
    bil = read_flows(str(b), unit="USD")
    cov = destination_coverage(bil, flows, country="ARG")
    assert cov["coverage"].iloc[0] == pytest.approx(25.0)  # 25 of 100
