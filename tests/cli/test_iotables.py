"""The real commands on real data; the tests read the files the commands wrote."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()
GERMANY_OPTS = ["--label-column", "iotables_row", "--rtol", "1e-4"] + sum(
    (["--ignore", c] for c in ("prod_na", "prod_na_lab", "numeric_label", "quadrant")), [])


def test_multipliers_germany_published(shared_data, tmp_path):
    src = shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv"
    out = tmp_path / "m.csv"
    res = runner.invoke(app, ["multipliers", str(src), "-o", str(out), *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    df = pd.read_csv(out)
    assert list(df.columns) == ["sector", "output", "value_added", "income", "employment"]
    # Eurostat Manual (2008) ch. 15: output and GVA multipliers, 4 dp
    np.testing.assert_allclose(df["output"], [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782], atol=5e-5)
    np.testing.assert_allclose(df["value_added"], [0.8450, 0.7647, 0.8615, 0.9019, 0.9393, 0.9199], atol=5e-5)
    res2 = runner.invoke(app, ["multipliers", str(src), "-o", str(tmp_path / "m2.csv"), "--type", "II", *GERMANY_OPTS])
    assert res2.exit_code == 0, res2.stderr
    df2 = pd.read_csv(tmp_path / "m2.csv")
    assert (df2["output"] > df["output"]).all()


def test_linkages_all_oecd_belgium(shared_data, tmp_path):
    src = shared_data / "oecd_iot_belgium_2020" / "BEL2020ttl.csv"
    out = tmp_path / "l.csv"
    # the published table misses its OUTPUT row by up to 0.96 % in D68-D94T96: --rtol 0.01
    res = runner.invoke(app, ["linkages", str(src), "--method", "all", "-o", str(out), "--rtol", "0.01"])
    assert res.exit_code == 0, res.stderr
    assert "zero output (D05, D06, D07)" in " ".join(res.output.split())   # the warning is shown
    df = pd.read_csv(out)
    assert df.columns[0] == "sector" and len(df) == 50
    for m in ("chenery_watanabe", "rasmussen", "total", "hazari", "jones", "extraction"):
        assert f"{m}_backward" in df and f"{m}_forward" in df
    assert {"rasmussen_backward_cv", "rasmussen_forward_cv"} <= set(df.columns)
    assert df["rasmussen_backward"].mean() == pytest.approx(1.0)
    # Chenery-Watanabe backward = intermediate inputs / output, straight from the file (D01 column)
    raw = pd.read_csv(src, index_col=0)
    z = raw.loc[[r for r in raw.index if r.startswith("TTL_") and r != "TTL_INT_FNL"], "D01"].sum()
    assert df.set_index("sector").loc["D01", "chenery_watanabe_backward"] == pytest.approx(z / raw.loc["OUTPUT", "D01"])


def test_linkages_single_method_hyphenated(shared_data, tmp_path):
    src = shared_data / "au_eiat_lga_employment_io19" / "australia_io19_national.csv"
    out = tmp_path / "cw.csv"
    res = runner.invoke(app, ["linkages", str(src), "--method", "chenery-watanabe", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    df = pd.read_csv(out)
    assert list(df.columns) == ["sector", "chenery_watanabe_backward", "chenery_watanabe_forward"]
    assert len(df) == 19


def test_keysectors_with_figure_and_exclusion(shared_data, tmp_path):
    src = shared_data / "au_eiat_lga_employment_io19" / "australia_io19_national.csv"
    out, fig = tmp_path / "k.csv", tmp_path / "quadrant.svg"
    res = runner.invoke(app, ["keysectors", str(src), "--exclude", "Retail Trade", "--exclude", "Public Administration and Safety",
                              "--cv-filter", "median", "--figure", str(fig), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    df = pd.read_csv(out)
    assert list(df.columns) == ["sector", "rasmussen_backward", "rasmussen_forward", "rasmussen_backward_cv",
                                "rasmussen_forward_cv", "class"]
    assert len(df) == 17 and "Retail Trade" not in set(df["sector"])
    assert set(df["class"]) <= {"key", "backward", "forward", "weak"}
    svg = fig.read_text()
    assert svg.startswith("<svg") and "Source:" in svg
    res2 = runner.invoke(app, ["keysectors", str(src), "--backward", "jones", "--forward", "extraction", "-o", str(tmp_path / "k2.csv")])
    assert res2.exit_code == 0, res2.stderr
    assert list(pd.read_csv(tmp_path / "k2.csv").columns) == ["sector", "jones_backward", "extraction_forward", "class"]


def test_synthetic_flag_in_cli_output(tmp_path):
    from valuechain.tables import IOTable, write_table

    t = IOTable.from_frames([[150.0, 500.0], [200.0, 100.0]], [[350.0], [1700.0]], [[650.0, 1400.0]],
                            industries=["a", "b"], flags=("synthetic",))
    p = write_table(t, tmp_path / "t.xlsx")
    res = runner.invoke(app, ["multipliers", str(p), "-o", str(tmp_path / "m.csv")])
    assert res.exit_code == 0, res.stderr
    assert "synthetic" in res.output
    assert set(pd.read_csv(tmp_path / "m.csv")["note"]) == {"synthetic"}


def test_output_option_is_dash_o_or_output_and_old_out_still_works(tmp_path):
    """One output convention (-o/--output) in every command; --out kept as an alias."""
    from typer.testing import CliRunner

    from valuechain.cli import app
    from valuechain.tables import IOTable, write_table

    t = IOTable.from_frames([[150.0, 500.0], [200.0, 100.0]], [[350.0], [1700.0]], [[650.0, 1400.0]], [1000.0, 2000.0],
                            industries=["ag", "mfg"])
    src = tmp_path / "t.csv"
    write_table(t, src)
    runner = CliRunner()
    for flag in ("-o", "--output", "--out"):
        out = tmp_path / f"m{flag.strip('-')}.csv"
        res = runner.invoke(app, ["multipliers", str(src), flag, str(out)])
        assert res.exit_code == 0, res.output
        assert out.exists()
