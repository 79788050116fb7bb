"""``valuechain complexity``: a real-data run read back and checked against pandas; bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()


def test_complexity_cli_brics_real_data(shared_data, tmp_path):
    d = shared_data / "baci_brics_hs6_2015_2024"
    out = tmp_path / "out"
    r = runner.invoke(app, ["complexity", str(d / "world_exports.parquet"), "--world", str(d / "world_totals.parquet"),
                            "--year", "2023-2024", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    c = pd.read_csv(out / "countries.csv")
    p = pd.read_csv(out / "products.csv", dtype={"product": str})
    assert list(c.columns) == ["year", "country", "eci", "diversity", "coi"]
    assert list(p.columns) == ["year", "product", "pci", "ubiquity"]
    assert sorted(c["year"].unique()) == [2023, 2024]
    # independent pandas computation of Mcp with the exact BACI world totals:
    # RCA = (X_cp / X_c) / (W_p / W), Mcp = RCA >= 1
    x = pd.read_parquet(d / "world_exports.parquet")
    w = pd.read_parquet(d / "world_totals.parquet")
    x = x[x["year"].isin([2023, 2024]) & (x["value"] > 0)]
    w = w.assign(share=w["value"] / w.groupby("year")["value"].transform("sum"))
    m = x.merge(w[["year", "hs6", "share"]], on=["year", "hs6"])
    m = m[m["share"] > 0]
    xc = x.groupby(["year", "exporter"])["value"].sum().rename("xc")
    m = m.join(xc, on=["year", "exporter"])
    m["rca"] = m["value"] / m["xc"] / m["share"]
    mcp = m[m["rca"] >= 1]
    div = mcp.groupby(["year", "exporter"]).size()
    got = c.set_index(["year", "country"])["diversity"]
    assert (got.loc[div.index].to_numpy() == div.to_numpy()).all()
    ubi = mcp.groupby(["year", "hs6"]).size()
    gotu = p.set_index(["year", "product"])["ubiquity"]
    assert (gotu.loc[ubi.index].to_numpy() == ubi.to_numpy()).all()
    # ECI standardised within each year; ECI rises with diversity (sign convention)
    for _, g in c.groupby("year"):
        assert g["eci"].mean() == pytest.approx(0, abs=1e-9)
        assert g["eci"].std(ddof=0) == pytest.approx(1, abs=1e-9)
        assert np.corrcoef(g["eci"], g["diversity"])[0, 1] > 0


def test_complexity_cli_bad_input(tmp_path, shared_data):
    out = tmp_path / "out"
    bad = tmp_path / "bad.csv"
    bad.write_text("year,exporter,product\n2000,KAZ,270900\n")
    r = runner.invoke(app, ["complexity", str(bad), "-o", str(out)])
    assert r.exit_code == 2
    assert "value" in r.output and "Traceback" not in r.output
    assert not out.exists() or not any(out.iterdir())
    d = shared_data / "baci_brics_hs6_2015_2024" / "world_exports.parquet"
    r = runner.invoke(app, ["complexity", str(d), "--method", "pagerank", "-q", "-o", str(out)])
    assert r.exit_code == 2 and "method" in r.output
    assert len([ln for ln in r.output.strip().splitlines() if ln.strip()]) == 1
    assert not out.exists() or not any(out.iterdir())
    r = runner.invoke(app, ["complexity", str(tmp_path / "missing.csv"), "-o", str(out)])
    assert r.exit_code == 2 and "not found" in r.output
