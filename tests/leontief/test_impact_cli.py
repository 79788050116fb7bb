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
