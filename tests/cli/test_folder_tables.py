"""``--stata`` / ``--parquet`` of the folder-writing commands (``trade``, ``complexity``,
``survival``, ``opportunities``; issue 21): every table also as a labelled Stata file and a
Parquet file, through the one writer (``valuechain._tablefiles.write_frame``), read back
with pandas and pyreadstat, labels included.

The flows are written out by hand, so the margins read back from Stata are checked against
hand-worked numbers (not against the code's own CSV only).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from valuechain._tablefiles import stata_names
from valuechain.cli import app

pyreadstat = pytest.importorskip("pyreadstat")
pq = pytest.importorskip("pyarrow.parquet")
runner = CliRunner()

# Kazakhstan: oil to China 60 -> 90, to Russia 20 -> 10 (intensive +20); steel leaves China
# (exit -20) for Germany (an old product in a new market, +20). Russia exports wheat and oil;
# China motors, and in 2020 only generators (a spell that ends).
FLOWS = """year,exporter,importer,product,value
2020,KAZ,CHN,270900,60
2020,KAZ,RUS,270900,20
2020,KAZ,CHN,720110,20
2021,KAZ,CHN,270900,90
2021,KAZ,RUS,270900,10
2021,KAZ,DEU,720110,20
2020,RUS,KAZ,100190,50
2021,RUS,KAZ,100190,40
2020,RUS,CHN,270900,30
2021,RUS,CHN,270900,30
2020,CHN,KAZ,850110,5
2021,CHN,KAZ,850110,5
2020,CHN,RUS,850120,3
"""
EVIL_SECTOR = '=HYPERLINK("http://x","y") </script>'


def _flows(tmp_path, release: str | None = None):
    d = tmp_path / "flows"
    d.mkdir()
    (d / "flows.csv").write_text(FLOWS)
    if release:  # the sidecar that `valuechain data import` writes beside an imported download
        (d / "valuechain.json").write_text(json.dumps({"source": "CEPII BACI", "release": release}))
    return d / "flows.csv"


def _read_back(folder, stem):
    """(csv, dta frame, dta metadata, parquet frame, parquet key-value metadata) of one table."""
    csv = pd.read_csv(folder / f"{stem}.csv", dtype={"product": str})
    df, meta = pyreadstat.read_dta(str(folder / f"{stem}.dta"))
    pt = pq.read_table(folder / f"{stem}.parquet")
    kv = {k.decode(): v.decode() for k, v in (pt.schema.metadata or {}).items() if k.startswith(b"valuechain.")}
    return csv, df, meta, pt.to_pandas(), kv


def _same_values(csv: pd.DataFrame, dta: pd.DataFrame, par: pd.DataFrame, meta=None) -> None:
    assert len(dta) == len(csv) == len(par)
    assert list(dta.columns) == stata_names(csv.columns)
    assert list(par.columns) == list(csv.columns)
    labels = dict(zip(meta.column_names, meta.column_labels)) if meta is not None else {}
    for c, s in zip(csv.columns, stata_names(csv.columns)):
        if csv[c].dtype.kind == "f":
            want = csv[c].to_numpy(float)
            np.testing.assert_allclose(par[c].to_numpy(float), want, rtol=1e-9, equal_nan=True)
            if np.isinf(want).any():  # Stata has no infinity: missing, and the label says so
                assert labels[s].endswith("[inf written as missing]"), labels[s]
                want = np.where(np.isinf(want), np.nan, want)
            np.testing.assert_allclose(dta[s].to_numpy(float), want, rtol=1e-9, equal_nan=True)


def test_trade_stata_and_parquet_read_back_with_labels_and_release(tmp_path):
    flows = _flows(tmp_path, release="V202501")
    (tmp_path / "g.toml").write_text(f'[sectors]\n"{EVIL_SECTOR.replace(chr(34), chr(92) + chr(34))}" = ["27"]\nMetals = ["72"]\n')
    out = tmp_path / "out"
    r = runner.invoke(app, ["trade", str(flows), "-c", "KAZ", "--groups", str(tmp_path / "g.toml"), "--stata", "--parquet",
                            "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    csvs = sorted(p.stem for p in out.glob("*.csv"))
    assert sorted(p.stem for p in out.glob("*.dta")) == csvs == sorted(p.stem for p in out.glob("*.parquet"))
    for stem in csvs:
        csv, dta, meta, par, kv = _read_back(out, stem)
        _same_values(csv, dta, par, meta)
        # every variable has a label that says more than its name; the dataset label names the
        # command, the table and the imported release; Parquet keeps the same provenance
        assert all(lab and lab.replace(" ", "_") != n for n, lab in zip(meta.column_names, meta.column_labels)), (stem, meta.column_labels)
        assert meta.file_label.startswith("valuechain ") and f"trade: {stem}"[:40] in meta.file_label, meta.file_label
        assert kv["valuechain.release"] == "V202501" and kv["valuechain.title"] == f"trade: {stem}"
        assert kv["valuechain.unit"] == "USD"
        assert json.loads(kv["valuechain.column_labels"])["year" if "year" in csv.columns else csv.columns[0]]
    # margins: the hand-worked decomposition, read from the Stata file with its value labels
    m = pd.read_stata(out / "margins.dta")
    got = dict(zip(m["component"].astype(str), m["value"]))
    assert got == {"intensive": 20.0, "old_products_new_markets": 20.0, "new_products_old_markets": 0.0,
                   "new_products_new_markets": 0.0, "exits": -20.0, "total": 20.0}
    _, meta = pyreadstat.read_dta(str(out / "margins.dta"))
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["value"] == "Contribution to the change of exports (USD)"
    assert labels["share"] == "Share of the total change of exports (%)"
    assert sorted(meta.variable_value_labels["component"].values()) == sorted(got)
    # a hostile group name is kept as text (Stata strings are data, never formulas or markup)
    comp = pd.read_stata(out / "composition_sector.dta")
    assert EVIL_SECTOR in set(comp["group"].astype(str))


def test_trade_without_the_options_writes_csv_only(tmp_path):
    out = tmp_path / "out"
    r = runner.invoke(app, ["trade", str(_flows(tmp_path)), "-c", "KAZ", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    assert not list(out.glob("*.dta")) and not list(out.glob("*.parquet"))


@pytest.mark.parametrize("cmd, args, tables", [
    ("complexity", [], ["countries", "products", "opportunities", "summary"]),
    ("survival", ["--no-figure", "--level", "product", "--keep-left-censored"], ["kaplan_meier", "medians", "spell_counts", "summary"]),
    ("opportunities", ["-c", "KAZ", "-y", "2021", "--no-figures"], ["opportunities", "summary"]),
])
def test_folder_commands_write_labelled_stata_and_parquet(tmp_path, cmd, args, tables):
    out = tmp_path / "out"
    r = runner.invoke(app, [cmd, str(_flows(tmp_path, release="V202401")), *args, "--stata", "--parquet", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    for stem in tables:
        csv, dta, meta, par, kv = _read_back(out, stem)
        _same_values(csv, dta, par, meta)
        assert all(meta.column_labels), (stem, meta.column_labels)
        assert "release: V202401" in meta.file_label or len(meta.file_label) == 80, meta.file_label
        assert kv["valuechain.release"] == "V202401" and kv["valuechain.title"] == f"{cmd}: {stem}"
    if cmd == "complexity":
        _, meta = pyreadstat.read_dta(str(out / "countries.dta"))
        assert dict(zip(meta.column_names, meta.column_labels))["diversity"] == "Diversity: number of products with Mcp = 1"
        # product codes stay text with their leading digits (read back from the streamed CSV)
        assert set(pd.read_stata(out / "products.dta")["product"]) == {"270900", "720110", "100190", "850110", "850120"}
    if cmd == "survival":
        _, meta = pyreadstat.read_dta(str(out / "kaplan_meier.dta"))
        assert dict(zip(meta.column_names, meta.column_labels))["survival"] == "Kaplan-Meier survival probability"
        assert "group" in meta.variable_value_labels


def test_failed_run_with_stata_leaves_nothing(tmp_path):
    out = tmp_path / "out"
    r = runner.invoke(app, ["trade", str(_flows(tmp_path)), "-c", "UZB", "--stata", "-o", str(out), "-q"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert r.output.strip().startswith("error: ") and len(r.output.strip().splitlines()) == 1, r.output
    assert not out.exists()
