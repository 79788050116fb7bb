"""`valuechain report` and `valuechain demo` through the real CLI (Typer CliRunner)."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()


def test_bad_study_exits_2_with_one_line_and_writes_nothing(tmp_path):
    study = tmp_path / "s.toml"
    study.write_text("[regional]\nemployment = 'builtin:example-region-employment'\nregion = 'R'\ndelta = 7\n[io]\ntable = 'builtin:germany-1995'\n")
    out = tmp_path / "out"
    r = runner.invoke(app, ["report", str(study), "-o", str(out)])
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "s.toml" in lines[0] and "[regional] delta" in lines[0]
    assert "Traceback" not in r.output
    assert not out.exists()


def test_missing_study_file_exits_2(tmp_path):
    r = runner.invoke(app, ["report", str(tmp_path / "none.toml"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "study file not found" in r.output
    assert not (tmp_path / "o").exists()


def test_output_is_a_file_exits_2(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("x")
    r = runner.invoke(app, ["demo", "--example", "example", "-o", str(f), "--quiet"])
    assert r.exit_code == 2 and "is a file" in r.output


def test_bad_table_fails_before_any_output(tmp_path):
    # a table whose rows do not balance: the reader's ValidationError reaches the user (exit 2), no output
    (tmp_path / "t.csv").write_text(",A,B,households\nA,10,20,70\nB,5,5,1000\nvalue_added,85,75,\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text("[io]\ntable = 't.csv'\nunit = 'million X'\n")
    out = tmp_path / "o"
    r = runner.invoke(app, ["report", str(tmp_path / "s.toml"), "-o", str(out), "--quiet"])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert not out.exists() or not any(out.iterdir())


def test_report_summary_and_skipped_sections(tmp_path):
    # an IO-only study: the other sections are skipped with a note in the page and run.log
    study = tmp_path / "io.toml"
    (tmp_path / "labels.csv").write_text("code,label\nAgriculture,Agriculture forestry and fishing (A)\n", encoding="utf-8")
    study.write_text('[study]\nflags = ["a test caveat"]\n[io]\ntable = "builtin:germany-1995"\nlabels = "labels.csv"\n', encoding="utf-8")
    out = tmp_path / "rep"
    r = runner.invoke(app, ["report", str(study), "-o", str(out), "--no-png"])
    assert r.exit_code == 0, r.output
    assert "wrote" in r.output and "index.html" in r.output and "caveat" in r.output and "skipped" in r.output
    html = (out / "index.html").read_text()
    assert "Skipped: the study file has no [trade] section." in html
    log = (out / "run.log").read_text()
    assert "section trade: skipped" in log and "section gvc: skipped" in log
    m = pd.read_csv(out / "data" / "national_multipliers.csv")
    assert m.loc[m["sector"] == "Agriculture", "name"].iloc[0] == "Agriculture forestry and fishing (A)"  # [io] labels


def test_example_report_content(example_report):
    out = example_report.outdir
    for name in ("index.html", "tables.xlsx", "run.log", "study.toml"):
        assert (out / name).is_file()
    # every table: a CSV and a sheet; every figure: SVG and PNG
    wb = load_workbook(out / "tables.xlsx", read_only=True)
    for t in example_report.doc.tables:
        assert (out / "data" / f"{t.key}.csv").is_file()
    assert len(wb.sheetnames) == len(example_report.doc.tables) + 2  # + contents + notes (caveats once)
    assert wb.sheetnames[0] == "contents" and wb.sheetnames[-1] == "notes"
    for f in example_report.doc.figures:
        assert (out / "figures" / f"{f.key}.svg").read_text().startswith("<svg")
        assert (out / "figures" / f"{f.key}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # each sheet names its source and units before the table
    for name in wb.sheetnames[1:-1]:
        ws = wb[name]
        head = [ws.cell(row=i, column=1).value for i in range(1, 5)]
        assert head[1].startswith("Units:") and head[2].startswith("Source:")
    html = (out / "index.html").read_text()
    assert "http://" not in html.replace("http://www.w3.org/", "") and "https://" not in html  # no network references
    assert "<script" not in html
    assert "synthetic" in html  # synthetic inputs are flagged on the page
    assert html.count("Source:") >= len(example_report.doc.figures) + len(example_report.doc.tables)
    log = (out / "run.log").read_text()
    assert "section national" in log and "wrote" in log


def test_example_reproduces_published_output_multipliers(example_report):
    """The Germany 1995 table typed into the package gives the Eurostat Manual's published
    output multipliers (Eurostat 2008, Table 15.10 / iotables tests: 1.7048, 1.8413, 1.8136,
    1.6035, 1.5951, 1.3782; published to 4 decimals, tolerance 1e-3)."""
    published = [1.7048, 1.8413, 1.8136, 1.6035, 1.5951, 1.3782]
    out = example_report.outdir
    from valuechain.report._builtins import load_builtin

    order = list(load_builtin("germany-1995").industries)  # the published table's order (tables are sorted on the page)
    d = pd.read_csv(out / "data" / "regional_delta_sensitivity.csv").set_index("industry").reindex(order)
    assert d["National"].round(4).tolist() == pytest.approx(published, abs=1e-3)
    mm = pd.read_csv(out / "data" / "national_multipliers.csv").set_index("sector").reindex(order)
    assert mm["output"].tolist() == pytest.approx(published, abs=1e-3)


def test_report_on_real_regional_data(shared_data, tmp_path):
    """The seed's regional method end to end on real public data, through `valuechain report`:
    the Australian 19-division national table (ABS via eiat, CC0) regionalized for Western
    Australia (a mining region like East Kazakhstan) with 2021 Census employment by state."""
    au = shared_data / "au_eiat_lga_employment_io19"
    emp = pd.read_csv(au / "employment_by_place_of_work_state_2011_2016_2021.csv")
    emp = emp[(emp["year"] == 2021) & ~emp["industry"].isin(["Inadequately described", "Not stated", "Not applicable"])]
    emp = emp.rename(columns={"state_pow": "region"})[["industry", "region", "employment"]]
    emp.to_csv(tmp_path / "employment.csv", index=False)
    (tmp_path / "wa.toml").write_text(
        "[study]\ntitle = 'Western Australia'\n"
        f"[io]\ntable = '{au / 'australia_io19_national.csv'}'\nunit = 'AUD million'\nsource = 'ABS 2021 IO table via eiat (CC0)'\n"
        "[regional]\nemployment = 'employment.csv'\nregion = 'Western Australia'\nsource = 'ABS Census 2021, place of work'\n"
        "[clusters]\ntable = 'regional'\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    r = runner.invoke(app, ["report", str(tmp_path / "wa.toml"), "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 0, r.output
    log = (out / "run.log").read_text()
    for key in ("national", "regional", "regional_keysectors", "clusters"):
        assert f"section {key}: done" in log, key
    lq = pd.read_csv(out / "data" / "regional_location_quotients.csv")
    # SLQ of mining recomputed here from the employment file: (E_r,i / E_r) / (E_n,i / E_n)
    mining = "Mining"
    e_r = emp[emp["region"] == "Western Australia"].set_index("industry")["employment"]
    e_n = emp.groupby("industry")["employment"].sum()
    slq_mining = (e_r[mining] / e_r.sum()) / (e_n[mining] / e_n.sum())
    assert slq_mining > 2  # Western Australia is mining-heavy
    assert lq.set_index("industry").loc[mining, "slq"] == pytest.approx(slq_mining, rel=1e-9)
    html = (out / "index.html").read_text()
    assert "Western Australia" in html and "real data, partly estimated" in html  # the regional section's badge


@pytest.mark.parametrize(
    "text, match",
    [
        ("[trade]\nflows = 'builtin:synthetic-trade'\ncountry = 'MEX'\nyears = '2005-2006'\n", "[trade] country = 'MEX' has no exports"),
        ("[gvc]\ntable = 'builtin:leather'\ncountry = 'Chile'\n", "[gvc] country = 'Chile' is not a country"),
        ("[gvc]\ntable = 'builtin:leather'\ncountry = 'Turkey'\ncomparators = ['Peru']\n", "[gvc] comparators ['Peru']"),
        ("[io]\ntable = 'builtin:germany-1995'\n[regional]\nemployment = 'builtin:example-region-employment'\nregion = 'Atlantis'\n",
         "unknown region 'Atlantis'"),
    ],
)
def test_bad_data_inside_a_section_exits_2_and_writes_nothing(tmp_path, text, match):
    (tmp_path / "s.toml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["report", str(tmp_path / "s.toml"), "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 2, r.output
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and match in lines[0], r.output
    assert not out.exists() or not any(out.iterdir())


def test_trade_only_study_on_real_bilateral_flows(shared_data, tmp_path):
    """A trade-only study (every other section skipped) on BACI Kazakhstan exports by partner, 2021."""
    (tmp_path / "t.toml").write_text(
        '[trade]\nflows = "shared:baci_kaz_exports/kaz_partners_2021.csv"\ncountry = "KAZ"\nlall = false\n'
        'gdp = "gdp.csv"\ngdp_scale = 0.001\n', encoding="utf-8")
    # a GDP series given by the user (USD); the flows are in thousand USD, hence gdp_scale = 0.001
    (tmp_path / "gdp.csv").write_text("year,country,gdp\n2021,KAZ,197112000000\n", encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["report", str(tmp_path / "t.toml"), "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 0, r.output
    log = (out / "run.log").read_text()
    assert "section trade: done" in log and "section national: skipped" in log
    # one exporter: RCA/ECI are explained, not attempted
    assert "need world exports by product" in (out / "index.html").read_text()
    # market concentration read back and checked against pandas on the raw file:
    # HHI of markets = sum over partners of (partner's share of KAZ exports)^2
    raw = pd.read_csv(shared_data / "baci_kaz_exports" / "kaz_partners_2021.csv")
    s = raw.groupby("j")["v"].sum()
    hhi = float(((s / s.sum()) ** 2).sum())
    op = pd.read_csv(out / "data" / "trade_openness.csv")
    # no mirror imports in this file: openness = exports / GDP = 100 * sum(v) * 1000 / GDP
    assert op["openness"].iloc[0] == pytest.approx(100 * raw["v"].sum() * 1e3 / 197112000000, rel=1e-9)
    mk = pd.read_csv(out / "data" / "trade_markets.csv")  # the flows are bilateral and complete: markets are computed
    assert mk["hhi"].iloc[0] == pytest.approx(hhi, rel=1e-9)


def test_report_on_the_oecd_belgium_table(shared_data, tmp_path):
    """[io] format = "oecd": the OECD national IOT layout (Belgium 2020, 45 industries) read by
    valuechain.tables.read_table; key sectors and clusters on it."""
    f = next((shared_data / "oecd_iot_belgium_2020").glob("*.csv"))
    # the published table misses its OUTPUT row by up to 0.96 % (see tests/tables): rtol = 0.01
    (tmp_path / "be.toml").write_text(f'[io]\ntable = "{f}"\nformat = "oecd"\nrtol = 0.01\ndrop_zero_output = true\n'
                                      '[clusters]\ntable = "national"\n', encoding="utf-8")
    out = tmp_path / "out"
    r = runner.invoke(app, ["report", str(tmp_path / "be.toml"), "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 0, r.output
    lk = pd.read_csv(out / "data" / "national_linkages.csv")
    assert len(lk) == 47 and lk["rasmussen_backward"].mean() == pytest.approx(1.0, abs=1e-9)  # normalised indices average 1
    assert set(lk["class"]) <= {"key sector", "backward-oriented", "forward-oriented", "weak"}
    assert (out / "figures" / "national_quadrant.svg").is_file() and (out / "figures" / "clusters_national_scree.svg").is_file()


def test_study_error_prints_the_section_without_a_stray_backslash(tmp_path):
    """The study error names '[io]' exactly once, as written (no Rich escape shown)."""
    (tmp_path / "s.toml").write_text("[io]\ntable = 'builtin:germany-1995'\nbackwardz = 'x'\n", encoding="utf-8")
    r = runner.invoke(app, ["report", str(tmp_path / "s.toml"), "-o", str(tmp_path / "out")])
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert lines == ["error: s.toml: [io] backwardz is not a known key; did you mean 'backward'?"], r.output


def test_western_australia_example_runs_end_to_end(shared_data, tmp_path):
    """`valuechain report examples/western_australia.toml`: the regional method on real Australian data."""
    from pathlib import Path

    study = Path(__file__).resolve().parents[2] / "examples" / "western_australia.toml"
    out = tmp_path / "wa"
    r = runner.invoke(app, ["report", str(study), "-o", str(out), "--quiet", "--no-png"])
    assert r.exit_code == 0, r.output
    log = (out / "run.log").read_text()
    for key in ("national", "regional", "regional_keysectors", "clusters"):
        assert f"section {key}: done" in log, key
    # Western Australia's SLQ of mining recomputed from the Census file with pandas
    emp = pd.read_csv(shared_data / "au_eiat_lga_employment_io19" / "employment_by_place_of_work_state_2011_2016_2021.csv")
    emp = emp[(emp["year"] == 2021) & ~emp["industry"].isin(["Inadequately described", "Not stated", "Not applicable"])]
    e_r = emp[emp["state_pow"] == "Western Australia"].set_index("industry")["employment"]
    e_n = emp.groupby("industry")["employment"].sum()
    slq = (e_r["Mining"] / e_r.sum()) / (e_n["Mining"] / e_n.sum())
    lq = pd.read_csv(out / "data" / "regional_location_quotients.csv").set_index("industry")
    assert lq.loc["Mining", "slq"] == pytest.approx(slq, rel=1e-9) and slq > 2
    html = (out / "index.html").read_text()
    assert str(shared_data) not in html and "Kazakhstan" not in html
