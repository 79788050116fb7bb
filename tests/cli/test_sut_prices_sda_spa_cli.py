"""The four commands sut, prices, sda, spa on the real BEA (15, 71) and ABS (114) tables, and hostile input."""

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


GOOD = ",A,B,HH,output\nA,10,20,70,100\nB,30,40,130,200\nVA,60,140,,\noutput,100,200,,\n"


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "t.csv").write_text(GOOD)
    (tmp_path / "shock.csv").write_text("industry,cost_change\nA,0.1\n")
    return tmp_path


@pytest.mark.parametrize("case", [
    ["prices", "{d}/t.csv", "--shock", "{d}/missing.csv", "-o", "{d}/o.csv"],
    ["prices", "{d}/t.csv", "--shock", "{d}/nan.csv", "-o", "{d}/o.csv"],
    ["prices", "{d}/t.csv", "--shock", "{d}/unknown.csv", "-o", "{d}/o.csv"],
    ["prices", "{d}/t.csv", "--shock", "{d}/shock.csv", "--exogenous", "=HYPERLINK(1)", "-o", "{d}/o.csv"],
    ["prices", "{d}", "--shock", "{d}/shock.csv", "-o", "{d}/o.csv"],
    ["spa", "{d}/t.csv", "--to", "</script>", "-o", "{d}/o.csv"],
    ["spa", "{d}/t.csv", "--order", "-1", "-o", "{d}/o.csv"],
    ["spa", "{d}/t.csv", "--threshold", "nan", "-o", "{d}/o.csv"],
    ["sda", "{d}/t.csv", "{d}/other.csv", "-o", "{d}/o.csv"],
    ["sda", "{d}/t.csv", "{d}/t.csv", "--extension", "jobs\nx", "-o", "{d}/o.csv"],
    ["sut", "--use", "{d}/t.csv", "--supply", "{d}/t.csv", "--model", "E", "-o", "{d}/o.csv"],
    ["sut", "--use", "{d}/text.csv", "--supply", "{d}/text.csv", "--model", "B", "-o", "{d}/o.csv"],
    ["sut", "--use", "{d}", "--supply", "{d}/t.csv", "--model", "B", "-o", "{d}/o.csv"],
    ["prices", "{d}/t.csv", "--shock", "{d}/shock.csv", "-o", "{d}/o.txt"],
])
def test_bad_input_one_line_exit_2_nothing_written(files, case):
    d = files
    (d / "nan.csv").write_text("industry,cost_change\nA,nan\n")
    (d / "unknown.csv").write_text("industry,cost_change\n\"=HYPERLINK(\"\"x\"\")\",0.1\n")
    (d / "other.csv").write_text(",C,D,HH,output\nC,10,20,70,100\nD,30,40,130,200\nVA,60,140,,\noutput,100,200,,\n")
    (d / "text.csv").write_text(",A,B\nA,ten,1\nB,1,1\n")
    before = set(p.name for p in d.iterdir())
    r = runner.invoke(app, [c.format(d=d) for c in case])
    assert r.exit_code == 2, r.output
    lines = [ln for ln in r.output.strip().splitlines() if ln.strip()]
    assert lines[0].startswith("error:") and "Traceback" not in r.output
    assert ";" in " ".join(lines)
    assert set(p.name for p in d.iterdir()) == before
