"""``valuechain trade --drop-blank``: rows without an exporter or product code are dropped and
counted in summary.csv (the CLI's door to ``read_flows(drop_blank=True)``); without it they are
an error naming the row."""

from __future__ import annotations

import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.datasets.synthetic_trade import synthetic_panel


@pytest.fixture(scope="module")
def panels(tmp_path_factory):
    d = tmp_path_factory.mktemp("drop_blank")
    clean = synthetic_panel(n_exporters=6, n_products=12, years=(2000, 2003), seed=3)
    assert "KAZ" in set(clean["exporter"])
    clean.to_csv(d / "clean.csv", index=False)
    blanks = clean.iloc[[0, 1, 2]].copy()  # three extra rows: two without a product, one without an exporter
    blanks["exporter"] = blanks["exporter"].astype(object)
    blanks.iloc[0, blanks.columns.get_loc("product")] = ""
    blanks.iloc[1, blanks.columns.get_loc("product")] = "  "
    blanks.iloc[2, blanks.columns.get_loc("exporter")] = ""
    blanks["value"] = [7.0, 8.0, 9.0]
    pd.concat([clean, blanks], ignore_index=True).to_csv(d / "blank.csv", index=False)
    return d


def _run(args):
    return CliRunner().invoke(app, ["trade", *map(str, args), "--country", "KAZ", "--quiet", "--no-cache"])


def test_blank_codes_are_an_error_by_default(panels, tmp_path):
    r = _run([panels / "blank.csv", "-o", tmp_path / "out"])
    assert r.exit_code == 2, r.output
    assert "blank" in r.output and r.output.count("\n") == 1  # one line naming the row
    assert not (tmp_path / "out").exists()


def test_drop_blank_drops_counts_and_equals_the_clean_run(panels, tmp_path):
    r = _run([panels / "blank.csv", "-o", tmp_path / "dropped", "--drop-blank"])
    assert r.exit_code == 0, r.output
    r = _run([panels / "clean.csv", "-o", tmp_path / "clean"])
    assert r.exit_code == 0, r.output
    summary = pd.read_csv(tmp_path / "dropped" / "summary.csv", dtype=str, keep_default_na=False)
    led = summary[summary["item"].str.startswith("ledger: dropped")]
    assert len(led) == 1 and led["value"].iloc[0].split()[0] == "3"  # the three blank rows, counted
    for f in sorted((tmp_path / "clean").iterdir()):
        if f.name != "summary.csv":  # the numbers are those of the file without the blank rows
            assert (tmp_path / "dropped" / f.name).read_bytes() == f.read_bytes(), f.name
    clean = pd.read_csv(tmp_path / "clean" / "summary.csv", dtype=str, keep_default_na=False)
    rest = summary[~summary["item"].str.startswith("ledger: dropped") & (summary["item"] != "source")]
    assert rest.reset_index(drop=True).equals(clean[clean["item"] != "source"].reset_index(drop=True))
