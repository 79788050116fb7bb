"""``valuechain opportunities``, ``bridge`` and the product-space outputs of ``complexity``:
real-data runs read back and checked against pandas, and bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()
BRICS = "baci_brics_hs6_2015_2024"


def _rca_2024(d):
    """Independent pandas RCA with the exact BACI world totals (year 2024)."""
    x = pd.read_parquet(d / "world_exports.parquet")
    w = pd.read_parquet(d / "world_totals.parquet")
    x, w = x[(x["year"] == 2024) & (x["value"] > 0)], w[w["year"] == 2024]
    w = w.assign(share=w["value"] / w["value"].sum())
    m = x.merge(w[["hs6", "share"]], on="hs6")
    m = m[m["share"] > 0]
    m["rca"] = m["value"] / m.groupby("exporter")["value"].transform("sum") / m["share"]
    return m


def test_opportunities_cli_real(shared_data, tmp_path):
    d = shared_data / BRICS
    out = tmp_path / "opp"
    r = runner.invoke(app, ["opportunities", str(d / "world_exports.parquet"), "--world", str(d / "world_totals.parquet"),
                            "--country", "RUS", "--year", "2024", "--weight", "0.4", "--nodes", "120", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    o = pd.read_csv(out / "opportunities.csv", dtype={"product": str})
    assert list(o.columns) == ["product", "density", "distance", "pci", "cog", "world_exports", "score", "rank"]
    m = _rca_2024(d)
    rus = m[m["exporter"] == "RUS"].set_index("hs6")["rca"]
    # only products without RCA >= 1 (Mcp = 0); every product Russia exports with RCA >= 1 is absent
    assert not set(o["product"]) & set(rus[rus >= 1].index)
    ranked = o.dropna(subset=["rank"])
    assert ranked["rank"].tolist() == list(range(1, len(ranked) + 1))
    assert ranked["score"].is_monotonic_decreasing
    np.testing.assert_allclose(o["distance"], 1 - o["density"], atol=1e-12)
    assert (out / "feasibility.svg").read_text().startswith("<svg")
    assert (out / "product_space.svg").read_text().startswith("<svg")


def test_complexity_cli_writes_outlook(shared_data, tmp_path):
    d = shared_data / BRICS
    out = tmp_path / "cx"
    r = runner.invoke(app, ["complexity", str(d / "world_exports.parquet"), "--world", str(d / "world_totals.parquet"),
                            "--year", "2024", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    c = pd.read_csv(out / "countries.csv")
    assert list(c.columns) == ["year", "country", "eci", "diversity", "coi"]
    # COI z-scored across the 11 countries with Stata's sd over the long table (N - 1 divisor)
    assert c["coi"].mean() == pytest.approx(0, abs=1e-9)
    o = pd.read_csv(out / "opportunities.csv", dtype={"product": str})
    assert list(o.columns) == ["year", "country", "product", "mcp", "density", "distance", "cog"]
    assert (o.loc[o["mcp"] == 1, "cog"] == 0).all()
    # density in [0, 1]; undefined (empty) only for products nobody exports with RCA >= 1
    assert o["density"].dropna().between(0, 1).all()
    ubiquity = o.groupby("product")["mcp"].sum()
    assert set(o.loc[o["density"].isna(), "product"]) == set(ubiquity[ubiquity == 0].index)
    m = _rca_2024(d)
    mcp = o.set_index(["country", "product"])["mcp"]
    ref = (m.set_index(["exporter", "hs6"])["rca"] >= 1).astype(int)
    assert (mcp.loc[ref.index].to_numpy() == ref.to_numpy()).all()
    r = runner.invoke(app, ["complexity", str(d / "world_exports.parquet"), "--world", str(d / "world_totals.parquet"),
                            "--year", "2024", "--method", "fitness", "--no-product-space", "-q", "-o", str(tmp_path / "fit")])
    assert r.exit_code == 0, r.output
    f = pd.read_csv(tmp_path / "fit" / "countries.csv")
    assert list(f.columns) == ["year", "country", "fitness", "diversity"]
    assert f.set_index("country")["fitness"].idxmax() == "CHN"


def test_bridge_cli_kazakhstan(shared_data, tmp_path):
    k = shared_data / "baci_kaz_exports" / "kaz_exports_2021.csv"
    out = tmp_path / "industries.csv"
    r = runner.invoke(app, ["bridge", str(k), "--country", "KAZ", "--year", "2021", "--to", "icio50", "--hs", "HS2002",
                            "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    t = pd.read_csv(out)
    assert list(t.columns[:4]) == ["industry", "exports", "share", "n_products"]
    assert t["industry"].iloc[-1] == "unallocated"
    raw = pd.read_csv(k)
    assert t["exports"].sum() == pytest.approx(raw["v"].sum())
    assert t["share"].sum() == pytest.approx(1)
    assert t["n_products"].sum() == (raw["v"] > 0).sum()


def test_bad_input(shared_data, tmp_path):
    k = shared_data / "baci_kaz_exports" / "kaz_exports_2021.csv"
    out = tmp_path / "i.csv"
    r = runner.invoke(app, ["bridge", str(k), "--country", "KAZ", "--year", "2021", "--to", "icio50", "-o", str(out)])
    assert r.exit_code == 2 and "--hs" in r.output and "Traceback" not in r.output
    assert not out.exists()
    r = runner.invoke(app, ["bridge", str(k), "--country", "KAZ", "--year", "2021", "--to", "nace", "--hs", "HS2002", "-o", str(out)])
    assert r.exit_code == 2 and "--to" in r.output
    r = runner.invoke(app, ["bridge", str(k), "--country", "RUS", "--year", "2021", "--to", "isic4", "--hs", "HS2002", "-o", str(out)])
    assert r.exit_code == 2 and "RUS" in r.output
    d = shared_data / BRICS
    o = tmp_path / "o"
    r = runner.invoke(app, ["opportunities", str(d / "world_exports.parquet"), "--country", "KAZ", "--year", "2024", "-o", str(o)])
    assert r.exit_code == 2 and "KAZ" in r.output
    assert len([ln for ln in r.output.strip().splitlines() if ln.strip()]) == 1
    assert not o.exists() or not any(o.iterdir())
    r = runner.invoke(app, ["opportunities", str(d / "world_exports.parquet"), "--country", "RUS", "--year", "2024",
                            "--weight", "2", "-o", str(o)])
    assert r.exit_code == 2 and "weight" in r.output
