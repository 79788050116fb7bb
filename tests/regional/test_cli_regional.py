"""CLI ``regionalize`` and ``tworegion``: real runs on Australian data and bad input (exit 2)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.leontief import multipliers
from valuechain.regional import output_multipliers
from valuechain.tables import read_table

from _regional_helpers import AU

runner = CliRunner()
WA = "Western Australia"


@pytest.fixture(scope="module")
def files(tmp_path_factory, shared_data, au_employment, au_employment_clean):
    d = tmp_path_factory.mktemp("cli_regional")
    raw = d / "emp_raw.csv"
    au_employment.to_csv(raw, index=False)  # with census categories "Not stated" etc.
    clean = d / "emp.csv"
    au_employment_clean.to_csv(clean, index=False)
    return {"table": str(shared_data / AU / "australia_io19_national.csv"), "raw": str(raw), "emp": str(clean), "dir": d}


def _run(args):
    return runner.invoke(app, [str(a) for a in args])


def _one_line_error(res, match):
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), res.output
    assert match in " ".join(res.output.split()), res.output


def test_regionalize_real_data(files, au_table):
    d = files["dir"]
    out, ind, sens, fig, lq = d / "wa.csv", d / "wa_ind.csv", d / "sens.csv", d / "sens.svg", d / "lq.csv"
    res = _run(["regionalize", files["table"], "-e", files["emp"], "-r", WA, "-o", out, "--industries-out", ind,
                "--sensitivity", sens, "--figure", fig, "--lq-out", lq])
    assert res.exit_code == 0, res.output
    assert "estimated" in res.output and "λ* = 0.5643" in res.output
    # the regional table is an IO table every command reads
    t = read_table(out)
    assert t.n == 19 and "imports_rest_of_country" in t.V.index
    assert any("regionalized by FLQ (δ=0.3)" in f for f in t.flags)
    m = multipliers(t)["output"]
    table = pd.read_csv(ind).set_index("industry")
    np.testing.assert_allclose(m.loc[table.index].to_numpy(), table["output_multiplier_region"].to_numpy(), rtol=1e-10)
    # national multipliers from the foundation equal ours on the national table
    np.testing.assert_allclose(multipliers(au_table)["output"].to_numpy(), output_multipliers(au_table.A).to_numpy(), rtol=1e-10)
    assert (table["output_multiplier_region"] < table["output_multiplier_national"]).all()
    s = pd.read_csv(sens)
    assert set(s["delta"].round(2)) >= {0.1, 0.2, 0.3, 0.4}
    assert fig.read_text().lstrip().startswith("<svg")
    q = pd.read_csv(lq)
    assert len(q) == 19 * 19 and (q["method"] == "FLQ").all()
    # every other command works on the regional table
    r2 = _run(["multipliers", out, "-o", d / "wa_mult.csv"])
    assert r2.exit_code == 0, r2.output
    r3 = _run(["keysectors", out, "-o", d / "wa_key.csv"])
    assert r3.exit_code == 0, r3.output
    assert set(pd.read_csv(d / "wa_key.csv")["class"]) <= {"key", "backward", "forward", "weak"}


def test_regionalize_drop_unmatched_lists_ignored(files):
    out = files["dir"] / "wa_drop.csv"
    res = _run(["regionalize", files["table"], "-e", files["raw"], "-r", WA, "-o", out, "--drop-unmatched", "-m", "slq"])
    assert res.exit_code == 0, res.output
    assert "Not stated" in res.output
    assert any("SLQ" in f for f in read_table(out).flags)


def test_tworegion_real_data(files):
    out = files["dir"] / "two"
    res = _run(["tworegion", files["table"], "-e", files["emp"], "-r", WA, "-o", out, "--rest", "Rest of Australia"])
    assert res.exit_code == 0, res.output
    chk = pd.read_csv(out / "check.csv")
    assert chk["ok"].all()
    eff = pd.read_csv(out / "effects.csv")
    assert set(eff["region"]) == {WA, "Rest of Australia"} and len(eff) == 38
    np.testing.assert_allclose(eff["intraregional"] + eff["feedback"] + eff["spillover"], eff["total"], rtol=1e-12)
    coef = pd.read_csv(out / "coefficients.csv")
    # columns of the 2n A sum, over both supplying regions, to the national column sums
    t = read_table(files["table"])
    colsum = coef.groupby(["to_region", "to_industry"])["coefficient"].sum()
    for reg in (WA, "Rest of Australia"):
        np.testing.assert_allclose(colsum.loc[reg].loc[t.industries].to_numpy(), t.A.sum(axis=0).to_numpy(), rtol=1e-12)
    assert read_table(out / "regional_table.csv").n == 19
    assert (out / "effects.svg").exists()


def _bad_emp(d, name, rows):
    p = d / name
    pd.DataFrame(rows, columns=["industry", "region", "employment"]).to_csv(p, index=False)
    return p


@pytest.mark.parametrize(
    "extra, match",
    [
        (["--delta", "1.5"], "delta=1.5 is outside (0, 1)"),
        (["--delta", "0"], "delta=0 is outside (0, 1)"),
        (["--method", "xlq"], "unknown LQ method 'xlq'"),
        (["--method", "sflq"], "--method sflq needs --delta-file"),
        (["--diagonal", "one"], "diagonal='one'"),
        (["--figure", "x.svg"], "give --sensitivity too"),
        (["--sensitivity", "s.csv", "--figure", "x.pdf"], "cannot write a figure as '.pdf'"),
        (["--sensitivity", "s.csv", "-m", "slq"], "--sensitivity needs --method flq or aflq"),
    ],
)
def test_regionalize_bad_options(files, extra, match):
    d = files["dir"]
    out = d / "bad_opt.csv"
    res = _run(["regionalize", files["table"], "-e", files["emp"], "-r", WA, "-o", out, *[d / e if e.endswith((".csv", ".svg", ".pdf")) else e for e in extra]])
    _one_line_error(res, match)
    assert not out.exists()
    assert not (d / "s.csv").exists()


def test_regionalize_bad_employment(files, au_employment_clean):
    d = files["dir"]
    out = d / "bad_emp.csv"
    cases = []
    # industries that are not in the table: listed
    cases.append((files["raw"], WA, "3 employment industries are not in the table: 'Inadequately described', 'Not applicable', 'Not stated'"))
    neg = au_employment_clean.copy()
    neg.loc[0, "employment"] = -10
    p = d / "neg.csv"
    neg.to_csv(p, index=False)
    cases.append((p, WA, "negative employment -10"))
    # a 'national' row smaller than the region
    nat = au_employment_clean.groupby("industry", as_index=False)["employment"].sum().assign(region="national")
    nat.loc[nat["industry"] == "Mining", "employment"] = 10
    p = d / "nat.csv"
    pd.concat([au_employment_clean, nat]).to_csv(p, index=False)
    cases.append((p, WA, "larger than the nation"))
    cases.append((files["emp"], "Atlantis", "unknown region 'Atlantis'"))
    cases.append((d / "missing.csv", WA, "employment file not found"))
    p = d / "cols.csv"
    au_employment_clean.rename(columns={"employment": "jobs"}).to_csv(p, index=False)
    cases.append((p, WA, "lacks column(s) employment"))
    for path, region, match in cases:
        res = _run(["regionalize", files["table"], "-e", path, "-r", region, "-o", out])
        _one_line_error(res, match)
        assert not out.exists()


def test_sflq_delta_file(files):
    d = files["dir"]
    t = read_table(files["table"])
    dfile = d / "deltas.csv"
    pd.DataFrame({"industry": t.industries, "delta": 0.3}).to_csv(dfile, index=False)
    out = d / "wa_sflq.csv"
    res = _run(["regionalize", files["table"], "-e", files["emp"], "-r", WA, "-o", out, "-m", "sflq", "--delta-file", dfile])
    assert res.exit_code == 0, res.output
    flq = d / "wa_flq.csv"
    assert _run(["regionalize", files["table"], "-e", files["emp"], "-r", WA, "-o", flq]).exit_code == 0
    # equal delta_j = 0.3 gives the FLQ table
    np.testing.assert_allclose(read_table(out).Z.to_numpy(), read_table(flq).Z.to_numpy(), rtol=1e-12)
    bad = d / "deltas_bad.csv"
    pd.DataFrame({"industry": t.industries, "delta": [1.2] + [0.3] * 18}).to_csv(bad, index=False)
    out2 = d / "wa_sflq_bad.csv"
    res = _run(["regionalize", files["table"], "-e", files["emp"], "-r", WA, "-o", out2, "-m", "sflq", "--delta-file", bad])
    _one_line_error(res, "delta[Agriculture, Forestry and Fishing]=1.2 is outside (0, 1)")
    assert not out2.exists()


def test_tworegion_bad_input(files, au_employment_clean):
    d = files["dir"]
    out = d / "two_bad"
    res = _run(["tworegion", files["table"], "-e", files["emp"], "-r", WA, "-o", out, "--delta", "2"])
    _one_line_error(res, "delta=2 is outside (0, 1)")
    assert not out.exists()
    # a region that is the whole nation leaves no rest of the country
    whole = au_employment_clean.groupby("industry", as_index=False)["employment"].sum().assign(region="all")
    p = d / "whole.csv"
    whole.to_csv(p, index=False)
    res = _run(["tworegion", files["table"], "-e", p, "-r", "all", "-o", out])
    _one_line_error(res, "no rest of the country")
    assert not out.exists()
    f = d / "afile.txt"
    f.write_text("x")
    res = _run(["tworegion", files["table"], "-e", files["emp"], "-r", WA, "-o", f])
    _one_line_error(res, "needs a folder")
