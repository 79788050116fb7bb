"""``valuechain gvc``: the Borin-Mancini perspectives, position, absorption and --format zx."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, ["gvc", *map(str, args)])


def test_world_sink_cli_matches_r_icio(shared_data, tmp_path):
    out = tmp_path / "w.csv"
    r = _run(shared_data / "leather_decompr_example", "--method", "bm", "--perspective", "world", "--approach", "sink", "-o", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out).set_index("exporter")
    # R icio bm(dec, perspective = "world", approach = "sink")
    assert df.loc["Argentina", "FVA"] == pytest.approx(8.471827, rel=1e-6)
    assert df.loc["Argentina", "FDC"] == pytest.approx(2.138217, rel=1e-6)
    assert df.loc["Germany", "FVA"] == pytest.approx(33.128506, rel=1e-6)


@pytest.mark.parametrize("args,first_cols,rows", [
    (("--perspective", "importer"), ["importer", "GIMP", "VA", "DC"], 3),
    (("--perspective", "importer", "--level", "bilateral"), ["importer", "origin", "VA", "DC"], 9),
    (("--perspective", "pair"), ["exporter", "industry", "importer"], 18),
    (("--perspective", "self"), ["exporter", "industry", "GEXP"], 9),
    (("--approach", "sink", "--level", "bilateral"), ["exporter", "industry", "importer"], 18),
])
def test_bm_variants_cli(shared_data, tmp_path, args, first_cols, rows):
    out = tmp_path / "o.csv"
    r = _run(shared_data / "leather_decompr_example", "--method", "bm", *args, "-o", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert list(df.columns[: len(first_cols)]) == first_cols and len(df) == rows


def test_absorption_groups_cli(shared_data, tmp_path):
    out = tmp_path / "a.csv"
    r = _run(shared_data / "leather_decompr_example", "--method", "absorption", "--groups", "EU=Germany", "--rest", "Other", "-o", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert set(df["origin"]) == {"EU", "Other"} and len(df) == 4


def test_zx_position_cli_and_refusal(shared_data, tmp_path):
    folder = shared_data / "oecd_icio2025_2022_intermediate"
    out = tmp_path / "pos.csv"
    r = _run(folder, "--format", "zx", "--method", "position", "--level", "country", "-o", out)
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out).set_index("country")
    assert len(df) == 80 and df.loc["KAZ", "upstreamness"] > 1
    bad = tmp_path / "tiva.csv"
    r = _run(folder, "--format", "zx", "--method", "tiva", "-o", bad)
    assert r.exit_code == 2
    assert "intermediate flows and output only" in r.output
    assert not bad.exists()


@pytest.mark.parametrize("args,msg", [
    (("--method", "bm", "--perspective", "sideways"), "perspective"),
    (("--method", "bm", "--perspective", "world", "--level", "sector"), "not available"),
    (("--method", "tiva", "--groups", "A=Argentina"), "--method absorption"),
    (("--method", "absorption", "--groups", "A=Argentina;B=Argentina"), "two groups"),
    (("--method", "bm", "--approach", "middle"), "approach"),
])
def test_bad_options(shared_data, tmp_path, args, msg):
    out = tmp_path / "x.csv"
    r = _run(shared_data / "leather_decompr_example", *args, "-o", out)
    assert r.exit_code == 2, r.output
    assert msg in r.output
    assert not out.exists()
