"""Readers of FIGARO (Eurostat) and ADB MRIO tables, each on a small file written in the published layout."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from valuechain.cli import app
from valuechain.errors import DataNotFoundError, ValidationError
from valuechain.datasets import synthetic_icio
from valuechain.gvc import read_adb_mrio, read_figaro, read_icio, standard_terms


@pytest.fixture(scope="module")
def base():
    return synthetic_icio(3, 2, seed=4, categories=5)


def write_figaro(t, path, codes=("AT", "FIGW1", "DE"), inds=("A01", "C10T12")):
    """matrix_eu-ic-io_ind-by-ind layout: rowLabels, CC_IND rows/columns, CC_P3_S13 ... CC_P5M, W2_* primary rows."""
    cmap = dict(zip(t.countries, codes))
    imap = dict(zip(t.industries, inds))
    fd = ("P3_S13", "P3_S14", "P3_S15", "P51G", "P5M")
    rows = [f"{cmap[c]}_{imap[i]}" for c, i in t.Z.index]
    fcols = [f"{cmap[c]}_{fd[int(k[2:]) - 1]}" for c, k in t.Y.columns]
    body = pd.DataFrame(np.hstack([t.Z.to_numpy(), t.Y.to_numpy()]), index=rows, columns=rows + fcols)
    va = t.va.to_numpy()
    pad = np.zeros(len(fcols))
    shares = {"W2_D21X31": 0.05, "W2_OP_RES": 0.0, "W2_OP_NRES": 0.0, "W2_D1": 0.55, "W2_D29X39": 0.05, "W2_B2A3G": 0.35}
    extra = pd.DataFrame([np.r_[w * va, pad] for w in shares.values()], index=list(shares), columns=body.columns)
    out = pd.concat([body, extra])
    out.index.name = "rowLabels"
    out.to_csv(path)


def write_adb(t, path, codes=("PRC", "KAZ", "RoW")):
    """ADB MRIO Excel layout: 5 title rows, country and code header rows, labels in columns A-D, data from column E."""
    cmap = dict(zip(t.countries, codes))
    N = t.N
    wb = Workbook()
    ws = wb.active
    ws.append(["Asian Development Bank"])
    ws.append(["Multiregional Input-Output Table (test)"])
    ws.append(["Current prices, in millions of US dollars"])
    ws.append([None])
    ws.append([None])
    zc = [(cmap[c], f"c{t.industries.index(i) + 1}") for c, i in t.Z.columns]
    yc = [(cmap[c], f"F{int(k[2:])}") for c, k in t.Y.columns]
    ws.append([None, None, None, None] + [c for c, _ in zc] + [c for c, _ in yc] + [None])
    ws.append([None, None, None, None] + [k for _, k in zc] + [k for _, k in yc] + ["ToT"])
    Z, Y, x = t.Z.to_numpy(), t.Y.to_numpy(), t.x.to_numpy()
    for r, (c, i) in enumerate(t.Z.index):
        ws.append([None, cmap[c], f"c{t.industries.index(i) + 1}", f"sector {i}"] + list(Z[r]) + list(Y[r]) + [x[r]])
    va = t.va.to_numpy()
    ws.append([None, None, "r60", "Total intermediate consumption"] + list(Z.sum(0)) + [None] * Y.shape[1] + [None])
    ws.append([None, None, "r61", "Taxes less subsidies on products"] + list(0.1 * va) + [None] * (Y.shape[1] + 1))
    ws.append([None, None, "r64", "Value added at basic prices"] + list(0.9 * va) + [None] * (Y.shape[1] + 1))
    ws.append([None, None, "r69", "Total input"] + list(x) + [None] * (Y.shape[1] + 1))
    assert N == len(t.industries)
    wb.save(path)


def test_figaro_reader(tmp_path, base):
    p = tmp_path / "matrix_eu-ic-io_ind-by-ind_25ed_2023.csv"
    write_figaro(base, p)
    t = read_figaro(p)
    assert t.countries == ["AT", "FIGW1", "DE"] and t.industries == ["A01", "C10T12"]
    assert t.categories == ["P3_S13", "P3_S14", "P3_S15", "P51G", "P5M"]
    assert list(t.V.index) == ["W2_D21X31", "W2_OP_RES", "W2_OP_NRES", "W2_D1", "W2_D29X39", "W2_B2A3G"]
    assert np.allclose(t.Z.to_numpy(), base.Z.to_numpy(), rtol=1e-12)
    assert np.allclose(t.Y.to_numpy(), base.Y.to_numpy(), rtol=1e-12)
    assert np.allclose(t.x.to_numpy(), base.x.to_numpy(), rtol=1e-12)
    assert np.allclose(t.va.to_numpy(), base.va.to_numpy(), rtol=1e-9)
    assert t.unit == "million EUR" and "FIGARO" in t.source
    a = standard_terms(t, "bm_source").table.drop(columns="exporter").to_numpy()
    b = standard_terms(base, "bm_source").table.drop(columns="exporter").to_numpy()
    assert np.allclose(a, b, rtol=1e-9)
    assert read_icio(p, format="figaro").G == 3


def test_adb_reader(tmp_path, base):
    p = tmp_path / "ADB-MRIO-2022_July 2025.xlsx"
    write_adb(base, p)
    t = read_adb_mrio(p)
    assert t.countries == ["PRC", "KAZ", "RoW"] and t.industries == ["c1", "c2"]
    assert t.categories == ["F1", "F2", "F3", "F4", "F5"]
    assert np.allclose(t.Z.to_numpy(), base.Z.to_numpy(), rtol=1e-12)
    assert np.allclose(t.Y.to_numpy(), base.Y.to_numpy(), rtol=1e-12)
    assert np.allclose(t.x.to_numpy(), base.x.to_numpy(), rtol=1e-12)
    assert np.allclose(t.va.to_numpy(), base.va.to_numpy(), rtol=1e-9)
    out = tmp_path / "o.csv"
    r = CliRunner().invoke(app, ["gvc", str(p), "--format", "adb", "--method", "oecd", "--terms", "standard",
                                 "--groups", "G=PRC,KAZ", "-o", str(out)])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert list(df["exporter"]) == ["PRC", "KAZ", "RoW", "G"]
    ref = standard_terms(base, "oecd").table
    assert np.allclose(df.iloc[:3, 1:].to_numpy(float), ref.iloc[:, 1:].to_numpy(float), rtol=1e-9)


def test_readers_bad_input(tmp_path):
    with pytest.raises(DataNotFoundError):
        read_figaro(tmp_path / "none.csv")
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"a": [1.0]}, index=["x"]).to_csv(bad)
    with pytest.raises(ValidationError, match="FIGARO"):
        read_figaro(bad)
    with pytest.raises(ValidationError, match="ADB MRIO"):
        read_adb_mrio(bad)
    with pytest.raises(ValidationError, match="folder"):
        read_adb_mrio(tmp_path)
