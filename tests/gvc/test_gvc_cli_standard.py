"""``valuechain gvc --terms standard`` on a table written in the OECD ICIO CSV layout.

Spain, China (processing splits CN1/CN2 kept inside CHN) and a NAFTA group must give the
brute-force values (tests/gvc/_bruteforce.py: domestic and extraction matrices re-inverted
in full, published sub-terms summed) to 2 decimals (checked to 1e-6 relative) for
Borin-Mancini source and sink, WWZ and the OECD accounting; ``--merge-splits`` gives the
values of the merged table, which differ.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from _bruteforce import arrays_of, brute_force
from test_standard import icio_like
from valuechain.cli import app

runner = CliRunner()


def write_oecd_csv(table, path) -> None:
    """The published OECD ICIO CSV layout: CTY_IND rows/columns, CTY_HFCE/CTY_GFCF, rows TLS, VA, OUT; column OUT."""
    rows = [f"{c}_{i}" for c, i in table.Z.index]
    fd = [f"{c}_{k}" for c, k in table.Y.columns]
    body = np.hstack([table.Z.to_numpy(), table.Y.to_numpy(), table.x.to_numpy()[:, None]])
    df = pd.DataFrame(body, index=rows, columns=rows + fd + ["OUT"])
    va = table.va.to_numpy()
    pad = np.zeros(len(fd) + 1)
    extra = pd.DataFrame([np.r_[0.1 * va, pad], np.r_[0.9 * va, pad], np.r_[table.x.to_numpy(), pad]],
                         index=["TLS", "VA", "OUT"], columns=df.columns)
    pd.concat([df, extra]).to_csv(path)


@pytest.fixture(scope="module")
def oecd_file(tmp_path_factory):
    t = icio_like(2024, empty_owner_blocks=True)  # CHN and MEX blocks empty, as published
    p = tmp_path_factory.mktemp("icio") / "ICIO2023_2020.csv"
    write_oecd_csv(t, p)
    return t, p


def _brute_of(table):
    Z, Y, x, va, econ_of_row, econ = arrays_of(table)
    units = {c: [econ.index(c)] for c in econ}
    units["NAFTA"] = [econ.index("MEX"), econ.index("USA")]
    return brute_force(Z, Y, x, va, econ_of_row, units)


@pytest.mark.parametrize("args,key", [
    (("--method", "bm"), "bm_source"),
    (("--method", "bm", "--approach", "sink"), "bm_sink"),
    (("--method", "wwz"), "wwz"),
    (("--method", "oecd"), "oecd"),
    (("--method", "kww"), "kww"),
    (("--method", "my"), "my"),
])
def test_cli_standard_terms_spain_china_nafta(oecd_file, tmp_path, args, key):
    t, p = oecd_file
    ref = _brute_of(t)[key]
    out = tmp_path / "s.csv"
    r = runner.invoke(app, ["gvc", str(p), *args, "--terms", "standard", "--groups", "NAFTA=MEX,USA", "-o", str(out)])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert df.columns[0] == "exporter"
    assert list(df["exporter"]) == ["ESP", "FRA", "MEX", "USA", "CHN", "ROW", "NAFTA"]
    got = df.set_index("exporter")
    for unit in ("ESP", "CHN", "NAFTA"):
        for term, val in ref[unit].items():
            assert round(got.loc[unit, term], 2) == round(val, 2), (unit, term)
            assert got.loc[unit, term] == pytest.approx(val, rel=1e-6), (unit, term)


def test_cli_merge_splits_gives_the_merged_table(oecd_file, tmp_path):
    t, p = oecd_file
    kept, merged = tmp_path / "k.csv", tmp_path / "m.csv"
    for o, extra in ((kept, ()), (merged, ("--merge-splits",))):
        r = runner.invoke(app, ["gvc", str(p), "--method", "bm", "--terms", "standard", *extra, "-o", str(o)])
        assert r.exit_code == 0, r.output
    k = pd.read_csv(kept).set_index("exporter")
    m = pd.read_csv(merged).set_index("exporter")
    ref = _brute_of(t.merge_splits())["bm_source"]
    for unit in ("ESP", "CHN"):
        for term, val in ref[unit].items():
            assert m.loc[unit, term] == pytest.approx(val, rel=1e-6), (unit, term)
    assert (m["flags"] == "splits merged by addition").all() and "flags" not in k.columns
    assert np.allclose(k["EXGR"], m["EXGR"], rtol=1e-9)  # the same flows ...
    assert abs(k.loc["ESP", "DC"] - m.loc["ESP", "DC"]) > 0.01  # ... two technologies aggregated into one


def test_cli_detailed_terms_on_a_split_table_keep_the_splits(oecd_file, tmp_path):
    t, p = oecd_file
    out = tmp_path / "t.csv"
    r = runner.invoke(app, ["gvc", str(p), "--method", "tiva", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "merged by addition" not in r.output
    df = pd.read_csv(out).set_index("exporter")
    assert "flags" not in df.columns and list(df.index) == ["ESP", "FRA", "MEX", "USA", "CHN", "ROW"]
    ref = _brute_of(t)["oecd"]  # TiVA's EXGR_DVA is the OECD accounting's DC, splits kept
    for unit in ("ESP", "CHN"):
        assert df.loc[unit, "EXGR_DVA"] == pytest.approx(ref[unit]["DC"], rel=1e-6)


@pytest.mark.parametrize("args,msg", [
    (("--method", "bm", "--terms", "standard", "--perspective", "world"), "standard terms"),
    (("--method", "oecd"), "not available"),
    (("--method", "bm", "--terms", "standard", "--groups", "NAFTA=MEX,XXX"), "not in the table"),
    (("--method", "bm", "--terms", "sideways"), "unknown"),
    (("--method", "bm", "--terms", "standard", "--groups", "NOSUCHGROUP"), "unknown country group"),
    (("--method", "bm", "--terms", "standard", "--groups", "</script>=MEX,USA"), "not allowed"),
    (("--method", "bm", "--terms", "standard", "--groups", "+HYPERLINK(1)=MEX,USA"), "not allowed"),
    (("--method", "oecd", "--terms", "standard", "--groups", "A\nB=MEX,USA"), "not allowed"),
    (("--method", "oecd", "--terms", "standard", "--groups", "'Q'=MEX,USA"), "not allowed"),
])
def test_cli_standard_bad_options(oecd_file, tmp_path, args, msg):
    _, p = oecd_file
    out = tmp_path / "x.csv"
    r = runner.invoke(app, ["gvc", str(p), *args, "-o", str(out)])
    assert r.exit_code == 2, r.output
    assert msg in r.output and "Traceback" not in r.output
    assert not out.exists()
