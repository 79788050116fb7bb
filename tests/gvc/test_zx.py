"""--format zx on the real OECD ICIO 2025 (year 2022) intermediate network: Kazakhstan's
foreign input share, sourcing and domestic table checked against a pandas/numpy
computation written here from the raw files (not through valuechain)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from valuechain.errors import ValidationError
from valuechain.gvc import (
    bm_decomposition,
    domestic_table,
    input_sourcing,
    position_measures,
    read_icio,
    tiva_indicators,
    va_absorption,
)

FOLDER = "oecd_icio2025_2022_intermediate"


@pytest.fixture(scope="module")
def raw(shared_data):
    d = shared_data / FOLDER
    Z = pd.read_parquet(d / "icio2025_2022_Z.parquet").set_index("row")
    nodes = pd.read_csv(d / "icio2025_2022_nodes.csv").set_index("node")
    return Z, nodes


@pytest.fixture(scope="module")
def zx(shared_data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_icio(shared_data / FOLDER, format="zx")


@pytest.fixture(scope="module")
def pos(zx):
    return position_measures(zx)


def test_zx_reads_real_table(zx, raw, shared_data):
    Z, nodes = raw
    assert (zx.G, zx.N) == (80, 50)
    assert "intermediate-only" in zx.flags
    # 51 zero-output nodes are kept and warned about, as the other readers do
    with pytest.warns(Warning, match="51 country-industries with zero output"):
        read_icio(shared_data / FOLDER, format="zx")
    assert int((zx.x == 0).sum()) == 51 == int((nodes["gross_output"] == 0).sum())


def test_kazakhstan_foreign_input_share_and_sourcing(zx, raw, pos):
    Z, nodes = raw
    kaz_cols = [c for c in Z.columns if c.startswith("KAZ_")]
    buy = Z[kaz_cols]
    from_kaz = buy.loc[[r for r in Z.index if r.startswith("KAZ_")]].to_numpy().sum()
    total = buy.to_numpy().sum()
    share = (total - from_kaz) / total
    # PROVENANCE.md: domestic intermediate flows 106.0 bn, imports from the 79 others 26.8 bn
    assert from_kaz / 1e3 == pytest.approx(106.0, abs=0.05)
    assert (total - from_kaz) / 1e3 == pytest.approx(26.8, abs=0.05)
    c = pos.at("country").set_index("country")
    assert c.loc["KAZ", "foreign_input_share"] == pytest.approx(share, rel=1e-12)
    # by partner: sum over KAZ-buying columns of rows of each partner
    partner = buy.groupby(buy.index.str[:3]).sum().sum(axis=1)
    src = input_sourcing(zx, "KAZ").set_index("partner")
    assert np.allclose(src.loc[partner.index, "intermediate_inputs"].to_numpy(), partner.to_numpy(), rtol=1e-12)
    assert src.loc["RUS", "share_of_foreign_inputs"] == pytest.approx(partner["RUS"] / (total - from_kaz), rel=1e-12)
    assert src.index[1] == "RUS"  # Russia is Kazakhstan's largest foreign supplier of intermediates


def test_upstreamness_against_numpy(zx, raw, pos):
    Z, nodes = raw
    x = nodes.loc[Z.index, "gross_output"].to_numpy()
    Zn = Z.to_numpy()
    delta = np.divide(Zn, x[:, None], out=np.zeros_like(Zn), where=x[:, None] > 0)
    U = np.linalg.solve(np.eye(len(x)) - delta, np.ones(len(x)))
    tab = pos.table
    lab = tab["country"] + "_" + tab["industry"]
    ours = pd.Series(tab["upstreamness"].to_numpy(), index=lab)
    ok = x > 0
    assert np.allclose(ours.loc[Z.index[ok]].to_numpy(), U[ok], rtol=1e-9)
    assert ours.loc[Z.index[~ok]].isna().all()
    assert pos.identities_hold()


def test_domestic_table_kaz(zx, raw):
    Z, nodes = raw
    k = [c for c in Z.columns if c.startswith("KAZ_")]
    t = domestic_table(zx, "KAZ")
    assert np.allclose(t.Z.to_numpy(), Z.loc[k, k].to_numpy(), rtol=0, atol=0)
    assert np.allclose(t.x.to_numpy(), nodes.loc[k, "gross_output"].to_numpy())
    imp = Z[k].to_numpy().sum(0) - Z.loc[k, k].to_numpy().sum(0)
    assert np.allclose(t.V.loc["imported_intermediates"].to_numpy(), imp, rtol=1e-12)


def test_zx_refuses_value_added_methods(zx):
    for f in (lambda: tiva_indicators(zx), lambda: bm_decomposition(zx), lambda: va_absorption(zx)):
        with pytest.raises(ValidationError, match="intermediate flows and output only"):
            f()


def test_domestic_table_feeds_the_io_family(zx, raw):
    # Type I output multipliers of Kazakhstan's domestic table = column sums of (I - A_KAZ,KAZ)^-1,
    # A computed here from the raw parquet with numpy
    from valuechain.leontief import multipliers

    Z, nodes = raw
    k = [c for c in Z.columns if c.startswith("KAZ_")]
    x = nodes.loc[k, "gross_output"].to_numpy()
    Zk = Z.loc[k, k].to_numpy()
    A = np.divide(Zk, x[None, :], out=np.zeros_like(Zk), where=x[None, :] > 0)
    L = np.linalg.inv(np.eye(len(k)) - A)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = multipliers(domestic_table(zx, "KAZ"))
    col = next(c for c in m.columns if "output" in c.lower())
    got = m[col].to_numpy(float)
    ok = x > 0
    assert np.allclose(got[ok], L.sum(0)[ok], rtol=1e-10)


def test_zx_parquet_is_read_into_one_read_only_array(zx, raw, tmp_path):
    """The Parquet fast path: the same numbers as pandas reads (the raw fixture), one float64 block,
    read-only (the table took the reader's array over), and the same table from a CSV copy."""
    Z, nodes = raw
    a = zx.Z.to_numpy()
    assert a.dtype == np.float64 and not a.flags.writeable
    assert np.array_equal(a, Z.loc[list(nodes.index), list(nodes.index)].to_numpy())
    with pytest.raises(ValueError, match="read-only"):
        zx.Z.iloc[0, 0] = 1.0
    # a small table in both layouts gives the same table
    labels = [f"{c}_{i}" for c in ("AAA", "BBB") for i in ("x", "y")]
    z = pd.DataFrame(np.arange(16.0).reshape(4, 4), index=labels, columns=labels)
    xs = z.sum(axis=1) * 2
    for fmt in ("csv", "parquet"):
        d = tmp_path / fmt
        d.mkdir()
        zf = z.rename_axis("row").reset_index()
        zf.to_csv(d / "Z.csv", index=False) if fmt == "csv" else zf.to_parquet(d / "Z.parquet", index=False)
        pd.DataFrame({"node": labels, "gross_output": xs.to_numpy()}).to_csv(d / "nodes.csv", index=False)
    tc = read_icio(tmp_path / "csv", format="zx")
    tp = read_icio(tmp_path / "parquet", format="zx")
    pd.testing.assert_frame_equal(tc.Z, tp.Z)
    pd.testing.assert_frame_equal(tc.Y, tp.Y)
    assert tc.Z.to_numpy().flags.writeable and not tp.Z.to_numpy().flags.writeable

