"""The ``valuechain trade`` command: real data, synthetic data, bad input (exit 2, one line, no output)."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.datasets.synthetic_trade import synthetic_gdp_per_capita, synthetic_panel

runner = CliRunner()


def _run(*args):
    return runner.invoke(app, ["trade", *map(str, args), "--quiet"])


def test_cli_kazakhstan_real(shared_data, tmp_path):
    d = shared_data / "baci_kaz_exports"
    out = tmp_path / "kaz"
    r = _run(d / "kaz_exports_2002.csv", d / "kaz_exports_2019.csv", d / "kaz_exports_2021.csv", "--country", "KAZ",
             "--hs-revision", "HS2002", "--periods", "2002-2019,2019-2021", "-o", out)
    assert r.exit_code == 0, r.output
    tot = pd.read_csv(out / "totals.csv")
    raw = pd.read_csv(d / "kaz_exports_2021.csv")
    assert tot.set_index("year").loc[2021, "exports"] == pytest.approx(raw.v.sum(), rel=1e-9)
    assert (tot.unit == "thousand USD").all()
    summ = pd.read_csv(out / "summary.csv").set_index("item")["value"]
    assert summ["unit"] == "thousand USD" and summ["synthetic"] == "false"
    m = pd.read_csv(out / "margins.csv")
    assert m[m.component != "total"].value.sum() == pytest.approx(m[m.component == "total"].value.iloc[0])
    lv = pd.read_csv(out / "composition_sector.csv")
    assert set(lv.group) >= {"Oil and gas", "Metals", "Total"}
    assert "rca.csv" not in {p.name for p in out.iterdir()}  # one exporter and no --world: not computable
    assert (out / "lall.csv").exists() and (out / "concentration.csv").exists()


def test_cli_brics_with_world_totals(shared_data, tmp_path):
    d = shared_data / "baci_brics_hs6_2015_2024"
    out = tmp_path / "rus"
    r = _run(d / "world_exports.parquet", "--country", "RUS", "--hs-revision", "HS2012", "--world", d / "world_totals.parquet",
             "--years", "2019-2024", "-o", out)
    assert r.exit_code == 0, r.output
    rca = pd.read_csv(out / "rca.csv", dtype={"product": str})
    assert set(rca.year) == set(range(2019, 2025)) and (rca.exporter == "RUS").all()
    assert rca.loc[rca["product"] == "270900", "mcp"].eq(1).all()  # crude oil: Russia's comparative advantage
    assert pd.read_csv(out / "summary.csv").set_index("item").loc["unit", "value"] == "USD"


def test_cli_synthetic_bilateral_spark_flag(tmp_path):
    panel = synthetic_panel(n_exporters=8, n_products=20, years=(2000, 2005), seed=4, path=tmp_path / "panel", rows_per_file=500)
    gdp = synthetic_gdp_per_capita(list(panel.exporters), (2000, 2005))
    gdp.to_csv(tmp_path / "gdppc.csv", index=False)
    (tmp_path / "g.toml").write_text('[destinations]\nNeighbours = ["RUS", "CHN"]\n')
    out = tmp_path / "out"
    r = _run(tmp_path / "panel", "--country", "KAZ", "--groups", tmp_path / "g.toml", "--gdppc", tmp_path / "gdppc.csv", "-o", out)
    assert r.exit_code == 0, r.output
    for name in ("totals", "composition_destination", "concentration", "margins", "rca", "sophistication", "summary"):
        df = pd.read_csv(out / f"{name}.csv")
        assert (df["flags"] == "synthetic").all(), name
    dest = pd.read_csv(out / "composition_destination.csv")
    assert set(dest.group) <= {"Neighbours", "ROW", "Total"}
    m = pd.read_csv(out / "margins.csv")
    assert set(m.component) >= {"new_products_old_markets", "old_products_new_markets", "exits"}


@pytest.mark.parametrize(
    "mutate, args, message",
    [
        (None, ["--country", "UZB"], "country UZB is not an exporter"),
        (None, ["--country", "KAZ", "--years", "2030-2031"], "no data in years 2030-2031"),
        (lambda d: d.assign(value=d.value.where(d.index != 2, -5.0)), ["--country", "KAZ"], "negative value"),
        (lambda d: pd.concat([d, d.iloc[[0]]]), ["--country", "KAZ"], "occur more than once"),
        (lambda d: d.drop(columns="value"), ["--country", "KAZ"], "lack column.*value"),
        (lambda d: d.assign(importer=d.importer.where(d.index != 1, "XXQ")), ["--country", "KAZ"], "unknown country code.*XXQ"),
        (None, ["--country", "KAZ", "--engine", "polars"], "--engine 'polars' is unknown"),
        (None, ["--country", "KAZ", "--periods", "2001"], "needs two different years"),
    ],
)
def test_cli_bad_input(tmp_path, mutate, args, message):
    df = synthetic_panel(n_exporters=4, n_products=6, years=(2000, 2002), seed=1, countries=["CHN", "KAZ", "RUS", "TUR"])
    df = df[df.exporter == "KAZ"].reset_index(drop=True)
    if mutate is not None:
        df = mutate(df)
    f = tmp_path / "flows.csv"
    df.to_csv(f, index=False)
    out = tmp_path / "out"
    r = _run(f, *args, "-o", out)
    assert r.exit_code == 2, r.output
    err = r.stderr if hasattr(r, "stderr") else r.output
    assert "error:" in err and "Traceback" not in r.output
    import re

    assert re.search(message, " ".join(err.split())), err
    assert not out.exists()


def test_cli_mixed_hs_and_missing_file(tmp_path):
    a, b = tmp_path / "BACI_HS92_Y2000.csv", tmp_path / "BACI_HS12_Y2001.csv"
    pd.DataFrame({"t": [2000], "i": [398], "j": [156], "k": [270900], "v": [1.0], "q": [1.0]}).to_csv(a, index=False)
    pd.DataFrame({"t": [2001], "i": [398], "j": [156], "k": [270900], "v": [1.0], "q": [1.0]}).to_csv(b, index=False)
    r = _run(a, b, "--country", "KAZ", "-o", tmp_path / "o")
    assert r.exit_code == 2 and "mix HS revisions" in r.stderr and not (tmp_path / "o").exists()
    r = _run(tmp_path / "nope.csv", "--country", "KAZ", "-o", tmp_path / "o")
    assert r.exit_code == 2 and "not found" in r.stderr


def test_cli_duplicates_sum(tmp_path):
    df = synthetic_panel(n_exporters=4, n_products=6, years=(2000, 2002), seed=1, countries=["CHN", "KAZ", "RUS", "TUR"])
    kaz = df[df.exporter == "KAZ"]
    pd.concat([df, kaz.iloc[[0]]]).to_csv(tmp_path / "f.csv", index=False)
    r = _run(tmp_path / "f.csv", "--country", "KAZ", "--duplicates", "sum", "-o", tmp_path / "o")
    assert r.exit_code == 0, r.output
    tot = pd.read_csv(tmp_path / "o" / "totals.csv").set_index("year")["exports"]
    y0 = kaz.iloc[0].year
    # the repeated row is counted twice (summed), as asked
    assert tot[y0] == pytest.approx(kaz[kaz.year == y0].value.sum() + kaz.iloc[0].value)


def test_cli_baci_numeric_codes_with_country_table(tmp_path):
    (tmp_path / "cc.csv").write_text("country_code,country_iso3\n398,KAZ\n156,CHN\n999,TUR\n")
    # BACI layout; 999 is not an ISO numeric code, so only BACI's own country table can map it
    (tmp_path / "b.csv").write_text("t,i,j,k,v,q\n2000,398,999,10110,5.0,1\n2001,398,156,10110,6.0,1\n2001,398,999,270900,6.0,1\n")
    r = _run(tmp_path / "b.csv", "--country", "KAZ", "-o", tmp_path / "o1")
    assert r.exit_code == 2 and "unknown numeric country code(s) 999" in r.stderr and not (tmp_path / "o1").exists()
    r = _run(tmp_path / "b.csv", "--country", "KAZ", "--country-codes", tmp_path / "cc.csv", "-o", tmp_path / "o2")
    assert r.exit_code == 0, r.output
    m = pd.read_csv(tmp_path / "o2" / "margins.csv").set_index("component")["value"]
    # 2000: 010110->TUR 5; 2001: 010110->CHN 6 (old product, new market), 270900->TUR 6 (new product, old market)
    assert m.to_dict() == {"intensive": 0, "old_products_new_markets": 6, "new_products_old_markets": 6,
                           "new_products_new_markets": 0, "exits": -5, "total": 7}
