"""``valuechain survival``: real BRICS+ data read back and checked against pandas; synthetic
bilateral panel; bad input."""

from __future__ import annotations

import numpy as np
import pandas as pd
from typer.testing import CliRunner

from valuechain.cli import app

runner = CliRunner()


def test_survival_cli_brics_product_level(shared_data, tmp_path):
    src = shared_data / "baci_brics_hs6_2015_2024" / "world_exports.parquet"
    out = tmp_path / "out"
    r = runner.invoke(app, ["survival", str(src), "--country", "BRA,RUS", "--by", "exporter", "--no-figure", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    km = pd.read_csv(out / "kaplan_meier.csv")
    lr = pd.read_csv(out / "logrank.csv")
    assert list(km.columns) == ["group", "time", "survival", "ci_lower", "ci_upper", "at_risk"]
    assert set(km["group"]) == {"BRA", "RUS", "all"}
    assert (km.groupby("group")["survival"].diff().dropna() <= 1e-12).all()
    assert set(lr["comparison"]) == {"all groups", "pairwise"}
    # independent pandas computation: exporter x product spells 2015-2024, any gap ends a
    # spell, spells active in 2015 dropped; S(1) = 1 - (spells of length 1 that ended) / spells
    x = pd.read_parquet(src)
    x = x[x["exporter"].isin(["BRA", "RUS"]) & (x["value"] > 0)].sort_values(["exporter", "hs6", "year"])
    prev = x.groupby(["exporter", "hs6"])["year"].shift()
    x["spell"] = (prev.isna() | (x["year"] - prev > 1)).astype(int).groupby([x["exporter"], x["hs6"]]).cumsum()
    s = x.groupby(["exporter", "hs6", "spell"])["year"].agg(["min", "max"]).reset_index()
    s = s[s["min"] > 2015]
    for ex in ["BRA", "RUS"]:
        e = s[s["exporter"] == ex]
        n1 = len(e)
        d1 = int(((e["max"] == e["min"]) & (e["max"] < 2024)).sum())
        row = km[(km["group"] == ex) & (km["time"] == 1)].iloc[0]
        assert row["at_risk"] == n1
        assert np.isclose(row["survival"], 1 - d1 / n1, rtol=1e-12)


def test_survival_cli_synthetic_bilateral_flags(tmp_path):
    from valuechain.datasets.synthetic_trade import synthetic_panel

    synthetic_panel(n_exporters=4, n_products=30, years=(2004, 2015), seed=3, path=tmp_path / "panel")
    out = tmp_path / "out"
    r = runner.invoke(app, ["survival", str(tmp_path / "panel"), "--by", "period", "--max-gap", "1", "-q", "-o", str(out)])
    assert r.exit_code == 0, r.output
    km = pd.read_csv(out / "kaplan_meier.csv")
    assert set(km["group"]) == {"<2010", ">=2010", "all"}
    assert (km["flags"] == "synthetic").all()
    assert (out / "kaplan_meier.svg").stat().st_size > 1000


def test_survival_cli_bad_input(shared_data, tmp_path):
    src = shared_data / "baci_brics_hs6_2015_2024" / "world_exports.parquet"
    out = tmp_path / "out"
    for args, words in [
        (["--country", "XXX"], "not an exporter"),
        (["--by", "destination"], "bilateral"),
        (["--level", "destination"], "bilateral"),
        (["--by", "colour"], "--by"),
        (["--years", "2024-2015"], "ends before"),
    ]:
        r = runner.invoke(app, ["survival", str(src), *args, "-q", "-o", str(out)])
        assert r.exit_code == 2, (args, r.output)
        assert words in r.output and "Traceback" not in r.output
        assert len([ln for ln in r.output.strip().splitlines() if ln.strip()]) == 1, r.output
        assert not out.exists() or not any(out.iterdir())
