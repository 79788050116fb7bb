"""The ``valuechain gvc`` command: real runs that read back what they wrote, and bad input."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, ["gvc", *map(str, args)])


def test_bm_bilateral_on_leather(shared_data, tmp_path):
    out = tmp_path / "bm.csv"
    r = _run(shared_data / "leather_decompr_example", "--format", "decompr", "--method", "bm", "--level", "bilateral", "-o", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert list(df.columns[:3]) == ["exporter", "industry", "importer"]
    for term in ("GEXP", "DC", "DVA", "VAX", "DAVAX", "REF", "DDC", "FC", "FVA", "FDC", "GVC", "GVCB", "GVCF"):
        assert term in df.columns
    assert len(df) == 18
    # gross exports of Argentina's agriculture to Turkey: Z row sums to Turkey 3.2+4.3+0.4 + final 6.1 = 14
    row = df[(df.exporter == "Argentina") & (df.industry == "Agriculture") & (df.importer == "Turkey")].iloc[0]
    assert row["GEXP"] == pytest.approx(14.0)
    assert row["DC"] + row["FC"] == pytest.approx(14.0, rel=1e-9)
    assert "identities hold" in r.output


def test_tiva_wiod_and_leontief(shared_data, tmp_path):
    out = tmp_path / "tiva.csv"
    r = _run(shared_data / "wiod2011_decompr_7reg35ind", "--method", "tiva", "-o", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert df.columns[0] == "exporter" and len(df) == 7
    briiat = df.set_index("exporter").loc["BRIIAT"]
    assert briiat["GVC_PART"] == pytest.approx(briiat["GVC_BACK"] + briiat["GVC_FWD"])
    out2 = tmp_path / "leo.csv"
    r = _run(shared_data / "leather_decompr_example", "--method", "leontief", "-o", out2)
    assert r.exit_code == 0, r.output
    leo = pd.read_csv(out2)
    first = leo[(leo.exporter == "Argentina") & (leo.industry == "Agriculture") & (leo.source_country == "Argentina")
                & (leo.source_industry == "Agriculture")]["FVAX"].iloc[0]
    assert first == pytest.approx(28.52278, abs=0.002)  # decompr test_leontief.R


def test_kww_and_wwz_and_world_sink(shared_data, tmp_path):
    for args, n in ((("--method", "kww"), 3), (("--method", "wwz", "--level", "sector"), 9),
                    (("--method", "bm", "--perspective", "world", "--approach", "sink"), 3)):
        out = tmp_path / "o.csv"
        r = _run(shared_data / "leather_decompr_example", *args, "-o", out)
        assert r.exit_code == 0, r.output
        assert len(pd.read_csv(out)) == n


def test_synthetic_table_is_flagged(tmp_path, monkeypatch):
    import valuechain.gvc as gvc
    from valuechain.datasets import synthetic_icio

    t = synthetic_icio(3, 2, seed=1)
    assert gvc.bm_decomposition(t).flags == ("synthetic",)
    assert "synthetic" in gvc.tiva_indicators(t).summary()
    monkeypatch.setattr(gvc, "read_icio", lambda path, format=None: t)
    (tmp_path / "in").mkdir()
    out = tmp_path / "k.csv"  # beside the input folder, not inside it (an output never lies in an input)
    r = _run(tmp_path / "in", "--method", "kww", "-o", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert df.columns[0] == "exporter" and df.columns[-1] == "flags" and (df["flags"] == "synthetic").all()
    assert "synthetic" in r.output


@pytest.mark.parametrize(
    "args,msg",
    [
        (("--method", "nope"), "unknown"),
        (("--method", "kww", "--level", "sector"), "not available"),
        (("--method", "tiva", "--perspective", "world"), "not available for --method tiva"),
        (("--method", "tiva", "--terms", "standard"), "not available for --method tiva"),
        (("--method", "wwz", "--groups", "G=Argentina,Turkey"), "--terms standard"),
        (("--method", "bm", "--perspective", "self", "--level", "country"), "not available"),
        (("--method", "bm", "--format", "xlsx"), "unknown"),
    ],
)
def test_bad_options_exit_2_without_output(shared_data, tmp_path, args, msg):
    out = tmp_path / "x.csv"
    r = _run(shared_data / "leather_decompr_example", *args, "-o", out)
    assert r.exit_code == 2
    assert msg in r.output
    assert "Traceback" not in r.output
    assert not out.exists()


def test_unbalanced_table_exit_2(shared_data, tmp_path):
    d = tmp_path / "bad"
    shutil.copytree(shared_data / "leather_decompr_example", d)
    o = pd.read_csv(d / "out.csv", index_col=0)
    o.iloc[0, 0] += 5.0
    o.to_csv(d / "out.csv")
    out = tmp_path / "x.csv"
    r = _run(d, "--method", "bm", "-o", out)
    assert r.exit_code == 2
    assert "does not balance" in r.output
    assert len([ln for ln in r.output.strip().splitlines() if ln.strip()]) <= 2  # one message (may wrap)
    assert not out.exists()


def test_missing_input_exit_2(tmp_path):
    out = tmp_path / "x.csv"
    r = _run(tmp_path / "nowhere", "--method", "tiva", "-o", out)
    assert r.exit_code == 2 and not out.exists()
