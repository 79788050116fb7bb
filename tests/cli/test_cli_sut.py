"""Hostile input to sut, prices, sda and spa: one line ``error: what; how to fix``, exit 2, nothing written."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()


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
