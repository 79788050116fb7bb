"""The four commands sut, prices, sda, spa on the real BEA (15, 71) and ABS (114) tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "us_bea_2021_use_make"
CASES = [("use_15.csv", "make_15.csv", "bea", "Mining"), ("use_71.csv", "make_71.csv", "bea", None),
         ("australia_abs_2020_21/use_114_aus.csv", "australia_abs_2020_21/make_114_aus.csv", "abs", None)]


def _ok(args):
    r = runner.invoke(app, [str(a) for a in args])
    assert r.exit_code == 0, r.output
    return r


@pytest.mark.skipif(not DATA.exists(), reason="shared BEA/ABS data not present")
@pytest.mark.parametrize("use,supply,fmt,mining", CASES)
def test_four_commands_on_real_tables(tmp_path, use, supply, fmt, mining):
    tab = tmp_path / "iot.csv"
    _ok(["sut", "--use", DATA / use, "--supply", DATA / supply, "--model", "D", "--format", fmt, "-o", tab])
    t = pd.read_csv(tab, comment="#", index_col=0)
    first = t.columns[0]
    shock = tmp_path / "shock.csv"
    shock.write_text(f"industry,cost_change\n\"{mining or first}\",0.10\n")
    _ok(["prices", tab, "--shock", shock, "-o", tmp_path / "p.csv"])
    p = pd.read_csv(tmp_path / "p.csv")
    assert list(p.columns[:4]) == ["industry", "price_change", "direct", "indirect"]
    _ok(["sda", tab, tab, "-o", tmp_path / "s.csv"])
    s = pd.read_csv(tmp_path / "s.csv")
    assert list(s.columns[:4]) == ["industry", "total_change", "technology", "final_demand"] and s["industry"].iloc[-1] == "total"
    assert s["total_change"].abs().max() < 1e-6  # the same table twice: nothing changed
    _ok(["spa", tab, "--to", first, "--order", "4", "--top", "10", "-o", tmp_path / "paths.csv"])
    paths = pd.read_csv(tmp_path / "paths.csv")
    assert list(paths.columns) == ["rank", "path", "order", "value", "share"]
    assert paths["share"].sum() == pytest.approx(1.0)


@pytest.mark.skipif(not DATA.exists(), reason="shared BEA/ABS data not present")
def test_model_b_and_almon_on_bea15(tmp_path):
    _ok(["sut", "--use", DATA / "use_15.csv", "--supply", DATA / "make_15.csv", "--model", "B", "--format", "bea", "-o", tmp_path / "b.csv"])
    r = runner.invoke(app, ["sut", "--use", str(DATA / "use_15.csv"), "--supply", str(DATA / "make_15.csv"), "--model", "A",
                            "--format", "bea", "-o", str(tmp_path / "a.csv")])
    assert r.exit_code == 2 and "negative intermediate flows" in r.output and not (tmp_path / "a.csv").exists()
    _ok(["sut", "--use", DATA / "use_15.csv", "--supply", DATA / "make_15.csv", "--model", "A", "--negatives", "almon",
         "--format", "bea", "-o", tmp_path / "a.csv"])


def test_draws_bands_on_prices_and_sda(tmp_path):
    (tmp_path / "t.csv").write_text(",A,B,HH,output\nA,10,20,70,100\nB,30,40,130,200\nVA,60,140,,\noutput,100,200,,\n")
    (tmp_path / "s.csv").write_text("industry,cost_change\nA,0.1\n")
    _ok(["prices", tmp_path / "t.csv", "--shock", tmp_path / "s.csv", "--draws", "200", "--coef-cv", "0.05", "-o", tmp_path / "p.csv"])
    p = pd.read_csv(tmp_path / "p.csv")
    assert {"price_change_p05", "price_change_p50", "price_change_p95"} <= set(p.columns)
    body = p[p["industry"].isin(["A", "B"])]
    assert (body["price_change_p05"] <= body["price_change_p95"]).all()
    _ok(["sda", tmp_path / "t.csv", tmp_path / "t.csv", "--draws", "100", "--coef-cv", "0.05", "--detail", "-o", tmp_path / "d.csv"])
    d = pd.read_csv(tmp_path / "d.csv")
    assert {"technology_p05", "technology_p95", "technology_polar_first", "final_demand_level"} <= set(d.columns)
