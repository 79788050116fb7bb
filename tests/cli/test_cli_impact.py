"""The ``impact`` command and the ``--draws`` options, on the Eurostat Manual's Germany 1995
table; the tests read the files the commands wrote."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()
GERMANY_OPTS = ["--label-column", "iotables_row", "--rtol", "1e-4"] + sum(
    (["--ignore", c] for c in ("prod_na", "prod_na_lab", "numeric_label", "quadrant")), [])
SECTORS = ["agriculture_group", "industry_group", "construction", "trade_group",
           "business_services_group", "other_services_group"]
PUBLISHED_OUTPUT_M = [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]   # Eurostat Manual ch. 15


@pytest.fixture()
def germany(shared_data):
    return shared_data / "iotables_eurostat_examples" / "Beutel_15_4_esa2010.csv"


def _run(args):
    res = runner.invoke(app, [str(a) for a in args])
    return res


def test_impact_type_I_columns_and_published_totals(germany, tmp_path):
    shock = tmp_path / "shock.csv"
    pd.DataFrame({"year": range(2001, 2007), "industry": SECTORS, "final_demand": 1.0}).to_csv(shock, index=False)
    out = tmp_path / "impact.csv"
    res = _run(["impact", germany, "--shock", shock, "-o", out, *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    df = pd.read_csv(out)
    expected = ["year", "industry"] + [f"{i}_{p}" for i in ("output", "value_added", "income", "employment")
                                       for p in ("direct", "indirect", "total")]
    assert list(df.columns) == expected
    tot = df[(df["industry"] == "total") & (df["year"] != "total")]
    np.testing.assert_allclose(tot["output_total"], PUBLISHED_OUTPUT_M, atol=5e-5)
    assert "Type I effects" in res.output


def test_impact_type_II_has_induced(germany, tmp_path):
    shock = tmp_path / "shock.csv"
    shock.write_text("industry,final_demand\nconstruction,100\n")
    out = tmp_path / "impact.csv"
    res = _run(["impact", germany, "--shock", shock, "-o", out, "--type", "II", *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    df = pd.read_csv(out)
    assert {"output_induced", "income_induced", "employment_induced"} <= set(df.columns)
    row = df.set_index("industry").loc["total"]
    assert row["output_direct"] + row["output_indirect"] + row["output_induced"] == pytest.approx(row["output_total"])


def test_impact_two_region(germany, tmp_path):
    shock = tmp_path / "shock.csv"
    shock.write_text("industry,final_demand\nconstruction,1\n")
    emp = tmp_path / "emp.csv"
    pd.DataFrame({"industry": SECTORS * 2, "region": ["R"] * 6 + ["national"] * 6,
                  "employment": [61, 1210, 262, 690, 240, 650, 1096, 8381, 3236, 9251, 4258, 10206]}).to_csv(emp, index=False)
    out, eff = tmp_path / "two.csv", tmp_path / "eff.csv"
    res = _run(["impact", germany, "--shock", shock, "-o", out, "--region", "R", "--employment", emp,
                "--effects-out", eff, *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    df = pd.read_csv(out)
    assert list(df.columns[:2]) == ["region", "industry"] and set(df["region"]) == {"R", "rest of country"}
    e = pd.read_csv(eff)
    # region + rest = the national output multiplier of construction (published 1.8136)
    assert e["total"].iat[0] == pytest.approx(1.8136, abs=5e-5)
    assert e["intraregional"].iat[0] + e["feedback"].iat[0] + e["spillover"].iat[0] == pytest.approx(e["total"].iat[0])
    assert "spillover" in res.output


def test_draws_same_seed_byte_identical(germany, tmp_path):
    outs = []
    for i, seed in enumerate((4, 4, 5)):
        out = tmp_path / f"k{i}.csv"
        res = _run(["keysectors", germany, "-o", out, "--draws", 200, "--seed", seed, "--coef-cv", 0.1, *GERMANY_OPTS])
        assert res.exit_code == 0, res.output + res.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0] != outs[2]
    df = pd.read_csv(tmp_path / "k0.csv")
    assert {"prob_key", "prob_backward", "prob_forward", "prob_weak", "class"} <= set(df.columns)
    np.testing.assert_allclose(df[["prob_key", "prob_backward", "prob_forward", "prob_weak"]].sum(axis=1), 1.0)


def test_multipliers_draws_zero_error_equals_point(germany, tmp_path):
    out = tmp_path / "m.csv"
    res = _run(["multipliers", germany, "-o", out, "--draws", 20, *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    df = pd.read_csv(out)
    np.testing.assert_allclose(df["output"], PUBLISHED_OUTPUT_M, atol=5e-5)
    for c in ("output", "value_added", "income", "employment"):
        np.testing.assert_allclose(df[c + "_p05"], df[c], rtol=1e-12)
        np.testing.assert_allclose(df[c + "_p95"], df[c], rtol=1e-12)


@pytest.mark.parametrize("extra, msg", [
    (["--type", "III"], "--type"),
    (["--draws", "10", "--delta-range", "0.1", "0.4"], "--region"),
    (["--coef-cv", "0.1"], "--draws"),
    (["--region", "R"], "go together"),
    (["--draws", "0"], "draws"),
])
def test_impact_bad_options(germany, tmp_path, extra, msg):
    shock = tmp_path / "shock.csv"
    shock.write_text("industry,final_demand\nconstruction,1\n")
    out = tmp_path / "o.csv"
    res = _run(["impact", germany, "--shock", shock, "-o", out, *extra, *GERMANY_OPTS])
    assert res.exit_code == 2
    assert msg in " ".join(res.stderr.split()) and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_impact_bad_shock_file(germany, tmp_path):
    shock = tmp_path / "shock.csv"
    shock.write_text("industry,final_demand\nnowhere,1\n")
    out = tmp_path / "o.csv"
    res = _run(["impact", germany, "--shock", shock, "-o", out, *GERMANY_OPTS])
    assert res.exit_code == 2 and "not in the table" in res.stderr and not out.exists()
    res = _run(["impact", germany, "--shock", tmp_path / "missing.csv", "-o", out, *GERMANY_OPTS])
    assert res.exit_code == 2 and "not found" in res.stderr


# ----------------------------------------------------------------- issue 14 contract: every combination
def _emp(tmp_path):
    emp = tmp_path / "emp.csv"
    pd.DataFrame({"industry": SECTORS * 2, "region": ["R"] * 6 + ["national"] * 6,
                  "employment": [61, 1210, 262, 690, 240, 650, 1096, 8381, 3236, 9251, 4258, 10206]}).to_csv(emp, index=False)
    return emp


def test_impact_two_region_draws(germany, tmp_path):
    shock = tmp_path / "shock.csv"
    shock.write_text("industry,final_demand\nconstruction,1\n")
    emp = _emp(tmp_path)
    files = []
    for k, seed in enumerate((3, 3, 4)):
        out, eff = tmp_path / f"two{k}.csv", tmp_path / f"eff{k}.csv"
        res = _run(["impact", germany, "--shock", shock, "-o", out, "--region", "R", "--employment", emp,
                    "--effects-out", eff, "--draws", 300, "--seed", seed, "--delta-range", 0.1, 0.4,
                    "--coef-cv", 0.05, *GERMANY_OPTS])
        assert res.exit_code == 0, res.output + res.stderr
        files.append((out.read_bytes(), eff.read_bytes()))
    assert files[0] == files[1] and files[0] != files[2]
    df, e = pd.read_csv(tmp_path / "two0.csv"), pd.read_csv(tmp_path / "eff0.csv")
    assert {"region", "output_total_p05", "output_total_p95", "employment_indirect_p50"} <= set(df.columns)
    assert set(df["region"]) == {"R", "rest of country"}
    for c in ("intraregional", "feedback", "spillover", "total", "spillover_share_pct"):
        assert e[c + "_p05"].iat[0] <= e[c + "_p50"].iat[0] <= e[c + "_p95"].iat[0]
    assert e["total"].iat[0] == pytest.approx(1.8136, abs=5e-5)
    assert "spillover share" in res.output and "Monte Carlo" in res.output


def test_impact_two_region_single_delta_no_error_equals_point(germany, tmp_path):
    shock = tmp_path / "shock.csv"
    shock.write_text("industry,final_demand\nconstruction,1\nindustry_group,2\n")
    emp = _emp(tmp_path)
    out, eff = tmp_path / "two.csv", tmp_path / "eff.csv"
    res = _run(["impact", germany, "--shock", shock, "-o", out, "--region", "R", "--employment", emp, "--delta", 0.2,
                "--effects-out", eff, "--draws", 20, "--delta-range", 0.2, 0.2, *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    df, e = pd.read_csv(out), pd.read_csv(eff)
    for c in ("output_total", "output_indirect", "income_total", "employment_total"):
        np.testing.assert_allclose(df[c + "_p05"], df[c], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(df[c + "_p95"], df[c], rtol=1e-10, atol=1e-12)
    for c in ("intraregional", "feedback", "spillover", "total"):
        np.testing.assert_allclose(e[c + "_p50"], e[c], rtol=1e-10)


def test_impact_type_II_draws(germany, tmp_path):
    shock = tmp_path / "shock.csv"
    shock.write_text("industry,final_demand\nconstruction,100\n")
    out = tmp_path / "i.csv"
    res = _run(["impact", germany, "--shock", shock, "-o", out, "--type", "II", "--draws", 20, *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    df = pd.read_csv(out)
    for c in ("output_induced", "output_total", "income_induced", "employment_total"):
        np.testing.assert_allclose(df[c + "_p05"], df[c], rtol=1e-11)
    outs = []
    for k in range(2):
        o = tmp_path / f"i{k}.csv"
        res = _run(["impact", germany, "--shock", shock, "-o", o, "--type", "II", "--draws", 200, "--seed", 1,
                    "--coef-cv", 0.1, *GERMANY_OPTS])
        assert res.exit_code == 0, res.output + res.stderr
        outs.append(o.read_bytes())
    assert outs[0] == outs[1]
    df = pd.read_csv(tmp_path / "i0.csv")
    tot = df.set_index("industry").loc["total"]
    assert tot["output_induced_p05"] < tot["output_induced"] < tot["output_induced_p95"]


@pytest.mark.parametrize("args", [
    ["multipliers", "--type", "II"],
    ["multipliers", "--type", "II", "--kind", "ratio"],
    ["multipliers", "--kind", "ratio"],
    ["linkages"],
    ["linkages", "--method", "hazari", "--method", "jones"],
    ["linkages", "--method", "chenery-watanabe"],
    ["linkages", "--method", "extraction"],
    ["keysectors", "--cv-filter", "median"],
    ["keysectors", "--backward", "hazari", "--forward", "jones"],
    ["keysectors", "--backward", "extraction", "--cv-filter", "1.5", "--forward", "rasmussen"],
])
def test_draws_on_every_option(germany, tmp_path, args):
    outs = []
    for k in range(2):
        out = tmp_path / f"o{k}.csv"
        res = _run([args[0], germany, "-o", out, *args[1:], "--draws", 100, "--seed", 6, "--coef-cv", 0.05, *GERMANY_OPTS])
        assert res.exit_code == 0, res.output + res.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    df = pd.read_csv(tmp_path / "o0.csv")
    p05 = [c for c in df.columns if c.endswith("_p05")]
    assert p05
    for c in p05:
        base = c[:-4]
        ok = df[base].notna()
        assert (df.loc[ok, base + "_p05"] <= df.loc[ok, base + "_p95"]).all()
    if args[0] == "keysectors":
        np.testing.assert_allclose(df[["prob_key", "prob_backward", "prob_forward", "prob_weak"]].sum(axis=1), 1.0)
    # no error: the bands collapse on the point
    out = tmp_path / "z.csv"
    res = _run([args[0], germany, "-o", out, *args[1:], "--draws", 10, *GERMANY_OPTS])
    assert res.exit_code == 0, res.output + res.stderr
    z = pd.read_csv(out)
    for c in p05:
        base = c[:-4]
        np.testing.assert_allclose(z[base + "_p95"], z[base], rtol=1e-10, atol=1e-12)
